import {
  assertFiniteVolume, createVolume, encodeTiff, minMaxNormalize, percentileNormalize, RCAN_CHANNEL_NAMES, rescaleToTarget, stackChannels, toBitDepth,
  type BitDepth, type Hyperstack, type Volume,
} from '../../imaging';
import { evaluateRestoration, type RestorationResult } from '../../metrics';
import { ConfigError, InputError } from '../../util/errors';
import { applyTiled, type BlockPredictor, type RcanModel, type TileProgress } from '../core';

/** Options for {@link restoreVolume}; the names follow 3D-RCAN's `apply.py` flags (spec §3.1). */
export interface RestoreVolumeOptions {
  /** Block shape ((Z,) Y, X), `-B`; 3D-RCAN's default is the training patch shape. */
  blockShape: readonly number[];
  /** Block overlap, `-O`. @default max(1, d // 8) per axis (0 when d ≤ 2) */
  overlap?: readonly number[];
  /** Lower normalization percentile, `--p_min`. @default 2 */
  pMin?: number;
  /** Upper normalization percentile, `--p_max`. @default 99.9 */
  pMax?: number;
  /** Ground truth, `-g`; discarded (with `gtDiscarded: true`) when its shape differs from the raw. */
  groundTruth?: Volume;
  /** `--rescale`: affine fit of the restored channel to the normalized GT (needs GT). */
  rescale?: boolean;
  /** `--normalize_output_range_between_zero_and_one`: per-channel min–max to [0, 1]. */
  normalizeOutputRange?: boolean;
  /** Output bit depth, `-b`. @default 32 */
  bitDepth?: BitDepth;
  /** Output container, `-f`. @default 'imagej' */
  format?: 'imagej' | 'ome';
  /** Model dimensionality, to reject e.g. a 2D image for a 3D model; read from the model when given one. */
  modelNdim?: 2 | 3;
  onProgress?: (progress: TileProgress) => void;
  signal?: AbortSignal;
  /** Blocks in flight (pool size). @default 1 */
  concurrency?: number;
  /**
   * Encode the TIFF into `bytes`. Set false for outputs past 4 GiB, which cannot be one Uint8Array:
   * `bytes` is then empty and the caller streams `stack` with `encodeTiffStream` (BigTIFF). @default true
   */
  encode?: boolean;
}

/** Scores of one image against its normalized ground truth (normalized units, before min–max). */
export interface RestoreMetrics {
  /** Restored (after `--rescale` when given) vs GT. */
  restored: RestorationResult;
  /** Percentile-normalized raw vs GT, the baseline. */
  raw: RestorationResult;
}

/** Result of {@link restoreVolume}. */
export interface RestoreVolumeResult {
  /** The output TIFF. */
  bytes: Uint8Array;
  /** The stacked output before encoding: channels raw, restored(, GT), already at the output bit depth. */
  stack: Hyperstack;
  /** The restored channel in normalized units, after `--rescale`, before min–max and bit depth. */
  restored: Float32Array;
  /** The percentile-normalized raw (normalized once, here; callers reuse it for display). */
  rawNormalized: Float32Array;
  /** The percentile-normalized ground truth, when one was used. */
  groundTruthNormalized?: Float32Array;
  /** True when a GT was given but had a different shape (3D-RCAN prints a message and keeps 2 channels). */
  gtDiscarded: boolean;
  /** Present when GT was used. */
  metrics?: RestoreMetrics;
  /** The `--rescale` coefficients, restored ← a·restored + b. */
  rescale?: { a: number; b: number };
}

/**
 * The whole per-image apply pipeline of 3D-RCAN (spec §3.2), shared by the CLI and the browser
 * worker: percentile-normalize the raw → tiled prediction → [raw_norm, restored(, gt_norm)] with
 * optional `--rescale` → optional per-channel min–max → bit depth → ImageJ hyperstack or OME TIFF.
 * Unlike the original it also scores the result against the GT (PSNR, SSIM, NRMSE).
 *
 * @param predictor - an in-process model or a block predictor (worker pool)
 * @param raw - the raw image as decoded (any dtype)
 * @param options - apply flags
 * @returns the TIFF bytes and what went into them
 * @throws InputError when the image does not fit the model; ConfigError when -B/-O do not match the
 *   image's dimensionality; RangeError for impossible tiling
 */
