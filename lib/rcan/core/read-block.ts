import { reflectIndex, type Tile, type TilePlan } from './plan-tiles';

/** A single-channel image: row-major `data` of `shape` ((Z,) Y, X). */
export interface VolumeLike {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * Copy one block out of the image; where the block runs past the image it is filled by numpy
 * `'reflect'` padding of the block's valid part at the far end (spec §3.7).
 * @param volume - the image
 * @param plan - the tile plan
 * @param tile - which block
 * @returns a new Float32Array of size prod(blockShape), row-major
 */
export function readBlock(volume: VolumeLike, plan: TilePlan, tile: Tile): Float32Array {
  const [shape, block, origin, valid] = [as3(volume.shape), as3(plan.blockShape), as3(tile.origin, 0), as3(tile.validShape)];
  const out = new Float32Array(block[0] * block[1] * block[2]);
  const map = (axis: 0 | 1 | 2) => Int32Array.from({ length: block[axis] }, (_, t) => origin[axis] + reflectIndex(t, valid[axis]));
  const [mz, my, mx] = [map(0), map(1), map(2)];
  const { data } = volume;
  let o = 0;
  for (let z = 0; z < block[0]; z++) {
    const zBase = mz[z]! * shape[1];
    for (let y = 0; y < block[1]; y++) {
      const rowBase = (zBase + my[y]!) * shape[2];
      if (valid[2] === block[2]) {
        out.set(data.subarray(rowBase + origin[2], rowBase + origin[2] + block[2]), o);
        o += block[2];
      } else {
        for (let x = 0; x < block[2]; x++) out[o++] = data[rowBase + mx[x]!]!;
      }
    }
  }
  return out;
}

/** 2D shapes are handled as 3D with one z-slice. */
export function as3(shape: readonly number[], fill = 1): [number, number, number] {
  return shape.length === 3 ? [shape[0]!, shape[1]!, shape[2]!] : [fill, shape[0]!, shape[1]!];
}
