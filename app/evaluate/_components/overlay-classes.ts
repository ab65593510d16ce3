import type { ObjectRow } from '@/lib/metrics';

/** Overlay class of a voxel: background, matched object, spurious prediction, missed truth object. */
export const OVERLAY_CLASS = { background: 0, tp: 1, fp: 2, fn: 3 } as const;

/**
 * Colour classes for the TP/FP/FN overlay, read from the per-object table.
 *
 * A voxel of a missed truth object is FN, else a voxel of an unmatched prediction is FP, else a
 * voxel of any matched truth or predicted object is TP. Misses and extras win over matches so a
 * split or merge stays visible where objects overlap.
 * @param truth - Truth labels (0 = background), C order.
 * @param pred - Predicted labels, same length.
 * @param objects - Per-object rows from `evaluateSegmentation`.
 * @returns One {@link OVERLAY_CLASS} value per voxel.
 * @throws RangeError when the arrays differ in length.
 */
export function overlayClasses(truth: ArrayLike<number>, pred: ArrayLike<number>, objects: readonly ObjectRow[]): Uint8Array {
  if (truth.length !== pred.length) {
    throw new RangeError(`truth and prediction must have the same number of voxels, got ${truth.length} and ${pred.length}`);
  }
  const truthStatus = new Map<number, number>();
  const predStatus = new Map<number, number>();
  for (const row of objects) {
    if (row.truthId !== null) truthStatus.set(row.truthId, row.status === 'TP' ? OVERLAY_CLASS.tp : OVERLAY_CLASS.fn);
    if (row.predId !== null) predStatus.set(row.predId, row.status === 'TP' ? OVERLAY_CLASS.tp : OVERLAY_CLASS.fp);
  }
  const out = new Uint8Array(truth.length);
  // Labels come in runs, so caching the last lookup avoids most Map reads on large images.
  let lastT = 0;
  let lastTs = 0;
  let lastP = 0;
  let lastPs = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = pred[i]!;
    if (t !== lastT) {
      lastT = t;
      lastTs = t === 0 ? 0 : (truthStatus.get(t) ?? 0);
    }
    if (p !== lastP) {
      lastP = p;
      lastPs = p === 0 ? 0 : (predStatus.get(p) ?? 0);
    }
    if (lastTs === OVERLAY_CLASS.fn) out[i] = OVERLAY_CLASS.fn;
    else if (lastPs === OVERLAY_CLASS.fp) out[i] = OVERLAY_CLASS.fp;
    else if (lastTs === OVERLAY_CLASS.tp || lastPs === OVERLAY_CLASS.tp) out[i] = OVERLAY_CLASS.tp;
  }
  return out;
}
