import { checkSameShape } from './check-images';
import { dataRange as truthRange } from './data-range';
import { meanSquaredError } from './mean-squared-error';
import { normalizedRootMse, type NrmseNormalization } from './normalized-root-mse';
import { peakSignalNoiseRatio } from './peak-signal-noise-ratio';
import { SSIM_WINDOW, structuralSimilarity } from './structural-similarity';
import type { MetricImage } from './types';

/** Options of {@link evaluateRestoration}. */
export interface EvaluateRestorationOptions {
  /** Peak-to-peak signal range for PSNR and SSIM. @default max(truth) − min(truth) */
  dataRange?: number;
  /** NRMSE denominator, see {@link normalizedRootMse}. @default 'euclidean' */
  nrmseNormalization?: NrmseNormalization;
}

/** Result of {@link evaluateRestoration}; plain JSON. */
export interface RestorationResult {
  mode: 'restoration';
  shape: number[];
  /** The data range used for PSNR and SSIM, and where it came from. */
  dataRange: number;
  dataRangeSource: 'option' | 'truth max - min';
  mse: number;
  /** Null when the denominator is 0 (e.g. an all-zero truth with the 'euclidean' normalization). */
  nrmse: number | null;
  nrmseNormalization: NrmseNormalization;
  /** PSNR in dB; null means infinite (identical images). */
  psnr: number | null;
  /** Mean SSIM, null when the image is too small for the 11-pixel window (see `ssimNote`). */
  ssim: number | null;
  /** 'volume': one 3D window; 'per-slice': mean of 2D SSIM over z (3D stacks with fewer than 11 slices); 'image': 2D. */
  ssimWindow: 'image' | 'volume' | 'per-slice' | null;
  ssimNote?: string;
}

/**
 * Compare a restored image with its ground truth: MSE, NRMSE, PSNR and SSIM.
 *
 * A 3D stack with fewer than 11 slices cannot hold the 3D Gaussian window, so its SSIM is the mean
 * of the 2D SSIM of each z slice (`ssimWindow: 'per-slice'`); scikit-image would refuse such input.
 * @param truth - Ground-truth image (2D or 3D).
 * @param pred - Restored image of the same shape.
 * @param options - See {@link EvaluateRestorationOptions}.
 * @returns Plain JSON-serializable scores.
 * @throws RangeError for mismatched shapes or a non-positive data range.
 */
export function evaluateRestoration(
  truth: MetricImage,
  pred: MetricImage,
  options: EvaluateRestorationOptions = {},
): RestorationResult {
  checkSameShape(truth, pred);
  const range = options.dataRange ?? truthRange(truth.data);
  if (!(range > 0) || !Number.isFinite(range)) {
    throw new RangeError(`data range must be a positive number, got ${range}; pass a data range for a constant truth`);
  }
  const normalization = options.nrmseNormalization ?? 'euclidean';
  const nrmse = normalizedRootMse(truth, pred, normalization);
  const psnr = peakSignalNoiseRatio(truth, pred, range);
  const result: RestorationResult = {
    mode: 'restoration',
    shape: [...truth.shape],
    dataRange: range,
    dataRangeSource: options.dataRange === undefined ? 'truth max - min' : 'option',
    mse: meanSquaredError(truth, pred),
    nrmse: Number.isFinite(nrmse) ? nrmse : null,
    nrmseNormalization: normalization,
    psnr: Number.isFinite(psnr) ? psnr : null,
    ssim: null,
    ssimWindow: null,
  };
  const [last2, last1] = truth.shape.slice(-2) as [number, number];
  if (last2 < SSIM_WINDOW || last1 < SSIM_WINDOW) {
    result.ssimNote = `ssim needs y and x of at least ${SSIM_WINDOW} pixels, got shape [${truth.shape.join(', ')}]`;
    return result;
  }
  if (truth.shape.length === 2) {
    result.ssim = structuralSimilarity(truth, pred, { dataRange: range });
    result.ssimWindow = 'image';
  } else if (truth.shape[0]! >= SSIM_WINDOW) {
    result.ssim = structuralSimilarity(truth, pred, { dataRange: range });
    result.ssimWindow = 'volume';
  } else {
    const planeShape = [last2, last1];
    const size = last2 * last1;
    let sum = 0;
    for (let z = 0; z < truth.shape[0]!; z++) {
      const t = { data: truth.data.subarray(z * size, (z + 1) * size), shape: planeShape };
      const p = { data: pred.data.subarray(z * size, (z + 1) * size), shape: planeShape };
      sum += structuralSimilarity(t, p, { dataRange: range });
    }
    result.ssim = sum / truth.shape[0]!;
    result.ssimWindow = 'per-slice';
    result.ssimNote = `fewer than ${SSIM_WINDOW} z slices: ssim is the mean of 2D ssim over slices`;
  }
  return result;
}
