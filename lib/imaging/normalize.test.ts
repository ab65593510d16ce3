import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { hasPythonModules, needs, runPython, skipWithout } from '../../test/helpers/external-tools';
import { minMaxNormalize, percentileNormalize, rescaleToTarget, toBitDepth } from './normalize';
import { percentile, percentiles } from './percentile';

describe('percentile (hand-worked, NumPy linear method)', () => {
  it('interpolates between the two middle values for the median of 1…4', () => {
    // virtual index = 4·0.5 + (1 − 0.5) − 1 = 1.5 → between 2 and 3.
    expect(percentile(new Uint8Array([4, 1, 3, 2]), 50)).toBe(2.5);
  });

  it('gives the 2nd and 99.9th percentiles of 0…9', () => {
    // p2: 10·0.02 + 0.98 − 1 = 0.18 → 0.18; p99.9: 10·0.999 + 0.001 − 1 = 8.991 → 8.991.
    const [low, high] = percentiles(new Float32Array([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]), [2, 99.9]);
    expect(low).toBeCloseTo(0.18, 12);
    expect(high).toBeCloseTo(8.991, 12);
  });

  it('returns the extremes at 0 and 100 and agrees across dtypes', () => {
    const values = [5, 900, 3, 77, 12];
    for (const data of [new Uint16Array(values), new Float32Array(values), values]) {
      expect(percentiles(data, [0, 100])).toEqual([3, 900]);
    }
  });

  it('agrees with a full sort on shuffled float data with duplicates', () => {
    let s = 1;
    const data = Float32Array.from({ length: 999 }, () => Math.floor(((s = (s * 16807) % 2147483647) / 2147483647) * 50) / 7);
    const sorted = Array.from(data).sort((a, b) => a - b);
    for (const p of [0, 1, 2, 25, 50, 90, 99.9, 100]) {
      const v = p / 100 * 998;
      const lo = Math.floor(v);
      const expected = sorted[lo]! + (sorted[Math.min(lo + 1, 998)]! - sorted[lo]!) * (v - lo);
      expect(percentile(data, p)).toBeCloseTo(expected, 5);
    }
  });

  it('subtracts float32 neighbours in float32, as NumPy does', () => {
    // float32(1 − 1e-8) = 1, so NumPy gives 1 − 1·0.5 = 0.5; float64 arithmetic would give 0.500000005.
    expect(percentile(new Float32Array([1e-8, 1]), 50)).toBe(0.5);
    expect(percentile(new Float64Array([1e-8, 1]) as unknown as number[], 50)).toBe(0.500000005);
  });

  it('uses (n − 1)·q for the virtual index, as NumPy does', () => {
    // (2 − 1)·0.02 = 0.02 exactly; n·q + (1 − q) − 1 would round to 0.020000000000000018.
    expect(percentile(new Uint8Array([0, 1]), 2)).toBe(0.02);
  });

  it('returns NaN when the data hold a NaN, as np.percentile does', () => {
    expect(percentile(new Float32Array([1, NaN, 3]), 50)).toBeNaN();
  });

  it('rejects empty data and percentiles outside [0, 100]', () => {
    expect(() => percentile(new Float32Array(0), 50)).toThrow(RangeError);
    expect(() => percentile(new Float32Array(3), 100.5)).toThrow(/\[0, 100\]/);
  });
});

