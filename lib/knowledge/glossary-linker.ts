import type { GlossaryTerm } from './schema';

/** A run of prose: plain text, or text that names a glossary term. */
export type LinkedSegment = { text: string; termId?: undefined } | { text: string; termId: string };

export interface GlossaryMatcher {
  /** Split prose into segments, linking the first mention of each term (later mentions stay plain). */
  link(text: string, alreadyLinked?: Set<string>): LinkedSegment[];
}

/**
 * Build a matcher for glossary terms and their aliases. Longer names win ("instance segmentation"
 * before "segmentation"); matches are case-insensitive on word boundaries; acronyms of up to four
 * letters (IoU, PSF) match only with their own capitalisation, so "psf" in a URL or "map" in prose
 * does not turn into a link.
 */
export function createGlossaryMatcher(terms: readonly Pick<GlossaryTerm, 'id' | 'term' | 'aliases'>[]): GlossaryMatcher {
  const names = new Map<string, { id: string; caseSensitive: boolean; name: string }>();
  for (const t of terms) {
    for (const name of [t.term, ...t.aliases]) {
      const clean = name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
      for (const variant of new Set([name.trim(), clean])) {
        if (variant.length < 2) continue;
        const caseSensitive = variant.length <= 4 && /[A-Z]/.test(variant);
        const key = caseSensitive ? variant : variant.toLowerCase();
        if (!names.has(key)) names.set(key, { id: t.id, caseSensitive, name: variant });
      }
    }
  }
  const sorted = [...names.values()].sort((a, b) => b.name.length - a.name.length);
  if (sorted.length === 0) return { link: (text) => [{ text }] };
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\w-])(${sorted.map((n) => escape(n.name)).join('|')})(?![\\w-])`, 'gi');

  return {
    link(text, alreadyLinked = new Set()) {
      const out: LinkedSegment[] = [];
      let last = 0;
      for (const match of text.matchAll(pattern)) {
        const found = match[0];
        const entry = names.get(found.toLowerCase()) ?? names.get(found);
        const exact = names.get(found);
        const hit = exact?.caseSensitive ? exact : entry && !entry.caseSensitive ? entry : undefined;
        if (!hit || alreadyLinked.has(hit.id)) continue;
        alreadyLinked.add(hit.id);
        if (match.index > last) out.push({ text: text.slice(last, match.index) });
        out.push({ text: found, termId: hit.id });
        last = match.index + found.length;
      }
      if (last < text.length) out.push({ text: text.slice(last) });
      return out;
    },
  };
}
