import { asZyx, checkSameShape } from './check-images';
import { dataRange as truthRange } from './data-range';
import type { MetricImage } from './types';

/** Window size of the Gaussian SSIM: scikit-image truncates σ = 1.5 at 3.5σ, radius int(3.5·1.5 + 0.5) = 5. */
export const SSIM_WINDOW = 11;
const RADIUS = 5;
const SIGMA = 1.5;
const K1 = 0.01;
const K2 = 0.03;

/** Options of {@link structuralSimilarity}. */
export interface StructuralSimilarityOptions {
  /** Peak-to-peak range of the signal, sets the constants C1 = (0.01·L)², C2 = (0.03·L)². @default max(truth) − min(truth) */
  dataRange?: number;
}

/**
 * Mean structural similarity (SSIM) of two 2D or 3D images with an isotropic Gaussian window
 * (σ = 1.5 pixels, 11 taps per axis), filtering along every axis of the image (a 3D image gets a
 * 3D window).
 *
 * Matches scikit-image's `structural_similarity(truth, pred, data_range=L, gaussian_weights=True,
 * sigma=1.5, use_sample_covariance=False)`: local means, variances and covariance are Gaussian
 * averages, and the SSIM map is averaged after cropping `(11 − 1) / 2 = 5` pixels from every border.
 * Because the kernel radius equals the crop, only "valid" filter positions are needed and border
 * handling never matters; we compute just those. Separable filtering, float64 accumulators, and for
 * 3D a ring buffer of 11 filtered planes, so memory stays about 5·11 planes.
 * @param truth - Ground-truth image.
 * @param pred - Restored image of the same shape.
 * @param options - See {@link StructuralSimilarityOptions}.
 * @returns Mean SSIM in [−1, 1]; 1 for identical images.
 * @throws RangeError when an axis is shorter than 11 pixels (as scikit-image) or the data range is not positive.
 */
