import { z } from 'zod';

/**
 * The offline copy of the book sections this site cites (chapters 6, 8, 9 and appendix A), extracted
 * from a draft text of the book by `scripts/make-offline-book.ts` into
 * `knowledge/book/offline/book.json`. The book's text is BSD-3-Clause; figures and their captions are
 * left out (some are third-party material), and every page shows the licence and the online link.
 */

export const OfflineBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('p'), text: z.string().min(1) }).strict(),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(z.string().min(1)).min(1) }).strict(),
  z.object({ type: z.literal('code'), text: z.string().min(1) }).strict(),
  /** A table of the draft (tab-separated): one header row and its data rows. */
  z.object({ type: z.literal('table'), header: z.array(z.string()), rows: z.array(z.array(z.string())).min(1) }).strict(),
]);
export type OfflineBlock = z.infer<typeof OfflineBlockSchema>;

export const OfflineSectionSchema = z
  .object({
    number: z.string().min(1),
    title: z.string(),
    level: z.number().int().min(1),
    url: z.string().url(),
    /** The section's own text, up to its first subsection. */
    blocks: z.array(OfflineBlockSchema),
    /** Figure captions dropped from the section's own text. */
    figuresOmitted: z.number().int().min(0),
  })
  .strict();
export type OfflineSection = z.infer<typeof OfflineSectionSchema>;

export const OfflineBookSchema = z
  .object({
    version: z.literal(1),
    generatedBy: z.string(),
    source: z.string(),
    book: z.object({ title: z.string(), url: z.string().url(), source: z.string().url() }).strict(),
    licence: z.object({ spdx: z.literal('BSD-3-Clause'), attribution: z.string().min(1), text: z.string().min(1) }).strict(),
    chapters: z.array(z.string()),
    sections: z.array(OfflineSectionSchema),
    /** Cited references that have no offline text, each with the reason. */
    missing: z.array(z.object({ section: z.string(), reason: z.string().min(1) }).strict()),
  })
  .strict();
export type OfflineBook = z.infer<typeof OfflineBookSchema>;

/** The chapters the offline copy covers: the ones this site builds on. */
export const OFFLINE_CHAPTERS = ['6', '8', '9', 'A'] as const;

/** A figure (or table) caption block of the draft: "Figure 6.1: …", "**Figure A.2:** …". */
export const FIGURE_CAPTION = /^\s*\**\s*(?:Figure|Fig\.)\s+([0-9A-Z]+(?:\.\d+)?)\s*[:.]|^\s*Figure adapted from\b/;

/** The licence text of the book (BSD-3-Clause), shown on every offline page. */
export function bsd3Text(holder: string): string {
  return [
    `Copyright (c) ${holder}. All rights reserved.`,
    'Redistribution and use in source and binary forms, with or without modification, are permitted provided that the following conditions are met:',
    '1. Redistributions of source code must retain the above copyright notice, this list of conditions and the following disclaimer.',
    '2. Redistributions in binary form must reproduce the above copyright notice, this list of conditions and the following disclaimer in the documentation and/or other materials provided with the distribution.',
    '3. Neither the name of the copyright holder nor the names of its contributors may be used to endorse or promote products derived from this software without specific prior written permission.',
    'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.',
  ].join('\n\n');
}

/** The chapter a section number belongs to ("9.3.6" → "9", "A.2" → "A"). */
export function offlineChapterOf(number: string): string {
  return number.split('.')[0] ?? number;
}

/** The site path of a section's offline page. */
export function offlineSectionPath(number: string): string {
  return `/book/offline/${encodeURIComponent(number)}`;
}

/** The section and its descendants, in book order (a page shows the section with all its subsections). */
export function offlineSubtree(book: Pick<OfflineBook, 'sections'>, number: string): OfflineSection[] {
  return book.sections.filter((s) => s.number === number || s.number.startsWith(`${number}.`));
}

