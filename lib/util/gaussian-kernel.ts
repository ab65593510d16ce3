/**
 * A normalized 1D Gaussian kernel truncated at `truncate·σ` (SciPy's `gaussian_filter` default of 4),
 * so it sums to 1. Shared by the synthetic PSFs (`lib/synth`) and the Gaussian baseline
 * (`lib/restoration`).
 *
 * @param sigma - standard deviation in voxels; 0 gives the identity kernel `[1]`
 * @param truncate - half-width in sigmas @default 4
 * @returns odd-length weights, centre in the middle
 * @throws RangeError for a negative or non-finite sigma
 */
export function gaussianKernel1d(sigma: number, truncate = 4): Float64Array {
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new RangeError(`sigma must be a finite number ≥ 0, got ${sigma}`);
  if (sigma === 0) return Float64Array.of(1);
  const radius = Math.floor(truncate * sigma + 0.5);
  const k = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i]! /= sum;
  return k;
}
