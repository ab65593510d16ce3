import { describe, expect, it } from 'vitest';

import { deflateTiff } from '../../../test/helpers/deflate-tiff';
import { createImageStore, loadedVolume, loadImage } from './load-image';
import { restoreBudget } from './restore-budget';

const ramp = (z: number, y: number, x: number) => (k: number) => Uint16Array.from({ length: y * x }, (_, i) => (k * 1000 + i) % 65536);

describe('loadImage (the worker side of image.load)', () => {
  it('decodes a chosen file once and keeps it for the restore, returning only its shape', async () => {
    const store = createImageStore();
    const bytes = deflateTiff([3, 5, 7], ramp(3, 5, 7));
    const loaded = await loadImage({ file: new Blob([bytes]), name: 'small.tif', slot: 'raw', maxVoxels: 1000 }, store);
    expect(loaded).toEqual({ imageId: expect.any(String), name: 'small.tif', shape: [3, 5, 7], ndim: 3, dtype: 'uint16' });
    const volume = loadedVolume(store, loaded.imageId, 'small.tif');
    expect(Array.from(volume.data.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(volume.data[35 + 4]).toBe(1004);
  });

  it('refuses a small file that declares a huge stack from its header, before decoding pixels', async () => {
    // 400 planes of 2048 × 2048 (1.7 billion voxels) in a file of a few MB: one zero plane, compressed.
    const zero = new Uint16Array(2048 * 2048);
    const bomb = deflateTiff([400, 2048, 2048], () => zero);
    expect(bomb.length).toBeLessThan(8 * 2 ** 20);
    const budget = restoreBudget(8);
    const started = performance.now();
    await expect(loadImage({ file: new Blob([bomb]), name: 'bomb.tif', slot: 'raw', maxVoxels: budget.maxVoxels, reason: budget.reason }, createImageStore()))
      .rejects.toThrow(/^bomb\.tif is too large here: 400 plane\(s\) of 2048 × 2048 \(1678 million voxels\); this page accepts stacks of up to 67 million voxels/);
    // Refused from the header: far less time than inflating 3.4 GB would take (not a timing test of speed, a check nothing was decoded).
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses a file whose size alone exceeds the limit without reading it', async () => {
    const big = new Blob([new Uint8Array(5 * 2 ** 20)]);
    await expect(loadImage({ file: big, name: 'huge.tif', slot: 'raw', maxVoxels: 1000, reason: 'the limit is 1000 voxels' }, createImageStore())).rejects.toThrow('huge.tif is too large here (0.0 GB); the limit is 1000 voxels');
  });

  it('keeps one image per slot: loading another raw file retires the old id', async () => {
    const store = createImageStore();
    const first = await loadImage({ file: new Blob([deflateTiff([1, 4, 4], ramp(1, 4, 4))]), name: 'a.tif', slot: 'raw', maxVoxels: 100 }, store);
    const gt = await loadImage({ file: new Blob([deflateTiff([1, 4, 4], ramp(1, 4, 4))]), name: 'gt.tif', slot: 'gt', maxVoxels: 100 }, store);
    await loadImage({ file: new Blob([deflateTiff([1, 4, 4], ramp(1, 4, 4))]), name: 'b.tif', slot: 'raw', maxVoxels: 100 }, store);
    expect(() => loadedVolume(store, first.imageId, 'a.tif')).toThrow('a.tif is no longer loaded (another file replaced it); choose it again');
    expect(loadedVolume(store, gt.imageId, 'gt.tif').shape).toEqual([1, 4, 4]);
  });

  it('gives lib/imaging’s message for a file that is not a TIFF', async () => {
    await expect(loadImage({ file: new Blob(['not an image at all']), name: 'notes.txt', slot: 'raw', maxVoxels: 100 }, createImageStore())).rejects.toThrow(/notes\.txt/);
  });
});
