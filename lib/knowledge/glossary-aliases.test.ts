import { describe, expect, it } from 'vitest';

import { editFile, fixtureFiles } from '@/test/helpers/kb-fixture';

import { checkIntegrity } from './check-integrity';
import { createGlossaryMatcher } from './glossary-linker';
import { parseKnowledgeFiles } from './parse';
import { loadKnowledgeBase } from './server';

/**
 * Aliases that made the prose linker point at the wrong entry (issue 9): the alias is an ordinary
 * word, or names a different concept. Each row is a phrase from the product's own text or from
 * what users write, the term it must NOT link to, and the term it should link to (or null).
 */
const WRONG_LINKS: readonly [phrase: string, word: string, notTo: string, to: string | null][] = [
  ["the book's decision trees for segmentation", 'decision trees', 'random-forest', null],
  ['Large areas recorded as many tiles that must be joined', 'tiles', 'tiling', 'stitching'],
  ['TrackMate lets you swap the detection step for a pre-trained model', 'detection', 'object-detection', null],
  ['residual background after subtraction', 'residual', 'residual-learning', null],
  ['run the notebook in a Docker container', 'Docker container', 'virtual-machine', 'containers'],
  ['deployment depends on data sensitivity', 'sensitivity', 'recall', null],
  ['photobleaching during long time-lapses', 'photobleaching', 'phototoxicity', null],
  ['annotation bias between two experts', 'bias', 'bias-vector', null],
  ['this takes patience', 'patience', 'early-stopping', null],
  ['pay attention to the edges', 'attention', 'self-attention', null],
  ['segmenting crops in the field', 'crops', 'patches', null],
  ['report the mean absolute deviation', 'mean absolute deviation', 'mae', null],
  ['label-free prediction of nuclei from brightfield', 'label-free prediction', 'inference', 'label-free-prediction'],
];

describe('glossary aliases', () => {
  const kb = loadKnowledgeBase();
  const matcher = createGlossaryMatcher(kb.glossary);

  it.each(WRONG_LINKS)('"%s": "%s" does not link to %s', (phrase, word, notTo, to) => {
    const linked = matcher.link(phrase).filter((s) => s.termId);
    const hit = linked.find((s) => s.text.toLowerCase() === word.toLowerCase());
    expect(hit?.termId).not.toBe(notTo);
    if (to) expect(hit?.termId).toBe(to);
    else expect(hit).toBeUndefined();
  });

  it('keeps the intended links of the same terms', () => {
    const link = (text: string) => matcher.link(text).filter((s) => s.termId).map((s) => s.termId);
    expect(link('a random forest classifier')).toContain('random-forest');
    expect(link('an object detector draws a bounding box')).toContain('object-detection');
    expect(link('tiled prediction of a large stack')).toContain('tiling');
    expect(link('stacked residual blocks')).toContain('residual-learning');
    expect(link('Cellpose predicts flow fields')).toContain('flow-fields');
    expect(link('avoid data leakage between training and test sets')).toContain('data-leakage');
  });

  it('has an entry for the book terms issue 9 lists and for the jargon of questions', () => {
    const ids = new Set(kb.glossary.map((g) => g.id));
    for (const id of ['unsupervised-learning', 'weakly-supervised-learning', 'variance-stabilising-transform', 'grid-search', 'containers', 'flow-fields', 'class-imbalance', 'data-leakage', 'cross-entropy', 'large-language-model', 'ome-zarr', 'hdf5', 'n5', 'notebook', 'macro', 'cloud-computing', 'colab', 'label-free-prediction', 'brightfield', 'phase-contrast', 'histology-stains', 'multiplexed-imaging', 'structured-noise', 'multi-view']) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});

describe('checkIntegrity: wrong glossary aliases', () => {
  it('reports an alias that is known to link the wrong entry', () => {
    const files = editFile(fixtureFiles(), 'knowledge/glossary/iou.json', (g) => {
      g.id = 'tiling';
      g.term = 'Tiling';
      g.aliases = ['tiles'];
    });
    const { kb, sources } = parseKnowledgeFiles({ ...files, 'knowledge/glossary/tiling.json': files['knowledge/glossary/iou.json']! });
    expect(checkIntegrity(kb, sources)).toContain('knowledge/glossary/tiling.json: aliases.0: "tiles" usually means something else, so the linker would link unrelated prose to "tiling"');
  });
});
