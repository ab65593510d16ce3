import { randomInt, type Random } from './create-random';

/** Training modes of `trainRcan`, the `training_mode` config key. */
export const TRAINING_MODES = ['supervised', 'noise2noise', 'blind-spot'] as const;
export type TrainingMode = (typeof TRAINING_MODES)[number];

/** Default fraction of voxels masked per blind-spot patch (Noise2Void uses about 0.2%; more masked
 * voxels give more gradient per step, which matters for short CPU runs). */
export const DEFAULT_BLIND_SPOT_FRACTION = 0.02;

/**
 * Noise2Void-style blind-spot masking of one patch: a random `fraction` of voxels is replaced by the
 * value of a random other voxel within ±`radius` on each axis (never itself), and a mask marks them.
 * Trained to predict the original values only at masked voxels, a network cannot copy a voxel's own
 * noise, so with pixel-independent noise it learns the noise-free signal from noisy images alone.
 *
 * @param data - patch values, C order
 * @param shape - patch shape (YX or ZYX)
 * @param fraction - share of voxels to mask, (0, 0.5]
 * @param random - seeded generator
 * @param radius - neighbourhood half-width @default 2
 * @returns the masked input and a 0/1 mask of the same size (at least one voxel masked)
 */
export function blindSpotMask(data: Float32Array, shape: readonly number[], fraction: number, random: Random, radius = 2): { input: Float32Array; mask: Float32Array } {
  if (!(fraction > 0 && fraction <= 0.5)) throw new RangeError(`blind-spot fraction must be in (0, 0.5], got ${fraction}`);
  const n = data.length;
  const input = Float32Array.from(data);
  const mask = new Float32Array(n);
  const count = Math.max(1, Math.round(fraction * n));
  const strides = shape.map((_, a) => shape.slice(a + 1).reduce((p, d) => p * d, 1));
  const coord = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < count; k++) {
    const index = randomInt(random, n);
    let rest = index;
    for (let a = 0; a < shape.length; a++) {
      coord[a] = Math.floor(rest / strides[a]!);
      rest -= coord[a]! * strides[a]!;
    }
    let source = index;
    for (let attempt = 0; attempt < 32 && source === index; attempt++) {
      source = 0;
      for (let a = 0; a < shape.length; a++) {
        const c = Math.min(shape[a]! - 1, Math.max(0, coord[a]! + randomInt(random, 2 * radius + 1) - radius));
        source += c * strides[a]!;
      }
    }
    input[index] = data[source]!;
    mask[index] = 1;
  }
  return { input, mask };
}
