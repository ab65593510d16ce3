import type { BookData } from '../knowledge/knowledge-base';
import { bookRefUrl } from '../knowledge/book-refs';
import type { BookRef } from '../knowledge/schema';
import type { ResolvedBookRef } from './types';

/**
 * Attach the book URL to a reference (through lib/knowledge's `bookRefUrl`, which falls back to the
 * book's home page for an unknown number; `npm run check:content` reports those).
 *
 * @param ref - the reference ("9.3.6", "8", "A")
 * @param book - the book link data from the knowledge base
 * @returns the reference with its `url`
 */
export function resolveRef(ref: BookRef, book: BookData): ResolvedBookRef {
  return { ...ref, url: bookRefUrl(ref, book) };
}
