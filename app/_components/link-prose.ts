import { getGlossaryMatcher, getKb } from './kb';
import type { ProseSegment } from './term-anchor';

/**
 * Split prose into segments with glossary terms resolved, on the server, so client components can
 * render linked prose without shipping the glossary. `linked` shares first-mention state.
 */
export function linkProse(text: string, linked: Set<string> = new Set()): ProseSegment[] {
  const glossary = getKb().glossary;
  return getGlossaryMatcher()
    .link(text, linked)
    .map((s) => {
      const term = s.termId ? glossary.find((g) => g.id === s.termId) : undefined;
      return term ? { text: s.text, term: { id: term.id, short: term.short } } : { text: s.text };
    });
}
