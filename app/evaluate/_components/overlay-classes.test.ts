import { describe, expect, it } from 'vitest';

import type { ObjectRow } from '@/lib/metrics';

import { OVERLAY_CLASS, overlayClasses } from './overlay-classes';

const row = (status: ObjectRow['status'], truthId: number | null, predId: number | null): ObjectRow => ({
  status, truthId, predId, iou: null, truthSize: null, predSize: null, truthCentroid: null, predCentroid: null, hausdorff: null, hd95: null,
});

describe('overlayClasses', () => {
  it('colours matched, missed and extra objects from the per-object table', () => {
    // One row of 8 pixels: truth 1 (matched to pred 5) at 0–2, truth 2 (missed) at 4–5, pred 7 (extra) at 6–7.
    const truth = [1, 1, 1, 0, 2, 2, 0, 0];
    const pred = [5, 5, 0, 5, 0, 0, 7, 7];
    const { background: B, tp: T, fp: P, fn: N } = OVERLAY_CLASS;
    const classes = overlayClasses(truth, pred, [row('TP', 1, 5), row('FN', 2, null), row('FP', null, 7)]);
    expect([...classes]).toEqual([T, T, T, T, N, N, P, P]);
    expect(B).toBe(0);
  });

  it('lets a miss or an extra win where it overlaps a matched object', () => {
    // Truth 1 matched with pred 1; truth 2 missed but covered by pred 1 (a merge); pred 3 extra inside truth 1 (a split).
    const truth = [1, 1, 1, 2, 2];
    const pred = [1, 3, 1, 1, 1];
    const classes = overlayClasses(truth, pred, [row('TP', 1, 1), row('FN', 2, null), row('FP', null, 3)]);
    expect([...classes]).toEqual([1, 2, 1, 3, 3]);
  });

  it('refuses arrays of different lengths', () => {
    expect(() => overlayClasses([0, 1], [0], [])).toThrow(/same number of voxels, got 2 and 1/);
  });
});
