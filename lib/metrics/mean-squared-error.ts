import { checkSameShape } from './check-images';
import type { MetricImage } from './types';

/**
 * Mean squared error, `mean((truth - pred)²)`, accumulated in float64. Same as scikit-image's
 * `mean_squared_error`.
 * @param truth - Ground-truth image.
 * @param pred - Restored (predicted) image of the same shape.
 * @returns The mean squared difference (0 for identical images).
 */
export function meanSquaredError(truth: MetricImage, pred: MetricImage): number {
  checkSameShape(truth, pred);
  const a = truth.data;
  const b = pred.data;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return sum / a.length;
}
