import { instanceScores, type InstanceScores } from './instance-scores';
import { candidatePairs, matchInstances, type MatchingMethod } from './match-instances';
import type { OverlapTable } from './overlap-table';

/** IoU thresholds 0.50, 0.55, …, 0.95. */
export const AP_THRESHOLDS: readonly number[] = Array.from({ length: 10 }, (_, k) => (50 + 5 * k) / 100);

/** StarDist-style AP at several IoU thresholds and their mean. */
export interface AveragePrecisionCurve {
  /** Scores at each threshold. */
  thresholds: InstanceScores[];
  /** Mean of the per-threshold AP = TP / (TP + FP + FN); null when there are no objects at all. */
  mean: number | null;
}

/**
 * Match objects at each IoU threshold and report the "average precision" TP / (TP + FP + FN) that
 * StarDist and Cellpose print, plus its mean over the thresholds.
 * @param table - Overlap table from {@link overlapTable}.
 * @param method - Matching method. @default 'optimal'
 * @param thresholds - IoU thresholds. @default 0.5:0.05:0.95
 * @returns Per-threshold scores and the mean AP.
 */
export function averagePrecision(
  table: OverlapTable,
  method: MatchingMethod = 'optimal',
  thresholds: readonly number[] = AP_THRESHOLDS,
): AveragePrecisionCurve {
  const candidates = candidatePairs(table);
  const rows = thresholds.map((t) => instanceScores(matchInstances(table, t, method, candidates)));
  const defined = rows.filter((r) => r.averagePrecision !== null);
  const mean =
    defined.length === 0 ? null : defined.reduce((s, r) => s + r.averagePrecision!, 0) / defined.length;
  return { thresholds: rows, mean };
}
