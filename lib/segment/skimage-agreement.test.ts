// Agreement with scikit-image / SciPy (Debian's /usr/bin/python3): filters, thresholds and object
// counts. Skips, saying why, when Python or scikit-image is missing; under CI=true it fails instead.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasPythonModules, needs, runPython } from '@/test/helpers/external-tools';
import { createRng, gaussianBlur, labelImage } from '@/lib/synth';
import { gaussianFilter } from './gaussian';
import { rollingBall, whiteTopHat } from './morphology';
import { computeThreshold, THRESHOLD_METHODS, type ThresholdMethod } from './threshold';
import { splitObjects } from './watershed';
import type { FloatImage, Shape3 } from './types';

const available = hasPythonModules(['skimage', 'scipy', 'numpy']);
const requiredByCi = process.env.CI === 'true';
const dir = available ? mkdtempSync(join(tmpdir(), 'segment-skimage-')) : '';
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Case {
  name: string;
  image: FloatImage;
  /** Stored as uint8 in Python too, so scikit-image takes its integer paths. */
  integer: boolean;
}

/** Nuclei-like test image: labelled disks/balls at varied brightness, blurred, with noise. */
function nuclei(shape: readonly [number, number] | readonly [number, number, number], seed: number, touching: boolean, integer: boolean): FloatImage {
  const is3d = shape.length === 3;
  const { volume } = labelImage({ shape, count: is3d ? 12 : 30, radius: is3d ? [4, 7] : [6, 10], touching, seed });
  const rng = createRng(seed);
  const level = Array.from({ length: 40 }, (_, i) => (i === 0 ? 30 : rng.range(120, 220)));
  const blurred = gaussianBlur({ shape: volume.shape, ndim: volume.ndim, data: Float32Array.from(volume.data, (l) => level[l]!) }, 1.5);
  const data = Float32Array.from(blurred.data, (v) => {
    const noisy = v + 12 * rng.normal();
    return integer ? Math.min(255, Math.max(0, Math.round(noisy))) : noisy / 255;
  });
  return { shape: volume.shape, ndim: volume.ndim, data };
}

const CASES: Case[] = [
  { name: '2D float', image: nuclei([160, 160], 1, true, false), integer: false },
  { name: '2D uint8', image: nuclei([160, 160], 2, true, true), integer: true },
  { name: '3D float', image: nuclei([20, 64, 64], 3, true, false), integer: false },
  { name: '3D uint8', image: nuclei([20, 64, 64], 4, false, true), integer: true },
];

