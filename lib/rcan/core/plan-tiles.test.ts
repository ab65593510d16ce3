import { describe, expect, it } from 'vitest';
import { blendTile, createAccumulator, finishBlend } from './blend-tile';
import { defaultOverlap, planTiles, reflectIndex } from './plan-tiles';
import { readBlock } from './read-block';

describe('planTiles (spec Appendix B)', () => {
  const plan = planTiles([60, 1024, 1024], [16, 256, 256]);

  it('uses the default overlap and gives 125 blocks', () => {
    expect(plan.overlap).toEqual([2, 32, 32]);
    expect(plan.step).toEqual([14, 224, 224]);
    expect(plan.counts).toEqual([5, 5, 5]);
    expect(plan.total).toBe(125);
    expect(plan.tiles.length).toBe(125);
  });

  it('puts corners at multiples of the step, last blocks partly outside', () => {
    const zs = [...new Set(plan.tiles.map((t) => t.origin[0]))];
    const xs = [...new Set(plan.tiles.map((t) => t.origin[2]))];
    expect(zs).toEqual([0, 14, 28, 42, 56]);
    expect(xs).toEqual([0, 224, 448, 672, 896]);
    const last = plan.tiles[124]!;
    expect(last.origin).toEqual([56, 896, 896]);
    expect(last.validShape).toEqual([4, 128, 128]);
    expect(plan.tiles[1]!.origin).toEqual([0, 0, 224]); // last axis fastest
  });

  it('has the linear-ramp weight profiles', () => {
    const z = Array.from(plan.profiles[0]!);
    const want = [1 / 3, 2 / 3, ...new Array(12).fill(1), 2 / 3, 1 / 3];
    z.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
    const y = Array.from(plan.profiles[1]!);
    expect(y.length).toBe(256);
    for (let k = 1; k <= 32; k++) {
      expect(y[k - 1]).toBeCloseTo(k / 33, 6);
      expect(y[256 - k]).toBeCloseTo(k / 33, 6);
    }
    expect(y.slice(32, 224).every((v) => v === 1)).toBe(true);
  });
});

describe('defaultOverlap (spec §3.5)', () => {
  it('matches the table', () => {
    expect(defaultOverlap([16, 256, 256])).toEqual([2, 32, 32]);
    expect(defaultOverlap([8, 128, 128])).toEqual([1, 16, 16]);
    expect(defaultOverlap([12, 480, 480])).toEqual([1, 60, 60]);
    expect(defaultOverlap([2, 3, 1])).toEqual([0, 1, 0]);
  });

  it('rejects block < 2·overlap', () => {
    expect(() => planTiles([10, 10], [4, 4], [3, 0])).toThrow(/twice the overlap/);
    expect(() => planTiles([10, 10], [4, 4, 4], [0, 0, 0])).toThrow(RangeError);
  });
});

describe('reflectIndex = numpy pad mode reflect', () => {
  it('matches np.pad(arange(n), (0, 12), "reflect") (values printed by numpy 1.24)', () => {
    const numpy: Record<number, number[]> = {
      1: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      2: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
      3: [0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2],
      4: [0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3],
    };
    for (const [n, want] of Object.entries(numpy)) {
      expect(want.map((_, i) => reflectIndex(i, Number(n)))).toEqual(want);
    }
  });
});

describe('readBlock / blendTile', () => {
  it('reflect-pads the far end of a partial block from its valid part', () => {
    const volume = { shape: [1, 1, 10], data: Float32Array.from({ length: 10 }, (_, i) => i) };
    const plan = planTiles(volume.shape, [1, 1, 6], [0, 0, 2]);
    expect(plan.tiles.map((t) => t.origin[2])).toEqual([0, 4, 8]);
    expect(Array.from(readBlock(volume, plan, plan.tiles[2]!))).toEqual([8, 9, 8, 9, 8, 9]);
    expect(Array.from(readBlock(volume, plan, plan.tiles[1]!))).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it('blends a hand-worked 1D example', () => {
    // Each block predicts a constant equal to its first input value, i.e. its origin (0, 4, 8).
    // Weights over the 6-voxel block with overlap 2: 1/3, 2/3, 1, 1, 2/3, 1/3.
    const volume = { shape: [1, 1, 10], data: Float32Array.from({ length: 10 }, (_, i) => i) };
    const plan = planTiles(volume.shape, [1, 1, 6], [0, 0, 2]);
    const acc = createAccumulator(plan);
    for (const tile of plan.tiles) {
      const block = readBlock(volume, plan, tile);
      blendTile(acc, plan, tile, new Float32Array(6).fill(block[0]!));
    }
    const want = [0, 0, 0, 0, 4 / 3, 8 / 3, 4, 4, 16 / 3, 20 / 3];
    Array.from(finishBlend(acc)).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
  });

  it('reproduces the input with an identity predictor (2D and 3D)', () => {
    for (const shape of [[7, 23, 19], [23, 19]]) {
      const size = shape.reduce((a, b) => a * b, 1);
      const volume = { shape, data: Float32Array.from({ length: size }, (_, i) => Math.sin(i)) };
      const block = shape.length === 3 ? [4, 8, 8] : [8, 8];
      const plan = planTiles(shape, block);
      const acc = createAccumulator(plan);
      for (const tile of plan.tiles) blendTile(acc, plan, tile, readBlock(volume, plan, tile));
      const out = finishBlend(acc);
      for (let i = 0; i < size; i++) expect(out[i]).toBeCloseTo(volume.data[i]!, 5);
    }
  });
});
