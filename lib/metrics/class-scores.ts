import { scores, type ForegroundScores } from './foreground-scores';
import type { OverlapTable } from './overlap-table';

/** Per-class pixel scores of a semantic segmentation. */
export interface ClassScores {
  /** One entry per class id found in either image (background 0 excluded), ascending. */
  classes: Array<ForegroundScores & { classId: number }>;
  /** Unweighted mean IoU over the listed classes; null when there are none. */
  meanIou: number | null;
  /** Unweighted mean Dice over the listed classes; null when there are none. */
  meanDice: number | null;
}

/**
 * Pixel IoU and Dice per class, for semantic label images where each value is a class (1, 2, …)
 * rather than an object. The mean weighs every class equally, so a rare class counts as much as a
 * common one.
 * @param table - Overlap table from {@link overlapTable}.
 * @returns Per-class and mean scores.
 */
export function classScores(table: OverlapTable): ClassScores {
  const truthOf = new Map<number, number>();
  const predOf = new Map<number, number>();
  table.truth.ids.forEach((id, k) => truthOf.set(id, table.truth.size[k + 1]!));
  table.pred.ids.forEach((id, k) => predOf.set(id, table.pred.size[k + 1]!));
  const shared = new Map<number, number>();
  for (let j = 0; j < table.pairCount.length; j++) {
    const t = table.pairTruth[j]!;
    const p = table.pairPred[j]!;
    if (t === 0 || p === 0) continue;
    const id = table.truth.ids[t - 1]!;
    if (id === table.pred.ids[p - 1]) shared.set(id, (shared.get(id) ?? 0) + table.pairCount[j]!);
  }
  const ids = [...new Set([...truthOf.keys(), ...predOf.keys()])].sort((a, b) => a - b);
  const classes = ids.map((classId) => ({
    classId,
    ...scores(truthOf.get(classId) ?? 0, predOf.get(classId) ?? 0, shared.get(classId) ?? 0),
  }));
  const mean = (key: 'iou' | 'dice'): number | null =>
    classes.length === 0 ? null : classes.reduce((s, c) => s + (c[key] ?? 0), 0) / classes.length;
  return { classes, meanIou: mean('iou'), meanDice: mean('dice') };
}
