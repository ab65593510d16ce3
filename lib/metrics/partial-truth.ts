// Scoring a segmentation against a FEW hand-drawn outlines instead of a full ground-truth label image.
// Only what the user outlined is judged: predicted objects far from every outline are not counted.
import { ratio } from './ratio';

/** A vertex `[x, y]` in pixel coordinates: pixel (x, y) has its centre at integer (x, y). */
export type OutlinePoint = readonly [number, number];

/** One closed polygon drawn on one slice (slice 0 for a 2D image). The last vertex joins the first. */
export interface Outline {
  points: readonly OutlinePoint[];
  /** z index of the slice it was drawn on; 0 (the default) for 2D. */
  slice?: number;
}

/** One outline's row in the result. */
export interface OutlineRow {
  /** 1-based, in the order given (the number the page draws beside it). */
  outline: number;
  slice: number;
  /** Pixels whose centres lie inside the polygon. */
  area: number;
  /** The predicted object with the best IoU on this slice (0 when nothing overlaps). */
  bestPred: number;
  bestIoU: number;
  /** The predicted object matched to it (IoU >= threshold, one outline per object per slice), or 0. */
  matchedPred: number;
  /** Predicted objects with at least `partFraction` of their pixels on this slice inside the outline. */
  parts: number;
  status: 'hit' | 'miss';
}

export interface PartialTruthScores {
  /** How many outlines were scored (N in "scored on the N objects you outlined"). */
  outlines: number;
  /** Matched outlines. */
  truePositives: number;
  /** Judged predicted objects (see {@link scoreOutlines}) left unmatched: the extra halves of splits, merged blobs. */
  falsePositives: number;
  /** Outlines no predicted object matched. */
  falseNegatives: number;
  precision: number | null;
  recall: number | null;
  /** F1 at the IoU threshold, 2TP / (2TP + FP + FN); null only when nothing at all was judged. */
  f1: number | null;
  /** Mean over the outlines of each one's best IoU (0 where nothing overlaps it). */
  meanIoU: number | null;
  /** Mean IoU of the matched pairs only. */
  matchedMeanIoU: number | null;
  /** Outlines that hold two or more predicted parts (over-segmented). */
  splits: number;
  /** Predicted objects that hold two or more outlines (under-segmented). */
  merges: number;
  /** Predicted objects (per slice) that were judged: matched, mostly inside the outlines, or holding most of one. */
  judgedPredicted: number;
  /** A count error needs every object outlined; with a few outlines it is undefined. */
  countError: null;
  iouThreshold: number;
  rows: OutlineRow[];
}

export interface PartialTruthOptions {
  /** A pair is a hit at IoU >= this (default 0.5). */
  iouThreshold?: number;
  /** A predicted object is a part of an outline (and so judged) when this share of its slice pixels lies inside (default 0.5). */
  partFraction?: number;
}

/**
 * Pixels of a `height`×`width` plane whose centres lie inside the polygon or on its boundary, by the
 * even-odd rule: the same test, with the same arithmetic, as `skimage.draw.polygon(rows, cols, shape)`
 * (called with rows = y, cols = x; scikit-image's O'Rourke crossing test, which also counts a centre on
 * an edge or within 1e-12 of a vertex as inside), so both select exactly the same pixels. Vertices may
 * lie outside the plane; the mask is clipped to it. Per row only the edges that straddle it are
 * tested, so a lasso of hundreds of vertices costs a few tests per pixel of its bounding box.
 *
 * @returns a mask of `height·width` bytes (1 inside) and the number of pixels set
 */
export function rasterisePolygon(points: readonly OutlinePoint[], width: number, height: number): { mask: Uint8Array; area: number } {
  const mask = new Uint8Array(width * height);
  const pixels = polygonPixels(points, width, height);
  for (const i of pixels) mask[i] = 1;
  return { mask, area: pixels.length };
}

/**
 * The pixels {@link rasterisePolygon} selects, as flat indices `y·width + x` in raster order: memory
 * in proportion to the outline's area, not the image's.
 */
