// Server-side access to the knowledge base for pages (read from disk at build time, cached).
import { createGlossaryMatcher, type GlossaryMatcher } from '@/lib/knowledge/glossary-linker';
import { resolveBookRef, type BookRef, type KnowledgeBase, type ResolvedBookRef } from '@/lib/knowledge';
import { loadKnowledgeBase } from '@/lib/knowledge/server';

export function getKb(): KnowledgeBase {
  return loadKnowledgeBase();
}

let matcher: GlossaryMatcher | undefined;
export function getGlossaryMatcher(): GlossaryMatcher {
  matcher ??= createGlossaryMatcher(getKb().glossary);
  return matcher;
}

export function resolveRef(ref: BookRef): ResolvedBookRef | null {
  return resolveBookRef(ref, getKb().book);
}
