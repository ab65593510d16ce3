import { minMax } from '../util/min-max';
import type { NumericArray } from './types';

/**
 * The default data range of a ground-truth image: `max(truth) − min(truth)`.
 *
 * scikit-image instead takes the range of the dtype for integer images (255 for uint8) and, in
 * recent versions, refuses to guess for floats. Microscopy images rarely fill their dtype and
 * restoration outputs are floats, so we use the truth's own range; pass `dataRange` to match a
 * dtype-based convention.
 * @param data - Ground-truth values.
 * @returns `max − min`; 0 for a constant image.
 */
export function dataRange(data: NumericArray): number {
  const r = minMax(data);
  return r ? r.max - r.min : 0;
}
