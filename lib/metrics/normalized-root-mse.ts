import { meanSquaredError } from './mean-squared-error';
import type { MetricImage } from './types';

/** How {@link normalizedRootMse} divides the root mean squared error. */
export type NrmseNormalization = 'euclidean' | 'min-max' | 'mean';

/**
 * Normalized root mean squared error, as scikit-image's `normalized_root_mse`:
 * `sqrt(MSE) / denominator`, where the denominator is
 * - `'euclidean'` (default): `sqrt(mean(truth²))`, the root mean square of the truth;
 * - `'min-max'`: `max(truth) − min(truth)`;
 * - `'mean'`: `mean(truth)`.
 * @param truth - Ground-truth image.
 * @param pred - Restored image of the same shape.
 * @param normalization - Denominator choice. @default 'euclidean'
 * @returns The NRMSE; `Infinity` when the denominator is 0 and the images differ, 0 when identical.
 */
export function normalizedRootMse(
  truth: MetricImage,
  pred: MetricImage,
  normalization: NrmseNormalization = 'euclidean',
): number {
  const rmse = Math.sqrt(meanSquaredError(truth, pred));
  const a = truth.data;
  let denom: number;
  if (normalization === 'euclidean') {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
    denom = Math.sqrt(s / a.length);
  } else if (normalization === 'min-max') {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < a.length; i++) {
      if (a[i]! < min) min = a[i]!;
      if (a[i]! > max) max = a[i]!;
    }
    denom = max - min;
  } else if (normalization === 'mean') {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]!;
    denom = s / a.length;
  } else {
    throw new RangeError(`normalization must be 'euclidean', 'min-max' or 'mean', got '${String(normalization)}'`);
  }
  if (rmse === 0) return 0;
  return rmse / denom;
}
