// A small random forest for 8-bit features (Breiman 2001): bootstrap samples, √F random features per
// node, Gini splits found on 256-bin class histograms, leaves holding class frequencies. Written here
// because predicting every pixel of a 1024² image must take well under a second, which needs flat
// typed-array trees over quantized features (ml-random-forest builds object trees over float rows).
import { mulberry32 } from '../util';

/** Options of {@link trainForest}. */
export interface ForestOptions {
  /** @default 32 */
  trees?: number;
  /** @default 12 */
  maxDepth?: number;
  /** Smallest number of samples in a leaf. @default 1 */
  minLeaf?: number;
  /** Features tried at each node. @default round(√F) */
  featuresPerNode?: number;
  /** @default 1 */
  seed?: number;
}

/** A trained forest: trees stored as flat arrays. */
export interface Forest {
  classes: number;
  features: number;
  trees: Tree[];
}

/** One tree: node k splits on `feature[k]` (x ≤ `threshold[k]` goes left) or is a leaf (`feature[k] = −1`). */
export interface Tree {
  feature: Int16Array;
  threshold: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** Per node `classes` probabilities (only leaves are read). */
  value: Float32Array;
}

/**
 * Train a forest.
 * @param x - pixel-major 8-bit features, `x[row * F + f]`
 * @param rows - which rows of `x` are training samples
 * @param y - class index (0…classes−1) of each entry of `rows`
 */
export function trainForest(
  x: Uint8Array,
  featureCount: number,
  rows: Int32Array,
  y: Uint8Array,
  classes: number,
  options: ForestOptions = {},
): Forest {
  if (rows.length === 0) throw new RangeError('no training samples');
  if (rows.length !== y.length) throw new RangeError('rows and y must have the same length');
  const rng = mulberry32(options.seed ?? 1);
  const trees: Tree[] = [];
  for (let t = 0; t < (options.trees ?? 32); t++) {
    const sample = new Int32Array(rows.length);
    const labels = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const k = Math.floor(rng() * rows.length);
      sample[i] = rows[k]!;
      labels[i] = y[k]!;
    }
    trees.push(buildTree(x, featureCount, sample, labels, classes, options, rng));
  }
  return { classes, features: featureCount, trees };
}

function buildTree(
  x: Uint8Array,
  F: number,
  rows: Int32Array,
  y: Uint8Array,
  C: number,
  options: ForestOptions,
  rng: () => number,
): Tree {
  const maxDepth = options.maxDepth ?? 12;
  const minLeaf = Math.max(1, options.minLeaf ?? 1);
  const mtry = Math.max(1, Math.min(F, options.featuresPerNode ?? Math.round(Math.sqrt(F))));
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const hist = new Float64Array(256 * C);
  const totals = new Float64Array(C);
  const leftCounts = new Float64Array(C);
  const order = Int32Array.from({ length: F }, (_, i) => i);

  const node = (start: number, end: number, depth: number): number => {
    const id = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    totals.fill(0);
    for (let i = start; i < end; i++) totals[y[i]!]!++;
    const n = end - start;
    for (let c = 0; c < C; c++) value.push(totals[c]! / n);
    let impurity = 1;
    for (let c = 0; c < C; c++) impurity -= (totals[c]! / n) ** 2;
    if (depth >= maxDepth || n < 2 * minLeaf || impurity <= 1e-12) return id;
    const parentCounts = Float64Array.from(totals);
    let bestScore = Infinity;
    let bestF = -1;
    let bestT = 0;
    // Partial Fisher–Yates: the first mtry entries of `order` are a random subset.
    for (let k = 0; k < mtry; k++) {
      const j = k + Math.floor(rng() * (F - k));
      const tmp = order[k]!;
      order[k] = order[j]!;
      order[j] = tmp;
    }
    for (let k = 0; k < mtry; k++) {
      const f = order[k]!;
      hist.fill(0);
      for (let i = start; i < end; i++) hist[x[rows[i]! * F + f]! * C + y[i]!]!++;
      leftCounts.fill(0);
      let nl = 0;
      for (let t = 0; t < 255; t++) {
        let add = 0;
        for (let c = 0; c < C; c++) {
          const h = hist[t * C + c]!;
          leftCounts[c]! += h;
          add += h;
        }
        if (add === 0) continue;
        nl += add;
        const nr = n - nl;
        if (nl < minLeaf || nr < minLeaf) continue;
        // Weighted Gini of the two children, n·G = n − Σ count²/n per side.
        let sl = 0;
        let sr = 0;
        for (let c = 0; c < C; c++) {
          const l = leftCounts[c]!;
          const r = parentCounts[c]! - l;
          sl += l * l;
          sr += r * r;
        }
        const score = n - sl / nl - sr / nr;
        if (score < bestScore - 1e-12) {
          bestScore = score;
          bestF = f;
          bestT = t;
        }
      }
    }
    if (bestF < 0 || bestScore >= n * impurity - 1e-12) return id;
    // Partition rows[start:end) in place: x ≤ bestT first.
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if (x[rows[i]! * F + bestF]! <= bestT) i++;
      else {
        const r = rows[i]!;
        rows[i] = rows[j]!;
        rows[j] = r;
        const c = y[i]!;
        y[i] = y[j]!;
        y[j] = c;
        j--;
      }
    }
    feature[id] = bestF;
    threshold[id] = bestT;
    left[id] = node(start, i, depth + 1);
    right[id] = node(i, end, depth + 1);
    return id;
  };
  node(0, rows.length, 0);
  return {
    feature: Int16Array.from(feature),
    threshold: Uint8Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float32Array.from(value),
  };
}

