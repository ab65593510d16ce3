// Server-side access to the knowledge base for pages (read from disk at build time, cached).
import { createGlossaryMatcher, type GlossaryMatcher } from '@/lib/knowledge/glossary-linker';
import { offlineSectionPath, resolveBookRef, type BookRef, type KnowledgeBase, type OfflineBook, type ResolvedBookRef } from '@/lib/knowledge';
import { loadKnowledgeBase, loadOfflineBook } from '@/lib/knowledge/server';

export function getKb(): KnowledgeBase {
  return loadKnowledgeBase();
}

let matcher: GlossaryMatcher | undefined;
export function getGlossaryMatcher(): GlossaryMatcher {
  matcher ??= createGlossaryMatcher(getKb().glossary);
  return matcher;
}

/**
 * A book section title as a heading: some of the book's run-in headings end in a colon
 * ("Questions about your input data:"), which reads wrongly as link text or a title.
 */
export function sectionTitle(title: string): string {
  return title.replace(/\s*:\s*$/, '');
}

export function resolveRef(ref: BookRef): ResolvedBookRef | null {
  const r = resolveBookRef(ref, getKb().book);
  return r && r.title ? { ...r, title: sectionTitle(r.title) } : r;
}

export function getOfflineBook(): OfflineBook {
  return loadOfflineBook();
}

/** The site path of the offline copy of a book section, or null when there is none. */
export function offlineHref(number: string): string | null {
  return getOfflineBook().sections.some((s) => s.number === number) ? offlineSectionPath(number) : null;
}
