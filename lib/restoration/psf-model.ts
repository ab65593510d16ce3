import type { Grid } from './convolve';
import { gaussianWeights } from './gaussian-filter';

/** The microscope, for a computed PSF. */
export interface MicroscopeOptics {
  /** 'widefield' or 'confocal' (point scanning with a pinhole of about 1 Airy unit or less). */
  kind: 'widefield' | 'confocal';
  /** Numerical aperture of the objective, e.g. 1.4. */
  na: number;
  /** Emission wavelength in nanometres, e.g. 520. */
  wavelengthNm: number;
  /** Refractive index of the immersion medium, e.g. 1.515 (oil), 1.33 (water). */
  refractiveIndex: number;
  /** Voxel size in micrometres ([z,] y, x). */
  voxelUm: { z: number; y: number; x: number };
}

/** A computed PSF and how it was computed. */
export interface ComputedPsf extends Grid {
  /** Gaussian standard deviations in voxels. */
  sigmaVoxels: { z: number; y: number; x: number };
  /** The same in micrometres. */
  sigmaUm: { z: number; y: number; x: number };
  /** Always 'gaussian-approximation' (Gibson–Lanni is not implemented). */
  model: 'gaussian-approximation';
}

/**
 * Gaussian standard deviations of a diffraction-limited PSF (paraxial approximation, no aberrations),
 * with the constants of Zhang, Zerubia & Olivo-Marin (Applied Optics 2007): widefield
 * σxy ≈ 0.21 λ/NA, σz ≈ 0.66 λ n/NA²; confocal with a small pinhole σxy ≈ 0.15 λ/NA, σz ≈ 0.50 λ n/NA².
 * A real PSF has rings and, deep in a sample, a refractive-index-mismatch tail that this ignores;
 * a measured PSF (beads) is better whenever you have one.
 *
 * @throws RangeError for NA outside (0, n], or non-positive wavelength, index or voxel size
 */
export function gaussianPsfSigmaUm(optics: MicroscopeOptics): { z: number; y: number; x: number } {
  const { na, wavelengthNm, refractiveIndex: n } = optics;
  if (!(wavelengthNm > 0) || !Number.isFinite(wavelengthNm)) throw new RangeError(`wavelength must be a positive number of nanometres, got ${wavelengthNm}`);
  if (!(n >= 1) || !Number.isFinite(n)) throw new RangeError(`refractive index must be ≥ 1, got ${n}`);
  if (!(na > 0) || na > n) throw new RangeError(`NA must be in (0, ${n}] (it cannot exceed the refractive index), got ${na}`);
  const lambda = wavelengthNm / 1000;
  const [kxy, kz] = optics.kind === 'widefield' ? [0.21, 0.66] : [0.15, 0.5];
  const xy = (kxy * lambda) / na;
  return { z: (kz * lambda * n) / (na * na), y: xy, x: xy };
}

/**
 * A PSF image computed from the optics: a separable Gaussian sampled on the voxel grid, truncated
 * at 4σ (at most the given maximum size per axis) and normalized to sum 1.
 *
 * @param optics - the microscope
 * @param ndim - 2 gives a single plane (Z size 1)
 * @param maxSize - largest kernel size per axis (odd) @default [31, 31, 31]
 */
export function computePsf(optics: MicroscopeOptics, ndim: 2 | 3, maxSize: readonly [number, number, number] = [31, 31, 31]): ComputedPsf {
  const v = optics.voxelUm;
  for (const [axis, size] of Object.entries(v)) {
    if (!(size > 0) || !Number.isFinite(size)) throw new RangeError(`voxel size ${axis} must be a positive number of micrometres, got ${size}`);
  }
  const sigmaUm = gaussianPsfSigmaUm(optics);
  const sigmaVoxels = { z: ndim === 2 ? 0 : sigmaUm.z / v.z, y: sigmaUm.y / v.y, x: sigmaUm.x / v.x };
  return { ...gaussianPsfFromSigma(sigmaVoxels, maxSize), sigmaVoxels, sigmaUm, model: 'gaussian-approximation' };
}

/**
 * A separable Gaussian PSF from sigmas in voxels (z = 0 for a single plane), truncated at 4σ (at
 * most `maxSize` per axis) and normalized to sum 1.
 */
export function gaussianPsfFromSigma(sigmaVoxels: { z: number; y: number; x: number }, maxSize: readonly [number, number, number] = [31, 31, 31]): Grid {
  const crop = (w: Float64Array, max: number): Float64Array => {
    if (w.length <= max) return w;
    const r = Math.floor(max / 2);
    const c = (w.length - 1) / 2;
    return w.slice(c - r, c + r + 1);
  };
  const kz = crop(gaussianWeights(sigmaVoxels.z), maxSize[0]);
  const ky = crop(gaussianWeights(sigmaVoxels.y), maxSize[1]);
  const kx = crop(gaussianWeights(sigmaVoxels.x), maxSize[2]);
  const data = new Float32Array(kz.length * ky.length * kx.length);
  let i = 0;
  let sum = 0;
  for (const a of kz) for (const b of ky) for (const c of kx) sum += data[i++] = a * b * c;
  for (let j = 0; j < data.length; j++) data[j]! /= sum;
  return { shape: [kz.length, ky.length, kx.length], data };
}

/**
 * Prepare a measured PSF (e.g. an averaged bead image): subtract its minimum (background), clip
 * negatives, and normalize to sum 1.
 * @throws RangeError when the PSF is empty or flat
 */
export function normalizePsf(psf: Grid): Grid {
  let min = Infinity;
  for (let i = 0; i < psf.data.length; i++) min = Math.min(min, psf.data[i]!);
  const data = new Float32Array(psf.data.length);
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i] = Math.max(0, psf.data[i]! - min);
  if (!(sum > 0)) throw new RangeError('the PSF image is flat (all values equal); give a PSF with a bright centre on a dark background');
  for (let i = 0; i < data.length; i++) data[i]! /= sum;
  return { shape: psf.shape, data };
}
