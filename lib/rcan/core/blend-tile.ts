import type { Tile, TilePlan } from './plan-tiles';
import { as3 } from './read-block';

/** Running weighted sums over the image, see {@link blendTile}. */
export interface BlendAccumulator {
  /** Σ weight × prediction, image-sized. */
  readonly sum: Float32Array;
  /** Σ weight, image-sized. */
  readonly weight: Float32Array;
}

/**
 * Create zeroed accumulators for an image (two image-sized Float32Arrays).
 * @param plan - the tile plan
 * @returns the accumulators
 */
export function createAccumulator(plan: TilePlan): BlendAccumulator {
  const size = plan.imageShape.reduce((a, b) => a * b, 1);
  return { sum: new Float32Array(size), weight: new Float32Array(size) };
}

/**
 * Add one predicted block into the accumulators, weighted by the separable ramp profile, over the
 * block's valid (unpadded) region only (spec §3.7).
 * @param acc - accumulators
 * @param plan - the tile plan
 * @param tile - which block
 * @param prediction - the model output for the block, size prod(blockShape)
 * @throws RangeError when the prediction has the wrong size
 */
export function blendTile(acc: BlendAccumulator, plan: TilePlan, tile: Tile, prediction: Float32Array): void {
  const [shape, block, origin, valid] = [as3(plan.imageShape), as3(plan.blockShape), as3(tile.origin, 0), as3(tile.validShape)];
  if (prediction.length !== block[0] * block[1] * block[2]) {
    throw new RangeError(`predicted block has ${prediction.length} values, expected ${block.join('x')}`);
  }
  const [pz, py, px] = plan.profiles.length === 3 ? (plan.profiles as [Float32Array, Float32Array, Float32Array]) : [new Float32Array([1]), plan.profiles[0]!, plan.profiles[1]!];
  const { sum, weight } = acc;
  for (let z = 0; z < valid[0]; z++) {
    for (let y = 0; y < valid[1]; y++) {
      const wzy = pz[z]! * py[y]!;
      const src = (z * block[1] + y) * block[2];
      const dst = ((origin[0] + z) * shape[1] + origin[1] + y) * shape[2] + origin[2];
      for (let x = 0; x < valid[2]; x++) {
        const w = wzy * px[x]!;
        sum[dst + x]! += w * prediction[src + x]!;
        weight[dst + x]! += w;
      }
    }
  }
}

/**
 * Finish blending: sum / weight per voxel, in place in `acc.sum`.
 * @param acc - accumulators after every block was blended
 * @returns `acc.sum`, now the weighted average
 */
export function finishBlend(acc: BlendAccumulator): Float32Array {
  const { sum, weight } = acc;
  for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! / weight[i]!;
  return sum;
}
