// Automatic global thresholds, computed as scikit-image computes them (skimage.filters.threshold_*),
// so the number the page shows is the number a Python user would get.

/** The threshold methods of rung 1. */
export const THRESHOLD_METHODS = ['otsu', 'li', 'triangle', 'yen', 'mean'] as const;
export type ThresholdMethod = (typeof THRESHOLD_METHODS)[number];

/** A histogram as scikit-image builds it: counts and bin centres. */
export interface Histogram {
  counts: Float64Array;
  centers: Float64Array;
}

/**
 * The image histogram, as `skimage.exposure.histogram(img, nbins, source_range='image')`: integer
 * images get one bin per integer value between the minimum and maximum (when that is ≤ 2^16 bins),
 * float images `nbins` equal bins over [min, max] (NumPy's rule, the last bin closed).
 * @param integer - true when the values are integers (uint8/uint16 input)
 */
export function histogram(data: ArrayLike<number>, integer: boolean, nbins = 256): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (data.length === 0 || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new RangeError('the image has no finite values to threshold');
  }
  if (integer && hi - lo + 1 <= 65536) {
    const n = hi - lo + 1;
    const counts = new Float64Array(n);
    for (let i = 0; i < data.length; i++) counts[data[i]! - lo]!++;
    return { counts, centers: Float64Array.from({ length: n }, (_, i) => lo + i) };
  }
  if (lo === hi) {
    // NumPy widens an empty range to [v − 0.5, v + 0.5].
    lo -= 0.5;
    hi += 0.5;
  }
  const counts = new Float64Array(nbins);
  const scale = nbins / (hi - lo);
  for (let i = 0; i < data.length; i++) {
    let b = Math.floor((data[i]! - lo) * scale);
    if (b >= nbins) b = nbins - 1;
    counts[b]!++;
  }
  const width = (hi - lo) / nbins;
  const centers = Float64Array.from({ length: nbins }, (_, i) => lo + (i + 0.5) * width);
  return { counts, centers };
}

/** Otsu: the bin centre that maximises the between-class variance (`threshold_otsu`). */
export function thresholdOtsu({ counts, centers }: Histogram): number {
  const n = counts.length;
  if (n === 1) return centers[0]!;
  const w1 = new Float64Array(n);
  const m1 = new Float64Array(n);
  let w = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    w += counts[i]!;
    s += counts[i]! * centers[i]!;
    w1[i] = w;
    m1[i] = s / w;
  }
  let best = -1;
  let arg = 0;
  let w2 = 0;
  let s2 = 0;
  // Walk down from the top: class 2 holds bins i+1…n−1.
  const w2s = new Float64Array(n);
  const m2s = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    w2 += counts[i]!;
    s2 += counts[i]! * centers[i]!;
    w2s[i] = w2;
    m2s[i] = s2 / w2;
  }
  for (let i = 0; i < n - 1; i++) {
    const d = m1[i]! - m2s[i + 1]!;
    const v = w1[i]! * w2s[i + 1]! * d * d;
    if (v > best) {
      best = v;
      arg = i;
    }
  }
  return centers[arg]!;
}

/** Triangle (Zack et al. 1977): the level farthest from the line from the peak to the far tail (`threshold_triangle`). */
export function thresholdTriangle({ counts, centers }: Histogram): number {
  const nbins = counts.length;
  let peak = 0;
  for (let i = 1; i < nbins; i++) if (counts[i]! > counts[peak]!) peak = i;
  let low = 0;
  while (low < nbins && counts[low] === 0) low++;
  let high = nbins - 1;
  while (high > 0 && counts[high] === 0) high--;
  if (low === high) return centers[low]!;
  const flip = peak - low < high - peak;
  const hist = flip ? Float64Array.from(counts).reverse() : counts;
  if (flip) {
    low = nbins - high - 1;
    peak = nbins - peak - 1;
  }
  let height = hist[peak]!;
  let width = peak - low;
  const norm = Math.sqrt(height * height + width * width);
  height /= norm;
  width /= norm;
  let best = -Infinity;
  let arg = 0;
  for (let x = 0; x < peak - low; x++) {
    const len = height * x - width * hist[x + low]!;
    if (len > best) {
      best = len;
      arg = x;
    }
  }
  let level = arg + low;
  if (flip) level = nbins - level - 1;
  return centers[level]!;
}