export function structuralSimilarity(
  truth: MetricImage,
  pred: MetricImage,
  options: StructuralSimilarityOptions = {},
): number {
  checkSameShape(truth, pred);
  if (truth.shape.some((n) => n < SSIM_WINDOW)) {
    throw new RangeError(
      `ssim needs every axis to be at least ${SSIM_WINDOW} pixels, got shape [${truth.shape.join(', ')}]`,
    );
  }
  const range = options.dataRange ?? truthRange(truth.data);
  if (!(range > 0) || !Number.isFinite(range)) {
    throw new RangeError(`data range must be a positive number, got ${range}; pass dataRange for a constant truth`);
  }
  const c1 = (K1 * range) ** 2;
  const c2 = (K2 * range) ** 2;
  const w = gaussianWeights();
  const [depth, height, width] = asZyx(truth.shape);
  const is3d = truth.shape.length === 3;
  const oh = height - 2 * RADIUS;
  const ow = width - 2 * RADIUS;
  const plane = oh * ow;
  const planeFilter = makePlaneFilter(height, width, w);
  // 5 quantities: a, b, a², b², ab. For 3D keep the last 11 in-plane filtered slices of each.
  const ringLength = is3d ? SSIM_WINDOW : 1;
  const ring = Array.from({ length: 5 }, () =>
    Array.from({ length: ringLength }, () => new Float64Array(plane)),
  );
  // The z filter and the SSIM formula run chunk by chunk so the five filtered values stay in cache.
  const chunk = Math.min(plane, 4096);
  const mu = Array.from({ length: 5 }, () => new Float64Array(chunk));
  const taps = [w[5]!, w[4]!, w[3]!, w[2]!, w[1]!, w[0]!] as const;
  let sum = 0;
  let count = 0;
  for (let z = 0; z < depth; z++) {
    const slot = z % ringLength;
    planeFilter(truth.data, pred.data, z * height * width, ring.map((r) => r[slot]!));
    if (is3d && z < SSIM_WINDOW - 1) continue;
    // Planes z − 10 … z in order; the output slice is centred on z − 5.
    const planes = ring.map((r) =>
      is3d ? Array.from({ length: SSIM_WINDOW }, (_, k) => r[(z - (SSIM_WINDOW - 1) + k) % SSIM_WINDOW]!) : [r[0]!],
    );
    for (let c0 = 0; c0 < plane; c0 += chunk) {
      const len = Math.min(chunk, plane - c0);
      for (let q = 0; q < 5; q++) {
        const out = mu[q]!;
        const p = planes[q]!;
        if (!is3d) {
          out.set(p[0]!.subarray(c0, c0 + len));
          continue;
        }
        const [p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10] = p as [
          Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
          Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
        ];
        const [t0, t1, t2, t3, t4, t5] = taps;
        for (let j = 0; j < len; j++) {
          const i = c0 + j;
          out[j] =
            t0 * p5[i]! +
            t1 * (p4[i]! + p6[i]!) +
            t2 * (p3[i]! + p7[i]!) +
            t3 * (p2[i]! + p8[i]!) +
            t4 * (p1[i]! + p9[i]!) +
            t5 * (p0[i]! + p10[i]!);
        }
      }
      const [ux, uy, uxx, uyy, uxy] = mu as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
      for (let j = 0; j < len; j++) {
        const mx = ux[j]!;
        const my = uy[j]!;
        const vx = uxx[j]! - mx * mx;
        const vy = uyy[j]! - my * my;
        const vxy = uxy[j]! - mx * my;
        sum += ((2 * mx * my + c1) * (2 * vxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
      }
    }
    count += plane;
  }
  return sum / count;
}

/** scipy's `_gaussian_kernel1d(1.5, 0, 5)`: exp(−x²/2σ²) for x = −5…5, normalized to sum 1. */
function gaussianWeights(): Float64Array {
  const w = new Float64Array(SSIM_WINDOW);
  let s = 0;
  for (let k = 0; k < SSIM_WINDOW; k++) {
    const x = k - RADIUS;
    w[k] = Math.exp((-0.5 * x * x) / (SIGMA * SIGMA));
    s += w[k]!;
  }
  for (let k = 0; k < SSIM_WINDOW; k++) w[k]! /= s;
  return w;
}

type PlaneFilter = (
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  offset: number,
  out: Float64Array[],
) => void;

/** Build a valid-mode separable 2D Gaussian filter of the five SSIM quantities of one plane. */
function makePlaneFilter(height: number, width: number, w: Float64Array): PlaneFilter {
  const ow = width - 2 * RADIUS;
  const oh = height - 2 * RADIUS;
  const [w0, w1, w2, w3, w4, w5] = [w[5]!, w[4]!, w[3]!, w[2]!, w[1]!, w[0]!];
  const rows = Array.from({ length: 5 }, () => new Float64Array(width));
  const tmp = Array.from({ length: 5 }, () => new Float64Array(height * ow));
  return (a, b, offset, out) => {
    const [ra, rb, raa, rbb, rab] = rows as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    for (let y = 0; y < height; y++) {
      const base = offset + y * width;
      for (let x = 0; x < width; x++) {
        const va = a[base + x]!;
        const vb = b[base + x]!;
        ra[x] = va;
        rb[x] = vb;
        raa[x] = va * va;
        rbb[x] = vb * vb;
        rab[x] = va * vb;
      }
      for (let q = 0; q < 5; q++) {
        const r = rows[q]!;
        const t = tmp[q]!;
        const tb = y * ow;
        for (let x = 0; x < ow; x++) {
          const c = x + RADIUS;
          t[tb + x] =
            w0 * r[c]! +
            w1 * (r[c - 1]! + r[c + 1]!) +
            w2 * (r[c - 2]! + r[c + 2]!) +
            w3 * (r[c - 3]! + r[c + 3]!) +
            w4 * (r[c - 4]! + r[c + 4]!) +
            w5 * (r[c - 5]! + r[c + 5]!);
        }
      }
    }
    for (let q = 0; q < 5; q++) {
      const t = tmp[q]!;
      const o = out[q]!;
      for (let y = 0; y < oh; y++) {
        const c = (y + RADIUS) * ow;
        const ob = y * ow;
        for (let x = 0; x < ow; x++) {
          const i = c + x;
          o[ob + x] =
            w0 * t[i]! +
            w1 * (t[i - ow]! + t[i + ow]!) +
            w2 * (t[i - 2 * ow]! + t[i + 2 * ow]!) +
            w3 * (t[i - 3 * ow]! + t[i + 3 * ow]!) +
            w4 * (t[i - 4 * ow]! + t[i + 4 * ow]!) +
            w5 * (t[i - 5 * ow]! + t[i + 5 * ow]!);
        }
      }
    }
  };
}
