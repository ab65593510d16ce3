import { averagePrecision, type AveragePrecisionCurve } from './average-precision';
import { boundaryPixels, type Box } from './boundary-pixels';
import { resolveVoxelSize } from './check-images';
import { classScores, type ClassScores } from './class-scores';
import { foregroundScores, type ForegroundScores } from './foreground-scores';
import { hausdorffDistance } from './hausdorff-distance';
import { instanceScores, type InstanceScores } from './instance-scores';
import { labelComponents } from './label-components';
import { candidatePairs, matchInstances, type MatchingMethod } from './match-instances';
import { overlapTable, type ObjectSet } from './overlap-table';
import { splitMerge, type SplitMerge } from './split-merge';
import type { LabelImage } from './types';

/** Options of {@link evaluateSegmentation}. */
export interface EvaluateSegmentationOptions {
  /** Minimum IoU for a truth and a predicted object to match. @default 0.5 */
  iouThreshold?: number;
  /** Physical voxel size `[z, y, x]` (or `[y, x]` for 2D); distances are then physical. @default pixel units */
  voxelSize?: readonly number[];
  /** Object matching, see {@link matchInstances}. @default 'optimal' */
  matching?: MatchingMethod;
  /** 'instance': each id is one object; 'semantic': each id is a class. @default 'instance' */
  kind?: 'instance' | 'semantic';
  /** Compute boundary Hausdorff distances, whole mask and per matched object (the costliest part). @default true */
  hausdorff?: boolean;
  /** Include the per-object table. @default true */
  objects?: boolean;
  /** Containment fraction of the split/merge rule, see {@link splitMerge}. @default 0.5 */
  partFraction?: number;
  /**
   * Instance mode: treat an image whose foreground has a single value (a binary mask) as its
   * connected components (face connectivity), so each blob is one object. Object ids are then the
   * component numbers (raster order of first pixel). A mask with one blob keeps its id. @default true
   */
  binaryAsComponents?: boolean;
}

/** One row of the per-object table. Sizes are pixel (voxel) counts; centroids are `[z, y, x]` or `[y, x]` in pixels. */
export interface ObjectRow {
  /** TP: matched; FN: truth object without a match; FP: predicted object without a match. */
  status: 'TP' | 'FN' | 'FP';
  truthId: number | null;
  predId: number | null;
  /** IoU of the match (TP only). */
  iou: number | null;
  truthSize: number | null;
  predSize: number | null;
  truthCentroid: number[] | null;
  predCentroid: number[] | null;
  /** Boundary Hausdorff distance of the matched pair (TP only). */
  hausdorff: number | null;
  /** 95th percentile boundary distance of the matched pair (TP only). */
  hd95: number | null;
}

/** Distances between boundaries; null stands for infinity (one side empty). */
export interface HausdorffSummary {
  /** Between the foreground (label > 0) boundaries of the whole masks. */
  mask: { hausdorff: number | null; hd95: number | null };
  /** Mean over matched objects (instance mode, when computed); null when nothing matched. */
  matchedMean: { hausdorff: number; hd95: number } | null;
}

/** Result of {@link evaluateSegmentation}; plain JSON. */
export interface SegmentationResult {
  mode: 'segmentation';
  kind: 'instance' | 'semantic';
  shape: number[];
  /** The voxel size used for distances, null for pixel units. */
  voxelSize: number[] | null;
  distanceUnit: 'pixel' | 'physical';
  /** Physical volume of one voxel (multiply sizes by it), 1 in pixel units. */
  voxelVolume: number;
  iouThreshold: number;
  matching: MatchingMethod;
  /** Which inputs were binary masks and were split into connected components (object ids are then component numbers). */
  componentsLabelled: { truth: boolean; pred: boolean };
  truthObjects: number;
  predObjects: number;
  /** Foreground pixel IoU and Dice. */
  pixel: ForegroundScores;
  /** Per-class scores (semantic mode). */
  classes?: ClassScores;
  /** Detection scores at `iouThreshold` (instance mode). */
  instance?: InstanceScores;
  /** StarDist-style AP at IoU 0.5:0.05:0.95 (instance mode). */
  averagePrecision?: AveragePrecisionCurve;
  /** Over-/under-segmentation counts (instance mode). */
  splitMerge?: SplitMerge;
  /** Boundary distances; absent when disabled with `hausdorff: false`. */
  hausdorff?: HausdorffSummary;
  /** Per-object table (instance mode, unless disabled): truth objects in id order, then unmatched predictions. */
  objects?: ObjectRow[];
}

