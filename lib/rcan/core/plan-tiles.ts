/** One block of a {@link TilePlan}. */
export interface Tile {
  /** Position in the plan, 0-based, row-major over the block grid. */
  readonly index: number;
  /** First voxel of the block in the image, per axis ((Z,) Y, X). */
  readonly origin: readonly number[];
  /** Voxels of the block that lie inside the image, per axis; the rest is far-end reflect padding. */
  readonly validShape: readonly number[];
}

/** Where the blocks go and how they are weighted, per spec §3.5 and §3.7. */
export interface TilePlan {
  readonly imageShape: readonly number[];
  readonly blockShape: readonly number[];
  readonly overlap: readonly number[];
  /** block − overlap, per axis. */
  readonly step: readonly number[];
  /** Blocks per axis, ceil(image / step). */
  readonly counts: readonly number[];
  /** Total number of blocks (product of counts). */
  readonly total: number;
  /** Per-axis blending profiles of length block: linear ramps k/(o+1), k = 1…o, at both ends, 1 inside. */
  readonly profiles: readonly Float32Array[];
  /** All blocks, row-major (last axis fastest). */
  readonly tiles: readonly Tile[];
}

/**
 * The default overlap of 3D-RCAN's `apply.py` (spec §3.5): `max(1, d // 8)` when d > 2, else 0.
 * @param blockShape - block size per axis
 * @returns overlap per axis, e.g. (2, 32, 32) for (16, 256, 256)
 */
export function defaultOverlap(blockShape: readonly number[]): number[] {
  return blockShape.map((d) => (d > 2 ? Math.max(1, Math.floor(d / 8)) : 0));
}

/**
 * Plan tiled prediction exactly as 3D-RCAN (spec §3.7): corners at multiples of step = block −
 * overlap, n = ceil(image / step) per axis, blocks never shifted back inside the image (the far end
 * is reflect-padded), separable linear-ramp blending weights. Pure; no tensors.
 *
 * @param imageShape - image size per axis ((Z,) Y, X)
 * @param blockShape - block size per axis, same length
 * @param overlap - overlap per axis; @default defaultOverlap(blockShape)
 * @returns the plan
 * @throws RangeError when lengths differ, a size is not a positive integer, or block < 2·overlap
 */
export function planTiles(imageShape: readonly number[], blockShape: readonly number[], overlap: readonly number[] = defaultOverlap(blockShape)): TilePlan {
  const n = imageShape.length;
  if (blockShape.length !== n || overlap.length !== n) {
    throw new RangeError(`block shape (${blockShape.join(',')}) and overlap (${overlap.join(',')}) must have one value per image axis (${imageShape.join(',')})`);
  }
  for (let a = 0; a < n; a++) {
    const [i, m, o] = [imageShape[a]!, blockShape[a]!, overlap[a]!];
    if (!Number.isInteger(i) || i < 1) throw new RangeError(`image size must be a positive integer on every axis, got ${imageShape.join(',')}`);
    if (!Number.isInteger(m) || m < 1) throw new RangeError(`block shape must be positive integers, got ${blockShape.join(',')}`);
    if (!Number.isInteger(o) || o < 0) throw new RangeError(`block overlap must be non-negative integers, got ${overlap.join(',')}`);
    if (m < 2 * o) throw new RangeError(`block size ${m} on axis ${a} is smaller than twice the overlap ${o}; use a larger block (-B) or a smaller overlap (-O)`);
  }
  const step = blockShape.map((m, a) => m - overlap[a]!);
  const counts = imageShape.map((i, a) => Math.ceil(i / step[a]!));
  const total = counts.reduce((p, c) => p * c, 1);
  const profiles = blockShape.map((m, a) => rampProfile(m, overlap[a]!));
  const tiles: Tile[] = [];
  const position = new Array<number>(n).fill(0);
  for (let index = 0; index < total; index++) {
    const origin = position.map((p, a) => p * step[a]!);
    const validShape = origin.map((t, a) => Math.min(blockShape[a]!, imageShape[a]! - t));
    tiles.push({ index, origin, validShape });
    for (let a = n - 1; a >= 0; a--) {
      position[a]!++;
      if (position[a]! < counts[a]!) break;
      position[a] = 0;
    }
  }
  return { imageShape: [...imageShape], blockShape: [...blockShape], overlap: [...overlap], step, counts, total, profiles, tiles };
}

/** 1 in the centre, k/(o+1) for k = 1…o rising towards the centre at both ends (numpy 'linear_ramp'). */
function rampProfile(m: number, o: number): Float32Array {
  const profile = new Float32Array(m).fill(1);
  for (let k = 1; k <= o; k++) {
    profile[k - 1] = k / (o + 1);
    profile[m - k] = k / (o + 1);
  }
  return profile;
}

/**
 * numpy `'reflect'` index for position `i` ≥ 0 of a signal of length `n` extended past its end
 * (a triangle wave with period 2(n−1); a length-1 signal repeats).
 * @param i - position, may exceed n − 1
 * @param n - signal length ≥ 1
 * @returns the source index in [0, n)
 */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  const j = i % period;
  return j < n ? j : period - j;
}
