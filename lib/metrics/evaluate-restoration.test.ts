import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/test/helpers/label-grid';
import { evaluateRestoration } from './evaluate-restoration';
import { normalizedRootMse } from './normalized-root-mse';
import { structuralSimilarity } from './structural-similarity';

const img = (values: number[], shape: number[]) => ({ data: Float32Array.from(values), shape });

describe('evaluateRestoration', () => {
  it('works out MSE, NRMSE and PSNR by hand', () => {
    const truth = img([0, 2, 4, 6], [2, 2]);
    const pred = img([1, 2, 4, 4], [2, 2]);
    const r = evaluateRestoration(truth, pred);
    expect(r.mse).toBe(1.25); // (1 + 0 + 0 + 4) / 4
    expect(r.dataRange).toBe(6);
    expect(r.psnr).toBeCloseTo(10 * Math.log10(36 / 1.25), 12);
    // euclidean: sqrt(1.25) / sqrt((0 + 4 + 16 + 36) / 4)
    expect(r.nrmse).toBeCloseTo(Math.sqrt(1.25) / Math.sqrt(14), 12);
    expect(normalizedRootMse(truth, pred, 'min-max')).toBeCloseTo(Math.sqrt(1.25) / 6, 12);
    expect(normalizedRootMse(truth, pred, 'mean')).toBeCloseTo(Math.sqrt(1.25) / 3, 12);
    expect(r.ssim).toBeNull(); // 2×2 is smaller than the 11-pixel window
    expect(evaluateRestoration(truth, pred, { dataRange: 255 }).psnr).toBeCloseTo(10 * Math.log10(255 ** 2 / 1.25), 12);
  });

  it('reports identical images as perfect, with PSNR null for infinity', () => {
    const rand = seededRandom(1);
    const a = img(Array.from({ length: 16 * 16 }, rand), [16, 16]);
    const r = evaluateRestoration(a, a);
    expect(r).toMatchObject({ mse: 0, nrmse: 0, psnr: null, ssimWindow: 'image' });
    expect(r.ssim).toBeCloseTo(1, 12);
  });

  it('averages 2D SSIM over slices when a stack has fewer than 11 slices', () => {
    const rand = seededRandom(2);
    const n = 3 * 12 * 13;
    const truth = img(Array.from({ length: n }, rand), [3, 12, 13]);
    const pred = img(Array.from(truth.data, (v) => v + 0.2 * rand()), [3, 12, 13]);
    const r = evaluateRestoration(truth, pred, { dataRange: 1 });
    const slice = (a: typeof truth, z: number) => ({ data: a.data.subarray(z * 156, (z + 1) * 156), shape: [12, 13] });
    const expected =
      [0, 1, 2].reduce((s, z) => s + structuralSimilarity(slice(truth, z), slice(pred, z), { dataRange: 1 }), 0) / 3;
    expect(r.ssimWindow).toBe('per-slice');
    expect(r.ssim).toBeCloseTo(expected, 12);
  });

  it('computes SSIM of a 12-pixel image from its single 2×2 valid region by hand', () => {
    // Constant images: variances and covariance vanish, so SSIM = (2ab + C1) / (a² + b² + C1).
    const a = img(new Array(144).fill(0.5), [12, 12]);
    const b = img(new Array(144).fill(0.25), [12, 12]);
    const c1 = 0.01 ** 2;
    expect(structuralSimilarity(a, b, { dataRange: 1 })).toBeCloseTo((2 * 0.5 * 0.25 + c1) / (0.25 + 0.0625 + c1), 12);
  });

  it('rejects a constant truth without a data range', () => {
    const a = img(new Array(4).fill(1), [2, 2]);
    expect(() => evaluateRestoration(a, a)).toThrow(RangeError);
  });
});
