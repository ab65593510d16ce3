import { linearSumAssignment } from './linear-sum-assignment';
import type { OverlapTable } from './overlap-table';

/** How objects are paired: 'optimal' maximizes the number of matches, 'greedy' takes best IoU first. */
export type MatchingMethod = 'optimal' | 'greedy';

/** Overlapping (truth, pred) object pairs with their IoU, best first. */
export interface CandidatePairs {
  truth: Int32Array;
  pred: Int32Array;
  iou: Float64Array;
}

/** A one-to-one pairing of truth and predicted objects (compact indices, see {@link overlapTable}). */
export interface InstanceMatching {
  threshold: number;
  method: MatchingMethod;
  /** `truthToPred[t]` = matched pred index, 0 when unmatched (index 0 unused). */
  truthToPred: Int32Array;
  /** `predToTruth[p]` = matched truth index, 0 when unmatched (index 0 unused). */
  predToTruth: Int32Array;
  /** IoU of the match of each truth object, 0 when unmatched. */
  truthIou: Float64Array;
  /** Number of matched pairs (true positives). */
  matches: number;
}

/**
 * All pairs of objects that share at least one pixel, with their IoU = |T ∩ P| / |T ∪ P|, sorted by
 * IoU descending (ties by truth, then pred index, so results are deterministic).
 * @param table - Overlap table from {@link overlapTable}.
 * @returns Candidate pairs.
 */
export function candidatePairs(table: OverlapTable): CandidatePairs {
  const idx: number[] = [];
  const ious = new Float64Array(table.pairCount.length);
  for (let j = 0; j < table.pairCount.length; j++) {
    const t = table.pairTruth[j]!;
    const p = table.pairPred[j]!;
    if (t === 0 || p === 0) continue;
    const n = table.pairCount[j]!;
    ious[j] = n / (table.truth.size[t]! + table.pred.size[p]! - n);
    idx.push(j);
  }
  idx.sort(
    (a, b) => ious[b]! - ious[a]! || table.pairTruth[a]! - table.pairTruth[b]! || table.pairPred[a]! - table.pairPred[b]!,
  );
  return {
    truth: Int32Array.from(idx, (j) => table.pairTruth[j]!),
    pred: Int32Array.from(idx, (j) => table.pairPred[j]!),
    iou: Float64Array.from(idx, (j) => ious[j]!),
  };
}

/**
 * Pair truth and predicted objects one-to-one among pairs with IoU ≥ `threshold`.
 *
 * - `'optimal'`: the assignment with the most matches, ties broken by the largest summed IoU, the
 *   rule StarDist's and Cellpose's `matching`/`average_precision` encode in their cost
 *   `−(IoU ≥ t) − IoU / (2·min(nTrue, nPred))`. Solved with {@link linearSumAssignment} on each
 *   connected group of candidate pairs separately (groups are tiny in practice). Above 0.5 every
 *   object has at most one candidate, so both methods agree there.
 * - `'greedy'`: repeatedly take the remaining pair with the highest IoU (COCO-style).
 * @param table - Overlap table from {@link overlapTable}.
 * @param threshold - Minimum IoU of a match, in (0, 1]. @default 0.5
 * @param method - Matching method. @default 'optimal'
 * @param candidates - Precomputed {@link candidatePairs} (reuse across thresholds).
 * @returns The matching.
 * @throws RangeError when the threshold is outside (0, 1].
 */
export function matchInstances(
  table: OverlapTable,
  threshold = 0.5,
  method: MatchingMethod = 'optimal',
  candidates: CandidatePairs = candidatePairs(table),
): InstanceMatching {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`iou threshold must be in (0, 1], got ${threshold}`);
  }
  if (method !== 'optimal' && method !== 'greedy') {
    throw new RangeError(`matching must be 'optimal' or 'greedy', got '${String(method)}'`);
  }
  const nt = table.truth.ids.length;
  const np = table.pred.ids.length;
  const result: InstanceMatching = {
    threshold,
    method,
    truthToPred: new Int32Array(nt + 1),
    predToTruth: new Int32Array(np + 1),
    truthIou: new Float64Array(nt + 1),
    matches: 0,
  };
  let count = 0;
  while (count < candidates.iou.length && candidates.iou[count]! >= threshold) count++;
  const link = (t: number, p: number, iou: number): void => {
    result.truthToPred[t] = p;
    result.predToTruth[p] = t;
    result.truthIou[t] = iou;
    result.matches++;
  };
  if (method === 'greedy') {
    for (let j = 0; j < count; j++) {
      const t = candidates.truth[j]!;
      const p = candidates.pred[j]!;
      if (result.truthToPred[t] === 0 && result.predToTruth[p] === 0) link(t, p, candidates.iou[j]!);
    }
    return result;
  }
  for (const group of connectedGroups(candidates, count, nt)) {
    if (group.length === 1) {
      const j = group[0]!;
      link(candidates.truth[j]!, candidates.pred[j]!, candidates.iou[j]!);
      continue;
    }
    const rows = [...new Set(group.map((j) => candidates.truth[j]!))];
    const cols = [...new Set(group.map((j) => candidates.pred[j]!))];
    const rowOf = new Map(rows.map((t, r) => [t, r]));
    const colOf = new Map(cols.map((p, c) => [p, c]));
    const eps = 1 / (2 * Math.min(rows.length, cols.length));
    const cost = new Float64Array(rows.length * cols.length);
    const pairAt = new Int32Array(rows.length * cols.length).fill(-1);
    for (const j of group) {
      const cell = rowOf.get(candidates.truth[j]!)! * cols.length + colOf.get(candidates.pred[j]!)!;
      cost[cell] = -(1 + eps * candidates.iou[j]!);
      pairAt[cell] = j;
    }
    const assigned = linearSumAssignment(cost, rows.length, cols.length);
    for (let r = 0; r < rows.length; r++) {
      const c = assigned[r]!;
      const j = c < 0 ? -1 : pairAt[r * cols.length + c]!;
      if (j >= 0) link(candidates.truth[j]!, candidates.pred[j]!, candidates.iou[j]!);
    }
  }
  return result;
}

/** Split the first `count` candidate pairs into groups connected through shared objects (union–find). */
function connectedGroups(candidates: CandidatePairs, count: number, nt: number): number[][] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    let y = x;
    while (y !== r) {
      const next = parent.get(y)!;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  // Truth objects are nodes 1…nt, pred objects nt + 1 … .
  for (let j = 0; j < count; j++) {
    const a = find(candidates.truth[j]!);
    const b = find(nt + candidates.pred[j]!);
    parent.set(a, a);
    if (a !== b) parent.set(b, a);
  }
  const groups = new Map<number, number[]>();
  for (let j = 0; j < count; j++) {
    const root = find(candidates.truth[j]!);
    const g = groups.get(root);
    if (g) g.push(j);
    else groups.set(root, [j]);
  }
  return [...groups.values()];
}
