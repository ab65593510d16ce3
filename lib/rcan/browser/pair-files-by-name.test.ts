import { describe, expect, it } from 'vitest';

import { pairFilesByName } from './pair-files-by-name';

const f = (name: string) => ({ name });

describe('pairFilesByName', () => {
  it('pairs equal stems regardless of .tif/.tiff and case of the extension', () => {
    const result = pairFilesByName([f('b.tif'), f('a.TIFF')], [f('a.tif'), f('b.tiff')]);
    expect(result.pairs.map((p) => [p.raw.name, p.gt.name])).toEqual([['a.TIFF', 'a.tif'], ['b.tif', 'b.tiff']]);
    expect(result.unmatchedRaw).toEqual([]);
    expect(result.unmatchedGt).toEqual([]);
  });

  it('accepts a _gt or -GT suffix on the ground truth', () => {
    const result = pairFilesByName([f('cell1.tif'), f('cell2.tif')], [f('cell1_gt.tif'), f('cell2-GT.tif')]);
    expect(result.pairs.map((p) => p.gt.name)).toEqual(['cell1_gt.tif', 'cell2-GT.tif']);
  });

  it('lists the files without a partner on each side', () => {
    const result = pairFilesByName([f('a.tif'), f('c.tif')], [f('a.tif'), f('b.tif')]);
    expect(result.pairs).toHaveLength(1);
    expect(result.unmatchedRaw.map((x) => x.name)).toEqual(['c.tif']);
    expect(result.unmatchedGt.map((x) => x.name)).toEqual(['b.tif']);
  });
});
