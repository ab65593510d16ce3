import * as tf from '@tensorflow/tfjs';
import { abortError } from '../../util/errors';
import { blendTile, createAccumulator, finishBlend } from './blend-tile';
import type { RcanModel } from './model';
import { planTiles } from './plan-tiles';
import { readBlock, type VolumeLike } from './read-block';

/**
 * Predicts one block: takes the block's voxels (row-major, shape `blockShape`) and resolves to the
 * restored voxels of the same shape. A worker pool implements this to run blocks in parallel.
 */
export type BlockPredictor = (block: Float32Array, blockShape: readonly number[]) => Promise<Float32Array>;

/** Progress of {@link applyTiled}: blocks finished out of the total. */
export interface TileProgress {
  done: number;
  total: number;
}

/** Options for {@link applyTiled}. */
export interface ApplyTiledOptions {
  /** Block shape ((Z,) Y, X); 3D-RCAN uses the training patch shape (spec §3.4). */
  blockShape: readonly number[];
  /** Overlap per axis. @default defaultOverlap(blockShape), spec §3.5 */
  overlap?: readonly number[];
  /** Called after every finished block. */
  onProgress?: (progress: TileProgress) => void;
  /** Checked between blocks; when aborted, `applyTiled` rejects with `abortError()`. */
  signal?: AbortSignal;
  /** Blocks in flight at once; set it to the pool size when the predictor is a pool. @default 1 */
  concurrency?: number;
}

/**
 * Run a model (or any block predictor) over an image in overlapping blocks and blend the blocks
 * with separable linear-ramp weights, exactly as 3D-RCAN's `apply` (spec §3.7). Memory is two
 * image-sized Float32 accumulators plus the blocks in flight.
 *
 * @param predictor - a model (predicted in-process, one `tf.tidy` per block) or a {@link BlockPredictor}
 * @param volume - the normalized input image, shape ((Z,) Y, X)
 * @param options - block shape, overlap, progress, cancellation, concurrency
 * @returns the restored image, same shape
 * @throws RangeError for an impossible plan; rejects with an AbortError when `signal` aborts
 */
export async function applyTiled(predictor: RcanModel | BlockPredictor, volume: VolumeLike, options: ApplyTiledOptions): Promise<VolumeLike> {
  const expected = volume.shape.reduce((a, b) => a * b, 1);
  if (volume.data.length !== expected) throw new RangeError(`volume data has ${volume.data.length} values, shape ${volume.shape.join('x')} needs ${expected}`);
  const plan = planTiles(volume.shape, options.blockShape, options.overlap);
  const predict: BlockPredictor = typeof predictor === 'function' ? predictor : (block, shape) => predictTile(predictor, block, shape);
  const acc = createAccumulator(plan);
  const { signal, onProgress } = options;
  const lanes = Math.max(1, Math.min(Math.floor(options.concurrency ?? 1), plan.total));
  let next = 0;
  let done = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (next < plan.total && !failed) {
      if (signal?.aborted) throw abortError();
      const tile = plan.tiles[next++]!;
      const prediction = await predict(readBlock(volume, plan, tile), plan.blockShape);
      if (signal?.aborted) throw abortError();
      blendTile(acc, plan, tile, prediction);
      done++;
      onProgress?.({ done, total: plan.total });
    }
  };
  const runs = Array.from({ length: lanes }, () => lane().catch((error: unknown) => {
    failed = true;
    throw error;
  }));
  const results = await Promise.allSettled(runs);
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  return { shape: [...volume.shape], data: finishBlend(acc) };
}

/**
 * Predict one block with an in-process model; every intermediate tensor is disposed.
 * @param model - the model
 * @param block - block voxels, row-major
 * @param blockShape - ((Z,) Y, X)
 * @returns the restored block voxels
 */
export async function predictTile(model: RcanModel, block: Float32Array, blockShape: readonly number[]): Promise<Float32Array> {
  const output = tf.tidy(() => model.predict(tf.tensor(block, [1, ...blockShape, 1])));
  try {
    return (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
}