/** Run a Python body that defines `run(img, meta)` over every case in one interpreter. */
function python(body: string, extra: (c: Case) => unknown = () => null): unknown[] {
  const meta = CASES.map((c, i) => {
    const bytes = c.integer ? Uint8Array.from(c.image.data) : c.image.data;
    writeFileSync(join(dir, `img${i}.bin`), new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { dtype: c.integer ? 'uint8' : 'float32', shape: c.image.ndim === 2 ? c.image.shape.slice(1) : c.image.shape, extra: extra(c) };
  });
  const script = [
    'import json, sys, numpy as np',
    'from scipy import ndimage as ndi',
    'import skimage.filters as F, skimage.morphology as M',
    'from skimage.feature import peak_local_max',
    'from skimage.segmentation import watershed',
    body,
    'd = sys.argv[1]',
    'meta = json.loads(sys.argv[2])',
    'out = []',
    'for i, m in enumerate(meta):',
    "    img = np.fromfile(f'{d}/img{i}.bin', dtype=m['dtype']).reshape(m['shape'])",
    '    out.append(run(img, m))',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(runPython(script, [dir, JSON.stringify(meta)])) as unknown[];
}

function once<T>(fn: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= fn());
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const thresholds = once(() =>
  python(
    [
      'def run(img, m):',
      "    return {k: float(f(img)) for k, f in [('otsu', F.threshold_otsu), ('li', F.threshold_li), ('triangle', F.threshold_triangle), ('yen', F.threshold_yen), ('mean', F.threshold_mean)]}",
    ].join('\n'),
  ) as Record<ThresholdMethod, number>[],
);

const filters = once(() =>
  python(
    [
      'def run(img, m):',
      '    x = img.astype(np.float32)',
      '    g = F.gaussian(x, sigma=2, preserve_range=True)',
      '    fp = np.ones((7,) * x.ndim, bool)',
      '    th = M.white_tophat(x, fp)',
      '    return {"gauss": g.ravel().tolist(), "tophat": th.ravel().tolist()}',
    ].join('\n'),
  ) as { gauss: number[]; tophat: number[] }[],
);

const counts = once(() =>
  python(
    [
      'def run(img, m):',
      '    t, s, min_size = m["extra"]',
      '    mask = img > t',
      '    cc, _ = ndi.label(mask)',
      '    dist = ndi.distance_transform_edt(mask)',
      '    peaks = peak_local_max(dist, min_distance=s, labels=cc, exclude_border=False)',
      '    markers = np.zeros(mask.shape, int)',
      '    markers[tuple(peaks.T)] = np.arange(1, len(peaks) + 1)',
      '    lab = watershed(-dist, markers, mask=mask)',
      '    lab = M.remove_small_objects(lab, min_size)',
      '    return int(len(np.unique(lab)) - 1)',
    ].join('\n'),
    (c) => [computeThreshold(c.image.data, 'otsu', c.integer).value, 4, 10],
  ) as number[],
);

if (!available && requiredByCi) {
  describe('segment ↔ scikit-image agreement', () => {
    it('needs /usr/bin/python3 with scikit-image and SciPy under CI', () => {
      throw new Error('CI=true but /usr/bin/python3 cannot import skimage, scipy and numpy; install python3-skimage');
    });
  });
}

describe.skipIf(!available)(`segment ↔ scikit-image agreement ${needs(available, 'python3-skimage')}`, () => {
  it.each(CASES.map((c, i) => [c.name, i] as const))('thresholds agree on %s (within one histogram bin)', (_, i) => {
    const c = CASES[i]!;
    const ref = thresholds()[i]!;
    for (const method of THRESHOLD_METHODS) {
      const { value, histogram } = computeThreshold(c.image.data, method, c.integer);
      const bin = histogram.centers.length > 1 ? histogram.centers[1]! - histogram.centers[0]! : 1;
      // Li iterates on the pixels, so it must agree to its tolerance, not a bin.
      const tol = method === 'li' || method === 'mean' ? 1e-3 * Math.max(1, Math.abs(ref[method])) : bin * 1.001;
      expect(Math.abs(value - ref[method]), `${method}: ours ${value}, skimage ${ref[method]}`).toBeLessThanOrEqual(tol);
    }
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('Gaussian σ=2 and white top-hat (7-box) match on %s', (_, i) => {
    const c = CASES[i]!;
    const ref = filters()[i]!;
    const range = Math.max(...c.image.data) - Math.min(...c.image.data);
    expect(maxAbsDiff(gaussianFilter(c.image, 2).data, ref.gauss) / range).toBeLessThan(1e-5);
    expect(maxAbsDiff(whiteTopHat(c.image, 3).result.data, ref.tophat) / range).toBeLessThan(1e-6);
  });

  it('the paraboloid rolling ball equals SciPy grey_opening with the same structuring function', () => {
    const c = CASES[1]!;
    // A 40×40 crop keeps SciPy's brute-force non-flat opening quick; the footprint covers the crop.
    const crop = new Float32Array(40 * 40);
    for (let y = 0; y < 40; y++) for (let x = 0; x < 40; x++) crop[y * 40 + x] = c.image.data[(y + 30) * 160 + x + 30]!;
    const R = 12;
    const ours = rollingBall({ shape: [1, 40, 40], ndim: 2, data: crop }, R).background.data;
    writeFileSync(join(dir, 'crop.bin'), new Uint8Array(crop.buffer));
    const ref = JSON.parse(
      runPython(
        [
          'import sys, json, numpy as np',
          'from scipy import ndimage as ndi',
          "x = np.fromfile(sys.argv[1], dtype='float32').reshape(40, 40).astype(np.float64)",
          'R = float(sys.argv[2]); rng = x.max() - x.min()',
          'yy, xx = np.mgrid[-39:40, -39:40]',
          'h = -rng * (yy**2 + xx**2) / R**2',
          'print(json.dumps(ndi.grey_opening(x, structure=h, mode="nearest").ravel().tolist()))',
        ].join('\n'),
        [join(dir, 'crop.bin'), String(R)],
      ),
    ) as number[];
    expect(maxAbsDiff(ours, ref)).toBeLessThan(1e-3);
    // The opening never exceeds the image.
    expect(ours.every((v, k) => v <= crop[k]! + 1e-3)).toBe(true);
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('object counts of Otsu + watershed agree on %s', (_, i) => {
    const c = CASES[i]!;
    const t = computeThreshold(c.image.data, 'otsu', c.integer).value;
    const mask = Uint8Array.from(c.image.data, (v) => (v > t ? 1 : 0));
    const ours = splitObjects(mask, c.image.shape as Shape3, c.image.ndim, { seedSpacing: 4, minSize: 10 }).count;
    const ref = counts()[i]!;
    expect(ref).toBeGreaterThan(3);
    // Seed tie-breaking on distance plateaus differs; counts must agree within 10% (at least ±1).
    expect(Math.abs(ours - ref), `ours ${ours}, skimage ${ref}`).toBeLessThanOrEqual(Math.max(1, Math.round(0.1 * ref)));
  });
});
