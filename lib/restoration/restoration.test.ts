import { describe, expect, it } from 'vitest';
import { createSameConvolver } from './convolve';
import { fft1d, fft3d, nextPow2 } from './fft';
import { gaussianFilter, reflectIndex } from './gaussian-filter';
import { medianFilter } from './median-filter';
import { computePsf, gaussianPsfSigmaUm, normalizePsf } from './psf-model';
import { richardsonLucy } from './richardson-lucy';
import { formatRankingTable, rankAgainstTruth, runClassical } from './run-classical';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomArray(n: number, seed: number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => r());
}

describe('fft', () => {
  it('matches a direct DFT and inverts', () => {
    const n = 16;
    const re = randomArray(n, 1);
    const im = randomArray(n, 2);
    const [r0, i0] = [Float64Array.from(re), Float64Array.from(im)];
    fft1d(re, im, n);
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      for (let t = 0; t < n; t++) {
        const a = (-2 * Math.PI * k * t) / n;
        sr += r0[t]! * Math.cos(a) - i0[t]! * Math.sin(a);
        si += r0[t]! * Math.sin(a) + i0[t]! * Math.cos(a);
      }
      expect(re[k]).toBeCloseTo(sr, 9);
      expect(im[k]).toBeCloseTo(si, 9);
    }
    fft1d(re, im, n, 0, 1, true);
    for (let t = 0; t < n; t++) expect(re[t]).toBeCloseTo(r0[t]!, 12);
  });

  it('3D transform of a delta is flat and the inverse returns the input', () => {
    const shape = [4, 8, 2] as const;
    const re = new Float64Array(64);
    const im = new Float64Array(64);
    re[0] = 1;
    fft3d(re, im, shape);
    expect([...re].every((v) => Math.abs(v - 1) < 1e-12)).toBe(true);
    const x = randomArray(64, 3);
    const xr = Float64Array.from(x);
    const xi = new Float64Array(64);
    fft3d(xr, xi, shape);
    fft3d(xr, xi, shape, true);
    xr.forEach((v, i) => expect(v).toBeCloseTo(x[i]!, 12));
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => fft1d(new Float64Array(6), new Float64Array(6), 6)).toThrow(/power of two/);
    expect(nextPow2(104)).toBe(128);
  });
});

describe('same-size convolution', () => {
  it('equals a direct zero-boundary convolution centred like scipy mode="same" (odd and even kernels)', () => {
    const shape = [3, 5, 6] as const;
    const img = randomArray(90, 4);
    for (const kshape of [[3, 3, 3], [2, 3, 4]] as const) {
      const k = randomArray(kshape[0] * kshape[1] * kshape[2], 5);
      const conv = createSameConvolver(shape, { shape: kshape, data: k });
      const got = conv.convolve(img);
      const gotT = conv.correlate(img);
      const start = kshape.map((n) => Math.floor((n - 1) / 2));
      const at = (a: Float64Array, s: readonly number[], z: number, y: number, x: number) =>
        z < 0 || y < 0 || x < 0 || z >= s[0]! || y >= s[1]! || x >= s[2]! ? 0 : a[(z * s[1]! + y) * s[2]! + x]!;
      const flipped = new Float64Array(k.length);
      for (let i = 0; i < k.length; i++) flipped[i] = k[k.length - 1 - i]!;
      for (const [kernel, out] of [[k, got], [flipped, gotT]] as const) {
        for (let z = 0; z < 3; z++) for (let y = 0; y < 5; y++) for (let x = 0; x < 6; x++) {
          // full-convolution index (z + start) → sum over kernel taps
          let acc = 0;
          for (let a = 0; a < kshape[0]; a++) for (let b = 0; b < kshape[1]; b++) for (let c = 0; c < kshape[2]; c++) {
            acc += at(kernel, kshape, a, b, c) * at(img, shape, z + start[0]! - a, y + start[1]! - b, x + start[2]! - c);
          }
          expect(out[(z * 5 + y) * 6 + x]).toBeCloseTo(acc, 9);
        }
      }
    }
  });
});

describe('gaussian and median filters', () => {
  it('reflect boundary follows scipy (d c b a | a b c d | d c b a)', () => {
    expect([-3, -2, -1, 0, 3, 4, 5, 8].map((i) => reflectIndex(i, 4))).toEqual([2, 1, 0, 0, 3, 3, 2, 0]);
  });

  it('gaussian keeps a constant image and lowers the variance of noise', () => {
    const shape = [4, 16, 16] as const;
    const flat = gaussianFilter({ shape, data: new Float32Array(1024).fill(3) }, 1.5);
    expect(Math.max(...flat.map((v) => Math.abs(v - 3)))).toBeLessThan(1e-5);
    const noise = randomArray(1024, 7);
    const smooth = gaussianFilter({ shape, data: noise }, 1);
    const variance = (a: ArrayLike<number>) => {
      const m = Array.from(a).reduce((s, v) => s + v, 0) / a.length;
      return Array.from(a).reduce((s, v) => s + (v - m) ** 2, 0) / a.length;
    };
    expect(variance(smooth)).toBeLessThan(variance(noise) / 5);
  });

  it('median removes an isolated outlier and keeps an edge', () => {
    const shape = [1, 8, 8] as const;
    const data = new Float32Array(64);
    for (let y = 0; y < 8; y++) for (let x = 4; x < 8; x++) data[y * 8 + x] = 1;
    data[2 * 8 + 1] = 50;
    const out = medianFilter({ shape, data }, 1, 2);
    expect(out[2 * 8 + 1]).toBe(0);
    expect(out[3 * 8 + 4]).toBe(1);
    expect(out[3 * 8 + 3]).toBe(0);
    expect(() => medianFilter({ shape, data }, 0)).toThrow(/integer ≥ 1/);
  });
});

