import { InputError } from '../util/errors';
import type { Volume } from './volume';

/** Where the non-finite (NaN or ±Infinity) values of an array are. */
export interface NonFiniteCount {
  count: number;
  /** Index of the first one, or -1. */
  first: number;
}

/**
 * Count NaN and ±Infinity values in one pass (integer arrays have none and return at once).
 *
 * @param data - samples
 * @returns how many and the first index
 */
export function countNonFinite(data: ArrayLike<number>): NonFiniteCount {
  if (!(data instanceof Float32Array || data instanceof Float64Array || Array.isArray(data))) return { count: 0, first: -1 };
  let count = 0;
  let first = -1;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    // v - v is 0 for finite numbers and NaN for NaN and ±Infinity.
    if (v - v !== 0) {
      if (first < 0) first = i;
      count++;
    }
  }
  return { count, first };
}

/**
 * Refuse a volume holding NaN or ±Infinity with one line naming how many, where the first is, why
 * it matters and how to fix it. One NaN voxel would otherwise spread through percentile
 * normalization and every convolution (3D-RCAN's output turns NaN everywhere), or make every
 * metric undefined.
 *
 * @param volume - decoded image
 * @param name - how to name it in the message (file name)
 * @param consequence - what the NaN would break, e.g. "the restored output would be NaN everywhere"
 * @throws InputError when any sample is not finite
 */
export function assertFiniteVolume(volume: Pick<Volume, 'data' | 'shape'>, name: string, consequence: string): void {
  const { count, first } = countNonFinite(volume.data);
  if (count === 0) return;
  throw nonFiniteError(name, count, first, volume.shape, consequence);
}

/**
 * The error {@link assertFiniteVolume} throws, for callers that count non-finite values plane by
 * plane (a streamed apply).
 * @param name - file name
 * @param count - how many NaN/±Infinity values
 * @param first - flat index of the first one
 * @param shape - (Z, Y, X)
 * @param consequence - what they would break
 * @returns the InputError
 */
export function nonFiniteError(name: string, count: number, first: number, shape: readonly number[], consequence: string): InputError {
  const [, y, x] = shape as [number, number, number];
  const plane = y * x;
  const at = [Math.floor(first / plane), Math.floor((first % plane) / x), first % x];
  return new InputError(
    `${name} has ${count} NaN or infinite voxel(s) (first at z,y,x = ${at.join(',')}); ${consequence}; ` +
      'replace them first (Fiji: Process › Math › Remove NaNs…, or numpy.nan_to_num)',
  );
}