/**
 * The forest laid out for prediction: every tree's nodes in breadth-first order in shared arrays, the
 * two children of a split side by side (right = left + 1), and each leaf pointing to itself with a
 * test that always goes left, so a walk is a fixed number of branch-free steps (the tree's depth).
 */
interface PackedForest {
  /** Per node `feature << 8 | threshold`; 255 (feature 0, threshold 255) at leaves. */
  key: Int32Array;
  /** Per node the index of its left child; a leaf's own index. */
  child: Int32Array;
  /** Per node `classes` leaf frequencies. */
  value: Float32Array;
  root: Int32Array;
  depth: Int32Array;
}

const packedForests = new WeakMap<Forest, PackedForest>();

function packForest(forest: Forest): PackedForest {
  const cached = packedForests.get(forest);
  if (cached) return cached;
  const C = forest.classes;
  let total = 0;
  for (const t of forest.trees) total += t.feature.length;
  const key = new Int32Array(total);
  const child = new Int32Array(total);
  const value = new Float32Array(total * C);
  const root = new Int32Array(forest.trees.length);
  const depth = new Int32Array(forest.trees.length);
  let next = 0;
  forest.trees.forEach((t, ti) => {
    root[ti] = next;
    // Breadth-first: queue[q] is an old node id, placed at root + q.
    const queue = new Int32Array(t.feature.length);
    const level = new Int32Array(t.feature.length);
    let tail = 1;
    for (let q = 0; q < tail; q++) {
      const k = queue[q]!;
      const id = next + q;
      for (let c = 0; c < C; c++) value[id * C + c] = t.value[k * C + c]!;
      if (t.feature[k]! < 0) {
        key[id] = 255;
        child[id] = id;
        if (level[q]! > depth[ti]!) depth[ti] = level[q]!;
        continue;
      }
      key[id] = (t.feature[k]! << 8) | t.threshold[k]!;
      child[id] = next + tail;
      queue[tail] = t.left[k]!;
      queue[tail + 1] = t.right[k]!;
      level[tail] = level[tail + 1] = level[q]! + 1;
      tail += 2;
    }
    next += tail;
  });
  const packed = { key, child, value, root, depth };
  packedForests.set(forest, packed);
  return packed;
}

/**
 * Class probabilities (mean of the trees' leaf frequencies, summed in float32 tree by tree) for pixels
 * `from`…`to − 1`. Four pixels (eight for two classes) walk each tree together, independent chains
 * the CPU overlaps, through all trees per group, so a pixel's feature row stays in cache.
 * @param out - class-major output, `out[c * pixels + p]`, length classes × pixels
 */
export function predictForest(forest: Forest, x: Uint8Array, pixels: number, out: Float32Array, from = 0, to = pixels): void {
  const { classes: C, features: F, trees } = forest;
  const packed = packForest(forest);
  const T = trees.length;
  if (C === 2) return predictTwoClasses(x, F, pixels, out, from, to, packed, T);
  const { key, child, value, root, depth } = packed;
  const w = 1 / T;
  const acc = new Float32Array(4 * C);
  for (let p = from; p < to; p += 4) {
    const m = Math.min(4, to - p);
    // A partial group repeats its last pixel (computed, not stored).
    const b0 = p * F;
    const b1 = (m > 1 ? p + 1 : p) * F;
    const b2 = (m > 2 ? p + 2 : p) * F;
    const b3 = (m > 3 ? p + 3 : p) * F;
    acc.fill(0);
    for (let t = 0; t < T; t++) {
      let k0 = root[t]!;
      let k1 = k0;
      let k2 = k0;
      let k3 = k0;
      for (let d = depth[t]!; d > 0; d--) {
        const q0 = key[k0]!;
        const q1 = key[k1]!;
        const q2 = key[k2]!;
        const q3 = key[k3]!;
        // + 1 (the right child) exactly when the feature exceeds the threshold: the sign bit of threshold − x.
        k0 = child[k0]! + (((q0 & 255) - x[b0 + (q0 >> 8)]!) >>> 31);
        k1 = child[k1]! + (((q1 & 255) - x[b1 + (q1 >> 8)]!) >>> 31);
        k2 = child[k2]! + (((q2 & 255) - x[b2 + (q2 >> 8)]!) >>> 31);
        k3 = child[k3]! + (((q3 & 255) - x[b3 + (q3 >> 8)]!) >>> 31);
      }
      for (let c = 0; c < C; c++) {
        acc[c]! += value[k0 * C + c]!;
        acc[C + c]! += value[k1 * C + c]!;
        acc[2 * C + c]! += value[k2 * C + c]!;
        acc[3 * C + c]! += value[k3 * C + c]!;
      }
    }
    for (let j = 0; j < m; j++) for (let c = 0; c < C; c++) out[c * pixels + p + j] = acc[j * C + c]! * w;
  }
}

