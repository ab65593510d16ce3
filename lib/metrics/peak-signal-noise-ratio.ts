import { dataRange as truthRange } from './data-range';
import { meanSquaredError } from './mean-squared-error';
import type { MetricImage } from './types';

/**
 * Peak signal-to-noise ratio in decibels, `10·log10(dataRange² / MSE)`, as scikit-image's
 * `peak_signal_noise_ratio`.
 * @param truth - Ground-truth image.
 * @param pred - Restored image of the same shape.
 * @param dataRange - Peak-to-peak range of the signal. @default max(truth) − min(truth)
 * @returns PSNR in dB; `Infinity` for identical images.
 * @throws RangeError when the data range is not positive.
 */
export function peakSignalNoiseRatio(truth: MetricImage, pred: MetricImage, dataRange?: number): number {
  const range = dataRange ?? truthRange(truth.data);
  if (!(range > 0) || !Number.isFinite(range)) {
    throw new RangeError(`data range must be a positive number, got ${range}; pass dataRange for a constant truth`);
  }
  const mse = meanSquaredError(truth, pred);
  if (mse === 0) return Infinity;
  return 10 * Math.log10((range * range) / mse);
}