describe('PSF models', () => {
  it('uses the widefield and confocal Gaussian constants and sums to 1', () => {
    const wf = gaussianPsfSigmaUm({ kind: 'widefield', na: 1.4, wavelengthNm: 500, refractiveIndex: 1.515, voxelUm: { z: 0.2, y: 0.1, x: 0.1 } });
    expect(wf.x).toBeCloseTo((0.21 * 0.5) / 1.4, 10);
    expect(wf.z).toBeCloseTo((0.66 * 0.5 * 1.515) / 1.96, 10);
    const cf = gaussianPsfSigmaUm({ kind: 'confocal', na: 1.4, wavelengthNm: 500, refractiveIndex: 1.515, voxelUm: { z: 0.2, y: 0.1, x: 0.1 } });
    expect(cf.x).toBeLessThan(wf.x);
    const psf = computePsf({ kind: 'widefield', na: 1.4, wavelengthNm: 500, refractiveIndex: 1.515, voxelUm: { z: 0.2, y: 0.1, x: 0.1 } }, 3);
    expect(Array.from(psf.data).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    expect(psf.shape.every((n) => n % 2 === 1)).toBe(true);
    expect(psf.shape[0]).toBeLessThanOrEqual(31);
    expect(() => gaussianPsfSigmaUm({ kind: 'widefield', na: 1.6, wavelengthNm: 500, refractiveIndex: 1.515, voxelUm: { z: 1, y: 1, x: 1 } })).toThrow(/NA must be/);
    expect(() => normalizePsf({ shape: [1, 2, 2], data: [1, 1, 1, 1] })).toThrow(/flat/);
  });
});

describe('Richardson–Lucy and the baseline search', () => {
  // A sparse scene blurred by a known PSF: RL must sharpen it (closer to the truth than the blur).
  const shape = [8, 32, 32] as const;
  const truth = new Float32Array(8 * 32 * 32);
  const r = rng(11);
  for (let i = 0; i < 30; i++) truth[(Math.floor(r() * 8) * 32 + Math.floor(r() * 32)) * 32 + Math.floor(r() * 32)] = 1;
  const psf = computePsf({ kind: 'widefield', na: 1.0, wavelengthNm: 500, refractiveIndex: 1.33, voxelUm: { z: 0.3, y: 0.1, x: 0.1 } }, 3);
  const blurred = Float32Array.from(createSameConvolver(shape, psf).convolve(truth));
  const mse = (a: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + (v - truth[i]!) ** 2, 0) / a.length;

  it('gets closer to the truth than the blurred image, more with more iterations; TV stays close', () => {
    const e10 = richardsonLucy({ shape, data: blurred }, psf, { iterations: 10 });
    const e40 = richardsonLucy({ shape, data: blurred }, psf, { iterations: 40 });
    const tv = richardsonLucy({ shape, data: blurred }, psf, { iterations: 40, tvWeight: 0.002 });
    expect(mse(e10)).toBeLessThan(mse(blurred));
    expect(mse(e40)).toBeLessThan(mse(e10));
    expect(mse(tv)).toBeLessThan(mse(blurred));
    expect(() => richardsonLucy({ shape: [1, 1, 2], data: [1, -1] }, psf)).toThrow(/non-negative/);
  });

  it('searches iterations and sigma against GT and ranks the outputs', () => {
    const rl = runClassical({ shape, data: blurred }, 3, 'richardson-lucy', { psf }, truth);
    expect(rl.chosenBy).toBe('search');
    expect(rl.search!.map((s) => s.value)).toEqual([2, 5, 10, 20, 30, 50]);
    expect(rl.params.iterations).toBe(rl.search!.reduce((a, b) => (b.psnr > a.psnr ? b : a)).value);
    const g = runClassical({ shape, data: blurred }, 3, 'gaussian', {}, truth);
    expect(g.search).toHaveLength(6);
    const fixed = runClassical({ shape, data: blurred }, 3, 'gaussian', { sigma: 2 }, truth);
    expect(fixed).toMatchObject({ chosenBy: 'user', params: { sigma: 2 } });
    expect(() => runClassical({ shape, data: blurred }, 3, 'richardson-lucy', {})).toThrow(/needs a PSF/);
    const ranking = rankAgainstTruth(truth, [...shape], [
      { name: 'raw', kind: 'raw', data: blurred },
      { name: 'rl', kind: 'baseline', data: rl.restored },
      { name: 'net', kind: 'network', data: g.restored },
    ]);
    expect(ranking.rows[0]!.name).toBe('rl');
    expect(ranking.baselineWins).toMatch(/^A classical baseline beats the network here: rl/);
    expect(formatRankingTable(ranking).split('\n')).toHaveLength(5);
    const netBest = rankAgainstTruth(truth, [...shape], [{ name: 'net', kind: 'network', data: rl.restored }, { name: 'g', kind: 'baseline', data: blurred }]);
    expect(netBest.baselineWins).toBeUndefined();
  });
});
