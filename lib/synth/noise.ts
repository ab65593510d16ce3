import { createRng } from './rng';

/**
 * Photon shot noise: each output value is a Poisson count whose mean is the input value.
 *
 * @param expected - mean photon counts per voxel (negative values count as 0)
 * @param seed - equal seeds give identical noise @default 0
 * @returns float32 counts
 */
export function poissonNoise(expected: ArrayLike<number>, seed = 0): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(expected.length);
  for (let i = 0; i < expected.length; i++) out[i] = rng.poisson(Math.max(0, expected[i]!));
  return out;
}

/**
 * Additive Gaussian noise `x + N(0, σ²)`.
 *
 * @param data - clean values
 * @param sigma - standard deviation
 * @param seed - @default 0
 * @returns float32 noisy values
 */
export function gaussianNoise(data: ArrayLike<number>, sigma: number, seed = 0): Float32Array {
  if (!(sigma >= 0)) throw new RangeError(`sigma must be ≥ 0, got ${sigma}`);
  const rng = createRng(seed);
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! + sigma * rng.normal();
  return out;
}

/** Options for {@link cameraNoise}. */
export interface CameraOptions {
  /** Grey levels per photon. @default 1 */
  gain?: number;
  /** Dark offset in grey levels (sCMOS cameras use about 100). @default 100 */
  offset?: number;
  /** Read-noise standard deviation in grey levels. @default 2 */
  readNoise?: number;
  /** @default 0 */
  seed?: number;
}

/**
 * A camera image: Poisson photon counts times gain, plus offset and Gaussian read noise, rounded
 * and clipped to uint16 — what a microscope's raw TIFF holds.
 *
 * @param expectedPhotons - mean photons per voxel
 * @param options - gain, offset, read noise, seed
 * @returns uint16 grey levels
 */
export function cameraNoise(expectedPhotons: ArrayLike<number>, options: CameraOptions = {}): Uint16Array {
  const { gain = 1, offset = 100, readNoise = 2, seed = 0 } = options;
  const rng = createRng(seed);
  const out = new Uint16Array(expectedPhotons.length);
  for (let i = 0; i < expectedPhotons.length; i++) {
    const v = gain * rng.poisson(Math.max(0, expectedPhotons[i]!)) + offset + readNoise * rng.normal();
    out[i] = Math.min(65535, Math.max(0, Math.round(v)));
  }
  return out;
}
