// Agreement with scikit-image / SciPy (Debian's /usr/bin/python3): Richardson–Lucy against
// skimage.restoration.richardson_lucy, the filters against scipy.ndimage. Skips with the reason when
// the tools are missing, except under CI=true, where a missing tool fails.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasPythonModules, needs, runPython } from '@/test/helpers/external-tools';
import { gaussianFilter } from './gaussian-filter';
import { medianFilter } from './median-filter';
import { computePsf } from './psf-model';
import { richardsonLucy } from './richardson-lucy';

const available = hasPythonModules(['skimage', 'scipy', 'numpy']);
const dir = available ? mkdtempSync(join(tmpdir(), 'restoration-skimage-')) : '';
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const SCRIPT = `
import sys, json, numpy as np
from scipy import ndimage
from skimage.restoration import richardson_lucy
d = sys.argv[1]
meta = json.load(open(d + '/meta.json'))
img = np.fromfile(d + '/img.bin', dtype=np.float64).reshape(meta['shape'])
psf = np.fromfile(d + '/psf.bin', dtype=np.float64).reshape(meta['psf_shape'])
ref = richardson_lucy(img, psf, num_iter=meta['iterations'], clip=False)
ref.astype(np.float64).tofile(d + '/rl.bin')
ndimage.gaussian_filter(img, meta['sigma'], mode='reflect').astype(np.float64).tofile(d + '/gauss.bin')
ndimage.median_filter(img, size=meta['median_size'], mode='reflect').astype(np.float64).tofile(d + '/median.bin')
`;

const group = describe.skipIf(!available && process.env.CI !== 'true');
group(`classical baselines agree with scikit-image and SciPy ${needs(available, '/usr/bin/python3 with scikit-image and scipy')}`, () => {
  it('tools are present (required under CI=true)', () => {
    expect(available, 'CI=true needs /usr/bin/python3 with scikit-image, scipy and numpy').toBe(true);
  });

  for (const [label, shape, psfShapeNdim] of [
    ['3D', [6, 20, 24], 3],
    ['2D', [1, 28, 20], 2],
  ] as const) {
    it(`Richardson–Lucy (${label}, 15 iterations) matches richardson_lucy(clip=False) to 1e-6 relative; filters match scipy`, () => {
      const n = shape[0] * shape[1] * shape[2];
      const r = rng(label === '3D' ? 3 : 4);
      const img = Float64Array.from({ length: n }, () => r() * r() * 2);
      // an anisotropic Gaussian PSF plus an off-centre bump, so flips and centring matter
      const base = computePsf({ kind: 'widefield', na: 0.8, wavelengthNm: 520, refractiveIndex: 1.33, voxelUm: { z: 0.5, y: 0.15, x: 0.2 } }, psfShapeNdim, [5, 7, 5]);
      const psfData = Float64Array.from(base.data);
      psfData[psfData.length - 2]! += 0.05;
      const sum = psfData.reduce((a, b) => a + b, 0);
      for (let i = 0; i < psfData.length; i++) psfData[i]! /= sum;
      const psf = { shape: base.shape, data: psfData };
      const sigma = 1.3;
      const medianRadius = 1;
      writeFileSync(join(dir, 'img.bin'), new Uint8Array(img.buffer));
      writeFileSync(join(dir, 'psf.bin'), new Uint8Array(psfData.buffer));
      const pyShape = label === '3D' ? [...shape] : [shape[1], shape[2]];
      const pyPsf = label === '3D' ? [...psf.shape] : [psf.shape[1], psf.shape[2]];
      writeFileSync(join(dir, 'meta.json'), JSON.stringify({ shape: pyShape, psf_shape: pyPsf, iterations: 15, sigma, median_size: 2 * medianRadius + 1 }));
      runPython(SCRIPT, [dir]);
      const read = (name: string) => new Float64Array(new Uint8Array(readFileSync(join(dir, name))).buffer);
      const ndim = label === '3D' ? 3 : 2;
      const ours = richardsonLucy({ shape, data: img }, psf, { iterations: 15 });
      const ref = read('rl.bin');
      expect(ref.length).toBe(n);
      let maxRel = 0;
      let peak = 0;
      for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(ref[i]!));
      for (let i = 0; i < n; i++) maxRel = Math.max(maxRel, Math.abs(ours[i]! - ref[i]!) / peak);
      expect(maxRel).toBeLessThan(1e-6);
      // and the result is not trivially the input
      expect(ours.some((v, i) => Math.abs(v - img[i]!) > 1e-3)).toBe(true);
      const g = gaussianFilter({ shape, data: img }, sigma, ndim);
      read('gauss.bin').forEach((v, i) => expect(Math.abs(g[i]! - v)).toBeLessThan(1e-5));
      const m = medianFilter({ shape, data: img }, medianRadius, ndim);
      read('median.bin').forEach((v, i) => expect(Math.abs(m[i]! - v)).toBeLessThan(1e-6));
    });
  }
});
