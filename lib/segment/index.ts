// lib/segment: the book's first two rungs (§9.2.2) — classical processing and a pixel classifier.
// Pure: no DOM, no node:*; the same code runs in a Web Worker and in the CLI.
export { toFloatImage, type FloatImage, type Labels, type OnProgress, type Shape3 } from './types';
export { gaussianFilter, gaussianKernel } from './gaussian';
export { boxFilter, rollingBall, whiteTopHat } from './morphology';
export {
  computeThreshold,
  histogram,
  thresholdLi,
  thresholdMean,
  thresholdOtsu,
  thresholdTriangle,
  thresholdYen,
  THRESHOLD_METHODS,
  type Histogram,
  type ThresholdMethod,
} from './threshold';
export { findSeeds, objectSizes, relabel, seededWatershed, splitObjects, type SplitOptions } from './watershed';
export {
  classicalSettings,
  DEFAULT_CLASSICAL,
  preprocess,
  runClassical,
  type ClassicalResult,
  type ClassicalSettings,
} from './classical';
export { computeFeatures, DEFAULT_SCALES, eigenvalues, featureNames, type FeatureStack } from './features';
export { predictForest, trainForest, type Forest, type ForestOptions, type Tree } from './random-forest';
export {
  DEFAULT_PIXEL,
  foregroundProbability,
  objectsFromProbability,
  pixelSettings,
  predictPixels,
  runPixelClassifier,
  SCRIBBLE,
  trainPixelClassifier,
  type PixelModel,
  type PixelResult,
  type PixelSettings,
} from './pixel-classifier';
export { brightNucleiSample, texturedCellsSample, type Sample } from './samples';
export { encodeLabelTiff, encodeProbabilityTiff, settingsJson, type RunSettings } from './export';
export { decodeEvidence, encodeEvidence, EVIDENCE_PARAM, methodLabel, nextStep, triedAnswers, type TryEvidence } from './evidence';
