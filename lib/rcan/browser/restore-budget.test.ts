import { describe, expect, it } from 'vitest';

import { BYTES_PER_VOXEL, fileCertainlyTooLarge, restoreBudget } from './restore-budget';

describe('restoreBudget', () => {
  it('allows half the reported memory at 64 bytes per voxel', () => {
    const b = restoreBudget(8);
    expect(b.maxVoxels).toBe((8 * 2 ** 30) / 2 / BYTES_PER_VOXEL);
    expect(b).toMatchObject({ deviceMemoryGB: 8, reported: true, limitedBy: 'memory', limit: '67 million voxels (e.g. 64 × 1024 × 1024)' });
    expect(b.reason).toBe("this page accepts stacks of up to 67 million voxels (e.g. 64 × 1024 × 1024) on this device: half of this device's 8 GB of memory at 64 bytes per voxel; crop the stack or run `npx rcan apply`, which has no such limit");
  });

  it('assumes 4 GB when the browser does not say, and says so', () => {
    for (const value of [undefined, Number.NaN, 0]) {
      const b = restoreBudget(value);
      expect(b).toMatchObject({ deviceMemoryGB: 4, reported: false, maxVoxels: 2 ** 25 });
      expect(b.reason).toContain('(assumed: the browser does not say)');
    }
  });

  it('scales with memory (a 0.5 GB phone gets an eighth of 4 GB)', () => {
    expect(restoreBudget(0.5).maxVoxels).toBe(restoreBudget(4).maxVoxels / 8);
    expect(restoreBudget(0.5).limit).toBe("4 million voxels (e.g. 16 × 512 × 512)");
  });

  it('never exceeds one classic TIFF of three 32-bit channels', () => {
    const b = restoreBudget(1024);
    expect(b.limitedBy).toBe('tiff');
    expect(b.maxVoxels).toBe(Math.floor((2 ** 32 - 1) / 12));
    expect(b.reason).toContain('what fits one output TIFF');
  });

  it('refuses by file size only what cannot fit', () => {
    const b = restoreBudget(8);
    expect(fileCertainlyTooLarge(b.maxVoxels * 4, b)).toBe(false);
    expect(fileCertainlyTooLarge(b.maxVoxels * 5, b)).toBe(true);
  });
});
