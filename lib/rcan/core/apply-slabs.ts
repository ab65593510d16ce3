import { abortError } from '../../util/errors';
import { predictTile, type ApplyTiledOptions, type BlockPredictor } from './apply-tiled';
import type { RcanModel } from './model';
import { planTiles, reflectIndex, type Tile, type TilePlan } from './plan-tiles';

/** A normalized 3D input read plane by plane (Z, Y, X). */
export interface SlabInput {
  readonly shape: readonly [number, number, number];
  /** Plane z of the normalized input, Y·X float32 values. Called once per plane, in increasing z. */
  readPlane(z: number): Promise<Float32Array>;
}

/** Options for {@link applyTiledSlabs}. */
export interface ApplySlabsOptions extends ApplyTiledOptions {
  /**
   * Receives each finished plane, in increasing z, as soon as no later block touches it: the
   * restored (blended) plane and the normalized input plane it came from. Awaited before going on.
   */
  onPlane: (z: number, restored: Float32Array, input: Float32Array) => Promise<void> | void;
}

/** What {@link applyTiledSlabs} held at most, for memory accounting and tests. */
export interface ApplySlabsStats {
  /** Most input planes held at once. */
  peakInputPlanes: number;
  /** Most accumulator planes (each a Y·X sum and weight) held at once. */
  peakAccumulatorPlanes: number;
  /** Rows of blocks along Z (slabs). */
  slabs: number;
}

/**
 * {@link applyTiled} for a 3D input too large to hold: the same blocks, weights and blending
 * arithmetic (the output is bit-identical with one block in flight), processed one z-row of blocks
 * (a slab) at a time. A slab reads only the input planes its blocks cover (block depth), blends its
 * blocks into accumulators for those planes, and hands every plane no later slab touches to
 * `onPlane`, then drops it. Memory is about three planes' worth (input, sum, weight) per plane of
 * block depth — block depth × Y × X × 12 bytes — plus the blocks in flight, whatever the depth of
 * the image.
 *
 * @param predictor - a model or a {@link BlockPredictor}
 * @param input - the normalized input planes
 * @param options - block shape, overlap, progress, cancellation, concurrency, plane sink
 * @returns peak planes held and slab count
 * @throws RangeError for an impossible plan; rejects with an AbortError when `signal` aborts
 */
export async function applyTiledSlabs(predictor: RcanModel | BlockPredictor, input: SlabInput, options: ApplySlabsOptions): Promise<ApplySlabsStats> {
  const [depth, height, width] = input.shape;
  if (options.blockShape.length !== 3) throw new RangeError(`slab apply needs a 3D block shape, got ${options.blockShape.join(',')}`);
  const plan = planTiles(input.shape, options.blockShape, options.overlap);
  const predict: BlockPredictor = typeof predictor === 'function' ? predictor : (block, shape) => predictTile(predictor, block, shape);
  const planeSize = height * width;
  const perRow = plan.counts[1]! * plan.counts[2]!;
  const rows = plan.counts[0]!;
  const inputs = new Map<number, Float32Array>();
  const sums = new Map<number, Float32Array>();
  const weights = new Map<number, Float32Array>();
  const stats: ApplySlabsStats = { peakInputPlanes: 0, peakAccumulatorPlanes: 0, slabs: rows };
  const { signal, onProgress } = options;
  let nextInput = 0;
  let nextOut = 0;
  let done = 0;
  for (let row = 0; row < rows; row++) {
    if (signal?.aborted) throw abortError();
    const z0 = row * plan.step[0]!;
    const z1 = Math.min(z0 + plan.blockShape[0]!, depth);
    for (; nextInput < z1; nextInput++) {
      const plane = await input.readPlane(nextInput);
      if (plane.length !== planeSize) throw new RangeError(`input plane ${nextInput} has ${plane.length} values, expected ${planeSize}`);
      inputs.set(nextInput, plane);
    }
    for (let z = z0; z < z1; z++) {
      if (!sums.has(z)) {
        sums.set(z, new Float32Array(planeSize));
        weights.set(z, new Float32Array(planeSize));
      }
    }
    stats.peakInputPlanes = Math.max(stats.peakInputPlanes, inputs.size);
    stats.peakAccumulatorPlanes = Math.max(stats.peakAccumulatorPlanes, sums.size);

    const tiles = plan.tiles.slice(row * perRow, (row + 1) * perRow);
    const lanes = Math.max(1, Math.min(Math.floor(options.concurrency ?? 1), tiles.length));
    let next = 0;
    let failed = false;
    const lane = async (): Promise<void> => {
      while (next < tiles.length && !failed) {
        if (signal?.aborted) throw abortError();
        const tile = tiles[next++]!;
        const prediction = await predict(readSlabBlock(inputs, input.shape, plan, tile), plan.blockShape);
        if (signal?.aborted) throw abortError();
        blendSlabTile(sums, weights, input.shape, plan, tile, prediction);
        done++;
        onProgress?.({ done, total: plan.total });
      }
    };
    const results = await Promise.allSettled(Array.from({ length: lanes }, () => lane().catch((error: unknown) => {
      failed = true;
      throw error;
    })));
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;

    // Planes below the next slab's first plane are final.
    const finished = row === rows - 1 ? depth : (row + 1) * plan.step[0]!;
    for (; nextOut < finished; nextOut++) {
      const sum = sums.get(nextOut)!;
      const weight = weights.get(nextOut)!;
      for (let i = 0; i < planeSize; i++) sum[i] = sum[i]! / weight[i]!;
      await options.onPlane(nextOut, sum, inputs.get(nextOut)!);
      sums.delete(nextOut);
      weights.delete(nextOut);
      inputs.delete(nextOut);
    }
  }
  return stats;
}

