import { cameraNoise } from './noise';
import { blobs, filaments, spheres } from './phantoms';
import { gaussianBlur, type Sigma } from './psf';
import type { ShapeInput, SynthVolume } from './types';

/** Options for {@link restorationPair}. */
export interface RestorationPairOptions {
  /** `[y, x]` or `[z, y, x]`. */
  shape: ShapeInput;
  /** @default 0 */
  seed?: number;
  /** Object kind. @default 'spheres' */
  kind?: 'spheres' | 'blobs' | 'filaments';
  /** Number of objects. @default 20 */
  count?: number;
  /** PSF sigma in voxels, applied to both images. @default { z: 1.5, y: 1, x: 1 } */
  psfSigma?: Sigma;
  /** Extra blur of the low-quality image only (a deconvolution-like task). @default 0 */
  extraBlur?: Sigma;
  /** Peak photons in the low-quality (raw) image. @default 10 */
  lowPhotons?: number;
  /** Peak photons in the high-quality (ground-truth) image. @default 1000 */
  highPhotons?: number;
  /** Background photons per voxel, both images. @default 1 */
  backgroundPhotons?: number;
  /** Camera offset and read noise. @default { offset: 100, readNoise: 2 } */
  camera?: { offset?: number; readNoise?: number };
}

/** A low/high-quality pair of the same scene, like a 3D-RCAN training pair. */
export interface RestorationPair {
  /** Low-SNR camera image (uint16). */
  raw: SynthVolume<Uint16Array>;
  /** High-SNR camera image of the same scene (uint16), the training target. */
  gt: SynthVolume<Uint16Array>;
  /** The noiseless blurred scene in [0, 1] (float32), for checking restorations against truth. */
  clean: SynthVolume;
}

/**
 * Make a denoising pair as 3D-RCAN's training data look: one phantom scene, blurred by a Gaussian
 * PSF, imaged at a low and a high photon budget with independent noise.
 *
 * @param options - shape, seed, object kind and count, PSF, photon budgets, camera
 * @returns `{ raw, gt, clean }`
 */
export function restorationPair(options: RestorationPairOptions): RestorationPair {
  const seed = options.seed ?? 0;
  const make = { spheres, blobs, filaments }[options.kind ?? 'spheres'];
  const scene = make({ shape: options.shape, seed, count: options.count ?? 20 });
  const clean = gaussianBlur(scene, options.psfSigma ?? { z: 1.5, y: 1, x: 1 });
  const peak = clean.data.reduce((m, v) => Math.max(m, v), 0) || 1;
  for (let i = 0; i < clean.data.length; i++) clean.data[i] = clean.data[i]! / peak;
  const lowScene = options.extraBlur ? gaussianBlur(clean, options.extraBlur) : clean;
  const background = options.backgroundPhotons ?? 1;
  const camera = { offset: options.camera?.offset ?? 100, readNoise: options.camera?.readNoise ?? 2 };
  const photons = (v: SynthVolume, budget: number) => Float32Array.from(v.data, (x) => x * budget + background);
  // Distinct seeds per image: the noise of raw and GT must be independent.
  const raw = cameraNoise(photons(lowScene, options.lowPhotons ?? 10), { ...camera, seed: seed * 2 + 1 });
  const gt = cameraNoise(photons(clean, options.highPhotons ?? 1000), { ...camera, seed: seed * 2 + 2 });
  const meta = { shape: clean.shape, ndim: clean.ndim } as const;
  return { raw: { ...meta, dtype: 'uint16', data: raw }, gt: { ...meta, dtype: 'uint16', data: gt }, clean };
}
