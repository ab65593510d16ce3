import { describe, expect, it } from 'vitest';
import { computeFeatures, eigenvalues, featureNames } from './features';
import { trainPixelClassifier } from './pixel-classifier';
import { predictForest, trainForest } from './random-forest';
import { mulberry32 } from '../util';

describe('random forest', () => {
  it('learns a rule that needs two features and gives probabilities that sum to 1', () => {
    const rng = mulberry32(5);
    const F = 6;
    const n = 2000;
    const x = new Uint8Array(n * F);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < F; f++) x[i * F + f] = Math.floor(rng() * 256);
      // Class 1 when feature 2 and feature 4 are both high (an AND no single split can express).
      y[i] = x[i * F + 2]! > 128 && x[i * F + 4]! > 128 ? 1 : 0;
    }
    const train = Int32Array.from({ length: 1500 }, (_, i) => i);
    const forest = trainForest(x, F, train, y.slice(0, 1500), 2, { trees: 20, seed: 3 });
    const out = new Float32Array(2 * n);
    predictForest(forest, x, n, out);
    let correct = 0;
    for (let i = 1500; i < n; i++) {
      expect(out[i]! + out[n + i]!).toBeCloseTo(1, 5);
      if ((out[n + i]! > 0.5 ? 1 : 0) === y[i]) correct++;
    }
    expect(correct / 500).toBeGreaterThan(0.93);
  });
});

describe('filter bank', () => {
  it('gives the eigenvalues of symmetric 3×3 matrices, largest first', () => {
    // R·diag(5, 2, −1)·Rᵀ with a rotation about z by 30° then x by 40°.
    const c1 = Math.cos(Math.PI / 6), s1 = Math.sin(Math.PI / 6), c2 = Math.cos(0.7), s2 = Math.sin(0.7);
    const R = [
      [c1, -s1, 0],
      [s1 * c2, c1 * c2, -s2],
      [s1 * s2, c1 * s2, c2],
    ];
    const D = [5, 2, -1];
    const m = (i: number, j: number) => R[i]!.reduce((s, _, k) => s + R[i]![k]! * D[k]! * R[j]![k]!, 0);
    const one = (v: number) => Float32Array.of(v);
    const [e1, e2, e3] = eigenvalues(one(m(2, 2)), one(m(1, 1)), one(m(2, 1)), one(m(0, 0)), one(m(2, 0)), one(m(1, 0)));
    expect([e1![0], e2![0], e3![0]].map((v) => Number(v!.toFixed(4)))).toEqual([5, 2, -1]);
    const [a, b] = eigenvalues(one(3), one(1), one(0));
    expect([a![0], b![0]]).toEqual([3, 1]);
  });

  it('computes 1 + 8 features per scale in 2D and 1 + 10 in 3D, each spread over 0…255', () => {
    const rng = mulberry32(2);
    const img2 = { shape: [1, 32, 32] as const, ndim: 2 as const, data: Float32Array.from({ length: 1024 }, () => rng()) };
    const f2 = computeFeatures(img2, [1, 2]);
    expect(f2.count).toBe(17);
    expect(f2.names).toEqual(featureNames(2, [1, 2]));
    const img3 = { shape: [8, 16, 16] as const, ndim: 3 as const, data: Float32Array.from({ length: 2048 }, () => rng()) };
    const f3 = computeFeatures(img3, [1]);
    expect(f3.count).toBe(11);
    for (let f = 0; f < f3.count; f++) {
      let lo = 255, hi = 0;
      for (let p = 0; p < f3.pixels; p++) {
        lo = Math.min(lo, f3.data[p * f3.count + f]!);
        hi = Math.max(hi, f3.data[p * f3.count + f]!);
      }
      expect([lo, hi], f3.names[f]).toEqual([0, 255]);
    }
  });

  it('refuses scribbles without both background and objects, or of the wrong size', () => {
    const img = { shape: [1, 8, 8] as const, ndim: 2 as const, data: new Float32Array(64).map((_, i) => i) };
    const features = computeFeatures(img, [1]);
    const only = new Uint8Array(64);
    only[3] = 2;
    expect(() => trainPixelClassifier(features, only)).toThrow(/background \(value 1\) and some objects \(value 2\)/);
    expect(() => trainPixelClassifier(features, new Uint8Array(10))).toThrow(/same shape/);
  });
});

describe('recursive Gaussian of the filter bank', () => {
  it('stays within 1% of the range of the exact filter away from the border, in 2D and 3D', async () => {
    const { gaussianFilter, gaussianFilterFast } = await import('./gaussian');
    const rng = mulberry32(9);
    for (const [shape, ndim] of [[[1, 96, 96], 2], [[40, 48, 48], 3]] as const) {
      const n = shape[0] * shape[1] * shape[2];
      const img = { shape, ndim, data: Float32Array.from({ length: n }, () => (rng() < 0.05 ? 100 : 0) + 10 * rng()) };
      for (const sigma of [3, 5, 10]) {
        const exact = gaussianFilter(img, sigma).data;
        const fast = gaussianFilterFast(img, sigma).data;
        const m = Math.ceil(3 * sigma);
        let worst = 0;
        for (let z = ndim === 3 ? m : 0; z < (ndim === 3 ? shape[0] - m : 1); z++) {
          for (let y = m; y < shape[1] - m; y++) {
            for (let x = m; x < shape[2] - m; x++) {
              const i = (z * shape[1] + y) * shape[2] + x;
              worst = Math.max(worst, Math.abs(exact[i]! - fast[i]!));
            }
          }
        }
        expect(worst, `σ=${sigma} ${ndim}D`).toBeLessThan(1.1);
      }
    }
  });
});
