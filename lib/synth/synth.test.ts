import { describe, expect, it } from 'vitest';

import { hasPythonModules, needs, runPython, skipWithout } from '../../test/helpers/external-tools';
import type { Volume } from '../imaging';
import { cameraNoise, gaussianNoise, poissonNoise } from './noise';
import { blobs, filaments, spheres } from './phantoms';
import { gaussianBlur, gaussianKernel1d, gaussianPsf } from './psf';
import { labelImage } from './label-image';
import { restorationPair } from './restoration-pair';
import { createRng, mulberry32 } from './rng';

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
const variance = (a: ArrayLike<number>) => {
  const m = mean(a);
  return Array.from(a).reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1);
};
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

describe('createRng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 50 }, () => a.uniform());
    expect(Array.from({ length: 50 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.uniform())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('has the moments of U(0,1), N(0,1) and Poisson(λ) for small and large λ', () => {
    const rng = createRng(7);
    const u = Array.from({ length: 20000 }, () => rng.uniform());
    expect(mean(u)).toBeCloseTo(0.5, 2);
    expect(variance(u)).toBeCloseTo(1 / 12, 2);
    const n = Array.from({ length: 20000 }, () => rng.normal());
    expect(Math.abs(mean(n))).toBeLessThan(0.03);
    expect(Math.sqrt(variance(n))).toBeCloseTo(1, 1);
    for (const lambda of [0.5, 3, 9.9, 10, 50, 1000]) {
      const k = Array.from({ length: 20000 }, () => rng.poisson(lambda));
      expect(k.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
      // Standard error of the mean is sqrt(λ/20000); allow 5 of them.
      expect(Math.abs(mean(k) - lambda)).toBeLessThan(5 * Math.sqrt(lambda / 20000));
      expect(variance(k) / lambda).toBeGreaterThan(0.93);
      expect(variance(k) / lambda).toBeLessThan(1.07);
    }
    // P(K = 0) = e^-3 ≈ 0.0498 for λ = 3.
    const zeros = Array.from({ length: 20000 }, () => rng.poisson(3)).filter((v) => v === 0).length / 20000;
    expect(zeros).toBeCloseTo(Math.exp(-3), 2);
  });

  it('rejects a negative Poisson mean', () => {
    expect(() => createRng(1).poisson(-1)).toThrow(RangeError);
  });
});

const pythonAvailable = hasPythonModules(['numpy']);

describe.skipIf(skipWithout(pythonAvailable, '/usr/bin/python3'))(`mulberry32 ${needs(pythonAvailable, '/usr/bin/python3')}`, () => {
  it('matches an independent Python port of the reference C code', () => {
    const stdout = runPython(`
M = 0xFFFFFFFF
def imul(a, b):
    return (a * b) & M
a = 12345
out = []
for _ in range(5):
    a = (a + 0x6D2B79F5) & M
    t = imul(a ^ (a >> 15), a | 1)
    t = (t ^ ((t + imul(t ^ (t >> 7), t | 61)) & M)) & M
    out.append(((t ^ (t >> 14)) & M) / 4294967296)
print(repr(out))
`);
    const next = mulberry32(12345);
    expect(Array.from({ length: 5 }, next)).toEqual(JSON.parse(stdout.trim()));
  });
});

describe('phantoms', () => {
  for (const [name, make] of [['spheres', spheres], ['blobs', blobs], ['filaments', filaments]] as const) {
    it(`${name}: deterministic by seed, values in [0, max intensity], 2D and 3D`, () => {
      const a = make({ shape: [8, 24, 24], seed: 3, count: 6 });
      const b = make({ shape: [8, 24, 24], seed: 3, count: 6 });
      const c = make({ shape: [8, 24, 24], seed: 4, count: 6 });
      expect(a.data).toEqual(b.data);
      expect(a.data).not.toEqual(c.data);
      expect(a.shape).toEqual([8, 24, 24]);
      expect(Math.min(...a.data)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...a.data)).toBeLessThanOrEqual(1);
      expect(a.data.filter((v) => v > 0.25).length).toBeGreaterThan(0);
      const flat = make({ shape: [24, 24], seed: 3, count: 6, intensity: [2, 2] });
      expect(flat).toMatchObject({ shape: [1, 24, 24], ndim: 2 });
      expect(Math.max(...flat.data)).toBeCloseTo(2, 1);
    });
  }

  it('spheres are solid: a sphere of radius 3 alone covers about (4/3)π·27 voxels', () => {
    const v = spheres({ shape: [21, 21, 21], seed: 1, count: 1, radius: [3, 3], intensity: [1, 1] });
    // Any position inside the volume; the ball may be clipped by the border, so check the upper bound.
    const voxels = v.data.filter((x) => x === 1).length;
    expect(voxels).toBeGreaterThan(0);
    expect(voxels).toBeLessThanOrEqual(Math.ceil((4 / 3) * Math.PI * 27 * 1.3));
  });
});

describe('labelImage', () => {
  const faceNeighbours = (data: Uint16Array, [Z, Y, X]: readonly number[]) => {
    let touching = 0;
    for (let z = 0; z < Z!; z++)
      for (let y = 0; y < Y!; y++)
        for (let x = 0; x < X!; x++) {
          const i = (z * Y! + y) * X! + x;
          const v = data[i]!;
          if (!v) continue;
          for (const j of [x + 1 < X! ? i + 1 : -1, y + 1 < Y! ? i + X! : -1, z + 1 < Z! ? i + X! * Y! : -1]) {
            if (j >= 0 && data[j] && data[j] !== v) touching++;
          }
        }
    return touching;
  };

  it('draws N separate objects labelled 1…N with background between them', () => {
    const { volume, objects } = labelImage({ shape: [64, 64], count: 8, seed: 5 });
    expect(objects.map((o) => o.label)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(volume.data)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8]));
    expect(faceNeighbours(volume.data, volume.shape)).toBe(0);
  });

  it('draws touching objects that share borders, in 2D and 3D', () => {
    for (const shape of [[64, 64], [16, 40, 40]] as const) {
      const { volume } = labelImage({ shape, count: 6, seed: 2, touching: true });
      expect(new Set(volume.data).size).toBe(7);
      expect(faceNeighbours(volume.data, volume.shape)).toBeGreaterThan(0);
    }
  });

  it('is deterministic by seed and says when objects do not fit', () => {
    expect(labelImage({ shape: [40, 40], count: 4, seed: 9 }).volume.data).toEqual(labelImage({ shape: [40, 40], count: 4, seed: 9 }).volume.data);
    expect(() => labelImage({ shape: [10, 10], count: 50, radius: [3, 4] })).toThrow(/could place only \d+ of 50/);
  });
});

