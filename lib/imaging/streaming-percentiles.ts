import { nonFiniteError } from './check-finite';
import { histogramOf, histogramOrderStatistic, percentileRanks, percentilesFromOrderStatistics } from './percentile';
import type { Dtype, VolumeData } from './volume';

/** Planes of one volume read one at a time (from a file, say), in any order, as often as needed. */
export interface PlaneSource {
  /** (Z, Y, X). */
  readonly shape: readonly [number, number, number];
  readonly dtype: Dtype;
  /** Plane z, Y·X samples of `dtype`. */
  readPlane(z: number): Promise<VolumeData>;
}

/** Options for {@link streamingPercentiles}. */
export interface StreamingPercentilesOptions {
  /** Refuse NaN/±Infinity (float input) with `assertFiniteVolume`'s message, naming the file. */
  finite?: { name: string; consequence: string };
  /** Called after every plane read (for progress and tests). */
  onPlane?: (z: number) => void;
}

/**
 * Exactly {@link percentiles} of a whole volume, reading it plane by plane with memory independent
 * of its depth. uint8/uint16: one pass building a value histogram. float32: an exact two-pass radix
 * selection on the order-preserving 32-bit key of each value — pass 1 counts the high 16 bits, pass
 * 2 counts the low 16 bits of only the buckets holding the wanted ranks — so each order statistic
 * is found exactly (no sampling), with at most 4 × 65536 counters.
 *
 * @param source - the volume's planes
 * @param ps - percentiles in [0, 100]
 * @param options - finite check, per-plane callback
 * @returns one value per percentile, equal to `percentiles(wholeVolume, ps)`
 * @throws InputError when `finite` is set and a value is NaN or infinite
 */
export async function streamingPercentiles(source: PlaneSource, ps: readonly number[], options: StreamingPercentilesOptions = {}): Promise<number[]> {
  const [depth, height, width] = source.shape;
  const n = depth * height * width;
  if (n === 0) throw new RangeError('cannot take percentiles of an empty array');
  for (const p of ps) if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
  if (source.dtype !== 'float32') {
    let counts: Float64Array | undefined = undefined;
    for (let z = 0; z < depth; z++) {
      counts = histogramOf((await source.readPlane(z)) as Uint8Array | Uint16Array, counts);
      options.onPlane?.(z);
    }
    return percentilesFromOrderStatistics(n, ps, histogramOrderStatistic(counts!), false);
  }
  // Pass 1: high halves of the keys, and the finite check.
  const high = new Float64Array(65536);
  let bad = 0;
  let firstBad = -1;
  const bits = (plane: VolumeData) => (plane.byteOffset % 4 === 0 ? new Uint32Array(plane.buffer, plane.byteOffset, plane.length) : new Uint32Array((plane as Float32Array).slice().buffer));
  for (let z = 0; z < depth; z++) {
    const plane = (await source.readPlane(z)) as Float32Array;
    for (let i = 0; i < plane.length; i++) {
      const v = plane[i]!;
      if (v - v !== 0) {
        if (firstBad < 0) firstBad = z * plane.length + i;
        bad++;
      }
    }
    if (bad === 0) {
      const keys = bits(plane);
      for (let i = 0; i < keys.length; i++) high[sortKey(keys[i]!) >>> 16]!++;
    }
    options.onPlane?.(z);
  }
  if (bad > 0) {
    if (options.finite) throw nonFiniteError(options.finite.name, bad, firstBad, source.shape, options.finite.consequence);
    return ps.map(() => NaN);
  }
  // Which high bucket holds each wanted rank, and the rank inside it.
  const cumulative = new Float64Array(65537);
  for (let b = 0; b < 65536; b++) cumulative[b + 1] = cumulative[b]! + high[b]!;
  const ranks = [...new Set(ps.flatMap((p) => percentileRanks(n, p)))];
  const bucketOf = (k: number) => {
    let lo = 0;
    let hi = 65535;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid + 1]! > k) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const buckets = new Map<number, Float64Array>();
  for (const k of ranks) if (!buckets.has(bucketOf(k))) buckets.set(bucketOf(k), new Float64Array(65536));
  // slot[high bits] = index into lows, or -1: a typed-array lookup per value instead of a Map's.
  const slot = new Int8Array(65536).fill(-1);
  const lows = [...buckets.entries()].map(([bucket, counts], i) => {
    slot[bucket] = i;
    return counts;
  });
  // Pass 2: low halves of the keys in those buckets only.
  for (let z = 0; z < depth; z++) {
    const keys = bits(await source.readPlane(z));
    for (let i = 0; i < keys.length; i++) {
      const key = sortKey(keys[i]!);
      const at = slot[key >>> 16]!;
      if (at >= 0) lows[at]![key & 0xffff]!++;
    }
    options.onPlane?.(z);
  }
  const value = new Map<number, number>();
  const scratch = new DataView(new ArrayBuffer(4));
  for (const k of ranks) {
    const bucket = bucketOf(k);
    const low = buckets.get(bucket)!;
    let rest = k - cumulative[bucket]!;
    let l = 0;
    while (rest >= low[l]!) rest -= low[l++]!;
    scratch.setUint32(0, unsortKey(((bucket << 16) | l) >>> 0));
    value.set(k, scratch.getFloat32(0));
  }
  return percentilesFromOrderStatistics(n, ps, (k) => value.get(k)!, true);
}

/**
 * Order-preserving unsigned key of a float32's bits: negatives reversed below positives. −0 is
 * taken as +0 (they compare equal, and quickselect may return either).
 */
function sortKey(u: number): number {
  if (u === 0x80000000) u = 0;
  return (u & 0x80000000 ? ~u : u | 0x80000000) >>> 0;
}

function unsortKey(key: number): number {
  return (key & 0x80000000 ? key & 0x7fffffff : ~key) >>> 0;
}
