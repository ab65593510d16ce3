export type { NumericArray, LabelArray, MetricImage, LabelImage } from './types';
export { checkImage, checkSameShape, resolveVoxelSize } from './check-images';
export { dataRange } from './data-range';
export { meanSquaredError } from './mean-squared-error';
export { normalizedRootMse, type NrmseNormalization } from './normalized-root-mse';
export { peakSignalNoiseRatio } from './peak-signal-noise-ratio';
export { structuralSimilarity, SSIM_WINDOW, type StructuralSimilarityOptions } from './structural-similarity';
export { evaluateRestoration, type EvaluateRestorationOptions, type RestorationResult } from './evaluate-restoration';
export { overlapTable, type OverlapTable, type ObjectSet } from './overlap-table';
export { foregroundScores, type ForegroundScores } from './foreground-scores';
export { classScores, type ClassScores } from './class-scores';
export { linearSumAssignment } from './linear-sum-assignment';
export {
  candidatePairs,
  matchInstances,
  type CandidatePairs,
  type InstanceMatching,
  type MatchingMethod,
} from './match-instances';
export { instanceScores, type InstanceScores } from './instance-scores';
export { averagePrecision, AP_THRESHOLDS, type AveragePrecisionCurve } from './average-precision';
export { splitMerge, type SplitMerge } from './split-merge';
export { boundaryPixels, type Box } from './boundary-pixels';
export { squaredDistanceTransform } from './distance-transform';
export { hausdorffDistance, percentile, type HausdorffResult } from './hausdorff-distance';
export {
  evaluateSegmentation,
  type EvaluateSegmentationOptions,
  type HausdorffSummary,
  type ObjectRow,
  type SegmentationResult,
} from './evaluate-segmentation';
export { detectEvaluationMode, asLabelImage, type DetectedMode } from './detect-evaluation-mode';
export { labelComponents } from './label-components';
export {
  polygonPixels,
  rasterisePolygon,
  scoreOutlines,
  type Outline,
  type OutlinePoint,
  type OutlineRow,
  type PartialTruthOptions,
  type PartialTruthScores,
} from './partial-truth';
