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
  let orderStat: (k: number) => number;
  if (data instanceof Uint8Array || data instanceof Uint16Array) {
    orderStat = histogramOrderStatistic(histogramOf(data));
  } else {
    const copy = data instanceof Float32Array ? Float32Array.from(data) : Float64Array.from(data as ArrayLike<number>);
    for (let i = 0; i < n; i++) if (Number.isNaN(copy[i])) return ps.map(() => NaN);
    orderStat = (k) => select(copy, k);
  }
  return percentilesFromOrderStatistics(n, ps, orderStat, data instanceof Float32Array);
}

/**
 * NumPy-linear percentiles of `n` samples given a way to get the k-th smallest (0-based): the
 * interpolation {@link percentiles} uses, for callers that order the data another way (a histogram
 * accumulated over planes, a radix selection over a file).
 *
 * @param n - number of samples
 * @param ps - percentiles in [0, 100]
 * @param orderStat - k-th smallest sample
 * @param float32 - the samples are float32 (NumPy then subtracts neighbours in float32)
 * @returns one value per percentile
 */
export function percentilesFromOrderStatistics(n: number, ps: readonly number[], orderStat: (k: number) => number, float32: boolean): number[] {
  return ps.map((p) => {
    const { below, above, t } = position(n, p);
    const a = orderStat(below);
    const b = orderStat(above);
    // NumPy subtracts the neighbours in the array's dtype, then interpolates in float64 (_lerp).
    const diff = float32 ? Math.fround(b - a) : b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  });
}

/**
 * The 0-based positions whose order statistics the linear percentile `p` of `n` samples needs.
 * @param n - number of samples
 * @param p - percentile in [0, 100]
 */
export function percentileRanks(n: number, p: number): [number, number] {
  const { below, above } = position(n, p);
  return [below, above];
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

/**
 * Add the samples of `data` to a value histogram (256 bins for uint8, 65536 for uint16).
 * @param data - samples
 * @param counts - histogram to add to; a new one when omitted
 * @returns the histogram
 */
export function histogramOf(data: Uint8Array | Uint16Array, counts: Float64Array = new Float64Array(data instanceof Uint8Array ? 256 : 65536)): Float64Array {
  for (let i = 0; i < data.length; i++) counts[data[i]!]!++;
  return counts;
}

/**
 * k-th smallest sample (0-based) from a value histogram of integer samples.
 * @param counts - samples per value
 * @returns the order statistic function
 */
export function histogramOrderStatistic(counts: Float64Array): (k: number) => number {
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
