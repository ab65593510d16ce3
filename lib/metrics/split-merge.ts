import type { OverlapTable } from './overlap-table';

/** Over- and under-segmentation counts. */
export interface SplitMerge {
  /** The part rule: an object is a part of another when at least this fraction of its pixels lie inside it. */
  partFraction: number;
  /** Truth objects with two or more predicted parts (over-segmented). */
  splits: number;
  /** Predicted objects with two or more truth parts (under-segmented). */
  merges: number;
  /** Ids of the split truth objects. */
  splitTruthIds: number[];
  /** Ids of the merging predicted objects. */
  mergedPredIds: number[];
}

/**
 * Count splits and merges with a containment rule that does not depend on matching:
 * a predicted object is a *part* of a truth object when at least `partFraction` of its pixels lie
 * inside that truth object; a truth object with two or more predicted parts is **split**. Likewise a
 * truth object is a part of a predicted object when at least `partFraction` of its pixels lie inside
 * it, and a predicted object with two or more truth parts is a **merge**. With the default 0.5 an
 * object is a part of at most one other object (barring exact halves).
 * @param table - Overlap table from {@link overlapTable}.
 * @param partFraction - Containment fraction in (0, 1]. @default 0.5
 * @returns Split and merge counts with the ids involved.
 * @throws RangeError when `partFraction` is outside (0, 1].
 */
export function splitMerge(table: OverlapTable, partFraction = 0.5): SplitMerge {
  if (!(partFraction > 0 && partFraction <= 1)) {
    throw new RangeError(`split/merge part fraction must be in (0, 1], got ${partFraction}`);
  }
  const truthParts = new Int32Array(table.truth.ids.length + 1);
  const predParts = new Int32Array(table.pred.ids.length + 1);
  for (let j = 0; j < table.pairCount.length; j++) {
    const t = table.pairTruth[j]!;
    const p = table.pairPred[j]!;
    if (t === 0 || p === 0) continue;
    const n = table.pairCount[j]!;
    if (n >= partFraction * table.pred.size[p]!) truthParts[t]!++;
    if (n >= partFraction * table.truth.size[t]!) predParts[p]!++;
  }
  const splitTruthIds = table.truth.ids.filter((_, k) => truthParts[k + 1]! >= 2);
  const mergedPredIds = table.pred.ids.filter((_, k) => predParts[k + 1]! >= 2);
  return { partFraction, splits: splitTruthIds.length, merges: mergedPredIds.length, splitTruthIds, mergedPredIds };
}
