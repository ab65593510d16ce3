// Build the offline copy of the book sections this site cites (npx tsx scripts/make-offline-book.ts).
//
// Reads a draft text of the book (PDF-to-text; default /work/shared/reference/book-draft.txt, or
// --draft PATH), extracts every section of chapters 6, 8, 9 and appendix A listed in
// knowledge/book/sections.json, cleans PDF artefacts, drops figure captions (some figures are
// third-party material), and writes knowledge/book/offline/book.json atomically. The site reads only
// that committed JSON: the draft is not needed at run time. Cited references that get no offline text
// (chapters outside 6, 8, 9 and A) are listed under `missing` with the reason.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { collectBookCitations } from '../lib/knowledge/book-map';
import { bsd3Text, extractSections, OFFLINE_CHAPTERS, OfflineBookSchema, offlineChapterOf, type HeadingInput, type OfflineBook } from '../lib/knowledge/offline-book';
import { loadKnowledgeBase } from '../lib/knowledge/server';
import { recommendSectionRefs } from './recommend-section-refs';

const ROOT = process.cwd();
const OUT = path.join(ROOT, 'knowledge/book/offline/book.json');

function fail(message: string): never {
  console.error(`make-offline-book: ${message}`);
  process.exit(1);
}

const { values } = parseArgs({ options: { draft: { type: 'string', default: '/work/shared/reference/book-draft.txt' } } });
const draftPath = values.draft!;
if (!existsSync(draftPath)) fail(`draft text not found at ${draftPath}; pass --draft PATH to the book's PDF-to-text draft`);
const draft = readFileSync(draftPath, 'utf8');

const kb = loadKnowledgeBase(ROOT);
const headings: HeadingInput[] = kb.book.sections
  .filter((s) => (OFFLINE_CHAPTERS as readonly string[]).includes(offlineChapterOf(s.number)))
  .map((s) => ({ number: s.number, title: s.title, level: s.level, url: s.url }));
const { sections, notFound } = extractSections(draft, headings);

// Everything the site cites: knowledge/ entries and the scoring rules of lib/recommend.
const cited = new Set([...collectBookCitations(kb).map((c) => c.ref.section), ...recommendSectionRefs(ROOT)]);
const have = new Set(sections.map((s) => s.number));
const missing = [...cited]
  .filter((n) => !have.has(n))
  .sort()
  .map((n) => {
    const nf = notFound.find((x) => x.section === n);
    if (nf) return { section: n, reason: nf.reason };
    const chapter = kb.book.chapters.find((c) => c.number === offlineChapterOf(n));
    return {
      section: n,
      reason: chapter
        ? `chapter ${chapter.number} (${chapter.title}) is outside the chapters the offline copy covers (${OFFLINE_CHAPTERS.join(', ')}); and the draft has only a placeholder or an outline of it; read it online`
        : `"${n}" is not a chapter or section of the book`,
    };
  });

const holder = 'the authors and editors of AI in Microscopy: A BioImaging Guide (Teng-Leong Chew, Rachel Lee, Owen Puls, eds.), HHMI Janelia Research Campus';
const book: OfflineBook = {
  version: 1,
  generatedBy: 'scripts/make-offline-book.ts',
  source: `a draft text of the book (${path.basename(draftPath)}, PDF-to-text); the published version may differ`,
  book: { title: kb.book.meta.title, url: kb.book.meta.url, source: kb.book.meta.source },
  licence: {
    spdx: 'BSD-3-Clause',
    attribution: `Text from ${kb.book.meta.title}, edited by Teng-Leong Chew, Rachel Lee and Owen Puls, HHMI Janelia (${kb.book.meta.url}), under the BSD-3-Clause licence. Figures are not included: some are third-party material.`,
    text: bsd3Text(holder),
  },
  chapters: [...OFFLINE_CHAPTERS],
  sections,
  missing,
};
const parsed = OfflineBookSchema.safeParse(book);
if (!parsed.success) fail(`the extracted book does not match its schema: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);

mkdirSync(path.dirname(OUT), { recursive: true });
const tmp = `${OUT}.${process.pid}.tmp`;
writeFileSync(tmp, `${JSON.stringify(book, null, 1)}\n`);
renameSync(tmp, OUT);

const empty = sections.filter((s) => s.blocks.length === 0).map((s) => s.number);
console.log(`make-offline-book: ${sections.length} sections, ${sections.reduce((n, s) => n + s.figuresOmitted, 0)} figure captions dropped → ${path.relative(ROOT, OUT)}`);
if (empty.length > 0) console.log(`  heading-only sections (their page shows the subsections): ${empty.join(', ')}`);
if (notFound.length > 0) console.log(`  not found in the draft: ${notFound.map((n) => n.section).join(', ')}`);
if (missing.length > 0) console.log(`  cited but not offline: ${missing.map((m) => m.section).join(', ')}`);
