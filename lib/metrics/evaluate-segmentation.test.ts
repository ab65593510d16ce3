import { describe, expect, it } from 'vitest';
import { labelGrid, labelStack, seededRandom } from '@/test/helpers/label-grid';
import { evaluateSegmentation } from './evaluate-segmentation';
import type { LabelImage } from './types';

const twoSquares = labelGrid([
  '........',
  '.11..22.',
  '.11..22.',
  '........',
  '..333...',
  '..333...',
  '........',
]);

describe('evaluateSegmentation', () => {
  it('scores a perfect match with different ids as perfect', () => {
    const pred = labelGrid([
      '........',
      '.55..77.',
      '.55..77.',
      '........',
      '..999...',
      '..999...',
      '........',
    ]);
    const r = evaluateSegmentation(twoSquares, pred);
    expect(r.instance).toMatchObject({ tp: 3, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1, averagePrecision: 1 });
    expect(r.instance!.panopticQuality).toBe(1);
    expect(r.averagePrecision!.mean).toBe(1);
    expect(r.pixel.iou).toBe(1);
    expect(r.pixel.dice).toBe(1);
    expect(r.hausdorff!.mask).toEqual({ hausdorff: 0, hd95: 0 });
    expect(r.hausdorff!.matchedMean).toEqual({ hausdorff: 0, hd95: 0 });
    expect(r.splitMerge).toMatchObject({ splits: 0, merges: 0 });
    expect(r.objects!.map((o) => [o.truthId, o.predId, o.status])).toEqual([
      [1, 5, 'TP'],
      [2, 7, 'TP'],
      [3, 9, 'TP'],
    ]);
    // Object 3 covers rows 4–5, columns 2–4: centroid (4.5, 3), 6 pixels.
    expect(r.objects![2]).toMatchObject({ truthSize: 6, predSize: 6, truthCentroid: [4.5, 3], iou: 1 });
  });

  it('scores an empty prediction: every truth object is a false negative', () => {
    const pred: LabelImage = { data: new Uint8Array(56), shape: [7, 8] };
    const r = evaluateSegmentation(twoSquares, pred);
    expect(r.instance).toMatchObject({ tp: 0, fp: 0, fn: 3, recall: 0, f1: 0, averagePrecision: 0 });
    // Nothing predicted: precision 0/0 and SQ (mean IoU of no matches) are undefined.
    expect(r.instance!.precision).toBeNull();
    expect(r.instance!.segmentationQuality).toBeNull();
    expect(r.instance!.panopticQuality).toBe(0);
    expect(r.pixel).toMatchObject({ truthPixels: 14, predPixels: 0, intersection: 0, iou: 0, dice: 0 });
    expect(r.hausdorff!.mask).toEqual({ hausdorff: null, hd95: null });
    expect(r.objects!.every((o) => o.status === 'FN')).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('counts one split: a truth square cut into a 12-pixel and a 4-pixel piece', () => {
    const truth = labelGrid(['111100', '111100', '111100', '111100']);
    const pred = labelGrid(['111200', '111200', '111200', '111200']);
    const r = evaluateSegmentation(truth, pred);
    // IoU(1,1) = 12/16 = 0.75 matches; IoU(1,2) = 4/16 = 0.25 leaves pred 2 unmatched.
    expect(r.instance).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(r.instance!.f1).toBeCloseTo(2 / 3, 12);
    expect(r.instance!.averagePrecision).toBe(0.5); // 1 / (1 + 1 + 0)
    // PQ = 0.75 / (1 + 1/2 + 0) = 0.5 = SQ 0.75 × RQ 2/3.
    expect(r.instance!.segmentationQuality).toBe(0.75);
    expect(r.instance!.recognitionQuality).toBeCloseTo(2 / 3, 12);
    expect(r.instance!.panopticQuality).toBeCloseTo(0.5, 12);
    expect(r.splitMerge).toMatchObject({ splits: 1, merges: 0, splitTruthIds: [1], mergedPredIds: [] });
    expect(r.pixel.iou).toBe(1);
  });

  it('counts one merge: one prediction covering a 9-pixel and a 3-pixel truth object', () => {
    const truth = labelGrid(['1110', '1110', '1110', '2220']);
    const pred = labelGrid(['4440', '4440', '4440', '4440']);
    const r = evaluateSegmentation(truth, pred);
    // IoU(1,4) = 9/12 = 0.75 matches; truth 2 (IoU 3/12) is missed.
    expect(r.instance).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 });
    expect(r.splitMerge).toMatchObject({ splits: 0, merges: 1, mergedPredIds: [4] });
    expect(r.objects!.find((o) => o.truthId === 2)).toMatchObject({ status: 'FN', predId: null });
  });

  it('works out a shifted square by hand: IoU 12/20, AP 1 up to 0.6 and 0 above', () => {
    const rows = (shift: number): string[] =>
      Array.from({ length: 10 }, (_, y) =>
        Array.from({ length: 10 }, (_, x) => (y >= 2 && y <= 5 && x >= 2 + shift && x <= 5 + shift ? '1' : '0')).join(''),
      );
    const truth = labelGrid(rows(0));
    const pred = labelGrid(rows(1));
    const r = evaluateSegmentation(truth, pred);
    expect(r.objects![0]!.iou).toBe(0.6);
    expect(r.pixel.dice).toBe(0.75); // 2·12 / 32
    const curve = r.averagePrecision!.thresholds.map((t) => [t.threshold, t.averagePrecision]);
    expect(curve).toEqual([
      [0.5, 1], [0.55, 1], [0.6, 1], [0.65, 0], [0.7, 0], [0.75, 0], [0.8, 0], [0.85, 0], [0.9, 0], [0.95, 0],
    ]);
    expect(r.averagePrecision!.mean).toBeCloseTo(0.3, 12);
    // Every boundary pixel of one square is 0 or 1 pixel from the other's boundary.
    expect(r.objects![0]).toMatchObject({ hausdorff: 1, hd95: 1 });
    // With x pixels twice as wide, the side edges are 2 apart; corners stay 1 (y) from the other's top row.
    const wide = evaluateSegmentation(truth, pred, { voxelSize: [1, 2] });
    expect(wide.objects![0]!.hausdorff).toBe(2);
    expect(wide.distanceUnit).toBe('physical');
  });

  it('gives the same matches with optimal and greedy matching where the matching is unique', () => {
    const rand = seededRandom(7);
    const truth = blobs(64, 64, 30, rand);
    const pred = jitter(truth, rand);
    const matched: number[] = [];
    for (const iouThreshold of [0.55, 0.6, 0.7, 0.9]) {
      const a = evaluateSegmentation(truth, pred, { iouThreshold, matching: 'optimal', hausdorff: false });
      const b = evaluateSegmentation(truth, pred, { iouThreshold, matching: 'greedy', hausdorff: false });
      matched.push(a.instance!.tp);
      expect(a.objects).toEqual(b.objects);
      expect(a.hausdorff).toBeUndefined();
    }
    expect(matched[0]).toBeGreaterThan(5);
  });

  it('matches more objects optimally than greedily at a low threshold', () => {
    // Row: truth A = columns 0–9, B = 10–19; pred Y = 0–2, X = 3–14.
    // IoU(A,X) = 7/15, IoU(B,X) = 5/17, IoU(A,Y) = 3/10: greedy takes A–X and stops; optimal pairs A–Y, B–X.
    const truth = labelGrid(['11111111112222222222', '11111111112222222222']);
    const pred = labelGrid(['33344444444444400000', '33344444444444400000']);
    const greedy = evaluateSegmentation(truth, pred, { iouThreshold: 0.25, matching: 'greedy' });
    const optimal = evaluateSegmentation(truth, pred, { iouThreshold: 0.25, matching: 'optimal' });
    expect(greedy.instance).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(optimal.instance).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(optimal.objects!.map((o) => [o.truthId, o.predId])).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(optimal.objects![1]!.iou).toBeCloseTo(5 / 17, 12);
  });

  it('scores 3D cubes shifted by one slice, with an anisotropic voxel size', () => {
    const slice = ['000000', '011110', '011110', '011110', '011110', '000000'];
    const empty = Array(6).fill('000000');
    const truth = labelStack([empty, slice, slice, slice, slice, empty, empty]);
    const pred = labelStack([empty, empty, slice, slice, slice, slice, empty]);
    const r = evaluateSegmentation(truth, pred, { voxelSize: [2, 0.5, 0.5] });
    // 48 shared voxels of 64 + 64 − 48 = 80.
    expect(r.objects![0]).toMatchObject({ status: 'TP', iou: 0.6, truthSize: 64, truthCentroid: [2.5, 2.5, 2.5] });
    // The top face of the truth is one slice (2 units) from the nearest predicted boundary voxel.
    expect(r.objects![0]!.hausdorff).toBe(2);
    expect(r.hausdorff!.mask.hausdorff).toBe(2);
    expect(r.voxelVolume).toBe(0.5);
    expect(evaluateSegmentation(truth, pred).objects![0]!.hausdorff).toBe(1);
  });

  it('counts a 3D split along z: a 4×4×4 cube predicted as a 3-slice and a 1-slice piece', () => {
    const cube = ['000000', '011110', '011110', '011110', '011110', '000000'];
    const piece = (id: string) => cube.map((row) => row.replaceAll('1', id));
    const empty = Array(6).fill('000000');
    const truth = labelStack([empty, cube, cube, cube, cube, empty]);
    const pred = labelStack([empty, piece('5'), piece('5'), piece('5'), piece('6'), empty]);
    const r = evaluateSegmentation(truth, pred);
    // IoU 48/64 = 0.75 for the big piece, 16/64 = 0.25 for the small one.
    expect(r.instance).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(r.objects![0]).toMatchObject({ predId: 5, iou: 0.75, predSize: 48, predCentroid: [2, 2.5, 2.5] });
    expect(r.splitMerge).toMatchObject({ splits: 1, merges: 0, splitTruthIds: [1] });
    // Pixel level sees a perfect mask.
    expect(r.pixel.iou).toBe(1);
    expect(r.hausdorff!.mask.hausdorff).toBe(0);
  });

  it('splits binary masks into connected components before matching', () => {
    const truth = labelGrid(['11000', '11011', '00011']);
    const pred = labelGrid(['11000', '11000', '00011']);
    const r = evaluateSegmentation(truth, pred);
    expect(r.componentsLabelled).toEqual({ truth: true, pred: true });
    // Truth blobs: 4 and 4 pixels; pred: 4 (exact) and 2 (IoU 2/4 = 0.5, matched at ≥ 0.5).
    expect(r.instance).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(r.objects!.map((o) => o.iou)).toEqual([1, 0.5]);
    const asOne = evaluateSegmentation(truth, pred, { binaryAsComponents: false });
    expect(asOne.instance).toMatchObject({ tp: 1 });
    expect(asOne.objects![0]!.iou).toBe(6 / 8);
  });

  it('reports per-class IoU and Dice for semantic masks', () => {
    const truth = labelGrid(['1122', '1122']);
    const pred = labelGrid(['1112', '1112']);
    const r = evaluateSegmentation(truth, pred, { kind: 'semantic' });
    // Class 1: 4 ∩ 6 → 4 / 6; class 2: 2 / 4.
    expect(r.classes!.classes.map((c) => [c.classId, c.iou])).toEqual([
      [1, 4 / 6],
      [2, 0.5],
    ]);
    expect(r.classes!.classes[0]!.dice).toBe(0.8);
    expect(r.classes!.meanIou).toBeCloseTo((4 / 6 + 0.5) / 2, 12);
    expect(r.instance).toBeUndefined();
  });

  it('rejects mismatched shapes naming both', () => {
    const a = labelGrid(['00', '00']);
    const b = labelGrid(['000', '000']);
    expect(() => evaluateSegmentation(a, b)).toThrow('got truth [2, 2] and prediction [2, 3]');
  });

  it('handles label ids too large for a lookup table', () => {
    const truth = labelGrid(['1100', '1100']);
    const pred = { data: Int32Array.from(truth.data, (v) => v * 2_000_000_000), shape: truth.shape };
    const r = evaluateSegmentation(truth, pred);
    expect(r.objects![0]).toMatchObject({ predId: 2_000_000_000, iou: 1, hausdorff: 0 });
  });
});

/** Random non-overlapping-ish discs labelled 1…n. */
function blobs(h: number, w: number, n: number, rand: () => number): LabelImage {
  const data = new Int32Array(h * w);
  for (let k = 1; k <= n; k++) {
    const cy = rand() * h;
    const cx = rand() * w;
    const r = 2 + rand() * 4;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if ((y - cy) ** 2 + (x - cx) ** 2 <= r * r && data[y * w + x] === 0) data[y * w + x] = k;
      }
    }
  }
  return { data, shape: [h, w] };
}

/** Shift each pixel's label from a random neighbour, so objects keep roughly their place. */
function jitter(img: LabelImage, rand: () => number): LabelImage {
  const [h, w] = img.shape as [number, number];
  const data = new Int32Array(h * w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const yy = Math.min(h - 1, Math.max(0, y + Math.floor(rand() * 3) - 1));
      const xx = Math.min(w - 1, Math.max(0, x + Math.floor(rand() * 3) - 1));
      data[y * w + x] = img.data[yy * w + xx]!;
    }
  }
  return { data, shape: img.shape };
}
