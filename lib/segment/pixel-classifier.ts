// Rung 2 of the book's ladder (§9.2.2): an ilastik-style pixel classifier. Scribbles label a few
// pixels per class; a random forest over the filter bank predicts every pixel; the object
// probability is thresholded and split with rung 1's watershed.
import { computeFeatures, DEFAULT_SCALES, type FeatureStack } from './features';
import { predictForest, trainForest, type Forest } from './random-forest';
import { objectSizes, splitObjects } from './watershed';
import { mulberry32 } from '../util';
import type { FloatImage, Labels, OnProgress } from './types';

/** Scribble values: 0 unlabelled, 1 background, 2 objects (foreground), 3 and up further classes. */
export const SCRIBBLE = { none: 0, background: 1, foreground: 2 } as const;

/** Every setting of a rung-2 run (saved as JSON with the export). */
export interface PixelSettings {
  /** Filter-bank scales in pixels. @default [0.7, 1.6, 3.5, 5, 10] */
  scales: number[];
  /** @default 32 */
  trees: number;
  /** @default 12 */
  maxDepth: number;
  /** Scribbled pixels used per class at most (a random subset beyond that). @default 4000 */
  maxSamplesPerClass: number;
  /** An object pixel has P(objects) above this. @default 0.5 */
  probabilityThreshold: number;
  /** Rung 1's splitter on the object mask. @default true */
  watershed: boolean;
  /** @default 5 */
  seedSpacing: number;
  /** @default 10 */
  minSize: number;
  /** @default 1 */
  seed: number;
}

export const DEFAULT_PIXEL: PixelSettings = {
  scales: [...DEFAULT_SCALES],
  trees: 32,
  maxDepth: 12,
  maxSamplesPerClass: 4000,
  probabilityThreshold: 0.5,
  watershed: true,
  seedSpacing: 5,
  minSize: 10,
  seed: 1,
};

/** Check and complete rung-2 settings. @throws RangeError naming the first invalid one */
export function pixelSettings(partial: Partial<PixelSettings> = {}): PixelSettings {
  const s = { ...DEFAULT_PIXEL, ...partial };
  if (!Array.isArray(s.scales) || s.scales.length === 0 || s.scales.some((v) => !(v > 0 && v <= 50))) {
    throw new RangeError('scales must be a non-empty list of σ values in (0, 50] pixels');
  }
  if (!(Number.isInteger(s.trees) && s.trees >= 1 && s.trees <= 500)) throw new RangeError(`trees must be an integer in 1…500, got ${s.trees}`);
  if (!(Number.isInteger(s.maxDepth) && s.maxDepth >= 1 && s.maxDepth <= 30)) throw new RangeError(`maxDepth must be an integer in 1…30, got ${s.maxDepth}`);
  if (!(s.probabilityThreshold > 0 && s.probabilityThreshold < 1)) {
    throw new RangeError(`probabilityThreshold must be in (0, 1), got ${s.probabilityThreshold}`);
  }
  return s;
}

/** A trained classifier: the forest and the scribble value of each of its classes. */
export interface PixelModel {
  forest: Forest;
  /** Scribble values in class order, e.g. `[1, 2]` or `[1, 2, 3]`. */
  classValues: number[];
}

/**
 * Train on the scribbled pixels.
 * @param scribbles - same length as the image: 0 unlabelled, 1 background, 2 objects, 3+ other classes
 * @throws RangeError when the scribbles lack background (1) or object (2) pixels
 */
