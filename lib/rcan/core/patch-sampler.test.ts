import { describe, expect, it, vi } from 'vitest';
import { crop, PatchSampler, type TrainingPair } from './patch-sampler';

function rampPair(shape: number[]): TrainingPair {
  const n = shape.reduce((a, b) => a * b, 1);
  const raw = Float32Array.from({ length: n }, (_, i) => i);
  // GT = 2·raw + 1, so a patch pair can be checked for coming from one location and one transform.
  const gt = raw.map((v) => 2 * v + 1);
  return { raw, gt, shape };
}

describe('crop', () => {
  it('copies a box (hand-worked 3x4 example)', () => {
    const data = Float32Array.from({ length: 12 }, (_, i) => i);
    expect(Array.from(crop(data, [3, 4], [1, 2], [2, 2]).data)).toEqual([6, 7, 10, 11]);
  });
});

describe('PatchSampler', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const pair = rampPair([4, 10, 10]);
    const options = { patchShape: [2, 4, 4], intensityThreshold: 0 };
    const a = new PatchSampler([pair], { ...options, seed: 3 });
    const b = new PatchSampler([pair], { ...options, seed: 3 });
    const c = new PatchSampler([pair], { ...options, seed: 4 });
    const seqA = Array.from({ length: 5 }, () => Array.from(a.next().raw.data));
    const seqB = Array.from({ length: 5 }, () => Array.from(b.next().raw.data));
    const seqC = Array.from({ length: 5 }, () => Array.from(c.next().raw.data));
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('reaches every corner, keeps patches inside and pairs raw with GT', () => {
    const shape = [3, 5, 6];
    const pair = rampPair(shape);
    const sampler = new PatchSampler([pair], { patchShape: [2, 3, 3], intensityThreshold: 0, augment: false, seed: 1 });
    const corners = new Set<number>();
    for (let i = 0; i < 600; i++) {
      const { raw, gt } = sampler.next();
      const first = raw.data[0]!;
      const z = Math.floor(first / 30);
      const y = Math.floor((first % 30) / 6);
      const x = first % 6;
      expect(z).toBeLessThanOrEqual(1);
      expect(y).toBeLessThanOrEqual(2);
      expect(x).toBeLessThanOrEqual(3);
      expect(Array.from(raw.data)).toEqual(Array.from(crop(pair.raw, shape, [z, y, x], [2, 3, 3]).data));
      expect(Array.from(gt.data)).toEqual(Array.from(raw.data).map((v) => 2 * v + 1));
      corners.add(first);
    }
    expect(corners.size).toBe(2 * 3 * 4);
  });

  it('applies the same augmentation to raw and GT', () => {
    const sampler = new PatchSampler([rampPair([4, 8, 8])], { patchShape: [2, 4, 4], intensityThreshold: 0, seed: 9 });
    for (let i = 0; i < 20; i++) {
      const { raw, gt } = sampler.next();
      expect(Array.from(gt.data)).toEqual(Array.from(raw.data).map((v) => 2 * v + 1));
    }
  });

  it('returns fresh arrays each call', () => {
    const pair = rampPair([8, 8]);
    const sampler = new PatchSampler([pair], { patchShape: [8, 8], intensityThreshold: 0, augment: false });
    const a = sampler.next();
    const b = sampler.next();
    expect(a.raw.data).not.toBe(b.raw.data);
    a.raw.data.fill(-1);
    expect(Array.from(b.raw.data)).toEqual(Array.from(pair.raw));
    expect(pair.raw[0]).toBe(0);
  });

  it('keeps only patches whose GT foreground fraction passes the filter', () => {
    // GT foreground (1.0) only where x < 4 in a 16x16 image; 4x4 patches pass at ratio 0.5 only if ≥ 8 voxels.
    const shape = [16, 16];
    const gt = Float32Array.from({ length: 256 }, (_, i) => (i % 16 < 4 ? 1 : 0));
    const raw = Float32Array.from({ length: 256 }, (_, i) => i);
    const onWarning = vi.fn();
    const sampler = new PatchSampler([{ raw, gt, shape }], {
      patchShape: [4, 4],
      intensityThreshold: 0.25,
      areaRatioThreshold: 0.5,
      augment: false,
      onWarning,
      seed: 2,
    });
    for (let i = 0; i < 50; i++) {
      const { raw: r, gt: g } = sampler.next();
      expect(g.data.filter((v) => v > 0.25).length).toBeGreaterThanOrEqual(8);
      expect(r.data[0]! % 16).toBeLessThanOrEqual(2);
    }
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('warns after 512 failed attempts and uses the last candidate', () => {
    const shape = [8, 8];
    const gt = new Float32Array(64);
    const onWarning = vi.fn();
    const sampler = new PatchSampler([{ raw: gt.slice(), gt, shape }], { patchShape: [4, 4], onWarning, augment: false });
    const patch = sampler.next();
    expect(patch.raw.shape).toEqual([4, 4]);
    expect(onWarning).toHaveBeenCalledTimes(1);
    expect(onWarning.mock.calls[0]![0]).toContain('failed to sample a valid patch in 512 attempts');
  });

  it('disables the filter for a threshold ≤ 0', () => {
    const gt = new Float32Array(64);
    const onWarning = vi.fn();
    const sampler = new PatchSampler([{ raw: gt.slice(), gt, shape: [8, 8] }], { patchShape: [4, 4], intensityThreshold: 0, onWarning });
    sampler.next();
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('picks pairs uniformly regardless of size', () => {
    const small = { raw: new Float32Array(16).fill(1), gt: new Float32Array(16).fill(1), shape: [4, 4] };
    const large = { raw: new Float32Array(1024).fill(2), gt: new Float32Array(1024).fill(1), shape: [32, 32] };
    const sampler = new PatchSampler([small, large], { patchShape: [4, 4], seed: 5 });
    let fromSmall = 0;
    for (let i = 0; i < 1000; i++) if (sampler.next().raw.data[0] === 1) fromSmall++;
    expect(fromSmall).toBeGreaterThan(430);
    expect(fromSmall).toBeLessThan(570);
  });

  it('rejects a patch larger than an image', () => {
    expect(() => new PatchSampler([rampPair([4, 4])], { patchShape: [8, 8] })).toThrow(RangeError);
  });
});
