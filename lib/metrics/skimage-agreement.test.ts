// Agreement with scikit-image / scipy (Debian's /usr/bin/python3). Skips, saying why, when absent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { skipWithout } from '../../test/helpers/external-tools';
import { seededRandom } from '@/test/helpers/label-grid';
import { evaluateRestoration } from './evaluate-restoration';
import { evaluateSegmentation } from './evaluate-segmentation';
import { normalizedRootMse } from './normalized-root-mse';
import type { LabelImage, MetricImage } from './types';

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import skimage, scipy, numpy; print(skimage.__version__)'], {
  encoding: 'utf8',
});
const available = probe.status === 0;
const reason = available ? '' : ` (skipped: ${PYTHON} with scikit-image and scipy not found)`;

const dir = available ? mkdtempSync(join(tmpdir(), 'metrics-skimage-')) : '';
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface PythonCase {
  a: MetricImage;
  b: MetricImage;
  args: unknown;
}

/**
 * Run `body` (Python defining `run(a, b, args)` → JSON-able) on every case in one interpreter, since
 * starting Python and importing scikit-image costs far more than the metrics themselves.
 */
function python(cases: PythonCase[], body: string): unknown[] {
  const dtype = (img: MetricImage): string =>
    img.data instanceof Float32Array ? 'float32' : img.data instanceof Float64Array ? 'float64' : 'int32';
  const meta = cases.map((c, i) => {
    for (const [key, img] of [['a', c.a], ['b', c.b]] as const) {
      writeFileSync(join(dir, `${key}${i}.bin`), new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength));
    }
    return { dtypes: [dtype(c.a), dtype(c.b)], shape: c.a.shape, args: c.args };
  });
  const script = [
    'import json, numpy as np',
    'from scipy import ndimage',
    'from scipy.spatial import cKDTree',
    'from scipy.optimize import linear_sum_assignment',
    'import skimage.metrics as M',
    body,
    `d = ${JSON.stringify(dir)}`,
    `meta = json.loads(${JSON.stringify(JSON.stringify(meta))})`,
    'out = []',
    'for i, m in enumerate(meta):',
    "    a = np.fromfile(f'{d}/a{i}.bin', dtype=m['dtypes'][0]).reshape(m['shape'])",
    "    b = np.fromfile(f'{d}/b{i}.bin', dtype=m['dtypes'][1]).reshape(m['shape'])",
    "    out.append(run(a, b, m['args']))",
    'print(json.dumps(out))',
  ].join('\n');
  const result = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as unknown[];
}

/** Compute each group's reference values once, on first use. */
function once<T>(fn: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= fn());
}

function smoothImage(shape: number[], seed: number, type: 'float32' | 'float64'): MetricImage {
  const rand = seededRandom(seed);
  const n = shape.reduce((x, y) => x * y, 1);
  const data = type === 'float32' ? new Float32Array(n) : new Float64Array(n);
  const freqs = Array.from({ length: 4 }, () => [rand() * 0.5, rand() * 0.5, rand() * 0.5, rand() * 6]);
  for (let i = 0; i < n; i++) {
    const x = i % shape.at(-1)!;
    const y = Math.floor(i / shape.at(-1)!) % shape.at(-2)!;
    const z = shape.length === 3 ? Math.floor(i / (shape[1]! * shape[2]!)) : 0;
    data[i] = 100 + freqs.reduce((s, [fx, fy, fz, p]) => s + 20 * Math.sin(fx! * x + fy! * y + fz! * z + p!), 0);
  }
  return { data, shape };
}

function noisy(img: MetricImage, seed: number, sigma: number): MetricImage {
  const rand = seededRandom(seed);
  const data = img.data.slice();
  for (let i = 0; i < data.length; i++) data[i] = data[i]! + sigma * (rand() + rand() + rand() - 1.5);
  return { data, shape: img.shape };
}