export function trainPixelClassifier(features: FeatureStack, scribbles: ArrayLike<number>, partial: Partial<PixelSettings> = {}): PixelModel {
  const settings = pixelSettings(partial);
  if (scribbles.length !== features.pixels) {
    throw new RangeError(`the scribbles have ${scribbles.length} pixels but the image has ${features.pixels}; they must have the same shape`);
  }
  const byValue = new Map<number, number[]>();
  for (let i = 0; i < scribbles.length; i++) {
    const v = scribbles[i]!;
    if (v === 0) continue;
    if (!(Number.isInteger(v) && v > 0 && v < 256)) throw new RangeError(`scribble values must be integers 0…255, found ${v}`);
    let list = byValue.get(v);
    if (!list) byValue.set(v, (list = []));
    list.push(i);
  }
  if (!byValue.has(SCRIBBLE.background) || !byValue.has(SCRIBBLE.foreground)) {
    throw new RangeError('the scribbles must mark some background (value 1) and some objects (value 2)');
  }
  const classValues = [...byValue.keys()].sort((a, b) => a - b);
  const rng = mulberry32(settings.seed);
  const rows: number[] = [];
  const y: number[] = [];
  classValues.forEach((v, c) => {
    const list = byValue.get(v)!;
    // A random subset keeps training time flat however much is painted.
    for (let k = list.length - 1; k > 0 && list.length > settings.maxSamplesPerClass; k--) {
      const j = Math.floor(rng() * (k + 1));
      [list[k], list[j]] = [list[j]!, list[k]!];
    }
    for (const i of list.slice(0, settings.maxSamplesPerClass)) {
      rows.push(i);
      y.push(c);
    }
  });
  const forest = trainForest(features.data, features.count, Int32Array.from(rows), Uint8Array.from(y), classValues.length, {
    trees: settings.trees,
    maxDepth: settings.maxDepth,
    seed: settings.seed,
  });
  return { forest, classValues };
}

/** Class probabilities of every pixel, class-major (`out[c * pixels + p]`). */
export function predictPixels(model: PixelModel, features: FeatureStack, onProgress?: OnProgress): Float32Array {
  const n = features.pixels;
  const out = new Float32Array(model.classValues.length * n);
  const chunk = 1 << 16;
  for (let from = 0; from < n; from += chunk) {
    predictForest(model.forest, features.data, n, out, from, Math.min(n, from + chunk));
    onProgress?.(Math.min(1, (from + chunk) / n), 'predicting');
  }
  return out;
}

/** The object-class probability map (P of scribble value 2) from class-major probabilities. */
export function foregroundProbability(model: PixelModel, probabilities: Float32Array, pixels: number): Float32Array {
  const c = model.classValues.indexOf(SCRIBBLE.foreground);
  return probabilities.slice(c * pixels, (c + 1) * pixels);
}

/** Threshold the object probability and split the mask into objects with rung 1's splitter. */
export function objectsFromProbability(probability: Float32Array, image: FloatImage, settings: PixelSettings): Labels {
  const mask = new Uint8Array(probability.length);
  for (let i = 0; i < mask.length; i++) mask[i] = probability[i]! > settings.probabilityThreshold ? 1 : 0;
  return splitObjects(mask, image.shape, image.ndim, settings);
}

/** What a full rung-2 run returns. */
export interface PixelResult {
  labels: Labels;
  /** P(objects) per pixel. */
  probability: Float32Array;
  sizes: Int32Array;
  classValues: number[];
  settings: PixelSettings;
}

/**
 * Features, training, prediction and object splitting in one call (the CLI and tests use it; the page
 * keeps the features between strokes and calls the steps itself).
 */
export function runPixelClassifier(
  image: FloatImage,
  scribbles: ArrayLike<number>,
  partial: Partial<PixelSettings> = {},
  onProgress?: OnProgress,
): PixelResult {
  const settings = pixelSettings(partial);
  const features = computeFeatures(image, settings.scales, (f, s) => onProgress?.(0.6 * f, s));
  const model = trainPixelClassifier(features, scribbles, settings);
  onProgress?.(0.65, 'trained');
  const probabilities = predictPixels(model, features, (f, s) => onProgress?.(0.65 + 0.3 * f, s));
  const probability = foregroundProbability(model, probabilities, features.pixels);
  const labels = objectsFromProbability(probability, image, settings);
  onProgress?.(1, 'done');
  return { labels, probability, sizes: objectSizes(labels), classValues: model.classValues, settings };
}