describe('Gaussian PSF', () => {
  it('1D kernels sum to 1, are symmetric and reach 4σ like SciPy', () => {
    for (const sigma of [0.5, 1, 1.7, 3]) {
      const k = gaussianKernel1d(sigma);
      expect(k.length).toBe(2 * Math.floor(4 * sigma + 0.5) + 1);
      expect(sum(k)).toBeCloseTo(1, 12);
      expect(Array.from(k)).toEqual(Array.from(k).reverse());
    }
    expect(Array.from(gaussianKernel1d(0))).toEqual([1]);
  });

  it('the 3D PSF sums to 1 and peaks at its centre', () => {
    const psf = gaussianPsf({ z: 2, y: 1, x: 1 });
    expect(psf.shape).toEqual([17, 9, 9]);
    expect(sum(psf.data)).toBeCloseTo(1, 5);
    expect(Math.max(...psf.data)).toBe(psf.data[(8 * 9 + 4) * 9 + 4]);
  });

  it('blurs an interior point into the PSF and keeps a constant image constant', () => {
    const delta = new Float32Array(11 * 11 * 11);
    delta[(5 * 11 + 5) * 11 + 5] = 1;
    const out = gaussianBlur({ shape: [11, 11, 11], ndim: 3, data: delta }, 1);
    expect(sum(out.data)).toBeCloseTo(1, 5);
    const flat = gaussianBlur({ shape: [4, 5, 6], ndim: 3, data: new Float32Array(120).fill(3) }, { z: 2, y: 1, x: 1.5 });
    expect(Array.from(flat.data).every((v) => Math.abs(v - 3) < 1e-5)).toBe(true);
  });
});