/** {@link predictForest} for two classes, the sums kept in registers (`Math.fround` after every addition). */
function predictTwoClasses(x: Uint8Array, F: number, pixels: number, out: Float32Array, from: number, to: number, packed: PackedForest, T: number): void {
  const { key, child, value, root, depth } = packed;
  const w = 1 / T;
  const f = Math.fround;
  const last = to - 1;
  for (let p = from; p < to; p += 8) {
    const b0 = p * F;
    const b1 = Math.min(p + 1, last) * F;
    const b2 = Math.min(p + 2, last) * F;
    const b3 = Math.min(p + 3, last) * F;
    const b4 = Math.min(p + 4, last) * F;
    const b5 = Math.min(p + 5, last) * F;
    const b6 = Math.min(p + 6, last) * F;
    const b7 = Math.min(p + 7, last) * F;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
    for (let t = 0; t < T; t++) {
      let k0 = root[t]!;
      let k1 = k0, k2 = k0, k3 = k0, k4 = k0, k5 = k0, k6 = k0, k7 = k0;
      for (let d = depth[t]!; d > 0; d--) {
        const q0 = key[k0]!, q1 = key[k1]!, q2 = key[k2]!, q3 = key[k3]!;
        const q4 = key[k4]!, q5 = key[k5]!, q6 = key[k6]!, q7 = key[k7]!;
        k0 = child[k0]! + (((q0 & 255) - x[b0 + (q0 >> 8)]!) >>> 31);
        k1 = child[k1]! + (((q1 & 255) - x[b1 + (q1 >> 8)]!) >>> 31);
        k2 = child[k2]! + (((q2 & 255) - x[b2 + (q2 >> 8)]!) >>> 31);
        k3 = child[k3]! + (((q3 & 255) - x[b3 + (q3 >> 8)]!) >>> 31);
        k4 = child[k4]! + (((q4 & 255) - x[b4 + (q4 >> 8)]!) >>> 31);
        k5 = child[k5]! + (((q5 & 255) - x[b5 + (q5 >> 8)]!) >>> 31);
        k6 = child[k6]! + (((q6 & 255) - x[b6 + (q6 >> 8)]!) >>> 31);
        k7 = child[k7]! + (((q7 & 255) - x[b7 + (q7 >> 8)]!) >>> 31);
      }
      a0 = f(a0 + value[2 * k0]!); c0 = f(c0 + value[2 * k0 + 1]!);
      a1 = f(a1 + value[2 * k1]!); c1 = f(c1 + value[2 * k1 + 1]!);
      a2 = f(a2 + value[2 * k2]!); c2 = f(c2 + value[2 * k2 + 1]!);
      a3 = f(a3 + value[2 * k3]!); c3 = f(c3 + value[2 * k3 + 1]!);
      a4 = f(a4 + value[2 * k4]!); c4 = f(c4 + value[2 * k4 + 1]!);
      a5 = f(a5 + value[2 * k5]!); c5 = f(c5 + value[2 * k5 + 1]!);
      a6 = f(a6 + value[2 * k6]!); c6 = f(c6 + value[2 * k6 + 1]!);
      a7 = f(a7 + value[2 * k7]!); c7 = f(c7 + value[2 * k7 + 1]!);
    }
    const m = to - p;
    out[p] = a0 * w; out[pixels + p] = c0 * w;
    if (m > 1) { out[p + 1] = a1 * w; out[pixels + p + 1] = c1 * w; }
    if (m > 2) { out[p + 2] = a2 * w; out[pixels + p + 2] = c2 * w; }
    if (m > 3) { out[p + 3] = a3 * w; out[pixels + p + 3] = c3 * w; }
    if (m > 4) { out[p + 4] = a4 * w; out[pixels + p + 4] = c4 * w; }
    if (m > 5) { out[p + 5] = a5 * w; out[pixels + p + 5] = c5 * w; }
    if (m > 6) { out[p + 6] = a6 * w; out[pixels + p + 6] = c6 * w; }
    if (m > 7) { out[p + 7] = a7 * w; out[pixels + p + 7] = c7 * w; }
  }
}