/**
 * Score a predicted label image against the ground truth: pixel IoU/Dice, object matching with
 * TP/FP/FN, precision, recall, F1, StarDist-style AP over IoU thresholds, panoptic quality, split and
 * merge counts, boundary Hausdorff distances (whole mask and per matched object) and a per-object table.
 * @param truth - Ground-truth labels (2D or 3D, 0 = background).
 * @param pred - Predicted labels of the same shape.
 * @param options - See {@link EvaluateSegmentationOptions}.
 * @returns Plain JSON-serializable scores.
 * @throws RangeError for mismatched shapes, negative labels or out-of-range options.
 */
export function evaluateSegmentation(
  truth: LabelImage,
  pred: LabelImage,
  options: EvaluateSegmentationOptions = {},
): SegmentationResult {
  const iouThreshold = options.iouThreshold ?? 0.5;
  const method = options.matching ?? 'optimal';
  const kind = options.kind ?? 'instance';
  if (kind !== 'instance' && kind !== 'semantic') {
    throw new RangeError(`kind must be 'instance' or 'semantic', got '${String(kind)}'`);
  }
  const spacingList = resolveVoxelSize(truth.shape, options.voxelSize);
  const split = kind === 'instance' && (options.binaryAsComponents ?? true);
  const truthParts = split ? components(truth) : undefined;
  const predParts = split ? components(pred) : undefined;
  const truthSplit = truthParts !== undefined;
  const predSplit = predParts !== undefined;
  const table = overlapTable(truthParts ?? truth, predParts ?? pred);
  const spacing: [number, number, number] =
    spacingList.length === 3 ? [spacingList[0]!, spacingList[1]!, spacingList[2]!] : [1, spacingList[0]!, spacingList[1]!];
  const computeDistances = options.hausdorff ?? true;
  const result: SegmentationResult = {
    mode: 'segmentation',
    kind,
    shape: [...truth.shape],
    voxelSize: options.voxelSize ? spacingList : null,
    distanceUnit: options.voxelSize ? 'physical' : 'pixel',
    voxelVolume: spacingList.reduce((a, b) => a * b, 1),
    iouThreshold,
    matching: method,
    componentsLabelled: { truth: truthSplit, pred: predSplit },
    truthObjects: table.truth.ids.length,
    predObjects: table.pred.ids.length,
    pixel: foregroundScores(table),
  };
  if (computeDistances) {
    const mask = hausdorffDistance(
      boundaryPixels(table.truth.data, table.zyx, unionBox(table.truth), -1),
      boundaryPixels(table.pred.data, table.zyx, unionBox(table.pred), -1),
      table.zyx,
      spacing,
    );
    result.hausdorff = { mask: { hausdorff: finite(mask.hausdorff), hd95: finite(mask.hd95) }, matchedMean: null };
  }
  if (kind === 'semantic') {
    result.classes = classScores(table);
    return result;
  }
  const candidates = candidatePairs(table);
  const matching = matchInstances(table, iouThreshold, method, candidates);
  result.instance = instanceScores(matching);
  result.averagePrecision = averagePrecision(table, method);
  result.splitMerge = splitMerge(table, options.partFraction ?? 0.5);

  const nt = table.truth.ids.length;
  const hd = new Float64Array(nt + 1);
  const hd95 = new Float64Array(nt + 1);
  if (result.hausdorff) {
    let sum = 0;
    let sum95 = 0;
    for (let t = 1; t <= nt; t++) {
      const p = matching.truthToPred[t]!;
      if (p === 0) continue;
      const r = hausdorffDistance(
        boundaryPixels(table.truth.data, table.zyx, boxOf(table.truth, t), table.truth.label(t)),
        boundaryPixels(table.pred.data, table.zyx, boxOf(table.pred, p), table.pred.label(p)),
        table.zyx,
        spacing,
      );
      hd[t] = r.hausdorff;
      hd95[t] = r.hd95;
      sum += r.hausdorff;
      sum95 += r.hd95;
    }
    if (matching.matches > 0) {
      result.hausdorff.matchedMean = { hausdorff: sum / matching.matches, hd95: sum95 / matching.matches };
    }
  }
  if (options.objects ?? true) {
    const computed = computeDistances;
    const rows: ObjectRow[] = [];
    for (let t = 1; t <= nt; t++) {
      const p = matching.truthToPred[t]!;
      rows.push({
        status: p === 0 ? 'FN' : 'TP',
        truthId: table.truth.ids[t - 1]!,
        predId: p === 0 ? null : table.pred.ids[p - 1]!,
        iou: p === 0 ? null : matching.truthIou[t]!,
        truthSize: table.truth.size[t]!,
        predSize: p === 0 ? null : table.pred.size[p]!,
        truthCentroid: centroidOf(table.truth, t, table.ndim),
        predCentroid: p === 0 ? null : centroidOf(table.pred, p, table.ndim),
        hausdorff: p === 0 || !computed ? null : hd[t]!,
        hd95: p === 0 || !computed ? null : hd95[t]!,
      });
    }
    for (let p = 1; p < matching.predToTruth.length; p++) {
      if (matching.predToTruth[p] !== 0) continue;
      rows.push({
        status: 'FP',
        truthId: null,
        predId: table.pred.ids[p - 1]!,
        iou: null,
        truthSize: null,
        predSize: table.pred.size[p]!,
        truthCentroid: null,
        predCentroid: centroidOf(table.pred, p, table.ndim),
        hausdorff: null,
        hd95: null,
      });
    }
    result.objects = rows;
  }
  return result;
}