const scipyAvailable = hasPythonModules(['numpy', 'scipy.ndimage']);

describe.skipIf(skipWithout(scipyAvailable, 'python3-scipy'))(`gaussianBlur against SciPy ${needs(scipyAvailable, '/usr/bin/python3 with scipy')}`, () => {
  it('matches scipy.ndimage.gaussian_filter (reflect, truncate 4) on an anisotropic stack', () => {
    const v = blobs({ shape: [6, 9, 11], seed: 1, count: 5 });
    const stdout = runPython(
      `
import json, sys, numpy as np
from scipy.ndimage import gaussian_filter
x = np.array(json.loads(sys.argv[1]), dtype=np.float64).reshape(6, 9, 11)
print(json.dumps(gaussian_filter(x, sigma=(1.2, 0.8, 2.0)).ravel().tolist()))
`,
      [JSON.stringify(Array.from(v.data))],
    );
    const expected: number[] = JSON.parse(stdout);
    const ours = gaussianBlur(v, { z: 1.2, y: 0.8, x: 2 }).data;
    expected.forEach((e, i) => expect(Math.abs(ours[i]! - e)).toBeLessThan(1e-6));
  });
});

describe('noise models', () => {
  it('Poisson noise has mean and variance λ and is reproducible', () => {
    const lambda = new Float32Array(20000).fill(20);
    const a = poissonNoise(lambda, 1);
    expect(poissonNoise(lambda, 1)).toEqual(a);
    expect(mean(a)).toBeCloseTo(20, 0);
    expect(variance(a) / 20).toBeGreaterThan(0.93);
    expect(variance(a) / 20).toBeLessThan(1.07);
  });

  it('Gaussian noise adds the requested standard deviation', () => {
    const out = gaussianNoise(new Float32Array(20000).fill(5), 0.5, 3);
    expect(mean(out)).toBeCloseTo(5, 1);
    expect(Math.sqrt(variance(out))).toBeCloseTo(0.5, 1);
  });

  it('camera images sit at offset + gain·λ and stay within uint16', () => {
    const img = cameraNoise(new Float32Array(20000).fill(30), { gain: 2, offset: 100, readNoise: 3, seed: 4 });
    expect(mean(img)).toBeCloseTo(160, 0);
    // Var = gain²·λ + read² = 4·30 + 9 = 129.
    expect(variance(img) / 129).toBeGreaterThan(0.92);
    expect(variance(img) / 129).toBeLessThan(1.08);
    expect(Math.max(...cameraNoise(new Float32Array(10).fill(1e6), { seed: 1 }))).toBe(65535);
  });
});

describe('restorationPair', () => {
  const correlation = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    const ma = mean(a);
    const mb = mean(b);
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < a.length; i++) {
      sab += (a[i]! - ma) * (b[i]! - mb);
      saa += (a[i]! - ma) ** 2;
      sbb += (b[i]! - mb) ** 2;
    }
    return sab / Math.sqrt(saa * sbb);
  };

  it('gives a reproducible pair where the GT is much closer to the clean scene than the raw', () => {
    const pair = restorationPair({ shape: [8, 32, 32], seed: 11 });
    expect(restorationPair({ shape: [8, 32, 32], seed: 11 }).raw.data).toEqual(pair.raw.data);
    expect(pair.raw.shape).toEqual([8, 32, 32]);
    expect(pair.gt.dtype).toBe('uint16');
    expect(Math.max(...pair.clean.data)).toBeCloseTo(1, 5);
    const rawR = correlation(pair.raw.data, pair.clean.data);
    const gtR = correlation(pair.gt.data, pair.clean.data);
    expect(gtR).toBeGreaterThan(0.99);
    expect(rawR).toBeLessThan(gtR - 0.05);
    expect(rawR).toBeGreaterThan(0.3);
  });

  it('produces values lib/imaging accepts as a Volume', () => {
    const pair = restorationPair({ shape: [16, 16], seed: 1, kind: 'filaments' });
    const volume: Volume = pair.raw;
    expect(volume.ndim).toBe(2);
  });
});