/** The ancestors of a section, outermost first ("9.3.6" → 9, 9.3). */
export function offlineAncestors(book: Pick<OfflineBook, 'sections'>, number: string): OfflineSection[] {
  const parts = number.split('.');
  const out: OfflineSection[] = [];
  for (let i = 1; i < parts.length; i++) {
    const s = book.sections.find((x) => x.number === parts.slice(0, i).join('.'));
    if (s) out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Extraction from the draft text (used by scripts/make-offline-book.ts; pure, so it is testable).

/** A section heading as listed in knowledge/book/sections.json. */
export interface HeadingInput {
  number: string;
  title: string;
  level: number;
  url: string;
}

const alnum = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Whether a draft line is the body heading of a section (not a table-of-contents line, not prose). */
function isHeadingLine(line: string, h: HeadingInput): boolean {
  if (line.includes('\t') || line.length > 160) return false;
  const t = line.trim();
  if (!t.startsWith(`${h.number} `)) return false;
  const rest = alnum(t.slice(h.number.length + 1));
  const title = alnum(h.title);
  if (h.level === 1) return rest.endsWith(title) || rest.startsWith(title);
  return rest.startsWith(title.slice(0, 12));
}

/** A line that starts another chapter or a back-matter part: the end of the last section of a chapter. */
function isChapterEnd(line: string, chapter: string): boolean {
  if (line.includes('\t') || line.length > 120) return false;
  const t = line.trim();
  if (/^Part [IVX]+$/.test(t) || /^(References|Bibliography|Glossary)$/.test(t)) return true;
  const m = /^(\d{1,2}|[A-Z]) [A-Z0-9“"]/.exec(t);
  return m !== null && m[1] !== chapter && !/[.!?]$/.test(t);
}

/** Fix PDF-to-text artefacts inside a line of prose. */
export function cleanInline(text: string): string {
  return text
    .replace(/ﬁ/g, 'fi')
    .replace(/ﬂ/g, 'fl')
    .replace(/ﬀ/g, 'ff')
    .replace(/ﬃ/g, 'ffi')
    .replace(/ﬄ/g, 'ffl')
    .replace(/Biolmaging/g, 'BioImaging')
    .replace(/<\/?(?:i|b|em|strong|sup|sub|br)\s*\/?>/g, '')
    .replace(/\[\?@sec-([\w.-]+)\]\(#[^)]*\)/g, (_, id: string) => (/^\d+$/.test(id) ? `Chapter ${id}` : `section ${id}`))
    .replace(/\[([^\]]+)\]\(#[^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, '$1 ($2)')
    .replace(/<(https?:[^>\s]+)>/g, '$1')
    .replace(/\\([[\]_*#])/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/[ \u00a0]{2,}/g, ' ')
    .trim();
}

const LIST_ITEM = /^\s*(?:[-*•]|\d+\.)\s+/;
const ORDERED_ITEM = /^\s*\d+\.\s+/;

/**
 * Turn the draft lines of one section (between its heading and the next) into clean blocks:
 * paragraphs re-joined across page breaks (with end-of-line hyphenation undone), lists, code, and no
 * figure captions, page numbers or running headers.
 */
export function linesToBlocks(lines: readonly string[]): { blocks: OfflineBlock[]; figuresOmitted: number } {
  // 1. raw blocks separated by blank lines; fenced code kept whole.
  const raw: { kind: 'text' | 'code'; lines: string[] }[] = [];
  let cur: string[] = [];
  const flush = () => {
    if (cur.length > 0) raw.push({ kind: 'text', lines: cur });
    cur = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]!); i++) code.push(lines[i]!.replace(/\s+$/, ''));
      if (code.some((l) => l.trim())) raw.push({ kind: 'code', lines: code });
      continue;
    }
    const t = line.trim();
    if (t === '' || /^\d{1,3}$/.test(t) || /^(CHAPTER|Chapter) \d+\.\s+[A-Z][A-Z ,:'-]+$/.test(t) || /^Part [IVX]+$/.test(t)) {
      flush();
      continue;
    }
    cur.push(line);
  }
  flush();

  // 2. classify, drop captions, merge paragraphs broken by a page break.
  const blocks: OfflineBlock[] = [];
  let figuresOmitted = 0;
  let droppingCaption = false;
  for (let bi = 0; bi < raw.length; bi++) {
    const b = raw[bi]!;
    if (b.kind === 'code') {
      blocks.push({ type: 'code', text: b.lines.join('\n') });
      droppingCaption = false;
      continue;
    }
    const first = b.lines[0]!.trim();
    const caption = FIGURE_CAPTION.exec(first);
    if (caption) {
      figuresOmitted++;
      // Text drawn inside the figure (short label lines without a full stop) precedes its caption.
      for (let last = blocks[blocks.length - 1]; last?.type === 'p' && last.text.length < 120 && !/[.!?:;]["”’)]?$/.test(last.text); last = blocks[blocks.length - 1]) blocks.pop();
      // A figure drawn as text ("Figure 1: title", its labels, then "Figure 1. caption"): drop it all.
      const id = caption[1];
      if (id) {
        const again = raw.findIndex((r, j) => j > bi && j <= bi + 12 && r.kind === 'text' && FIGURE_CAPTION.exec(r.lines[0]!.trim())?.[1] === id);
        if (again > bi) bi = again;
      }
      droppingCaption = !/[.!?)]$/.test(b.lines[b.lines.length - 1]!.trim());
      continue;
    }
    // A caption split by a page break continues in lower case: drop its tail too.
    if (droppingCaption && /^[a-z(]/.test(first)) {
      droppingCaption = !/[.!?)]$/.test(b.lines[b.lines.length - 1]!.trim());
      continue;
    }
    droppingCaption = false;
    if (b.lines.some((l) => l.includes('\t'))) {
      const cells = b.lines.map((l) => l.split('\t').map(cleanInline));
      const [header, ...rows] = cells;
      if (header && rows.length > 0) blocks.push({ type: 'table', header, rows });
      else if (header) blocks.push({ type: 'p', text: header.join(' ') });
      continue;
    }
    if (LIST_ITEM.test(b.lines[0]!)) {
      const items: string[] = [];
      for (const l of b.lines) {
        if (LIST_ITEM.test(l)) items.push(l.replace(LIST_ITEM, ''));
        else if (items.length > 0) items[items.length - 1] += ` ${l.trim()}`;
      }
      const clean = items.map(cleanInline).filter(Boolean);
      if (clean.length > 0) blocks.push({ type: 'list', ordered: ORDERED_ITEM.test(b.lines[0]!), items: clean });
      continue;
    }
    const text = cleanInline(b.lines.map((l) => l.trim()).join(' '));
    if (!text) continue;
    const prev = blocks[blocks.length - 1];
    const continues = /^[a-z]/.test(text);
    // A paragraph cut by a page break (or by a caption in between) goes on in the next block.
    if (prev && prev.type === 'p' && !/[.!?:]["”’)]?$/.test(prev.text) && (continues || prev.text.length > 200)) {
      prev.text = /[a-z]-$/.test(prev.text) ? prev.text.slice(0, -1) + text : `${prev.text} ${text}`;
      continue;
    }
    if (prev && continues && prev.type === 'list' && !/[.!?]["”’)]?$/.test(prev.items[prev.items.length - 1]!)) {
      const last = prev.items.length - 1;
      const item = prev.items[last]!;
      prev.items[last] = /[a-z]-$/.test(item) ? item.slice(0, -1) + text : `${item} ${text}`;
      continue;
    }
    blocks.push({ type: 'p', text });
  }
  return { blocks, figuresOmitted };
}

/**
 * Extract the sections of the given chapters from the draft text.
 * @param draft the draft's full text
 * @param headings per chapter, its sections in book order (chapter heading first)
 * @returns the sections found, and the headings that could not be located (with the reason)
 */
export function extractSections(
  draft: string,
  headings: readonly HeadingInput[],
): { sections: OfflineSection[]; notFound: { section: string; reason: string }[] } {
  const lines = draft.replace(/\r\n?/g, '\n').split('\n');
  const located: { h: HeadingInput; line: number }[] = [];
  const notFound: { section: string; reason: string }[] = [];
  let cursor = 0;
  for (const h of headings) {
    const from = h.level === 1 ? 0 : cursor;
    let at = -1;
    for (let i = from; i < lines.length; i++) {
      if (isHeadingLine(lines[i]!, h)) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      notFound.push({ section: h.number, reason: `heading "${h.number} ${h.title}" not found in the draft text` });
      continue;
    }
    located.push({ h, line: at });
    cursor = at + 1;
  }
  const sections: OfflineSection[] = [];
  located.forEach(({ h, line }, i) => {
    const chapter = offlineChapterOf(h.number);
    const next = located[i + 1];
    let end = next && offlineChapterOf(next.h.number) === chapter && next.line > line ? next.line : lines.length;
    for (let j = line + 1; j < end; j++) {
      if (isChapterEnd(lines[j]!, chapter)) {
        end = j;
        break;
      }
    }
    const { blocks, figuresOmitted } = linesToBlocks(lines.slice(line + 1, end));
    sections.push({ number: h.number, title: h.title.replace(/\s*:\s*$/, ''), level: h.level, url: h.url, blocks, figuresOmitted });
  });
  return { sections, notFound };
}
