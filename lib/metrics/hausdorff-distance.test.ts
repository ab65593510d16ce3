import { describe, expect, it } from 'vitest';
import { labelGrid, seededRandom } from '@/test/helpers/label-grid';
import { boundaryPixels } from './boundary-pixels';
import { hausdorffDistance, percentile } from './hausdorff-distance';

const at = (y: number, x: number, width: number): number => y * width + x;

describe('hausdorffDistance', () => {
  it('works out three points by hand', () => {
    // a = {(0,0)}, b = {(0,3), (4,0)}: a→b = 3, b→a = 3 and 4. Pooled [3, 3, 4]: max 4, p95 = 3 + 0.9·1.
    const a = Int32Array.of(at(0, 0, 10));
    const b = Int32Array.of(at(0, 3, 10), at(4, 0, 10));
    const r = hausdorffDistance(a, b, [1, 10, 10]);
    expect(r.hausdorff).toBe(4);
    expect(r.hd95).toBeCloseTo(3.9, 12);
  });

  it('uses the voxel size per axis', () => {
    const a = Int32Array.of(at(0, 0, 10));
    const b = Int32Array.of(at(0, 3, 10), at(4, 0, 10));
    // x spacing 2: (0,3) is 6 away, (4,0) is 4 away.
    expect(hausdorffDistance(a, b, [1, 10, 10], [1, 1, 2]).hausdorff).toBe(6);
  });

  it('is 0 for two empty sets and infinite when one is empty', () => {
    expect(hausdorffDistance(new Int32Array(0), new Int32Array(0), [1, 4, 4])).toEqual({ hausdorff: 0, hd95: 0 });
    expect(hausdorffDistance(Int32Array.of(3), new Int32Array(0), [1, 4, 4]).hausdorff).toBe(Infinity);
  });

  it('gives the pair-by-pair answer through the distance transform on large 3D sets', () => {
    const rand = seededRandom(3);
    const zyx: [number, number, number] = [9, 40, 50];
    const size = zyx[0] * zyx[1] * zyx[2];
    const pick = (n: number): Int32Array => Int32Array.from({ length: n }, () => Math.floor(rand() * size));
    const a = pick(400);
    const b = pick(300); // 120,000 pairs: above the brute-force limit
    const spacing: [number, number, number] = [2.5, 1, 0.7];
    const r = hausdorffDistance(a, b, zyx, spacing);
    const naive = naiveDistances(a, b, zyx, spacing);
    expect(r.hausdorff).toBeCloseTo(Math.max(...naive), 9);
    expect(r.hd95).toBeCloseTo(numpyPercentile(naive, 95), 9);
  });
});

describe('boundaryPixels', () => {
  it('keeps the pixels with a 4-neighbour outside the object or the image', () => {
    const img = labelGrid(['11100', '11100', '11100', '00000']);
    const inner = boundaryPixels(img.data, [1, 4, 5], [0, 0, 0, 0, 3, 4], 1);
    // The 3×3 square touches the image edge on two sides; only its centre (1,1) is interior.
    expect([...inner]).toEqual([0, 1, 2, 5, 7, 10, 11, 12]);
  });
});

describe('percentile', () => {
  it('interpolates linearly like numpy', () => {
    expect(percentile(Float64Array.of(4, 1, 3, 2), 0.5)).toBe(2.5);
    // sorted [0, 5, 5, 5, 10], position 0.95·4 = 3.8 → 5 + 0.8·5.
    expect(percentile(Float64Array.of(10, 0, 5, 5, 5), 0.95)).toBe(9);
  });
});

function naiveDistances(
  a: Int32Array,
  b: Int32Array,
  zyx: [number, number, number],
  s: [number, number, number],
): number[] {
  const coord = (p: number): number[] => [
    Math.floor(p / (zyx[1] * zyx[2])) * s[0],
    (Math.floor(p / zyx[2]) % zyx[1]) * s[1],
    (p % zyx[2]) * s[2],
  ];
  const directed = (from: Int32Array, to: Int32Array): number[] =>
    [...from].map((p) => {
      const c = coord(p);
      return Math.min(...[...to].map((q) => Math.hypot(...coord(q).map((v, i) => v - c[i]!))));
    });
  return [...directed(a, b), ...directed(b, a)];
}

function numpyPercentile(values: number[], q: number): number {
  const s = [...values].sort((x, y) => x - y);
  const pos = (q / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}
