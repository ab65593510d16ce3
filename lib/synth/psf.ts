import { gaussianKernel1d } from '../util/gaussian-kernel';
import type { SynthVolume } from './types';

/** Per-axis Gaussian sigma in voxels; a number means the same sigma on every axis (Z ignored in 2D). */
export type Sigma = number | { readonly z: number; readonly y: number; readonly x: number };

/** The normalized 1D Gaussian kernel, truncated at 4σ as SciPy does (shared with lib/restoration). */
export { gaussianKernel1d };

/**
 * A normalized 3D Gaussian PSF image (sums to 1), the outer product of three 1D kernels.
 *
 * @param sigma - per-axis sigma in voxels
 * @returns a float32 volume whose shape is the three kernel lengths
 */
export function gaussianPsf(sigma: Sigma): SynthVolume {
  const s = typeof sigma === 'number' ? { z: sigma, y: sigma, x: sigma } : sigma;
  const [kz, ky, kx] = [gaussianKernel1d(s.z), gaussianKernel1d(s.y), gaussianKernel1d(s.x)];
  const data = new Float32Array(kz.length * ky.length * kx.length);
  let i = 0;
  for (const a of kz) for (const b of ky) for (const c of kx) data[i++] = a * b * c;
  return { shape: [kz.length, ky.length, kx.length], ndim: 3, dtype: 'float32', data };
}

/**
 * Separable Gaussian blur (a Gaussian PSF model), with SciPy's default `'reflect'` boundary
 * (`d c b a | a b c d | d c b a`) and truncation at 4σ, so it matches
 * `scipy.ndimage.gaussian_filter(x, sigma)` up to float32 rounding.
 *
 * @param volume - any volume (values read as numbers)
 * @param sigma - per-axis sigma in voxels; Z is skipped for 2D volumes
 * @returns a new float32 volume of the same shape
 */
export function gaussianBlur(volume: { shape: readonly [number, number, number]; ndim: 2 | 3; data: ArrayLike<number> }, sigma: Sigma): SynthVolume {
  const s = typeof sigma === 'number' ? { z: sigma, y: sigma, x: sigma } : sigma;
  const [Z, Y, X] = volume.shape;
  let buffer: Float64Array = Float64Array.from(volume.data);
  // Axis strides: X is contiguous, Y jumps a row, Z jumps a plane.
  const axes: [number, number, number][] = [
    [X, 1, s.x],
    [Y, X, s.y],
    [Z, X * Y, volume.ndim === 2 ? 0 : s.z],
  ];
  for (const [n, stride, sg] of axes) {
    if (sg > 0 && n > 1) buffer = convolveAxis(buffer, n, stride, gaussianKernel1d(sg));
  }
  return { shape: [Z, Y, X], ndim: volume.ndim, dtype: 'float32', data: Float32Array.from(buffer) };
}

function convolveAxis(src: Float64Array, n: number, stride: number, kernel: Float64Array): Float64Array {
  const out = new Float64Array(src.length);
  const radius = (kernel.length - 1) / 2;
  const line = new Float64Array(n);
  const lines = src.length / n;
  for (let l = 0; l < lines; l++) {
    // Start of line l: lines are indexed by (outer, inner) around the axis.
    const inner = l % stride;
    const outer = Math.floor(l / stride);
    const start = outer * stride * n + inner;
    for (let i = 0; i < n; i++) line[i] = src[start + i * stride]!;
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let k = -radius; k <= radius; k++) acc += kernel[k + radius]! * line[reflect(i + k, n)]!;
      out[start + i * stride] = acc;
    }
  }
  return out;
}

/** SciPy 'reflect' (half-sample symmetric) index, valid for any offset. */
function reflect(i: number, n: number): number {
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}
