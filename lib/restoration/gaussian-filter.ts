import { gaussianKernel1d } from '../util/gaussian-kernel';
import type { Grid } from './convolve';

/** Per-axis standard deviation in voxels; a number means the same on Y and X (and Z for 3D). */
export type Sigma = number | { readonly z: number; readonly y: number; readonly x: number };

/** Normalized 1D Gaussian weights truncated at 4σ (SciPy's default), summing to 1. */
export const gaussianWeights = gaussianKernel1d;

/** SciPy's 'reflect' boundary (d c b a | a b c d | d c b a): index i of an axis of length n. */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}

/**
 * Gaussian smoothing, the simplest denoising baseline: a separable filter with SciPy's 'reflect'
 * boundary and 4σ truncation, equal to `scipy.ndimage.gaussian_filter(x, sigma)` up to rounding.
 *
 * @param image - `[z, y, x]` grid (z = 1 for 2D)
 * @param sigma - per-axis sigma in voxels; for `ndim` 2 the Z sigma is ignored
 * @param ndim - 2 or 3 @default 3 when z > 1
 * @returns a new Float32Array
 */
export function gaussianFilter(image: Grid, sigma: Sigma, ndim: 2 | 3 = image.shape[0] > 1 ? 3 : 2): Float32Array {
  const s = typeof sigma === 'number' ? { z: sigma, y: sigma, x: sigma } : sigma;
  const [Z, Y, X] = image.shape;
  let buffer = Float64Array.from(image.data);
  const axes: [number, number, number][] = [
    [X, 1, s.x],
    [Y, X, s.y],
    [Z, X * Y, ndim === 2 ? 0 : s.z],
  ];
  for (const [n, stride, sg] of axes) {
    if (sg === 0 || n === 1) continue;
    const k = gaussianWeights(sg);
    const r = (k.length - 1) / 2;
    const out = new Float64Array(buffer.length);
    const line = new Float64Array(n);
    for (let base = 0; base < buffer.length; base++) {
      // The first element of each line along this axis: index with zero coordinate on the axis.
      if (Math.floor(base / stride) % n !== 0) continue;
      for (let i = 0; i < n; i++) line[i] = buffer[base + i * stride]!;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = -r; j <= r; j++) acc += k[j + r]! * line[reflectIndex(i + j, n)]!;
        out[base + i * stride] = acc;
      }
    }
    buffer = out;
  }
  return Float32Array.from(buffer);
}