/**
 * The connected components of a binary mask (one foreground value) when there are several;
 * undefined for label images and for a single blob, which keep their own ids.
 */
function components(image: LabelImage): LabelImage | undefined {
  const d = image.data;
  let value = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v === 0 || v === value) continue;
    if (value !== 0) return undefined;
    value = v;
  }
  if (value === 0) return undefined;
  const labelled = labelComponents(image);
  let many = false;
  for (let i = 0; i < labelled.data.length && !many; i++) many = labelled.data[i]! > 1;
  return many ? labelled : undefined;
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function boxOf(set: ObjectSet, k: number): Box {
  const b = set.bbox;
  return [b[6 * k]!, b[6 * k + 1]!, b[6 * k + 2]!, b[6 * k + 3]!, b[6 * k + 4]!, b[6 * k + 5]!];
}

/** Bounding box of all objects; an empty box (min > max) when there are none. */
function unionBox(set: ObjectSet): Box {
  const box = [Infinity, Infinity, Infinity, -1, -1, -1];
  for (let k = 1; k <= set.ids.length; k++) {
    for (let a = 0; a < 3; a++) {
      box[a] = Math.min(box[a]!, set.bbox[6 * k + a]!);
      box[a + 3] = Math.max(box[a + 3]!, set.bbox[6 * k + a + 3]!);
    }
  }
  if (set.ids.length === 0) return [0, 0, 0, -1, -1, -1];
  return box as unknown as Box;
}

function centroidOf(set: ObjectSet, k: number, ndim: number): number[] {
  const c = [set.centroid[3 * k]!, set.centroid[3 * k + 1]!, set.centroid[3 * k + 2]!];
  return ndim === 3 ? c : c.slice(1);
}
