// The committed offline copy of the book (knowledge/book/offline/book.json) covers every section the
// site cites — in knowledge/ and in the scoring rules of lib/recommend — or lists it as missing with a
// reason, and carries no figure caption.
import { describe, expect, it } from 'vitest';

import { collectBookCitations, FIGURE_CAPTION } from '@/lib/knowledge';
import { loadKnowledgeBase, loadOfflineBook } from '@/lib/knowledge/server';

import { recommendSectionRefs } from '../../scripts/recommend-section-refs';

describe('offline book', () => {
  const kb = loadKnowledgeBase();
  const book = loadOfflineBook();
  const offline = new Set(book.sections.map((s) => s.number));
  const cited = new Set([...collectBookCitations(kb).map((c) => c.ref.section), ...recommendSectionRefs()]);

  it('has an entry for every cited section, or lists it as missing with a reason', () => {
    expect(cited.size).toBeGreaterThan(50);
    const uncovered = [...cited].filter((n) => !offline.has(n) && !book.missing.some((m) => m.section === n && m.reason.length > 10));
    expect(uncovered).toEqual([]);
    // "missing" lists only what really has no entry.
    expect(book.missing.filter((m) => offline.has(m.section))).toEqual([]);
  });

  it('reads the recommend rules as well as knowledge/', () => {
    expect(recommendSectionRefs()).toContain('9.2.2');
  });

  it('gives every cited section some text of its own, of its subsections, or of its parent', () => {
    const withText = (n: string) => book.sections.some((s) => (s.number === n || s.number.startsWith(`${n}.`)) && s.blocks.length > 0);
    const parentOf = (n: string) => n.split('.').slice(0, -1).join('.');
    const bare = [...cited].filter((n) => offline.has(n) && !withText(n) && !withText(parentOf(n)));
    expect(bare).toEqual([]);
  });

  it('contains no figure caption and no leftover PDF artefacts', () => {
    const texts = book.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'p' || b.type === 'code' ? [b.text] : b.type === 'list' ? b.items : [...b.header, ...b.rows.flat()])));
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.filter((t) => FIGURE_CAPTION.test(t))).toEqual([]);
    expect(texts.filter((t) => /Biolmaging|\]\(#|\*\*|[ﬁﬂ]|<\/?i>/.test(t))).toEqual([]);
    expect(book.sections.reduce((n, s) => n + s.figuresOmitted, 0)).toBeGreaterThanOrEqual(35);
  });

  it('carries the BSD-3-Clause licence text and attribution', () => {
    expect(book.licence.text).toMatch(/Redistribution and use in source and binary forms/);
    expect(book.licence.text).toMatch(/DISCLAIMED/);
    expect(book.licence.attribution).toMatch(/BSD-3-Clause/);
  });

  it('matches the titles and URLs of knowledge/book/sections.json', () => {
    for (const s of book.sections) {
      const ref = kb.book.sections.find((x) => x.number === s.number);
      expect(ref?.url, s.number).toBe(s.url);
    }
  });
});
