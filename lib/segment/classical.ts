// Rung 1 of the book's ladder (§9.2.2): smooth, remove the background, threshold, split into objects.
import { gaussianFilter } from './gaussian';
import { rollingBall, whiteTopHat } from './morphology';
import { computeThreshold, THRESHOLD_METHODS, type Histogram, type ThresholdMethod } from './threshold';
import { objectSizes, splitObjects } from './watershed';
import type { FloatImage, Labels, OnProgress } from './types';

/** Every setting of a rung-1 run; saved as JSON so a run can be repeated (CLI `--settings`). */
export interface ClassicalSettings {
  /** Gaussian σ in pixels before thresholding; 0 = none. @default 1 */
  sigma: number;
  /** Background removal before thresholding. @default 'none' */
  background: 'none' | 'rolling-ball' | 'top-hat';
  /** Radius in pixels of the ball or box. @default 25 */
  backgroundRadius: number;
  /** @default 'otsu' */
  method: ThresholdMethod;
  /** Objects are brighter than the background (false: dark objects, e.g. brightfield). @default true */
  brightObjects: boolean;
  /** Split touching objects with a distance-transform watershed. @default true */
  watershed: boolean;
  /** Minimum distance between two seeds, pixels. @default 5 */
  seedSpacing: number;
  /** Objects below this many pixels (voxels) are removed. @default 10 */
  minSize: number;
}

export const DEFAULT_CLASSICAL: ClassicalSettings = {
  sigma: 1,
  background: 'none',
  backgroundRadius: 25,
  method: 'otsu',
  brightObjects: true,
  watershed: true,
  seedSpacing: 5,
  minSize: 10,
};

/** What a rung-1 run returns. */
export interface ClassicalResult {
  labels: Labels;
  /** The threshold, in the units of the filtered image. */
  threshold: number;
  /** The histogram of the filtered image the threshold was chosen on. */
  histogram: Histogram;
  /** Object sizes in pixels (voxels), index = label − 1. */
  sizes: Int32Array;
  settings: ClassicalSettings;
}

/**
 * Check and complete rung-1 settings (from a form, a URL or a JSON file).
 * @throws RangeError naming the first invalid setting
 */
export function classicalSettings(partial: Partial<ClassicalSettings> = {}): ClassicalSettings {
  const s = { ...DEFAULT_CLASSICAL, ...partial };
  if (!THRESHOLD_METHODS.includes(s.method)) {
    throw new RangeError(`unknown threshold method "${s.method}"; use one of ${THRESHOLD_METHODS.join(', ')}`);
  }
  if (!['none', 'rolling-ball', 'top-hat'].includes(s.background)) {
    throw new RangeError(`unknown background removal "${s.background}"; use none, rolling-ball or top-hat`);
  }
  for (const key of ['sigma', 'backgroundRadius', 'seedSpacing', 'minSize'] as const) {
    if (!(Number.isFinite(s[key]) && s[key] >= 0)) throw new RangeError(`${key} must be a number ≥ 0, got ${s[key]}`);
  }
  return s;
}

/**
 * Preprocess (smoothing, background removal) as rung 1 does; exported so the page can show the image
 * the threshold sees.
 */
export function preprocess(image: FloatImage, settings: ClassicalSettings): FloatImage {
  let img = image;
  if (!settings.brightObjects) img = { ...img, data: img.data.map((v) => -v) };
  if (settings.sigma > 0) img = gaussianFilter(img, settings.sigma);
  if (settings.background === 'top-hat') img = whiteTopHat(img, Math.max(1, Math.round(settings.backgroundRadius))).result;
  if (settings.background === 'rolling-ball') img = rollingBall(img, Math.max(1, settings.backgroundRadius)).result;
  return img;
}

/**
 * Run rung 1 on a 2D image or 3D stack.
 * @param integer - the input holds integers (uint8/uint16) and no filter made it float; thresholds
 *   then use one histogram bin per value, as scikit-image does
 */
export function runClassical(
  image: FloatImage,
  partial: Partial<ClassicalSettings> = {},
  onProgress?: OnProgress,
  integer = false,
): ClassicalResult {
  const settings = classicalSettings(partial);
  onProgress?.(0, 'filtering');
  const filtered = preprocess(image, settings);
  onProgress?.(0.4, 'thresholding');
  const keepsIntegers = integer && settings.sigma === 0 && settings.background !== 'rolling-ball';
  const { value, histogram } = computeThreshold(filtered.data, settings.method, keepsIntegers);
  const mask = new Uint8Array(filtered.data.length);
  for (let i = 0; i < mask.length; i++) mask[i] = filtered.data[i]! > value ? 1 : 0;
  onProgress?.(0.5, 'splitting objects');
  const labels = splitObjects(mask, image.shape, image.ndim, settings);
  onProgress?.(1, 'done');
  const threshold = settings.brightObjects ? value : -value;
  return { labels, threshold, histogram, sizes: objectSizes(labels), settings };
}