export function polygonPixels(points: readonly OutlinePoint[], width: number, height: number): Int32Array {
  const n = points.length;
  if (n < 3) return new Int32Array(0);
  const xp = new Float64Array(n);
  const yp = new Float64Array(n);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const [x, y] = points[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`outline vertex ${i + 1} is not a finite number; redraw the outline`);
    xp[i] = x;
    yp[i] = y;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const EPS = 1e-12;
  // How many candidate edges (pairs of vertex indices) cross the ray from (c, r) to the right (sign 1)
  // or to the left (sign −1): where the edge's x at row r lies on that side of c.
  const crossings = (edges: number[], sign: 1 | -1, c: number, r: number): number => {
    let count = 0;
    for (let k = 0; k < edges.length; k += 2) {
      const i = edges[k]!;
      const j = edges[k + 1]!;
      const x0 = xp[i]! - c;
      const y0 = yp[i]! - r;
      const x1 = xp[j]! - c;
      const y1 = yp[j]! - r;
      if (sign * ((x0 * y1 - x1 * y0) / (y1 - y0)) > 0) count++;
    }
    return count;
  };
  const c0 = Math.max(0, Math.floor(minX));
  const c1 = Math.min(width - 1, Math.ceil(maxX));
  const out: number[] = [];
  const right: number[] = [];
  const left: number[] = [];
  const vertices: number[] = [];
  for (let r = Math.max(0, Math.floor(minY)); r <= Math.min(height - 1, Math.ceil(maxY)); r++) {
    right.length = 0;
    left.length = 0;
    vertices.length = 0;
    // Edge (j → i) with y0 = yp[i] − r, y1 = yp[j] − r: it can cross the rightward ray when one end is
    // above the row and the other not, the leftward ray when one end is below and the other not.
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const y0 = yp[i]! - r;
      const y1 = yp[j]! - r;
      if (y0 > 0 !== y1 > 0) right.push(i, j);
      if (y0 < 0 !== y1 < 0) left.push(i, j);
      if (-EPS < y0 && y0 < EPS) vertices.push(i);
    }
    if (right.length === 0 && left.length === 0 && vertices.length === 0) continue;
    for (let c = c0; c <= c1; c++) {
      let inside = false;
      for (const v of vertices) {
        const x0 = xp[v]! - c;
        if (-EPS < x0 && x0 < EPS) inside = true;
      }
      if (!inside) {
        const rCross = crossings(right, 1, c, r);
        const lCross = crossings(left, -1, c, r);
        // Odd right crossings: inside; right and left parities differ: on an edge (also inside).
        inside = (rCross & 1) === 1 || (rCross & 1) !== (lCross & 1);
      }
      if (inside) out.push(r * width + c);
    }
  }
  return Int32Array.from(out);
}

/**
 * Score a predicted label image against a few outlines.
 *
 * Every outline is rasterised ({@link rasterisePolygon}) on its slice. In 3D a predicted object is
 * judged by its cross-section on that slice. Each outline is matched to the predicted object with the
 * best IoU; pairs at IoU >= `iouThreshold` are hits, best first, and one predicted object (per slice)
 * matches at most one outline. A predicted object that is not matched but is *judged* is a false
 * positive: judged means at least `partFraction` of its slice pixels lie inside the outlines (the other
 * half of a split, one object over two outlines) or it holds at least `partFraction` of an outline's
 * pixels (a blob that swallowed an outlined object). Predicted objects elsewhere, including a
 * neighbour that a sloppy outline grazes, are not counted: the user said nothing about them.
 *
 * @param labels - predicted labels, C order, 0 = background
 * @param shape - `[y, x]` or `[z, y, x]`
 */
