import { describe, expect, it } from 'vitest';
import { polygonPixels, rasterisePolygon, scoreOutlines, type OutlinePoint } from './partial-truth';

/** A rectangle outline whose rasterised pixels are exactly columns x0…x1 and rows y0…y1. */
function box(x0: number, y0: number, x1: number, y1: number): OutlinePoint[] {
  return [
    [x0 - 0.4, y0 - 0.4],
    [x1 + 0.4, y0 - 0.4],
    [x1 + 0.4, y1 + 0.4],
    [x0 - 0.4, y1 + 0.4],
  ];
}

/** A W×H label plane with rectangles filled (inclusive bounds). */
function labelsWith(width: number, height: number, rects: [id: number, x0: number, y0: number, x1: number, y1: number][], depth = 1, onSlices?: number[]): Int32Array {
  const out = new Int32Array(depth * width * height);
  for (const z of onSlices ?? [0]) {
    for (const [id, x0, y0, x1, y1] of rects) {
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) out[z * width * height + y * width + x] = id;
    }
  }
  return out;
}

describe('rasterisePolygon', () => {
  it('selects the pixels whose centres are inside or on the boundary, like skimage.draw.polygon', () => {
    // A square with corners on pixel centres: all four edges are in (skimage 0.19 counts edges and vertices).
    const { mask, area } = rasterisePolygon(
      [
        [1, 1],
        [4, 1],
        [4, 4],
        [1, 4],
      ],
      6,
      6,
    );
    const rows = Array.from({ length: 6 }, (_, y) => Array.from(mask.subarray(y * 6, y * 6 + 6)).join(''));
    expect(rows).toEqual(['000000', '011110', '011110', '011110', '011110', '000000']);
    expect(area).toBe(16);
  });

  it('fills a self-intersecting bow tie by the even-odd rule and clips to the plane', () => {
    const { area } = rasterisePolygon(box(-5, -5, 20, 20), 8, 6);
    expect(area).toBe(48);
    const bow = rasterisePolygon(
      [
        [0, 0],
        [8, 8],
        [8, 0],
        [0, 8],
      ],
      9,
      9,
    );
    // Two triangles, left and right, meeting at (4, 4); above and below the crossing is outside.
    expect(bow.mask[4 * 9 + 1]).toBe(1); // left triangle
    expect(bow.mask[4 * 9 + 7]).toBe(1); // right triangle
    expect(bow.mask[1 * 9 + 4]).toBe(0); // above the crossing
    expect(bow.mask[7 * 9 + 4]).toBe(0); // below it
  });

  it('lists the same pixels as flat indices in raster order', () => {
    expect(Array.from(polygonPixels(box(1, 2, 2, 3), 5, 5))).toEqual([11, 12, 16, 17]);
  });

  it('returns nothing for fewer than three vertices and rejects non-finite ones', () => {
    expect(rasterisePolygon([[1, 1], [3, 3]], 5, 5).area).toBe(0);
    expect(() => rasterisePolygon([[1, 1], [Number.NaN, 3], [3, 1]], 5, 5)).toThrow(/vertex 2 is not a finite number/);
  });
});

