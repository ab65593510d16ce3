import type { BookRef } from '../knowledge/schema';
import type { BookData } from '../knowledge/knowledge-base';
import type { ResolvedBookRef } from './types';

/**
 * Resolve a book reference to a URL: first by section number in `book.sections`, then by chapter
 * number in `book.chapters`. Small local resolver; swap for the lib/knowledge one when it lands.
 *
 * @param ref - the reference ("9.3.6", "8", "A.3")
 * @param book - the book link data from the knowledge base
 * @returns the reference with `url`, or `url: null` when the number is in neither list
 */
export function bookRefUrl(ref: BookRef, book: BookData): ResolvedBookRef {
  const section = book.sections.find((s) => s.number === ref.section);
  if (section) return { ...ref, url: section.url };
  const chapter = book.chapters.find((c) => c.number === ref.section);
  return { ...ref, url: chapter ? chapter.url : null };
}
