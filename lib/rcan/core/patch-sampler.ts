import { augment, drawAugmentTransform, type PatchArray } from './augment';
import { createRandom, randomInt, type Random } from './create-random';

/** One normalized raw/ground-truth image pair held in memory (ZYX or YX, identical shapes). */
export interface TrainingPair {
  raw: Float32Array;
  gt: Float32Array;
  shape: number[];
  /** Shown in messages, e.g. the raw file name. */
  name?: string;
}

/** Options of {@link PatchSampler}; names follow the config keys (rcan-spec §2.7). */
export interface PatchSamplerOptions {
  /** Patch shape, same length as the images' shape and no larger on any axis. */
  patchShape: readonly number[];
  /** Foreground threshold on the normalized GT; ≤ 0 disables the filter. @default 0.25 */
  intensityThreshold?: number;
  /** Minimum fraction of GT voxels above the threshold. @default 0.5 */
  areaRatioThreshold?: number;
  /** Random rot90/flips, identical for raw and GT. @default true */
  augment?: boolean;
  /** Seed of the sampler's own generator. @default 0 */
  seed?: number;
  /** Attempts before accepting a patch that fails the filter. @default 512 */
  maxAttempts?: number;
  /** Called when no attempt passed the filter (the original's RuntimeWarning). */
  onWarning?: (message: string) => void;
}

/** A sampled raw/GT patch pair, fresh arrays every time. */
export interface PatchPair {
  raw: PatchArray;
  gt: PatchArray;
}

/**
 * Random training patches after the original `data_generator.py` (rcan-spec §2.7, §2.8): pick a pair
 * uniformly, a corner uniformly so the patch lies fully inside, keep it if at least
 * `areaRatioThreshold × N` GT voxels exceed `intensityThreshold`, try up to 512 times and otherwise
 * warn and use the last candidate, then augment.
 *
 * Unlike the original, every call returns new arrays (the original reused one buffer, which its
 * prefetch thread could overwrite) and the generator is seeded.
 */
export class PatchSampler {
  readonly patchShape: readonly number[];
  private readonly random: Random;
  private readonly threshold: number;
  private readonly areaRatio: number;
  private readonly augmentOn: boolean;
  private readonly maxAttempts: number;
  private readonly onWarning: (message: string) => void;

  /**
   * @param pairs - At least one pair; every image at least as large as the patch on each axis.
   * @param options - Patch shape, filter, augmentation and seed.
   * @throws RangeError when there are no pairs or a patch does not fit in an image.
   */
  constructor(
    private readonly pairs: readonly TrainingPair[],
    options: PatchSamplerOptions,
  ) {
    if (pairs.length === 0) throw new RangeError('the patch sampler needs at least one image pair, got none');
    this.patchShape = [...options.patchShape];
    for (const pair of pairs) {
      if (pair.shape.length !== this.patchShape.length || pair.shape.some((d, i) => d < (this.patchShape[i] ?? 0))) {
        throw new RangeError(
          `patch shape [${this.patchShape.join(', ')}] must fit inside every image, got ${pair.name ?? 'an image'} of shape [${pair.shape.join(', ')}]`,
        );
      }
    }
    this.random = createRandom(options.seed ?? 0);
    this.threshold = options.intensityThreshold ?? 0.25;
    this.areaRatio = options.areaRatioThreshold ?? 0.5;
    this.augmentOn = options.augment ?? true;
    this.maxAttempts = options.maxAttempts ?? 512;
    this.onWarning = options.onWarning ?? (() => {});
  }

  /**
   * Sample the next patch pair.
   * @returns New raw and GT arrays of the patch shape (Y and X swapped by odd rotations when not square).
   */
  next(): PatchPair {
    const size = this.patchShape.reduce((a, b) => a * b, 1);
    let candidate: PatchPair | undefined;
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const pair = this.pairs[randomInt(this.random, this.pairs.length)] as TrainingPair;
      const corner = pair.shape.map((d, i) => randomInt(this.random, d - (this.patchShape[i] ?? 0) + 1));
      candidate = {
        raw: crop(pair.raw, pair.shape, corner, this.patchShape),
        gt: crop(pair.gt, pair.shape, corner, this.patchShape),
      };
      if (this.threshold <= 0) break;
      let above = 0;
      for (const v of candidate.gt.data) if (v > this.threshold) above++;
      if (above >= this.areaRatio * size) break;
      if (attempt === this.maxAttempts - 1) {
        this.onWarning(
          `failed to sample a valid patch in ${this.maxAttempts} attempts (fewer than ${this.areaRatio} of GT voxels above ${this.threshold}); using the last one — lower area_ratio_threshold or intensity_threshold for sparse samples`,
        );
      }
    }
    const chosen = candidate as PatchPair;
    if (!this.augmentOn) return chosen;
    const transform = drawAugmentTransform(this.patchShape.length, this.random);
    return { raw: augment(chosen.raw, transform), gt: augment(chosen.gt, transform) };
  }
}

/**
 * Copy a box out of a row-major array.
 * @param data - Source array of shape `shape`.
 * @param shape - Source shape.
 * @param corner - Box origin, one index per axis.
 * @param size - Box size, one per axis, fully inside the source.
 * @returns A new array of shape `size`.
 */
export function crop(data: Float32Array, shape: readonly number[], corner: readonly number[], size: readonly number[]): PatchArray {
  const n = size.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  const ndim = shape.length;
  const rowLength = size[ndim - 1] ?? 1;
  const strides = new Array<number>(ndim).fill(1);
  for (let a = ndim - 2; a >= 0; a--) strides[a] = (strides[a + 1] ?? 1) * (shape[a + 1] ?? 1);
  const rows = n / rowLength;
  const index = new Array<number>(ndim - 1).fill(0);
  for (let r = 0; r < rows; r++) {
    let src = corner[ndim - 1] ?? 0;
    for (let a = 0; a < ndim - 1; a++) src += ((corner[a] ?? 0) + (index[a] ?? 0)) * (strides[a] ?? 1);
    out.set(data.subarray(src, src + rowLength), r * rowLength);
    for (let a = ndim - 2; a >= 0; a--) {
      index[a] = (index[a] ?? 0) + 1;
      if ((index[a] ?? 0) < (size[a] ?? 1)) break;
      index[a] = 0;
    }
  }
  return { data: out, shape: [...size] };
}
