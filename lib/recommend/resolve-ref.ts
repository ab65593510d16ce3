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
  // A recommendation resolves the same few dozen references hundreds of times: each is made once per
  // book data and shared (reasons already share their references; nothing changes one afterwards).
  let cache = resolved.get(book);
  if (cache === undefined) resolved.set(book, (cache = new Map()));
  const key = 'why' in ref ? `${ref.section}\u0000${ref.why ?? ''}` : ref.section;
  let out = cache.get(key);
  if (out === undefined) cache.set(key, (out = { ...ref, url: bookRefUrl(ref, book) }));
  return out;
}

const resolved = new WeakMap<BookData, Map<string, ResolvedBookRef>>();
