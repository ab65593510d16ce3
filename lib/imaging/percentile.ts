import type { VolumeData } from './volume';

/**
 * Percentiles of all samples with NumPy's default `method='linear'` (NumPy ≥ 1.22 arithmetic,
 * including its float32 rounding of neighbour differences), as 3D-RCAN's `normalize` takes them
 * (spec §2.4, §3.6).
 *
 * Cost: uint8/uint16 data use a histogram (O(n) time, 0.5 MB extra memory at most). float32 data
 * are copied once (4 bytes per voxel: 400 MB for 10^8 voxels) and partially ordered with quickselect,
 * O(n) expected time. Any NaN makes every result NaN, as in `np.percentile`.
 *
 * @param data - samples in any order
 * @param ps - percentiles in [0, 100]
 * @returns one value per requested percentile, as float64 numbers
 * @throws RangeError for empty data or a percentile outside [0, 100]
 */
export function percentiles(data: VolumeData | ArrayLike<number>, ps: readonly number[]): number[] {
  const n = data.length;
  if (n === 0) throw new RangeError('cannot take percentiles of an empty array');
  for (const p of ps) {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
  }
  const positions = ps.map((p) => position(n, p));
  const isFloat32 = data instanceof Float32Array;
  let orderStat: (k: number) => number;
  if (data instanceof Uint8Array || data instanceof Uint16Array) {
    orderStat = histogramOrderStatistic(data);
  } else {
    const copy = isFloat32 ? Float32Array.from(data as Float32Array) : Float64Array.from(data as ArrayLike<number>);
    for (let i = 0; i < n; i++) if (Number.isNaN(copy[i])) return ps.map(() => NaN);
    orderStat = (k) => select(copy, k);
  }
  return positions.map(({ below, above, t }) => {
    const a = orderStat(below);
    const b = orderStat(above);
    // NumPy subtracts the neighbours in the array's dtype, then interpolates in float64 (_lerp).
    const diff = isFloat32 ? Math.fround(b - a) : b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  });
}

/**
 * One percentile; see {@link percentiles} (prefer it for several values: it orders the data once).
 *
 * @param data - samples
 * @param p - percentile in [0, 100]
 */
export function percentile(data: VolumeData | ArrayLike<number>, p: number): number {
  return percentiles(data, [p])[0]!;
}

/** NumPy's linear-method virtual index, evaluated as NumPy does so rounding matches. */
function position(n: number, p: number): { below: number; above: number; t: number } {
  // numpy: q = true_divide(p, 100); method 'linear': virtual index = (n - 1) * q.
  const virtual = (n - 1) * (p / 100);
  if (virtual >= n - 1) return { below: n - 1, above: n - 1, t: 0 };
  if (virtual < 0) return { below: 0, above: 0, t: 0 };
  const below = Math.floor(virtual);
  return { below, above: below + 1, t: virtual - below };
}

function histogramOrderStatistic(data: Uint8Array | Uint16Array): (k: number) => number {
  const counts = new Float64Array(data instanceof Uint8Array ? 256 : 65536);
  for (let i = 0; i < data.length; i++) counts[data[i]!]!++;
  const cumulative = new Float64Array(counts.length);
  let run = 0;
  for (let v = 0; v < counts.length; v++) cumulative[v] = run += counts[v]!;
  return (k) => {
    // First value whose cumulative count exceeds k (binary search).
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > k) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/**
 * k-th smallest value (0-based), partially reordering `a` in place (Hoare quickselect with a
 * median-of-three pivot). Repeated calls on the same array stay correct and get cheaper.
 */
function select(a: Float32Array | Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = lo + ((hi - lo) >> 1);
    // Median of three moved to `mid` guards against sorted and reverse-sorted input.
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

function swap(a: Float32Array | Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