/** `readBlock` over the planes held (the same reflect padding at the far end). */
function readSlabBlock(planes: ReadonlyMap<number, Float32Array>, shape: readonly number[], plan: TilePlan, tile: Tile): Float32Array {
  const [bz, by, bx] = plan.blockShape as [number, number, number];
  const [oz, oy, ox] = tile.origin as [number, number, number];
  const [vz, vy, vx] = tile.validShape as [number, number, number];
  const width = shape[2]!;
  const out = new Float32Array(bz * by * bx);
  const my = Int32Array.from({ length: by }, (_, t) => oy + reflectIndex(t, vy));
  const mx = Int32Array.from({ length: bx }, (_, t) => ox + reflectIndex(t, vx));
  let o = 0;
  for (let z = 0; z < bz; z++) {
    const data = planes.get(oz + reflectIndex(z, vz))!;
    for (let y = 0; y < by; y++) {
      const rowBase = my[y]! * width;
      if (vx === bx) {
        out.set(data.subarray(rowBase + ox, rowBase + ox + bx), o);
        o += bx;
      } else {
        for (let x = 0; x < bx; x++) out[o++] = data[rowBase + mx[x]!]!;
      }
    }
  }
  return out;
}

/** `blendTile` into per-plane accumulators, with the same expression (so the same float rounding). */
function blendSlabTile(sums: ReadonlyMap<number, Float32Array>, weights: ReadonlyMap<number, Float32Array>, shape: readonly number[], plan: TilePlan, tile: Tile, prediction: Float32Array): void {
  const [, by, bx] = plan.blockShape as [number, number, number];
  const [oz, oy, ox] = tile.origin as [number, number, number];
  const [vz, vy, vx] = tile.validShape as [number, number, number];
  if (prediction.length !== plan.blockShape[0]! * by * bx) throw new RangeError(`predicted block has ${prediction.length} values, expected ${plan.blockShape.join('x')}`);
  const [pz, py, px] = plan.profiles as [Float32Array, Float32Array, Float32Array];
  const width = shape[2]!;
  for (let z = 0; z < vz; z++) {
    const sum = sums.get(oz + z)!;
    const weight = weights.get(oz + z)!;
    for (let y = 0; y < vy; y++) {
      const wzy = pz[z]! * py[y]!;
      const src = (z * by + y) * bx;
      const dst = (oy + y) * width + ox;
      for (let x = 0; x < vx; x++) {
        const w = wzy * px[x]!;
        sum[dst + x]! += w * prediction[src + x]!;
        weight[dst + x]! += w;
      }
    }
  }
}