/** Yen (1995): maximum correlation between the two classes (`threshold_yen`). */
export function thresholdYen({ counts, centers }: Histogram): number {
  const n = counts.length;
  if (n === 1) return centers[0]!;
  let total = 0;
  for (const c of counts) total += c;
  // scikit-image builds the probability mass in float32; round the same way so ties break alike.
  const pmf = Float32Array.from(counts, (c) => c / total);
  const p1 = new Float64Array(n);
  const p1sq = new Float64Array(n);
  const p2sq = new Float64Array(n);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    a = Math.fround(a + pmf[i]!);
    b = Math.fround(b + Math.fround(pmf[i]! * pmf[i]!));
    p1[i] = a;
    p1sq[i] = b;
  }
  let c = 0;
  for (let i = n - 1; i >= 0; i--) {
    c = Math.fround(c + Math.fround(pmf[i]! * pmf[i]!));
    p2sq[i] = c;
  }
  let best = -Infinity;
  let arg = 0;
  for (let i = 0; i < n - 1; i++) {
    const crit = Math.log((1 / (p1sq[i]! * p2sq[i + 1]!)) * (p1[i]! * (1 - p1[i]!)) ** 2);
    if (crit > best) {
      best = crit;
      arg = i;
    }
  }
  return centers[arg]!;
}

/**
 * Li's minimum cross-entropy threshold, iterated on the pixels themselves (`threshold_li`): start at
 * the mean, stop when a step moves less than the tolerance (0.5 for integer images, half the smallest
 * gap between distinct values for float ones).
 */
export function thresholdLi(data: ArrayLike<number>, integer: boolean): number {
  let lo = Infinity;
  let hi = -Infinity;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    sum += v;
  }
  if (lo === hi) return lo;
  const tolerance = integer ? 0.5 : smallestGap(data) / 2;
  let next = sum / data.length - lo;
  let curr = -2 * tolerance;
  for (let iter = 0; iter < 1000 && Math.abs(next - curr) > tolerance; iter++) {
    curr = next;
    let sf = 0;
    let nf = 0;
    let sb = 0;
    let nb = 0;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]! - lo;
      if (v > curr) {
        sf += v;
        nf++;
      } else {
        sb += v;
        nb++;
      }
    }
    const mf = sf / nf;
    const mb = sb / nb;
    if (mb === 0) break;
    next = (mb - mf) / (Math.log(mb) - Math.log(mf));
  }
  return next + lo;
}

function smallestGap(data: ArrayLike<number>): number {
  const sorted = Float64Array.from(data).sort();
  let gap = Infinity;
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i]! - sorted[i - 1]!;
    if (d > 0 && d < gap) gap = d;
  }
  return gap;
}

/** The mean intensity (`threshold_mean`). */
export function thresholdMean(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]!;
  return s / data.length;
}

/**
 * The threshold of `method` for the image, with the histogram it was read from.
 * @param integer - true for integer-valued input (as scikit-image treats uint8/uint16 images)
 */
export function computeThreshold(
  data: ArrayLike<number>,
  method: ThresholdMethod,
  integer = false,
): { value: number; histogram: Histogram } {
  const hist = histogram(data, integer);
  switch (method) {
    case 'otsu':
      return { value: thresholdOtsu(hist), histogram: hist };
    case 'triangle':
      return { value: thresholdTriangle(hist), histogram: hist };
    case 'yen':
      return { value: thresholdYen(hist), histogram: hist };
    case 'li':
      return { value: thresholdLi(data, integer), histogram: hist };
    case 'mean':
      return { value: thresholdMean(data), histogram: hist };
    default:
      throw new RangeError(`unknown threshold method "${String(method)}"; use one of ${THRESHOLD_METHODS.join(', ')}`);
  }
}