describe('percentileNormalize (hand-worked)', () => {
  it('maps 0…9 with p2 = 0.18 and p99.9 = 8.991, without clipping', () => {
    const out = percentileNormalize(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    // (5 − 0.18) / (8.991 − 0.18 + 1e-6) = 4.82 / 8.811001 ≈ 0.5470435
    expect(out[5]).toBeCloseTo(0.5470435, 6);
    expect(out[0]).toBeLessThan(0); // below the 2nd percentile: negative, not clipped
    expect(out[9]).toBeGreaterThan(1);
    expect(out).toBeInstanceOf(Float32Array);
  });

  it('maps a constant image to 0', () => {
    expect(Array.from(percentileNormalize(new Uint16Array([7, 7, 7])))).toEqual([0, 0, 0]);
  });
});

describe('minMaxNormalize, rescaleToTarget, toBitDepth (hand-worked)', () => {
  it('min-max scales to [0, 1] and maps a constant channel to 0', () => {
    expect(Array.from(minMaxNormalize(new Float32Array([2, 4, 6])))).toEqual([0, 0.5, 1]);
    expect(Array.from(minMaxNormalize(new Float32Array([3, 3])))).toEqual([0, 0]);
  });

  it('recovers an exact affine relation', () => {
    const x = new Float32Array([0, 1, 2, 3]);
    const gt = new Float32Array([1, 3, 5, 7]); // 2x + 1
    const { data, a, b } = rescaleToTarget(x, gt);
    expect(a).toBeCloseTo(2, 12);
    expect(b).toBeCloseTo(1, 12);
    expect(Array.from(data)).toEqual([1, 3, 5, 7]);
  });

  it('clips and truncates toward zero for 8 and 16 bits, and passes 32 bits through', () => {
    const x = new Float32Array([-0.5, 0, 0.5, 0.9999, 1, 1.5, NaN]);
    // 255·0.5 = 127.5 → 127; 255·0.9999 = 254.97 → 254; 65535·0.5 = 32767.5 → 32767.
    expect(Array.from(toBitDepth(x, 8))).toEqual([0, 0, 127, 254, 255, 255, 0]);
    expect(Array.from(toBitDepth(x, 16))).toEqual([0, 0, 32767, 65528, 65535, 65535, 0]);
    expect(toBitDepth(x, 32)).toBe(x);
  });
});

const numpyAvailable = hasPythonModules(['numpy']);

describe.skipIf(skipWithout(numpyAvailable, 'python3-numpy'))(`normalization matches NumPy bit for bit ${needs(numpyAvailable, '/usr/bin/python3 with numpy')}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'normalize-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // A seeded skewed distribution (many near-zero values, a long bright tail), like a fluorescence stack.
  let state = 12345;
  const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const skewed = (n: number) => Array.from({ length: n }, () => Math.pow(next(), 4) * 3000 + next() * 20);

  const cases = [
    { dtype: 'float32', np: '<f4', data: Float32Array.from(skewed(4099)) },
    { dtype: 'uint16', np: '<u2', data: Uint16Array.from(skewed(4099), Math.floor) },
    { dtype: 'uint8', np: 'u1', data: Uint8Array.from(skewed(1001), (v) => Math.floor(v / 12)) },
    // Values spanning 16 decades, where float32 neighbour differences round.
    { dtype: 'float32', np: '<f4', data: Float32Array.from(skewed(3001), (v, i) => v * 10 ** ((i % 17) - 8)) },
  ] as const;
  const ps = [0, 2, 13.7, 50, 99, 99.9, 100];

  for (const { dtype, np, data } of cases) {
    it(`gives the same percentiles and normalized values as np.percentile / 3D-RCAN for ${dtype} (${data.length} values)`, () => {
      const input = join(dir, `${dtype}-${data.length}.bin`);
      const output = join(dir, `${dtype}-${data.length}-norm.bin`);
      writeFileSync(input, new Uint8Array(data.buffer));
      const stdout = runPython(
        `
import json, sys, numpy as np
x = np.fromfile(sys.argv[1], dtype='${np}')
ps = json.loads(sys.argv[3])
print(json.dumps([float(np.percentile(x, p)) for p in ps]))
low, high = np.percentile(x, 2), np.percentile(x, 99.9)
((x - low) / (high - low + 1e-6)).astype(np.float32).tofile(sys.argv[2])
`,
        [input, output, JSON.stringify(ps)],
      );
      expect(percentiles(data, ps)).toEqual(JSON.parse(stdout));
      const expected = new Float32Array(new Uint8Array(readFileSync(output)).buffer);
      const actual = percentileNormalize(data);
      let mismatches = 0;
      for (let i = 0; i < expected.length; i++) if (!Object.is(expected[i], actual[i])) mismatches++;
      expect(mismatches).toBe(0);
    });
  }

  it('matches NumPy for min-max, bit depth and (to float32 rounding) the rescale fit', () => {
    const x = Float32Array.from(skewed(2003), (v) => v / 1500 - 0.1);
    const gt = Float32Array.from(x, (v, i) => 0.8 * v + 0.05 + ((i * 7919) % 13) / 1000);
    writeFileSync(join(dir, 'x.bin'), new Uint8Array(x.buffer));
    writeFileSync(join(dir, 'gt.bin'), new Uint8Array(gt.buffer));
    runPython(
      `
import sys, numpy as np
d = sys.argv[1]
x = np.fromfile(d + '/x.bin', dtype='<f4'); gt = np.fromfile(d + '/gt.bin', dtype='<f4')
((x - x.min()) / (x.max() - x.min())).astype(np.float32).tofile(d + '/minmax.bin')
np.clip(65535 * x, 0, 65535).astype(np.uint16).tofile(d + '/u16.bin')
np.clip(255 * x, 0, 255).astype(np.uint8).tofile(d + '/u8.bin')
cov = np.cov(x.flatten(), gt.flatten())
a = cov[0, 1] / cov[0, 0]
b = gt.mean() - a * x.mean()
(a * x + b).astype(np.float32).tofile(d + '/rescaled.bin')
`,
      [dir],
    );
    const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
    expect(Array.from(minMaxNormalize(x))).toEqual(Array.from(new Float32Array(read('minmax.bin').buffer)));
    expect(Array.from(toBitDepth(x, 16))).toEqual(Array.from(new Uint16Array(read('u16.bin').buffer)));
    expect(Array.from(toBitDepth(x, 8))).toEqual(Array.from(read('u8.bin')));
    const rescaled = new Float32Array(read('rescaled.bin').buffer);
    const ours = rescaleToTarget(x, gt).data;
    for (let i = 0; i < x.length; i++) expect(Math.abs(ours[i]! - rescaled[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(rescaled[i]!)));
  });
});