function blobLabels(shape: number[], count: number, seed: number, shift = 0): LabelImage {
  const rand = seededRandom(seed);
  const [nz, ny, nx] = shape.length === 3 ? shape : [1, ...shape];
  const data = new Int32Array(nz! * ny! * nx!);
  for (let k = 1; k <= count; k++) {
    const c = [rand() * nz!, rand() * ny!, rand() * nx!];
    const r = 2.5 + rand() * 4;
    const j = [Math.floor(rand() * 3) - 1, Math.floor(rand() * 3) - 1];
    for (let z = 0; z < nz!; z++)
      for (let y = 0; y < ny!; y++)
        for (let x = 0; x < nx!; x++) {
          const dz = nz === 1 ? 0 : z - c[0]!;
          const d2 = dz ** 2 + (y - c[1]! - shift * j[0]!) ** 2 + (x - c[2]! - shift * j[1]!) ** 2;
          const i = (z * ny! + y) * nx! + x;
          if (d2 <= r * r * (1 + shift * 0.3 * (rand() - 0.5)) && data[i] === 0) data[i] = k;
        }
  }
  return { data, shape };
}

const RESTORATION_PY = `
def run(a, b, args):
    return {
        'mse': M.mean_squared_error(a, b),
        'nrmse': {n: M.normalized_root_mse(a, b, normalization=n) for n in ['euclidean', 'min-max', 'mean']},
        'psnr': M.peak_signal_noise_ratio(a, b, data_range=float(a.max()) - float(a.min())),
        'ssim': M.structural_similarity(a, b, data_range=args['range'], gaussian_weights=True, sigma=1.5,
                                        use_sample_covariance=False),
    }
`;

const HAUSDORFF_PY = `
def boundary(m):
    st = ndimage.generate_binary_structure(m.ndim, 1)
    return m & ~ndimage.binary_erosion(m, structure=st, border_value=0)

def dists(ba, bb, sp):
    pa = np.argwhere(ba) * sp
    pb = np.argwhere(bb) * sp
    d1 = cKDTree(pb).query(pa)[0]
    d2 = cKDTree(pa).query(pb)[0]
    return float(max(d1.max(), d2.max())), float(np.percentile(np.hstack([d1, d2]), 95))

def run(a, b, args):
    sp = np.array(args['spacing'], dtype=float)
    bt, bp = boundary(a > 0), boundary(b > 0)
    out = {'mask': dists(bt, bp, sp), 'skimage': float(M.hausdorff_distance(bt, bp))}
    out['pairs'] = [dists(boundary(a == t), boundary(b == p), sp) for t, p in args['pairs']]
    # StarDist/Cellpose matching: cost = -(iou >= th) - iou / (2 n_min), scipy linear_sum_assignment.
    ta, pa = np.unique(a[a > 0]), np.unique(b[b > 0])
    ti = {v: i for i, v in enumerate(ta)}
    pi = {v: i for i, v in enumerate(pa)}
    inter = np.zeros((len(ta), len(pa)))
    both = (a > 0) & (b > 0)
    for t, p in zip(a[both], b[both]):
        inter[ti[t], pi[p]] += 1
    area_t = np.array([(a == t).sum() for t in ta])
    area_p = np.array([(b == p).sum() for p in pa])
    iou = inter / (area_t[:, None] + area_p[None, :] - inter)
    aps = []
    for th in args['thresholds']:
        cost = -(iou >= th).astype(float) - iou / (2 * min(iou.shape))
        r, c = linear_sum_assignment(cost)
        tp = int((iou[r, c] >= th).sum())
        aps.append(tp / (len(ta) + len(pa) - tp))
    out['ap'] = aps
    return out
`;

interface RestorationRef {
  mse: number;
  nrmse: Record<'euclidean' | 'min-max' | 'mean', number>;
  psnr: number;
  ssim: number;
}

interface HausdorffRef {
  mask: [number, number];
  skimage: number;
  pairs: Array<[number, number]>;
  ap: number[];
}

const RESTORATION_CASES = [
  ['2D float64', [48, 40], 'float64'],
  ['2D float32', [33, 45], 'float32'],
  ['3D float32', [14, 24, 20], 'float32'],
] as const;

const SEGMENTATION_CASES = [
  ['2D', [60, 70], 25, [1, 1]],
  ['2D anisotropic', [50, 64], 20, [1, 0.65]],
  ['3D anisotropic', [16, 30, 30], 12, [2, 0.5, 0.5]],
] as const;

