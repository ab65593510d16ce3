import { minMax } from '../util/min-max';
import { percentiles } from './percentile';
import type { VolumeData } from './volume';

/**
 * 3D-RCAN's intensity normalization (`normalize(image, p_min, p_max)`, spec §2.4, §3.6): take the
 * `pMin` and `pMax` percentiles of the whole array, then `(x − low) / (high − low + 1e-6)` as
 * float32, without clipping.
 *
 * Rounding follows NumPy 1.x as the original ran it: integer input is computed in float64 and
 * rounded once to float32; float32 input is computed in float32 (`low` and the denominator are
 * rounded to float32 first). A constant image maps to 0 everywhere (master; the TF2 branch would
 * return it unchanged).
 *
 * Memory: the output (4 bytes per voxel) plus, for float32 input, a 4-byte-per-voxel working copy
 * for the percentiles.
 *
 * @param data - the whole volume, any supported dtype
 * @param pMin - lower percentile @default 2
 * @param pMax - upper percentile @default 99.9
 * @returns a new Float32Array of the same length
 * @throws RangeError for empty data or percentiles outside [0, 100]
 */
export function percentileNormalize(data: VolumeData, pMin = 2, pMax = 99.9): Float32Array {
  const [low, high] = percentiles(data, [pMin, pMax]) as [number, number];
  return normalizeWith(data, low, high, new Float32Array(data.length));
}

/**
 * The arithmetic of {@link percentileNormalize} with its percentiles given: `(x − low) / (high −
 * low + 1e-6)`, float32 inputs in float32, integers in float64. A streamed apply normalizes plane
 * by plane with it and gets the same bits as the whole-volume path.
 *
 * @param data - samples (a whole volume or one plane)
 * @param low - the pMin percentile of the whole volume
 * @param high - the pMax percentile of the whole volume
 * @param out - where to write, same length
 * @returns `out`
 */
export function normalizeWith(data: VolumeData, low: number, high: number, out: Float32Array): Float32Array {
  const denominator = high - low + 1e-6;
  if (data instanceof Float32Array) {
    const low32 = Math.fround(low);
    const den32 = Math.fround(denominator);
    for (let i = 0; i < data.length; i++) out[i] = Math.fround(data[i]! - low32) / den32;
  } else {
    for (let i = 0; i < data.length; i++) out[i] = (data[i]! - low) / denominator;
  }
  return out;
}

/**
 * `--normalize_output_range_between_zero_and_one` for one channel (spec §3.8):
 * `(x − min) / (max − min)` over the whole array, in float32; a constant array becomes all 0.
 *
 * @param data - one channel
 * @returns a new Float32Array in [0, 1]
 */
export function minMaxNormalize(data: VolumeData): Float32Array {
  const out = new Float32Array(data.length);
  const { min, max } = minMax(data) ?? { min: 0, max: 0 };
  if (!(max > min)) return out;
  const range = Math.fround(max - min);
  for (let i = 0; i < data.length; i++) out[i] = Math.fround(data[i]! - min) / range;
  return out;
}

/**
 * `--rescale` (spec §3.8): the affine map `a·x + b` that minimizes the squared error between the
 * restored image and the normalized ground truth, CARE's "minimize MSE" fit:
 * `a = cov(x, gt) / var(x)`, `b = mean(gt) − a·mean(x)`. Statistics are accumulated in float64
 * and the result is float32 (as NumPy 1.x returns it; NumPy ≥ 2 would promote to float64).
 *
 * @param restored - the prediction
 * @param target - the normalized ground truth, same length
 * @returns `{ data, a, b }`: the rescaled prediction and the fitted coefficients
 * @throws RangeError when lengths differ or the arrays are empty
 */
export function rescaleToTarget(restored: Float32Array, target: VolumeData): { data: Float32Array; a: number; b: number } {
  const n = restored.length;
  if (n === 0 || target.length !== n) throw new RangeError(`rescale needs two arrays of one non-zero length, got ${n} and ${target.length}`);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += restored[i]!;
    sy += target[i]!;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = restored[i]! - mx;
    sxy += dx * (target[i]! - my);
    sxx += dx * dx;
  }
  // The N−1 factors of np.cov cancel in the ratio. A constant prediction gives a = NaN in NumPy;
  // we return the target mean instead of a NaN image.
  const a = sxx > 0 ? sxy / sxx : 0;
  const b = my - a * mx;
  const a32 = Math.fround(a);
  const b32 = Math.fround(b);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.fround(a32 * restored[i]!) + b32;
  return { data, a, b };
}

/** Output bit depth, 3D-RCAN's `-b/--bpp`. */
export type BitDepth = 8 | 16 | 32;

/**
 * Convert normalized float32 output to the requested bit depth (spec §3.9): 32 keeps the values;
 * 16 is `clip(65535·x, 0, 65535)` and 8 is `clip(255·x, 0, 255)`, both truncated toward zero (no
 * rounding). The product is taken in float32 as NumPy does. NaN becomes 0.
 *
 * @param data - normalized values (may lie outside [0, 1])
 * @param bits - 8, 16 or 32
 * @returns Uint8Array, Uint16Array, or the same Float32Array for 32
 * @throws RangeError for another bit depth
 */
export function toBitDepth(data: Float32Array, bits: 32): Float32Array;
export function toBitDepth(data: Float32Array, bits: 16): Uint16Array;
export function toBitDepth(data: Float32Array, bits: 8): Uint8Array;
export function toBitDepth(data: Float32Array, bits: BitDepth): VolumeData;
export function toBitDepth(data: Float32Array, bits: BitDepth): VolumeData {
  if (bits === 32) return data;
  if (bits !== 8 && bits !== 16) throw new RangeError(`bit depth must be 8, 16 or 32, got ${String(bits)}`);
  const max = bits === 8 ? 255 : 65535;
  const out = bits === 8 ? new Uint8Array(data.length) : new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = Math.fround(max * data[i]!);
    // Typed-array assignment truncates toward zero; clip first, as np.clip does.
    out[i] = v > max ? max : v > 0 ? v : 0;
  }
  return out;
}
