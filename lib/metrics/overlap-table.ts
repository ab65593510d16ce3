import { asZyx, checkSameShape } from './check-images';
import type { LabelArray, LabelImage } from './types';

// Labels up to this value get a dense lookup table (64 MiB at most); larger ids are relabelled first.
const DENSE_LABEL_LIMIT = 1 << 24;

/** The objects of one label image, with compact indices 1…n (0 = background). */
export interface ObjectSet {
  /** Original label ids, `ids[k − 1]` for compact index k, ascending. */
  ids: number[];
  /** Pixel count per compact index; `size[0]` counts background pixels. */
  size: Float64Array;
  /** Centroid `[z, y, x]` in pixels at `3k … 3k + 2` (z = 0 for 2D). */
  centroid: Float64Array;
  /** Bounding box `[minZ, minY, minX, maxZ, maxY, maxX]` (inclusive) at `6k … 6k + 5`. */
  bbox: Int32Array;
  /** Label data in which each object's pixels hold `label(k)`; see {@link ObjectSet.label}. */
  data: LabelArray;
  /** Value of compact object k in `data` (the original id unless ids were too large and were relabelled). */
  label: (k: number) => number;
}

/** Pixel overlaps of two label images: one entry per co-occurring (truth, pred) pair, background included. */
export interface OverlapTable {
  /** Image shape as `[z, y, x]` (z = 1 for 2D). */
  zyx: [number, number, number];
  /** Number of axes of the input (2 or 3). */
  ndim: number;
  truth: ObjectSet;
  pred: ObjectSet;
  /** Compact truth index of each pair (0 = background). */
  pairTruth: Int32Array;
  /** Compact pred index of each pair (0 = background). */
  pairPred: Int32Array;
  /** Pixels shared by each pair. */
  pairCount: Float64Array;
}

/**
 * Count, in one pass, how many pixels every (truth label, predicted label) pair shares, plus each
 * object's size, centroid and bounding box. Runs of equal pairs along x are merged before they touch
 * the sparse map, so a 2048² image with thousands of objects costs a few hundred thousand map updates.
 * @param truth - Ground-truth label image (0 = background).
 * @param pred - Predicted label image of the same shape.
 * @returns The sparse overlap table.
 * @throws RangeError for mismatched shapes or negative labels.
 */
export function overlapTable(truth: LabelImage, pred: LabelImage): OverlapTable {
  checkSameShape(truth, pred);
  const zyx = asZyx(truth.shape);
  const t = indexLabels(truth.data, 'truth');
  const p = indexLabels(pred.data, 'prediction');
  const counts = new Map<number, number>();
  const stride = p.ids.length + 1;
  const td = t.data;
  const pd = p.data;
  const ti = t.indexOf;
  const pi = p.indexOf;
  let prevKey = -1;
  let run = 0;
  const n = td.length;
  for (let i = 0; i < n; i++) {
    const key = ti[td[i]!]! * stride + pi[pd[i]!]!;
    if (key === prevKey) {
      run++;
    } else {
      if (run > 0) counts.set(prevKey, (counts.get(prevKey) ?? 0) + run);
      prevKey = key;
      run = 1;
    }
  }
  if (run > 0) counts.set(prevKey, (counts.get(prevKey) ?? 0) + run);
  const m = counts.size;
  const pairTruth = new Int32Array(m);
  const pairPred = new Int32Array(m);
  const pairCount = new Float64Array(m);
  let j = 0;
  for (const [key, c] of counts) {
    pairTruth[j] = Math.floor(key / stride);
    pairPred[j] = key % stride;
    pairCount[j] = c;
    j++;
  }
  return {
    zyx,
    ndim: truth.shape.length,
    truth: objectStats(t, zyx),
    pred: objectStats(p, zyx),
    pairTruth,
    pairPred,
    pairCount,
  };
}

interface IndexedLabels {
  ids: number[];
  indexOf: Int32Array;
  data: LabelArray;
  /** True when `data` holds compact indices instead of the original ids. */
  relabelled: boolean;
}

/** Find the label ids present and a lookup table from label value to compact index. */
function indexLabels(data: LabelArray, name: string): IndexedLabels {
  let min = 0;
  let max = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v > max) max = v;
    else if (v < min) min = v;
  }
  if (min < 0) throw new RangeError(`${name} labels must be 0 (background) or positive, found ${min}`);
  if (max >= DENSE_LABEL_LIMIT) return relabel(data);
  const present = new Uint8Array(max + 1);
  for (let i = 0; i < data.length; i++) present[data[i]!] = 1;
  const indexOf = new Int32Array(max + 1);
  const ids: number[] = [];
  for (let v = 1; v <= max; v++) {
    if (present[v]) {
      ids.push(v);
      indexOf[v] = ids.length;
    }
  }
  return { ids, indexOf, data, relabelled: false };
}

/** Rare path for huge ids: renumber to 1…n in ascending id order, keep the original ids. */
function relabel(data: LabelArray): IndexedLabels {
  const seen = new Set<number>();
  for (let i = 0; i < data.length; i++) if (data[i]! !== 0) seen.add(data[i]!);
  const ids = [...seen].sort((a, b) => a - b);
  const map = new Map<number, number>(ids.map((id, k) => [id, k + 1]));
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! === 0 ? 0 : map.get(data[i]!)!;
  const indexOf = new Int32Array(ids.length + 1);
  for (let k = 0; k <= ids.length; k++) indexOf[k] = k;
  return { ids, indexOf, data: out, relabelled: true };
}

function objectStats(labels: IndexedLabels, zyx: [number, number, number]): ObjectSet {
  const { ids, indexOf, data } = labels;
  const n = ids.length + 1;
  const size = new Float64Array(n);
  const centroid = new Float64Array(3 * n);
  const bbox = new Int32Array(6 * n);
  for (let k = 0; k < n; k++) {
    bbox[6 * k] = bbox[6 * k + 1] = bbox[6 * k + 2] = 2 ** 31 - 1;
    bbox[6 * k + 3] = bbox[6 * k + 4] = bbox[6 * k + 5] = -1;
  }
  const [depth, height, width] = zyx;
  let i = 0;
  for (let z = 0; z < depth; z++) {
    for (let y = 0; y < height; y++) {
      let x = 0;
      while (x < width) {
        // Handle a run of equal labels at once: sizes, sums and bbox need only its ends.
        const k = indexOf[data[i]!]!;
        const x0 = x;
        while (x < width && indexOf[data[i]!]! === k) {
          x++;
          i++;
        }
        const len = x - x0;
        size[k]! += len;
        if (k === 0) continue;
        centroid[3 * k]! += z * len;
        centroid[3 * k + 1]! += y * len;
        centroid[3 * k + 2]! += ((x0 + x - 1) * len) / 2;
        const b = 6 * k;
        if (z < bbox[b]!) bbox[b] = z;
        if (y < bbox[b + 1]!) bbox[b + 1] = y;
        if (x0 < bbox[b + 2]!) bbox[b + 2] = x0;
        if (z > bbox[b + 3]!) bbox[b + 3] = z;
        if (y > bbox[b + 4]!) bbox[b + 4] = y;
        if (x - 1 > bbox[b + 5]!) bbox[b + 5] = x - 1;
      }
    }
  }
  for (let k = 1; k < n; k++) {
    for (let a = 0; a < 3; a++) centroid[3 * k + a]! /= size[k]!;
  }
  const label = labels.relabelled ? (k: number) => k : (k: number) => ids[k - 1]!;
  return { ids, size, centroid, bbox, data, label };
}
