import type { InstanceMatching } from './match-instances';
import { ratio } from './ratio';

/** Object-level detection scores at one IoU threshold. Ratios are null when their denominator is 0. */
export interface InstanceScores {
  threshold: number;
  /** Matched pairs. */
  tp: number;
  /** Predicted objects without a match. */
  fp: number;
  /** Truth objects without a match. */
  fn: number;
  /** TP / (TP + FP). */
  precision: number | null;
  /** TP / (TP + FN). */
  recall: number | null;
  /** 2·TP / (2·TP + FP + FN). */
  f1: number | null;
  /**
   * "Average precision" as the StarDist and Cellpose papers use the term: TP / (TP + FP + FN) at this
   * threshold. Cellpose's `metrics.average_precision` returns it as `ap`; StarDist's `matching`
   * reports it as `accuracy`. This is not the area under a precision–recall curve used in object
   * detection (COCO). Null when there are no objects at all (Cellpose returns 0 there).
   */
  averagePrecision: number | null;
  /** Segmentation quality SQ: mean IoU of the matched pairs. */
  segmentationQuality: number | null;
  /** Recognition quality RQ: TP / (TP + FP/2 + FN/2), equal to F1. */
  recognitionQuality: number | null;
  /** Panoptic quality PQ = SQ × RQ = ΣIoU(matched) / (TP + FP/2 + FN/2) (Kirillov et al. 2019). */
  panopticQuality: number | null;
}

/**
 * Count TP/FP/FN of a matching and derive precision, recall, F1, StarDist-style AP and panoptic quality.
 * @param matching - Result of {@link matchInstances}.
 * @returns Scores at the matching's threshold.
 */
export function instanceScores(matching: InstanceMatching): InstanceScores {
  const nt = matching.truthToPred.length - 1;
  const np = matching.predToTruth.length - 1;
  const tp = matching.matches;
  const fp = np - tp;
  const fn = nt - tp;
  let iouSum = 0;
  for (let t = 1; t <= nt; t++) iouSum += matching.truthIou[t]!;
  const rqDenominator = tp + fp / 2 + fn / 2;
  return {
    threshold: matching.threshold,
    tp,
    fp,
    fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    averagePrecision: ratio(tp, tp + fp + fn),
    segmentationQuality: ratio(iouSum, tp),
    recognitionQuality: ratio(tp, rqDenominator),
    panopticQuality: ratio(iouSum, rqDenominator),
  };
}