describe('scoreOutlines', () => {
  const W = 40;
  const H = 30;

  it('a perfect match scores F1 1 and mean IoU 1, and ignores objects nobody outlined', () => {
    const labels = labelsWith(W, H, [
      [1, 2, 2, 9, 9],
      [2, 20, 2, 29, 11],
      [3, 30, 20, 38, 28], // not outlined: not counted
    ]);
    const r = scoreOutlines(labels, [H, W], [{ points: box(2, 2, 9, 9) }, { points: box(20, 2, 29, 11) }]);
    expect(r).toMatchObject({ outlines: 2, truePositives: 2, falsePositives: 0, falseNegatives: 0, f1: 1, meanIoU: 1, splits: 0, merges: 0, judgedPredicted: 2, countError: null });
    expect(r.rows.map((row) => [row.matchedPred, row.status])).toEqual([
      [1, 'hit'],
      [2, 'hit'],
    ]);
  });

  it('a split: the bigger half matches, the other half counts as a false positive', () => {
    // Outline 10×10 = 100 px; predicted halves of 60 and 40 px.
    const labels = labelsWith(W, H, [
      [1, 5, 5, 10, 14],
      [2, 11, 5, 14, 14],
    ]);
    const r = scoreOutlines(labels, [H, W], [{ points: box(5, 5, 14, 14) }]);
    expect(r.truePositives).toBe(1);
    expect(r.falsePositives).toBe(1);
    expect(r.falseNegatives).toBe(0);
    expect(r.f1).toBeCloseTo(2 / 3, 10);
    expect(r.splits).toBe(1);
    expect(r.rows[0]).toMatchObject({ matchedPred: 1, bestIoU: 0.6, parts: 2 });
    expect(r.meanIoU).toBeCloseTo(0.6, 10);
  });

  it('a merge: one predicted object over two outlines matches neither when IoU < 0.5', () => {
    // Two outlined 5×10 objects side by side; one predicted object covering both (100 px): IoU 0.5 each…
    const labels = labelsWith(W, H, [[1, 5, 5, 16, 14]]); // 12×10 = 120 px, so IoU = 50 / 120 < 0.5
    const r = scoreOutlines(labels, [H, W], [{ points: box(5, 5, 9, 14) }, { points: box(11, 5, 15, 14) }]);
    expect(r.truePositives).toBe(0);
    expect(r.falseNegatives).toBe(2);
    expect(r.falsePositives).toBe(1);
    expect(r.merges).toBe(1);
    expect(r.f1).toBe(0);
    expect(r.meanIoU).toBeCloseTo(50 / 120, 10);
  });

  it('a blob that swallowed an outlined object is judged: a false positive, and the outline a miss', () => {
    // Outline 6×6 = 36 px inside one predicted 20×20 blob (IoU 0.09); a far-away object is ignored.
    const labels = labelsWith(W, H, [
      [1, 0, 0, 19, 19],
      [2, 30, 20, 35, 25],
    ]);
    const r = scoreOutlines(labels, [H, W], [{ points: box(5, 5, 10, 10) }]);
    expect(r).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1, f1: 0, judgedPredicted: 1 });
    expect(r.rows[0]!.bestIoU).toBeCloseTo(36 / 400, 10);
  });

  it('a miss: an outline over empty background is a false negative and lowers F1', () => {
    const labels = labelsWith(W, H, [[1, 2, 2, 9, 9]]);
    const hit = scoreOutlines(labels, [H, W], [{ points: box(2, 2, 9, 9) }]);
    const withMiss = scoreOutlines(labels, [H, W], [{ points: box(2, 2, 9, 9) }, { points: box(25, 15, 32, 22) }]);
    expect(hit.f1).toBe(1);
    expect(withMiss.f1).toBeCloseTo(2 / 3, 10);
    expect(withMiss.rows[1]).toMatchObject({ bestPred: 0, bestIoU: 0, status: 'miss' });
    expect(withMiss.meanIoU).toBeCloseTo(0.5, 10);
  });

  it('a sloppy outline still hits when IoU >= 0.5, and a neighbour it barely touches is not judged', () => {
    const labels = labelsWith(W, H, [
      [1, 10, 10, 19, 19], // 100 px
      [2, 21, 10, 30, 19], // neighbour
    ]);
    // Outline 12×10 covering object 1 and two columns of object 2 (20 px of its 100).
    const r = scoreOutlines(labels, [H, W], [{ points: box(10, 10, 22, 19) }]);
    expect(r.rows[0]!.matchedPred).toBe(1);
    expect(r.rows[0]!.bestIoU).toBeCloseTo(100 / 130, 10);
    expect(r.falsePositives).toBe(0);
    expect(r.f1).toBe(1);
  });

  it('3D: the cross-section on the outline’s slice is compared, and other slices do not count', () => {
    const [Z, Y, X] = [5, 20, 20];
    // Object 1 spans slices 1–3 with the same 6×6 cross-section; object 2 only on slice 4.
    const labels = labelsWith(X, Y, [[1, 4, 4, 9, 9]], Z, [1, 2, 3]);
    labels.set(labelsWith(X, Y, [[2, 12, 12, 17, 17]]).subarray(0, X * Y), 4 * X * Y);
    const onSlice2 = scoreOutlines(labels, [Z, Y, X], [{ points: box(4, 4, 9, 9), slice: 2 }]);
    expect(onSlice2).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 0, f1: 1, meanIoU: 1 });
    // The same outline on slice 0, where nothing is: a miss.
    const onSlice0 = scoreOutlines(labels, [Z, Y, X], [{ points: box(4, 4, 9, 9), slice: 0 }]);
    expect(onSlice0).toMatchObject({ truePositives: 0, falseNegatives: 1, f1: 0 });
    // Object 2's outline drawn on slice 3 (object 2 is on slice 4): a miss too.
    expect(scoreOutlines(labels, [Z, Y, X], [{ points: box(12, 12, 17, 17), slice: 3 }]).f1).toBe(0);
    expect(scoreOutlines(labels, [Z, Y, X], [{ points: box(12, 12, 17, 17), slice: 4 }]).f1).toBe(1);
  });

  it('one predicted object matches at most one outline (two outlines of the same object)', () => {
    const labels = labelsWith(W, H, [[1, 2, 2, 11, 11]]);
    const r = scoreOutlines(labels, [H, W], [{ points: box(2, 2, 11, 11) }, { points: box(2, 2, 10, 11) }]);
    expect(r.truePositives).toBe(1);
    expect(r.falseNegatives).toBe(1);
    expect(r.rows.map((row) => row.matchedPred)).toEqual([1, 0]);
  });

  it('rejects bad input with one clear line', () => {
    const labels = new Int32Array(W * H);
    expect(() => scoreOutlines(labels, [H, W], [])).toThrow('draw at least one outline before scoring');
    expect(() => scoreOutlines(labels, [H, W + 1], [{ points: box(1, 1, 3, 3) }])).toThrow(/holds 1200 pixels but its shape \[30, 41\] needs 1230/);
    expect(() => scoreOutlines(labels, [H, W], [{ points: box(1, 1, 3, 3), slice: 2 }])).toThrow('outline 1 is on slice 3, but the image has 1 slice');
    expect(() =>
      scoreOutlines(labels, [H, W], [
        {
          points: [
            [1.2, 1.2],
            [1.4, 1.2],
            [1.3, 1.4],
          ],
        },
      ]),
    ).toThrow(/outline 1 encloses no pixel centre/);
  });
});
