// The speed-ups of lib/segment must not change a single result: the row-wise Y/Z filters give exactly
// (bit for bit) what the X-line code gives on the transposed image, and the packed forest walk gives
// exactly the mean of the trees' leaves computed by a plain walk.
import { describe, expect, it } from 'vitest';
import { lowerEnvelope, squaredDistanceTransform } from './distance';
import { convolveAxis, derivative, gaussianFilterFast, gaussianKernel } from './gaussian';
import { boxFilter } from './morphology';
import { predictForest, trainForest, type Forest } from './random-forest';
import type { FloatImage, Shape3 } from './types';
import { boxMax, localMaxima } from './watershed';
import { mulberry32 } from '../util';

const rng = mulberry32(11);
const random = (n: number) => Float32Array.from({ length: n }, () => Math.floor(rng() * 4096) / 7);

/** Move axis `axis` (0 z, 1 y) of a C-order volume to the last place (X), the others keeping their order. */
function toLast(data: Float32Array, [Z, Y, X]: Shape3, axis: 0 | 1): { data: Float32Array; shape: Shape3 } {
  const out = new Float32Array(data.length);
  let o = 0;
  if (axis === 1) {
    for (let z = 0; z < Z; z++) for (let x = 0; x < X; x++) for (let y = 0; y < Y; y++) out[o++] = data[(z * Y + y) * X + x]!;
    return { data: out, shape: [Z, X, Y] };
  }
  for (let y = 0; y < Y; y++) for (let x = 0; x < X; x++) for (let z = 0; z < Z; z++) out[o++] = data[(z * Y + y) * X + x]!;
  return { data: out, shape: [Y, X, Z] };
}

describe('row-wise filters along Y and Z', () => {
  const shape: Shape3 = [5, 23, 70];
  const data = random(5 * 23 * 70);

  it.each([0.35, 1, 2.5])('the FIR Gaussian σ = %s along Y and Z equals the X-line filter on the transposed volume', (sigma) => {
    const kernel = gaussianKernel(sigma);
    for (const axis of [0, 1] as const) {
      const rows = new Float32Array(data);
      convolveAxis(rows, shape, axis, kernel);
      const t = toLast(data, shape, axis);
      convolveAxis(t.data, t.shape, 2, kernel);
      expect(toLast(rows, shape, axis).data).toEqual(t.data);
    }
  });

  it('the recursive Gaussian (σ ≥ 3) along Y and Z equals its X-line version', () => {
    const line = random(300);
    const along = (s: Shape3, ndim: 2 | 3) => gaussianFilterFast({ shape: s, ndim, data: line }, 7).data;
    const x = along([1, 1, 300], 2);
    expect(along([1, 300, 1], 2)).toEqual(x);
    expect(along([300, 1, 1], 3)).toEqual(x);
    expect(x).not.toEqual(line);
  });

  it('central differences along Y and Z equal those along X on the transposed volume', () => {
    const image: FloatImage = { shape, ndim: 3, data };
    for (const axis of [0, 1] as const) {
      const t = toLast(data, shape, axis);
      expect(toLast(derivative(image, axis), shape, axis).data).toEqual(derivative({ shape: t.shape, ndim: 3, data: t.data }, 2));
    }
  });
});

/** Mean of the leaf frequencies by a plain walk of the node arrays, summed in float32 tree by tree. */
function plainPredict(forest: Forest, x: Uint8Array, p: number): number[] {
  const acc = new Float32Array(forest.classes);
  for (const t of forest.trees) {
    let k = 0;
    while (t.feature[k]! >= 0) k = x[p * forest.features + t.feature[k]!]! <= t.threshold[k]! ? t.left[k]! : t.right[k]!;
    for (let c = 0; c < forest.classes; c++) acc[c]! += t.value[k * forest.classes + c]!;
  }
  return [...acc].map((v) => Math.fround(v * (1 / forest.trees.length)));
}

describe('packed forest prediction', () => {
  it.each([2, 3])('equals a plain walk of every tree for every pixel and any pixel range (%s classes)', (classes) => {
    const F = 13;
    const n = 3001;
    const x = Uint8Array.from({ length: n * F }, () => Math.floor(rng() * 256));
    const rows = Int32Array.from({ length: 1500 }, (_, i) => 2 * i);
    const y = Uint8Array.from(rows, (r) => (x[r * F + 3]! > 100 ? 1 : 0) + (classes === 3 && x[r * F + 7]! > 200 ? 1 : 0));
    // Deep trees (noisy labels) and a stump-like one, so walks of very different lengths are mixed.
    const forest = trainForest(x, F, rows, y.map((v, i) => (rng() < 0.2 ? (v + i) % classes : v)), classes, { trees: 7, maxDepth: 16 });
    const out = new Float32Array(classes * n);
    for (const [from, to] of [[0, 1], [1, 6], [6, 6], [6, 2999], [2999, n]] as const) predictForest(forest, x, n, out, from, to);
    for (let p = 0; p < n; p++) {
      const expected = plainPredict(forest, x, p);
      for (let c = 0; c < classes; c++) if (out[c * n + p] !== expected[c]) expect([p, c, out[c * n + p]]).toEqual([p, c, expected[c]]);
    }
    expect(Math.max(...forest.trees.map((t) => t.feature.length))).toBeGreaterThan(100);
  });
});

describe('distance transform of a mask and seed maxima', () => {
  it.each([
    ['2D', [1, 37, 61], 2],
    ['3D', [9, 20, 33], 3],
    ['3D with one slice', [1, 30, 30], 3],
  ] as const)('the row-scan EDT equals the parabola envelope on every axis (%s)', (_, shape, ndim) => {
    const n = shape[0] * shape[1] * shape[2];
    for (const density of [0.02, 0.3, 0.9]) {
      // Sparse background leaves whole lines (and, at 0.02, large regions) without any.
      const mask = Uint8Array.from({ length: n }, () => (rng() < density ? 0 : 1));
      const envelope = Float32Array.from(mask, (m) => (m ? Infinity : 0));
      lowerEnvelope(envelope, shape, ndim);
      expect(squaredDistanceTransform(mask, shape, ndim)).toEqual(envelope);
    }
    const full = new Uint8Array(n).fill(1);
    expect(squaredDistanceTransform(full, shape, ndim).every((v) => v === Infinity)).toBe(true);
  });

  it.each([
    ['2D', [1, 37, 61], 2],
    ['3D', [9, 20, 33], 3],
    ['a single row', [1, 1, 80], 2],
    ['3D, one row per slice', [7, 1, 40], 3],
  ] as const)('the seed finder\'s box maximum and local maxima equal those of the generic box filter on distance maps (%s)', (_, shape, ndim) => {
    const n = shape[0] * shape[1] * shape[2];
    for (const r of [1, 3, 5, 40]) {
      // Squared distances: zeros, integers and the odd Infinity.
      const dist = Float32Array.from({ length: n }, () => (rng() < 0.3 ? 0 : rng() < 0.01 ? Infinity : Math.floor(rng() * 400)));
      const generic = new Float32Array(dist);
      boxFilter(generic, shape, ndim, [r, r, r], 'max');
      const fast = new Float32Array(dist);
      boxMax(fast, shape, ndim, r);
      expect(fast).toEqual(generic);
      expect(fast).not.toEqual(dist);
      // The seed candidates: dist > 0 and equal to the box maximum, in raster order.
      const expected = [...dist.keys()].filter((i) => dist[i]! > 0 && dist[i] === generic[i]);
      expect(expected.length).toBeGreaterThan(0);
      expect([...localMaxima(dist, shape, ndim, r)]).toEqual(expected);
    }
  });
});
