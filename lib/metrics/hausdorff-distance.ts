import { squaredDistanceTransform } from './distance-transform';

/** Symmetric surface distances between two point sets. */
export interface HausdorffResult {
  /** Largest distance from a point of either set to the nearest point of the other (0 if both are empty, Infinity if one is). */
  hausdorff: number;
  /** 95th percentile of the pooled distances of both directions, linear interpolation (as numpy's default, MedPy's `hd95`). */
  hd95: number;
}

// Below this many point pairs, comparing all pairs beats building a distance transform.
const BRUTE_FORCE_PAIRS = 50_000;

/**
 * Hausdorff distance and HD95 between two sets of grid points given as linear indices into a
 * `[z, y, x]` grid, in the units of `spacing`. For point sets that are boundaries this is the
 * boundary Hausdorff distance; scikit-image's `hausdorff_distance(a, b)` gives the same maximum
 * for images whose nonzero pixels are these points.
 *
 * Small sets are compared pair by pair; larger ones through an exact Euclidean distance transform
 * over the bounding box of both sets, which is exact because every nearest point lies inside that box.
 * @param a - Linear indices of the first set.
 * @param b - Linear indices of the second set.
 * @param zyx - Grid shape `[z, y, x]`.
 * @param spacing - Physical voxel size `[z, y, x]`. @default [1, 1, 1]
 * @returns Hausdorff distance and HD95.
 */
export function hausdorffDistance(
  a: Int32Array,
  b: Int32Array,
  zyx: readonly [number, number, number],
  spacing: readonly [number, number, number] = [1, 1, 1],
): HausdorffResult {
  if (a.length === 0 && b.length === 0) return { hausdorff: 0, hd95: 0 };
  if (a.length === 0 || b.length === 0) return { hausdorff: Infinity, hd95: Infinity };
  const squared = new Float64Array(a.length + b.length);
  if (a.length * b.length <= BRUTE_FORCE_PAIRS) bruteForce(a, b, zyx, spacing, squared);
  else viaDistanceTransform(a, b, zyx, spacing, squared);
  // Interpolate between distances, not squared distances, as numpy would on the distances.
  let max = 0;
  for (let i = 0; i < squared.length; i++) {
    squared[i] = Math.sqrt(squared[i]!);
    if (squared[i]! > max) max = squared[i]!;
  }
  return { hausdorff: max, hd95: percentile(squared, 0.95) };
}

function bruteForce(
  a: Int32Array,
  b: Int32Array,
  zyx: readonly [number, number, number],
  spacing: readonly [number, number, number],
  out: Float64Array,
): void {
  const pa = coordinates(a, zyx, spacing);
  const pb = coordinates(b, zyx, spacing);
  const na = a.length;
  out.fill(Infinity);
  for (let i = 0; i < na; i++) {
    const az = pa[3 * i]!;
    const ay = pa[3 * i + 1]!;
    const ax = pa[3 * i + 2]!;
    let best = Infinity;
    for (let j = 0; j < b.length; j++) {
      const dz = az - pb[3 * j]!;
      const dy = ay - pb[3 * j + 1]!;
      const dx = ax - pb[3 * j + 2]!;
      const d = dz * dz + dy * dy + dx * dx;
      if (d < best) best = d;
      if (d < out[na + j]!) out[na + j] = d;
    }
    out[i] = best;
  }
}

function coordinates(
  points: Int32Array,
  zyx: readonly [number, number, number],
  spacing: readonly [number, number, number],
): Float64Array {
  const [, ny, nx] = zyx;
  const out = new Float64Array(3 * points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const x = p % nx;
    const r = (p - x) / nx;
    const y = r % ny;
    out[3 * i] = ((r - y) / ny) * spacing[0];
    out[3 * i + 1] = y * spacing[1];
    out[3 * i + 2] = x * spacing[2];
  }
  return out;
}

function viaDistanceTransform(
  a: Int32Array,
  b: Int32Array,
  zyx: readonly [number, number, number],
  spacing: readonly [number, number, number],
  out: Float64Array,
): void {
  const [, ny, nx] = zyx;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  for (const set of [a, b]) {
    for (let i = 0; i < set.length; i++) {
      const p = set[i]!;
      const x = p % nx;
      const r = (p - x) / nx;
      const y = r % ny;
      const z = (r - y) / ny;
      const c = [z, y, x];
      for (let k = 0; k < 3; k++) {
        if (c[k]! < lo[k]!) lo[k] = c[k]!;
        if (c[k]! > hi[k]!) hi[k] = c[k]!;
      }
    }
  }
  const dims: [number, number, number] = [hi[0]! - lo[0]! + 1, hi[1]! - lo[1]! + 1, hi[2]! - lo[2]! + 1];
  const size = dims[0] * dims[1] * dims[2];
  // float32 halves the memory of whole-volume transforms; its 24-bit mantissa keeps distances to ~1e-7.
  const grid = size > 1 << 24 ? new Float32Array(size) : new Float64Array(size);
  const local = (p: number): number => {
    const x = p % nx;
    const r = (p - x) / nx;
    const y = r % ny;
    const z = (r - y) / ny;
    return ((z - lo[0]!) * dims[1] + (y - lo[1]!)) * dims[2] + (x - lo[2]!);
  };
  const pass = (seeds: Int32Array, queries: Int32Array, offset: number): void => {
    grid.fill(Infinity);
    for (let i = 0; i < seeds.length; i++) grid[local(seeds[i]!)] = 0;
    squaredDistanceTransform(grid, dims, spacing);
    for (let i = 0; i < queries.length; i++) out[offset + i] = grid[local(queries[i]!)]!;
  };
  pass(b, a, 0);
  pass(a, b, a.length);
}

/** The q-quantile of `values` with numpy's default linear interpolation; reorders `values`. */
export function percentile(values: Float64Array, q: number): number {
  const pos = q * (values.length - 1);
  const lo = Math.floor(pos);
  const vLo = select(values, lo);
  if (pos === lo) return vLo;
  // After select, everything right of lo is ≥ vLo; the next order statistic is their minimum.
  let vHi = Infinity;
  for (let i = lo + 1; i < values.length; i++) if (values[i]! < vHi) vHi = values[i]!;
  return vLo + (vHi - vLo) * (pos - lo);
}

/** Quickselect with a three-way partition (distances repeat a lot); returns the k-th smallest. */
function select(v: Float64Array, k: number): number {
  let left = 0;
  let right = v.length - 1;
  while (left < right) {
    const pivot = v[(left + right) >> 1]!;
    let lt = left;
    let gt = right;
    let i = left;
    while (i <= gt) {
      const x = v[i]!;
      if (x < pivot) {
        v[i] = v[lt]!;
        v[lt] = x;
        lt++;
        i++;
      } else if (x > pivot) {
        v[i] = v[gt]!;
        v[gt] = x;
        gt--;
      } else {
        i++;
      }
    }
    if (k < lt) right = lt - 1;
    else if (k > gt) left = gt + 1;
    else return pivot;
  }
  return v[k]!;
}
