import type { BookData } from './knowledge-base';
import type { BookRef } from './schema';

/** A book reference resolved to something a reader can click. */
export interface ResolvedBookRef {
  /** "8.5", "A.3.2", or a chapter number such as "10". */
  number: string;
  title: string;
  url: string;
  /** "Chapter 9" or "Appendix A" — for labels such as "§9.3.6 in Chapter 9". */
  chapterLabel: string;
}

/**
 * Resolve a {@link BookRef} against the book's link data: first as a section number, then as a
 * chapter number. Returns null when the number is in neither (the content check reports those).
 */
export function resolveBookRef(ref: BookRef, book: BookData): ResolvedBookRef | null {
  const { sections, chapters } = indexOf(book);
  const section = sections.get(ref.section);
  if (section) {
    const chapterNumber = section.number.split('.')[0] ?? section.number;
    return { number: section.number, title: section.title, url: section.url, chapterLabel: chapterLabel(chapterNumber) };
  }
  const chapter = chapters.get(ref.section);
  if (chapter) return { number: chapter.number, title: chapter.title, url: chapter.url, chapterLabel: chapterLabel(chapter.number) };
  return null;
}

type Section = BookData['sections'][number];
type Chapter = BookData['chapters'][number];
/** Sections and chapters by number, built once per book data (a recommendation resolves hundreds of references). */
const indexes = new WeakMap<BookData, { sections: Map<string, Section>; chapters: Map<string, Chapter> }>();
function indexOf(book: BookData): { sections: Map<string, Section>; chapters: Map<string, Chapter> } {
  let index = indexes.get(book);
  if (index === undefined) {
    // The first entry with a number wins, as `find` did.
    const sections = new Map<string, Section>();
    for (const s of book.sections) if (!sections.has(s.number)) sections.set(s.number, s);
    const chapters = new Map<string, Chapter>();
    for (const c of book.chapters) if (!chapters.has(c.number)) chapters.set(c.number, c);
    index = { sections, chapters };
    indexes.set(book, index);
  }
  return index;
}

/** The URL of a book reference, or the book's home page if it does not resolve. */
export function bookRefUrl(ref: BookRef, book: BookData): string {
  return resolveBookRef(ref, book)?.url ?? book.meta.url;
}

/** The book glossary URL of a term anchor, or null when the anchor is not on the glossary page. */
export function bookGlossaryUrl(anchor: string, book: BookData): string | null {
  return book.glossary.find((g) => g.slug === anchor)?.url ?? null;
}

function chapterLabel(number: string): string {
  if (/^[A-Z]$/.test(number)) return `Appendix ${number}`;
  if (/^\d+$/.test(number)) return `Chapter ${number}`;
  return number;
}