export async function restoreVolume(predictor: RcanModel | BlockPredictor, raw: Volume, options: RestoreVolumeOptions): Promise<RestoreVolumeResult> {
  const modelNdim = typeof predictor === 'function' ? options.modelNdim : predictor.architecture.ndim;
  if (modelNdim !== undefined && raw.ndim !== modelNdim) {
    throw new InputError(`the model is ${modelNdim}D but the image is ${raw.ndim}D [${shapeOf(raw).join(', ')}]; use a ${raw.ndim}D model or a ${modelNdim === 3 ? 'Z,Y,X stack' : 'single Y,X plane'}`);
  }
  if (options.blockShape.length !== raw.ndim) {
    throw new ConfigError(`block shape ${options.blockShape.join(',')} has ${options.blockShape.length} values but the image is ${raw.ndim}D; give -B with ${raw.ndim} values`);
  }
  if (options.overlap && options.overlap.length !== raw.ndim) {
    throw new ConfigError(`block overlap ${options.overlap.join(',')} has ${options.overlap.length} values but the image is ${raw.ndim}D; give -O with ${raw.ndim} values`);
  }
  assertFiniteVolume(raw, 'the raw image', "3D-RCAN's output would be NaN everywhere");
  const pMin = options.pMin ?? 2;
  const pMax = options.pMax ?? 99.9;
  const shape = shapeOf(raw);
  const rawNorm = percentileNormalize(raw.data, pMin, pMax);
  const restoredVolume = await applyTiled(predictor, { shape, data: rawNorm }, {
    blockShape: options.blockShape,
    ...(options.overlap ? { overlap: options.overlap } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    concurrency: options.concurrency ?? 1,
  });
  let restored = restoredVolume.data;
  const channels: Float32Array[] = [rawNorm, restored];
  let gtDiscarded = false;
  let metrics: RestoreMetrics | undefined;
  let rescale: { a: number; b: number } | undefined;
  let gtNormalized: Float32Array | undefined;
  const gt = options.groundTruth;
  if (gt) {
    if (gt.ndim === raw.ndim && gt.shape.join() === raw.shape.join()) {
      const gtNorm = percentileNormalize(gt.data, pMin, pMax);
      gtNormalized = gtNorm;
      if (options.rescale) {
        const fit = rescaleToTarget(restored, gtNorm);
        restored = fit.data;
        rescale = { a: fit.a, b: fit.b };
        channels[1] = restored;
      }
      channels.push(gtNorm);
      metrics = {
        restored: evaluateRestoration({ data: gtNorm, shape }, { data: restored, shape }),
        raw: evaluateRestoration({ data: gtNorm, shape }, { data: rawNorm, shape }),
      };
    } else {
      gtDiscarded = true;
    }
  }
  const finalChannels = options.normalizeOutputRange ? channels.map((c) => minMaxNormalize(c)) : channels;
  const bits = options.bitDepth ?? 32;
  const volumes = finalChannels.map((c) => createVolume(toBitDepth(c, bits), raw.shape, { ndim: raw.ndim, ...(raw.spacing ? { spacing: raw.spacing } : {}) }));
  const stack = stackChannels(volumes, RCAN_CHANNEL_NAMES.slice(0, volumes.length));
  const bytes = options.encode === false ? new Uint8Array(0) : encodeTiff(stack, { format: options.format ?? 'imagej' });
  return { bytes, stack, restored, rawNormalized: rawNorm, ...(gtNormalized ? { groundTruthNormalized: gtNormalized } : {}), gtDiscarded, ...(metrics ? { metrics } : {}), ...(rescale ? { rescale } : {}) };
}

/** The tiling shape: (Z, Y, X) for stacks, (Y, X) for 2D images. */
function shapeOf(v: Volume): number[] {
  return v.ndim === 2 ? [v.shape[1], v.shape[2]] : [...v.shape];
}
