import type { BookData, KnowledgeBase } from './knowledge-base';
import type { BookChapter, BookRef, BookSection } from './schema';

/**
 * The book map: for every chapter and section of the book, the pages of this site that cite it.
 * Built from the `bookRefs` of every entity (tools, method categories, restoration methods,
 * glossary terms, wizard questions and their sections, decision trees and their nodes, case
 * studies), so it can never disagree with the pages themselves.
 */

/** The kinds of site page that can cite the book, in the order the book map lists them. */
export const CITING_TYPES = ['tool', 'category', 'restoration-method', 'glossary', 'question', 'tree', 'case-study'] as const;
export type CitingType = (typeof CITING_TYPES)[number];

/** One page of this site that cites a book section. */
export interface BookCitation {
  type: CitingType;
  id: string;
  title: string;
  /** Site path of the citing page. */
  url: string;
  /** What the section supports there, when the entry says (several refs from one page are joined). */
  why?: string;
}

/** One book section and the pages citing it. */
export interface BookMapSection {
  section: BookSection & { page: string };
  citations: BookCitation[];
}

/** One chapter: pages citing it as a whole, and its sections. */
export interface BookMapChapter {
  chapter: BookChapter;
  /** Pages citing the chapter as a whole ("10"). */
  citations: BookCitation[];
  /** The chapter's sections in book order (only chapters 6, 8, 9 and appendix A have them). */
  sections: BookMapSection[];
}

/** The result of {@link buildBookMap}. */
export interface BookMap {
  chapters: BookMapChapter[];
  /** References whose number is neither a section nor a chapter (the content check flags them too). */
  unresolved: { section: string; citations: BookCitation[] }[];
}

/**
 * Every (reference, citing page) pair in the knowledge base.
 * @param kb the validated knowledge base
 * @returns one pair per book reference, in entity order
 */
export function collectBookCitations(kb: KnowledgeBase): { ref: BookRef; citation: Omit<BookCitation, 'why'> }[] {
  const out: { ref: BookRef; citation: Omit<BookCitation, 'why'> }[] = [];
  const add = (refs: readonly BookRef[], citation: Omit<BookCitation, 'why'>) => {
    for (const ref of refs) out.push({ ref, citation });
  };
  for (const t of kb.tools) add(t.bookRefs, { type: 'tool', id: t.id, title: t.name, url: `/tools/${t.id}` });
  for (const c of kb.categories) add(c.bookRefs, { type: 'category', id: c.id, title: c.name, url: `/methods/${c.id}` });
  for (const m of kb.restorationMethods) add(m.bookRefs, { type: 'restoration-method', id: m.id, title: m.name, url: `/restoration/${m.id}` });
  for (const g of kb.glossary) add(g.bookRefs, { type: 'glossary', id: g.id, title: g.term, url: `/glossary/${g.id}` });
  for (const s of kb.questions.sections) add(s.bookRefs, { type: 'question', id: `section-${s.id}`, title: `Wizard: ${s.title}`, url: '/wizard' });
  for (const q of kb.questions.questions) add(q.bookRefs, { type: 'question', id: q.id, title: `Wizard question: ${q.text}`, url: '/wizard' });
  for (const t of kb.trees) {
    const citation = { type: 'tree' as const, id: t.id, title: t.title, url: `/trees/${t.id}` };
    add(t.bookRefs, citation);
    add(
      t.nodes.map((n) => n.bookRef),
      citation,
    );
  }
  for (const c of kb.caseStudies) add(c.bookRefs, { type: 'case-study', id: c.id, title: c.title, url: `/wizard/presets#${c.id}` });
  return out;
}

const TYPE_ORDER: Record<CitingType, number> = { tool: 0, category: 1, 'restoration-method': 2, tree: 3, 'case-study': 4, question: 5, glossary: 6 };

function chapterOf(number: string, book: BookData): string | null {
  const head = number.split('.')[0] ?? number;
  return book.chapters.some((c) => c.number === head) ? head : null;
}

/**
 * Build the book map. Citations of one section are deduplicated per page (one page citing a section
 * twice appears once, its reasons joined) and sorted by type, then title.
 * @param kb the validated knowledge base
 * @returns chapters in book order with their sections and citing pages
 */
export function buildBookMap(kb: KnowledgeBase): BookMap {
  const bySection = new Map<string, Map<string, BookCitation>>();
  for (const { ref, citation } of collectBookCitations(kb)) {
    const key = `${citation.type}:${citation.id}`;
    const list = bySection.get(ref.section) ?? new Map<string, BookCitation>();
    bySection.set(ref.section, list);
    const existing = list.get(key);
    if (!existing) list.set(key, ref.why ? { ...citation, why: ref.why } : { ...citation });
    else if (ref.why && existing.why !== ref.why && !existing.why?.split('; ').includes(ref.why)) existing.why = existing.why ? `${existing.why}; ${ref.why}` : ref.why;
  }
  const sorted = (number: string): BookCitation[] =>
    [...(bySection.get(number)?.values() ?? [])].sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));

  const sectionNumbers = new Set(kb.book.sections.map((s) => s.number));
  const chapters: BookMapChapter[] = kb.book.chapters.map((chapter) => ({
    chapter,
    // A number that is both a section and a chapter ("6") is shown as the section, as resolveBookRef does.
    citations: sectionNumbers.has(chapter.number) ? [] : sorted(chapter.number),
    sections: kb.book.sections.filter((s) => chapterOf(s.number, kb.book) === chapter.number).map((section) => ({ section, citations: sorted(section.number) })),
  }));
  const known = new Set([...sectionNumbers, ...kb.book.chapters.map((c) => c.number)]);
  const unresolved = [...bySection.keys()]
    .filter((n) => !known.has(n))
    .sort()
    .map((section) => ({ section, citations: sorted(section) }));
  return { chapters, unresolved };
}
