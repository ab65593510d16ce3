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
  const f = new Float64Array(longest);
  const d = new Float64Array(longest);
  const v = new Int32Array(longest);
  const z = new Float64Array(longest + 1);
  // x lines are contiguous; y lines have stride nx; z lines stride ny·nx.
  const axes: Array<[number, number, number, number]> = [
    [nx, 1, spacing[2], 0],
    [ny, nx, spacing[1], 1],
    [nz, nx * ny, spacing[0], 2],
  ];
  for (const [n, stride, s, axis] of axes) {
    if (n === 1) continue;
    const lineStarts = lineStartsFor(axis, dims);
    for (const start of lineStarts) {
      let any = false;
      for (let q = 0, i = start; q < n; q++, i += stride) {
        f[q] = grid[i]!;
        if (f[q] !== Infinity) any = true;
      }
      if (!any) continue;
      transformLine(f, d, v, z, n, s);
      for (let q = 0, i = start; q < n; q++, i += stride) grid[i] = d[q]!;
    }
  }
}

/** Start offsets of every line along `axis` (0 = x, 1 = y, 2 = z). */
function* lineStartsFor(axis: number, dims: readonly [number, number, number]): Generator<number> {
  const [nz, ny, nx] = dims;
  if (axis === 0) {
    for (let i = 0; i < nz * ny; i++) yield i * nx;
  } else if (axis === 1) {
    for (let k = 0; k < nz; k++) for (let x = 0; x < nx; x++) yield k * ny * nx + x;
  } else {
    for (let i = 0; i < ny * nx; i++) yield i;
  }
}

/** 1D squared distance transform of the sampled function f (Infinity = no seed) with spacing s. */
function transformLine(
  f: Float64Array,
  d: Float64Array,
  v: Int32Array,
  z: Float64Array,
  n: number,
  s: number,
): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    const fq = f[q]!;
    if (fq === Infinity) continue;
    const xq = q * s;
    let inter = -Infinity;
    while (k >= 0) {
      const xv = v[k]! * s;
      inter = (fq + xq * xq - (f[v[k]!]! + xv * xv)) / (2 * (xq - xv));
      if (inter <= z[k]!) k--;
      else break;
    }
    k++;
    v[k] = q;
    z[k] = k === 0 ? -Infinity : inter;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    const xq = q * s;
    while (z[k + 1]! < xq) k++;
    const dx = xq - v[k]! * s;
    d[q] = dx * dx + f[v[k]!]!;
  }
}
