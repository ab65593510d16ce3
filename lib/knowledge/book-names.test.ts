import { existsSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { loadKnowledgeBase } from './server';

/**
 * A tool may cite the book only if the book names it (issue 9: five tools carried book references
 * although the book never mentions them). Checked against the shared book draft when it is there
 * (`/work/shared/reference/book-draft.txt`, outside the repository); skipped elsewhere.
 */
const DRAFT = '/work/shared/reference/book-draft.txt';

/** How the draft spells a tool when neither its name, its first word nor an alias matches. */
const SPELLED_IN_BOOK: Readonly<Record<string, string>> = {
  'deltavision-deconvolution': 'DeltaVison', // sic, the draft's spelling
  'micro-sam': 'μ SAM',
  'image-sc-forum': 'image.sc',
  'google-colab': 'Colab',
  'rcan-3d': 'RCAN',
  bbbc: 'Broad Bioimage Benchmark Collection',
  unet: 'U-Net',
  tensorflow: 'TensorFlow',
  puredenoise: 'PURE-LET', // the plugin's algorithm, by the same authors
  rln: 'Richardson-Lucy Network (RLN)',
};
/** Tools cited for chapters the draft does not contain yet. */
const CHAPTERS_NOT_IN_DRAFT = new Set(['4']);

describe.skipIf(!existsSync(DRAFT))('book references only for tools the book names', () => {
  const kb = loadKnowledgeBase();
  const draft = existsSync(DRAFT) ? readFileSync(DRAFT, 'utf8') : '';
  const cited = kb.tools.filter((t) => t.bookRefs.some((r) => !CHAPTERS_NOT_IN_DRAFT.has(r.section)));

  it.each(cited.map((t) => [t.id, t] as const))('%s is named in the draft', (_id, t) => {
    const names = [t.name, t.name.split(/[ (/]/)[0] ?? '', t.id, ...(t.aliases ?? []), SPELLED_IN_BOOK[t.id] ?? ''].filter((n) => n.length >= 3);
    expect(names.some((n) => draft.includes(n)), `none of ${names.join(' | ')} occurs in the draft`).toBe(true);
  });
});
