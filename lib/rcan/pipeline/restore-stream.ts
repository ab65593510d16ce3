import { normalizeWith, streamingPercentiles, toBitDepth, type BitDepth, type PlaneSource, type VolumeData } from '../../imaging';
import { applyTiledSlabs, type ApplySlabsStats, type BlockPredictor, type RcanModel, type TileProgress } from '../core';

/** Options for {@link restoreVolumeStream}: the subset of `restoreVolume`'s that needs no whole-volume output statistics. */
export interface RestoreStreamOptions {
  /** Block shape (Z, Y, X), `-B`. */
  blockShape: readonly number[];
  /** Block overlap, `-O`. @default max(1, d // 8) per axis (0 when d ≤ 2) */
  overlap?: readonly number[];
  /** @default 2 */
  pMin?: number;
  /** @default 99.9 */
  pMax?: number;
  /** Output bit depth, `-b`. @default 32 */
  bitDepth?: BitDepth;
  /** File name for the NaN/Infinity refusal. @default 'the raw image' */
  name?: string;
  onProgress?: (progress: TileProgress) => void;
  /** Called after each plane read by the percentile pass (two passes for float input). */
  onScan?: (z: number) => void;
  signal?: AbortSignal;
  /** Blocks in flight. @default 1 */
  concurrency?: number;
  /**
   * Receives every output plane as soon as it is final, at the output bit depth: channel 0 the
   * normalized raw, channel 1 the restored; z increasing, raw before restored. Awaited; the array
   * may be reused afterwards, so write or copy it before resolving.
   */
  writePlane: (z: number, channel: 0 | 1, data: VolumeData) => Promise<void>;
}

/** Result of {@link restoreVolumeStream}. */
export interface RestoreStreamResult extends ApplySlabsStats {
  /** The normalization percentiles of the whole raw volume. */
  low: number;
  high: number;
}

/**
 * `restoreVolume` for a 3D raw image read plane by plane (no GT, no `--rescale`, no output min–max:
 * those need the whole output first). The percentile normalization is computed over the whole
 * volume in a streaming pre-pass ({@link streamingPercentiles}: exact, equal to the whole-volume
 * percentiles), then {@link applyTiledSlabs} predicts one z-row of blocks at a time and each
 * finished plane goes to `writePlane` as [raw_norm, restored] at the output bit depth. Memory
 * depends on the block depth and the image's Y × X, not on its depth; with one block in flight the
 * planes equal those of `restoreVolume` bit for bit.
 *
 * @param predictor - a model or a block predictor
 * @param source - the raw image's planes (any supported dtype)
 * @param options - apply flags and the plane sink
 * @returns the percentiles used and the slab statistics
 * @throws InputError for NaN/±Infinity voxels; RangeError for an impossible tiling
 */
export async function restoreVolumeStream(predictor: RcanModel | BlockPredictor, source: PlaneSource, options: RestoreStreamOptions): Promise<RestoreStreamResult> {
  const pMin = options.pMin ?? 2;
  const pMax = options.pMax ?? 99.9;
  const bits = options.bitDepth ?? 32;
  const [low, high] = (await streamingPercentiles(source, [pMin, pMax], {
    finite: { name: options.name ?? 'the raw image', consequence: "3D-RCAN's output would be NaN everywhere" },
    ...(options.onScan ? { onPlane: options.onScan } : {}),
  })) as [number, number];
  const planeSize = source.shape[1] * source.shape[2];
  const stats = await applyTiledSlabs(predictor, {
    shape: source.shape,
    readPlane: async (z) => normalizeWith(await source.readPlane(z), low, high, new Float32Array(planeSize)),
  }, {
    blockShape: options.blockShape,
    ...(options.overlap ? { overlap: options.overlap } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    concurrency: options.concurrency ?? 1,
    onPlane: async (z, restored, input) => {
      await options.writePlane(z, 0, toBitDepth(input, bits));
      await options.writePlane(z, 1, toBitDepth(restored, bits));
    },
  });
  return { ...stats, low, high };
}
