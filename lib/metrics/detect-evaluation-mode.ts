import type { LabelImage, MetricImage } from './types';

/** Which family of metrics fits an image pair, and why. */
export interface DetectedMode {
  mode: 'segmentation' | 'restoration';
  /** One line a person can check, e.g. "truth holds 12 distinct non-negative integers …". */
  reason: string;
}

/** At most this many distinct truth values (or 2% of the pixels, whichever is larger) for labels. */
const MIN_LABEL_BUDGET = 16;
/**
 * Share of horizontally adjacent truth pairs touching the foreground that must be equal: label images
 * are piecewise constant, so only pairs across an object edge differ (2 of 11 pairs on a row crossing
 * a 10-pixel object), while noise makes almost every pair of an intensity image differ.
 */
const MIN_EQUAL_NEIGHBOURS = 0.75;

/**
 * Guess whether two images are label images (segmentation) or intensities (restoration).
 *
 * The rule: both images hold only non-negative integers (whatever their dtype), **and** the truth
 * has few distinct values — at most max(16, 2% of its pixels) — **and** is piecewise constant: of the
 * horizontally adjacent pixel pairs with at least one nonzero pixel, at least 75% are equal (an
 * all-zero truth counts as labels). Anything else is restoration. The last condition keeps 8- and
 * 16-bit intensity images, which are integers too, out of segmentation: noise makes their
 * neighbours differ, and pairs in a zero background are not counted. Objects narrower than about 8
 * pixels have too many edge pairs to pass, so callers should let users override the guess.
 * @param truth - Ground-truth image.
 * @param pred - Predicted image.
 * @returns The mode and the reason.
 */
export function detectEvaluationMode(truth: MetricImage, pred: MetricImage): DetectedMode {
  for (const [name, img] of [['truth', truth], ['prediction', pred]] as const) {
    const bad = firstNonLabelValue(img);
    if (bad !== undefined) {
      return { mode: 'restoration', reason: `${name} holds ${bad}, not a non-negative integer label` };
    }
  }
  const n = truth.data.length;
  const distinct = new Set<number>();
  const budget = Math.max(MIN_LABEL_BUDGET, Math.floor(0.02 * n));
  for (let i = 0; i < n && distinct.size <= budget; i++) distinct.add(truth.data[i]!);
  if (distinct.size > budget) {
    return { mode: 'restoration', reason: `truth has more than ${budget} distinct values, too many for labels` };
  }
  const width = truth.shape[truth.shape.length - 1]!;
  let pairs = 0;
  let equal = 0;
  for (let i = 0; i < n; i++) {
    if ((i + 1) % width === 0) continue;
    const a = truth.data[i]!;
    const b = truth.data[i + 1]!;
    if (a === 0 && b === 0) continue;
    pairs++;
    if (a === b) equal++;
  }
  const share = pairs === 0 ? 1 : equal / pairs;
  const summary = `truth holds ${distinct.size} distinct non-negative integers and ${Math.round(share * 100)}% of neighbouring foreground pixels are equal`;
  return share >= MIN_EQUAL_NEIGHBOURS
    ? { mode: 'segmentation', reason: `${summary}: label images` }
    : { mode: 'restoration', reason: `${summary}: too few equal neighbours for labels` };
}

/**
 * View an integer-valued image as a label image, converting float data (e.g. 32-bit TIFF labels) to
 * Int32Array.
 * @param image - Image whose values are non-negative integers.
 * @param name - What to call it in errors.
 * @returns A label image (sharing data when it is already an integer array).
 * @throws RangeError when a value is negative, fractional or above 2³¹ − 1.
 */
export function asLabelImage(image: MetricImage, name = 'image'): LabelImage {
  const bad = firstNonLabelValue(image);
  if (bad !== undefined) {
    throw new RangeError(`${name} must hold non-negative integer labels for segmentation metrics, found ${bad}`);
  }
  const d = image.data;
  // Values were checked to fit Int32, so the copy is exact.
  if (d instanceof Float32Array || d instanceof Float64Array || d instanceof Uint8ClampedArray || d instanceof Uint32Array) {
    return { data: Int32Array.from(d), shape: image.shape };
  }
  return { data: d, shape: image.shape };
}

function firstNonLabelValue(image: MetricImage): number | undefined {
  const d = image.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (!(v >= 0 && v <= 2147483647 && Math.floor(v) === v)) return v;
  }
  return undefined;
}