export function scoreOutlines(labels: ArrayLike<number>, shape: readonly number[], outlines: readonly Outline[], options: PartialTruthOptions = {}): PartialTruthScores {
  const iouThreshold = options.iouThreshold ?? 0.5;
  const partFraction = options.partFraction ?? 0.5;
  if (shape.length !== 2 && shape.length !== 3) throw new RangeError(`the label image must be 2D [y, x] or 3D [z, y, x], not [${shape.join(', ')}]`);
  const [Z, Y, X] = (shape.length === 2 ? [1, shape[0]!, shape[1]!] : shape) as [number, number, number];
  if (labels.length !== Z * Y * X) throw new RangeError(`the label image holds ${labels.length} pixels but its shape [${shape.join(', ')}] needs ${Z * Y * X}`);
  if (outlines.length === 0) throw new RangeError('draw at least one outline before scoring');
  const plane = X * Y;

  // Rasterise, and per slice the area of every predicted object's cross-section (computed once per slice).
  const masks = outlines.map((o, k) => {
    const slice = o.slice ?? 0;
    if (!Number.isInteger(slice) || slice < 0 || slice >= Z) throw new RangeError(`outline ${k + 1} is on slice ${slice + 1}, but the image has ${Z} slice${Z === 1 ? '' : 's'}`);
    const pixels = polygonPixels(o.points, X, Y);
    if (pixels.length === 0) throw new RangeError(`outline ${k + 1} encloses no pixel centre; draw it around an object, at least a few pixels wide`);
    return { slice, pixels, area: pixels.length };
  });
  const sliceAreas = new Map<number, Map<number, number>>();
  for (const { slice } of masks) {
    if (sliceAreas.has(slice)) continue;
    const areas = new Map<number, number>();
    // Runs of one id along x go to the map once, not once per pixel.
    let run = 0;
    let runLength = 0;
    for (let i = slice * plane, end = i + plane; i < end; i++) {
      const l = labels[i]!;
      if (l === run) {
        runLength++;
        continue;
      }
      if (run > 0) areas.set(run, (areas.get(run) ?? 0) + runLength);
      run = l;
      runLength = 1;
    }
    if (run > 0) areas.set(run, (areas.get(run) ?? 0) + runLength);
    sliceAreas.set(slice, areas);
  }

  // Overlaps of each outline with the objects of its slice; IoU per pair.
  type Pair = { outline: number; pred: number; iou: number; inside: number };
  const overlaps: Pair[][] = masks.map(({ slice, pixels, area }, k) => {
    const counts = new Map<number, number>();
    const off = slice * plane;
    for (const i of pixels) {
      const l = labels[off + i]!;
      if (l > 0) counts.set(l, (counts.get(l) ?? 0) + 1);
    }
    const areas = sliceAreas.get(slice)!;
    return [...counts].map(([pred, inside]) => ({ outline: k, pred, inside, iou: inside / (area + areas.get(pred)! - inside) }));
  });

  // Greedy matching, best IoU first; above 0.5 it is unique anyway (an object can overlap at most one
  // other object by more than half), and with overlapping outlines it is the natural rule.
  const key = (slice: number, pred: number) => `${slice}:${pred}`;
  const candidates = overlaps.flat().filter((p) => p.iou >= iouThreshold);
  candidates.sort((a, b) => b.iou - a.iou || a.outline - b.outline || a.pred - b.pred);
  const matchedPredOf = new Array<number>(outlines.length).fill(0);
  const matchedIoUOf = new Array<number>(outlines.length).fill(0);
  const usedPred = new Set<string>();
  for (const c of candidates) {
    const k = key(masks[c.outline]!.slice, c.pred);
    if (matchedPredOf[c.outline] || usedPred.has(k)) continue;
    matchedPredOf[c.outline] = c.pred;
    matchedIoUOf[c.outline] = c.iou;
    usedPred.add(k);
  }

  // Parts: predicted objects mostly inside an outline; these (and the matched ones) are judged.
  // Judged: matched; or mostly inside the outlines (summed over them: the halves of a split, an
  // object spanning two outlines); or holding most of an outline (a blob swallowing an outlined object).
  const judged = new Set<string>(usedPred);
  const partsOf = new Array<number>(outlines.length).fill(0);
  const outlinesInPred = new Map<string, number>();
  const insideOutlines = new Map<string, number>();
  overlaps.forEach((pairs, k) => {
    const { slice, area } = masks[k]!;
    const areas = sliceAreas.get(slice)!;
    for (const p of pairs) {
      const id = key(slice, p.pred);
      insideOutlines.set(id, (insideOutlines.get(id) ?? 0) + p.inside);
      if (p.inside >= partFraction * areas.get(p.pred)!) partsOf[k]!++;
      if (p.inside >= partFraction * area) {
        outlinesInPred.set(id, (outlinesInPred.get(id) ?? 0) + 1);
        judged.add(id);
      }
    }
  });
  for (const [id, inside] of insideOutlines) {
    const [slice, pred] = id.split(':').map(Number) as [number, number];
    if (inside >= partFraction * sliceAreas.get(slice)!.get(pred)!) judged.add(id);
  }

  const tp = usedPred.size;
  const fp = judged.size - tp;
  const fn = outlines.length - tp;
  const rows: OutlineRow[] = masks.map(({ slice, area }, k) => {
    const best = overlaps[k]!.reduce<Pair | null>((b, p) => (!b || p.iou > b.iou || (p.iou === b.iou && p.pred < b.pred) ? p : b), null);
    return {
      outline: k + 1,
      slice,
      area,
      bestPred: best?.pred ?? 0,
      bestIoU: best?.iou ?? 0,
      matchedPred: matchedPredOf[k]!,
      parts: partsOf[k]!,
      status: matchedPredOf[k] ? 'hit' : 'miss',
    };
  });
  return {
    outlines: outlines.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    meanIoU: ratio(
      rows.reduce((s, r) => s + r.bestIoU, 0),
      rows.length,
    ),
    matchedMeanIoU: ratio(
      matchedIoUOf.reduce((s, v) => s + v, 0),
      tp,
    ),
    splits: partsOf.filter((n) => n >= 2).length,
    merges: [...outlinesInPred.values()].filter((n) => n >= 2).length,
    judgedPredicted: judged.size,
    countError: null,
    iouThreshold,
    rows,
  };
}
