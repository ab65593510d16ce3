// Web Worker of /try: decoding, both rungs and the judging run here, so the page never freezes.
// It keeps the decoded image and the pixel-classifier features between requests (one per stroke).
import { decodeImage, percentiles } from '@/lib/imaging';
import { asLabelImage, evaluateSegmentation, scoreOutlines } from '@/lib/metrics';
import {
  computeFeatures,
  foregroundProbability,
  objectSizes,
  objectsFromProbability,
  pixelSettings,
  predictForest,
  predictPixels,
  runClassical,
  toFloatImage,
  trainPixelClassifier,
  type FeatureStack,
  type FloatImage,
} from '@/lib/segment';
import type { Judgement, Segmentation, TryRequest, TryResponse } from './protocol';

let image: FloatImage | null = null;
let integer = false;
let features: { key: string; stack: FeatureStack } | null = null;

/** The filter bank of the current image at these scales, computed once and kept between strokes. */
function ensureFeatures(img: FloatImage, scales: number[], onProgress: (f: number, s: string) => void): FeatureStack {
  const key = JSON.stringify(scales);
  if (features?.key !== key) {
    features = null;
    features = { key, stack: computeFeatures(img, scales, onProgress) };
  }
  return features.stack;
}

function post(message: TryResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

self.onmessage = (event: MessageEvent<TryRequest>) => {
  const req = event.data;
  const progress = (fraction: number, step: string) => post({ type: 'progress', id: req.id, fraction, step });
  try {
    if (req.type === 'load') {
      const volume = decodeImage(new Uint8Array(req.buffer), { name: req.name });
      image = toFloatImage(volume);
      integer = volume.dtype !== 'float32';
      features = null;
      const [lo, hi] = percentiles(image.data, [0.5, 99.5]) as [number, number];
      const scale = hi > lo ? 255 / (hi - lo) : 0;
      const display = Uint8Array.from(image.data, (v) => Math.max(0, Math.min(255, Math.round((v - lo) * scale))));
      post({ type: 'loaded', id: req.id, image: { shape: [...image.shape], ndim: image.ndim, dtype: volume.dtype, display } }, [display.buffer]);
      return;
    }
    if (!image) throw new Error('load an image first');
    if (req.type === 'classical') {
      const t0 = performance.now();
      const r = runClassical(image, req.settings, progress, integer);
      const result: Segmentation = {
        rung: 'classical',
        labels: r.labels.data,
        count: r.labels.count,
        sizes: r.sizes,
        threshold: r.threshold,
        histogram: r.histogram,
        ms: performance.now() - t0,
      };
      post({ type: 'segmented', id: req.id, result }, [r.labels.data.buffer]);
      return;
    }
    if (req.type === 'features') {
      const t0 = performance.now();
      ensureFeatures(image, req.scales, (f, s) => progress(f, s));
      post({ type: 'features-ready', id: req.id, ms: performance.now() - t0 });
      return;
    }
    if (req.type === 'pixel') {
      const t0 = performance.now();
      const settings = pixelSettings(req.settings);
      const stack = ensureFeatures(image, settings.scales, (f, s) => progress(0.7 * f, s));
      const model = trainPixelClassifier(stack, req.scribbles, settings);
      progress(0.75, 'predicting');
      const [Z, Y, X] = image.shape;
      let probabilities: Float32Array;
      if (Z > 1 && req.slice !== undefined && req.slice >= 0 && req.slice < Z) {
        // The visible slice first, so the page can show it while the rest of the stack is predicted.
        const plane = Y * X;
        const n = stack.pixels;
        probabilities = new Float32Array(model.classValues.length * n);
        const from = req.slice * plane;
        predictForest(model.forest, stack.data, n, probabilities, from, from + plane);
        const c = model.classValues.indexOf(2);
        const preview = probabilities.slice(c * n + from, c * n + from + plane);
        post({ type: 'preview', id: req.id, slice: req.slice, probability: preview }, [preview.buffer]);
        predictForest(model.forest, stack.data, n, probabilities, 0, from);
        progress(0.85, 'predicting the stack');
        predictForest(model.forest, stack.data, n, probabilities, from + plane, n);
      } else {
        probabilities = predictPixels(model, stack, (f) => progress(0.75 + 0.2 * f, 'predicting'));
      }
      const probability = foregroundProbability(model, probabilities, stack.pixels);
      const labels = objectsFromProbability(probability, image, settings);
      const result: Segmentation = {
        rung: 'pixel',
        labels: labels.data,
        count: labels.count,
        sizes: objectSizes(labels),
        probability,
        ms: performance.now() - t0,
      };
      post({ type: 'segmented', id: req.id, result }, [labels.data.buffer, probability.buffer]);
      return;
    }
    if (req.type === 'judge') {
      const truth = decodeImage(new Uint8Array(req.truth), { name: req.name, rgb: 'labels' });
      if (truth.shape.join() !== image.shape.join()) {
        throw new Error(`the ground truth ${req.name} has shape [${truth.shape.join(', ')}] but the image has [${image.shape.join(', ')}]; use a label image of the same size`);
      }
      const shape = image.ndim === 2 ? [image.shape[1], image.shape[2]] : [...image.shape];
      const r = evaluateSegmentation(asLabelImage({ data: truth.data, shape }, 'ground truth'), { data: req.labels, shape }, { hausdorff: false, objects: false });
      const countError = r.predObjects - r.truthObjects;
      const judgement: Judgement = {
        source: 'labels',
        truthObjects: r.truthObjects,
        predObjects: r.predObjects,
        f1: r.instance?.f1 ?? null,
        precision: r.instance?.precision ?? null,
        recall: r.instance?.recall ?? null,
        meanIoU: r.instance?.segmentationQuality ?? null,
        countError,
        countErrorFraction: r.truthObjects > 0 ? countError / r.truthObjects : null,
        splits: r.splitMerge?.splits ?? null,
        merges: r.splitMerge?.merges ?? null,
      };
      post({ type: 'judged', id: req.id, judgement });
      return;
    }
    if (req.type === 'judge-outlines') {
      const shape = image.ndim === 2 ? [image.shape[1], image.shape[2]] : [...image.shape];
      const r = scoreOutlines(req.labels, shape, req.outlines);
      const judgement: Judgement = {
        source: 'outlines',
        truthObjects: r.outlines,
        predObjects: r.judgedPredicted,
        f1: r.f1,
        precision: r.precision,
        recall: r.recall,
        meanIoU: r.meanIoU,
        countError: null,
        countErrorFraction: null,
        splits: r.splits,
        merges: r.merges,
        rows: r.rows.map((row) => ({ outline: row.outline, slice: row.slice, hit: row.status === 'hit', iou: row.bestIoU })),
      };
      post({ type: 'judged', id: req.id, judgement });
    }
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', id: req.id, message: err.message.split('\n')[0] ?? 'the worker failed' });
  }
};
