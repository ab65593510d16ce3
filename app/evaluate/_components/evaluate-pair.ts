// The computation behind the evaluate page, kept free of DOM and worker APIs so it can be unit
// tested against `navigator evaluate`: it follows the same steps as lib/cli/evaluate-command.ts.
import { assertFiniteVolume, decodeImage, type Volume } from '@/lib/imaging';
import {
  asLabelImage,
  detectEvaluationMode,
  evaluateRestoration,
  evaluateSegmentation,
  labelComponents,
  type MatchingMethod,
  type MetricImage,
  type RestorationResult,
  type SegmentationResult,
} from '@/lib/metrics';
import { InputError } from '@/lib/util/errors';

import { overlayClasses } from './overlay-classes';

/** Settings chosen on the page. */
export interface EvaluatePairOptions {
  /** 'auto' applies the CLI's rule (see `detectEvaluationMode`). @default 'auto' */
  mode?: 'auto' | 'segmentation' | 'restoration';
  /** @default 0.5 */
  iouThreshold?: number;
  /** `[z, y, x]` (or `[y, x]`) voxel size for physical Hausdorff distances. */
  voxelSize?: number[];
  /** @default 'optimal' */
  matching?: MatchingMethod;
  /** A binary mask becomes one object per connected blob (as the CLI without --no-components). @default true */
  components?: boolean;
  /** Boundary Hausdorff distances (the slowest part for large 3D stacks). @default true */
  hausdorff?: boolean;
}

/** A result as the CLI prints it (file names, the mode reason, the metrics). */
export type EvaluationReport = { truth: string; pred: string; modeReason: string } & (SegmentationResult | RestorationResult);

/** The report plus, for label images, one overlay class per voxel (see {@link overlayClasses}). */
export interface EvaluatePairResult {
  report: EvaluationReport;
  overlay: { classes: Uint8Array; shape: [number, number, number] } | null;
}

/** Called before each slow step, so the page can say what it is doing. */
export type EvaluateStage = 'decoding' | 'computing' | 'overlay';

/**
 * Decode two image files and score the prediction against the truth.
 * @param truth - Ground-truth file bytes and name.
 * @param pred - Prediction file bytes and name.
 * @param options - See {@link EvaluatePairOptions}.
 * @param onStage - Progress callback.
 * @returns The report and the overlay classes.
 * @throws InputError for undecodable files and mismatched shapes; RangeError for bad options.
 */
export function evaluatePair(
  truth: { bytes: Uint8Array; name: string },
  pred: { bytes: Uint8Array; name: string },
  options: EvaluatePairOptions = {},
  onStage: (stage: EvaluateStage) => void = () => {},
): EvaluatePairResult {
  onStage('decoding');
  // Refusals name evaluation (not the restoration runner); NaN voxels would make every metric null.
  const truthVolume = decodeImage(truth.bytes, { name: `truth ${truth.name}`, rgb: 'labels', purpose: 'evaluate' });
  const predVolume = decodeImage(pred.bytes, { name: `prediction ${pred.name}`, rgb: 'labels', purpose: 'evaluate' });
  assertFiniteVolume(truthVolume, `truth ${truth.name}`, 'every metric would be undefined');
  assertFiniteVolume(predVolume, `prediction ${pred.name}`, 'every metric would be undefined');
  const t = toMetricImage(truthVolume);
  const p = toMetricImage(predVolume);
  if (t.shape.join() !== p.shape.join()) {
    throw new InputError(
      `truth ${truth.name} has shape [${t.shape.join(', ')}] but prediction ${pred.name} has shape ` +
        `[${p.shape.join(', ')}]; both must have the same shape (z, y, x)`,
    );
  }
  const mode = options.mode ?? 'auto';
  const detected = mode === 'auto' ? detectEvaluationMode(t, p) : { mode, reason: 'chosen on the page' };
  const files = { truth: truth.name, pred: pred.name, modeReason: detected.reason };
  onStage('computing');
  if (detected.mode === 'restoration') {
    return { report: { ...files, ...evaluateRestoration(t, p) }, overlay: null };
  }
  const truthLabels = asLabelImage(t, 'truth');
  const predLabels = asLabelImage(p, 'prediction');
  const result = evaluateSegmentation(truthLabels, predLabels, {
    iouThreshold: options.iouThreshold,
    matching: options.matching,
    voxelSize: options.voxelSize,
    binaryAsComponents: options.components,
    hausdorff: options.hausdorff,
  });
  onStage('overlay');
  // Object ids of a mask split into blobs are component numbers, so the overlay needs the same labelling.
  const truthIds = result.componentsLabelled.truth ? labelComponents(truthLabels).data : truthLabels.data;
  const predIds = result.componentsLabelled.pred ? labelComponents(predLabels).data : predLabels.data;
  const classes = overlayClasses(truthIds, predIds, result.objects ?? []);
  return { report: { ...files, ...result }, overlay: { classes, shape: [...truthVolume.shape] } };
}

/** A Volume's `[z, y, x]` becomes `[y, x]` for 2D images, as lib/metrics expects (same as the CLI). */
function toMetricImage(volume: Volume): MetricImage {
  const shape = volume.ndim === 2 ? volume.shape.slice(1) : [...volume.shape];
  return { data: volume.data, shape };
}