describe.skipIf(skipWithout(available, 'python3-skimage and python3-scipy'))(`agreement with scikit-image${reason}`, () => {
  const restorationPairs = RESTORATION_CASES.map(([, shape, type]) => {
    const truth = smoothImage([...shape], 11, type);
    return { truth, pred: noisy(truth, 12, 15) };
  });
  const restorationRefs = once(
    () => python(restorationPairs.map((p) => ({ a: p.truth, b: p.pred, args: { range: 160 } })), RESTORATION_PY) as RestorationRef[],
  );

  it.each(RESTORATION_CASES.map((c, i) => [c[0], i] as const))(
    'matches MSE, NRMSE, PSNR and SSIM on a %s image',
    (_name, i) => {
      const { truth, pred } = restorationPairs[i]!;
      const ref = restorationRefs()[i]!;
      const type = RESTORATION_CASES[i]![2];
      const ours = evaluateRestoration(truth, pred, { dataRange: 160 });
      // scikit-image 0.19 keeps float32 inputs in float32 for MSE/NRMSE/PSNR; we accumulate in float64.
      const tol = type === 'float32' ? 1e-6 : 1e-12;
      const rel = (x: number | null, y: number): number => Math.abs(x! - y) / Math.abs(y);
      expect(rel(ours.mse, ref.mse)).toBeLessThan(tol);
      expect(rel(ours.nrmse, ref.nrmse.euclidean)).toBeLessThan(tol);
      expect(rel(normalizedRootMse(truth, pred, 'min-max'), ref.nrmse['min-max'])).toBeLessThan(tol);
      expect(rel(normalizedRootMse(truth, pred, 'mean'), ref.nrmse.mean)).toBeLessThan(tol);
      // PSNR with our default range (truth max − min), given explicitly to scikit-image.
      expect(rel(evaluateRestoration(truth, pred).psnr, ref.psnr)).toBeLessThan(tol);
      expect(Math.abs(ours.ssim! - ref.ssim)).toBeLessThan(1e-6);
      expect(ours.ssimWindow).toBe(truth.shape.length === 3 ? 'volume' : 'image');
    },
  );

  const segmentations = SEGMENTATION_CASES.map(([, shape, count, spacing]) => {
    const truth = blobLabels([...shape], count, 21);
    const pred = blobLabels([...shape], count, 21, 1);
    const ours = evaluateSegmentation(truth, pred, { voxelSize: [...spacing], iouThreshold: 0.3 });
    return { truth, pred, ours, spacing, tp: ours.objects!.filter((o) => o.status === 'TP') };
  });
  const segmentationRefs = once(
    () =>
      python(
        segmentations.map((s) => ({
          a: s.truth,
          b: s.pred,
          args: {
            spacing: s.spacing,
            pairs: s.tp.map((o) => [o.truthId, o.predId]),
            thresholds: s.ours.averagePrecision!.thresholds.map((t) => t.threshold),
          },
        })),
        HAUSDORFF_PY,
      ) as HausdorffRef[],
  );

  it.each(SEGMENTATION_CASES.map((c, i) => [c[0], i] as const))(
    'matches boundary Hausdorff, HD95 and StarDist-style AP on %s labels',
    (_name, i) => {
      const { ours, tp, spacing } = segmentations[i]!;
      const ref = segmentationRefs()[i]!;
      expect(tp.length).toBeGreaterThan(3);
      expect(ours.hausdorff!.mask.hausdorff).toBeCloseTo(ref.mask[0], 6);
      expect(ours.hausdorff!.mask.hd95).toBeCloseTo(ref.mask[1], 6);
      if (spacing.every((v) => v === 1)) expect(ours.hausdorff!.mask.hausdorff).toBeCloseTo(ref.skimage, 9);
      tp.forEach((o, k) => {
        expect(o.hausdorff).toBeCloseTo(ref.pairs[k]![0], 6);
        expect(o.hd95).toBeCloseTo(ref.pairs[k]![1], 6);
      });
      expect(ours.averagePrecision!.thresholds.map((t) => t.averagePrecision)).toEqual(
        ref.ap.map((v) => expect.closeTo(v, 12)),
      );
    },
  );
});
