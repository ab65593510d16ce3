/**
 * Exact squared Euclidean distance transform, in place (Felzenszwalb & Huttenlocher 2012, "Distance
 * Transforms of Sampled Functions": a lower envelope of parabolas per line, one pass per axis).
 * On input `grid` holds 0 at seed voxels and `Infinity` elsewhere; on output each voxel holds the
 * squared physical distance to the nearest seed (still `Infinity` when there is no seed).
 * @param grid - Values in C order over `dims`, modified in place.
 * @param dims - `[z, y, x]` extent of the grid.
 * @param spacing - Physical voxel size `[z, y, x]`.
 */
export function squaredDistanceTransform(
  grid: Float32Array | Float64Array,
  dims: readonly [number, number, number],
  spacing: readonly [number, number, number],
): void {
  const [nz, ny, nx] = dims;
  const longest = Math.max(nz, ny, nx);
  const work: LineWork = {
    f: new Float64Array(longest),
    v: new Int32Array(longest),
    fv: new Float64Array(longest),
    z: new Float64Array(longest + 1),
  };
  // x lines are contiguous; y lines have stride nx; z lines stride ny·nx.
  if (nx > 1) {
    for (let start = 0; start < nz * ny * nx; start += nx) transformLine(grid, start, 1, nx, spacing[2], work);
  }
  if (ny > 1) {
    for (let k = 0; k < nz; k++) {
      for (let x = 0; x < nx; x++) transformLine(grid, k * ny * nx + x, nx, ny, spacing[1], work);
    }
  }
  if (nz > 1) {
    for (let i = 0; i < ny * nx; i++) transformLine(grid, i, ny * nx, nz, spacing[0], work);
  }
}

interface LineWork {
  /** The line's input values. */
  f: Float64Array;
  /** Positions of the parabolas in the lower envelope. */
  v: Int32Array;
  /** f at those positions plus their squared coordinate, so the inner loop reads one array. */
  fv: Float64Array;
  /** Boundaries between envelope parabolas. */
  z: Float64Array;
}

/** 1D squared distance transform of one line of `grid` (Infinity = no seed), with spacing s, in place. */
function transformLine(
  grid: Float32Array | Float64Array,
  start: number,
  stride: number,
  n: number,
  s: number,
  work: LineWork,
): void {
  const { f, v, fv, z } = work;
  let k = -1;
  for (let q = 0, i = start; q < n; q++, i += stride) {
    const fq = grid[i]!;
    f[q] = fq;
    if (fq === Infinity) continue;
    const xq = q * s;
    const hq = fq + xq * xq;
    let inter = -Infinity;
    while (k >= 0) {
      inter = (hq - fv[k]!) / (2 * (xq - v[k]! * s));
      if (inter <= z[k]!) k--;
      else break;
    }
    k++;
    v[k] = q;
    fv[k] = hq;
    z[k] = k === 0 ? -Infinity : inter;
    z[k + 1] = Infinity;
  }
  // A line without seeds stays Infinity.
  if (k < 0) return;
  k = 0;
  for (let q = 0, i = start; q < n; q++, i += stride) {
    const xq = q * s;
    while (z[k + 1]! < xq) k++;
    const dx = xq - v[k]! * s;
    grid[i] = dx * dx + f[v[k]!]!;
  }
}
