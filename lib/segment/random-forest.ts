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
 * Class probabilities (mean of the trees' leaf frequencies) for pixels `from`…`to − 1`.
 * @param out - class-major output, `out[c * pixels + p]`, length classes × pixels
 */
export function predictForest(forest: Forest, x: Uint8Array, pixels: number, out: Float32Array, from = 0, to = pixels): void {
  const { classes: C, features: F, trees } = forest;
  const w = 1 / trees.length;
  // Tree by tree over blocks of pixels: one tree's arrays stay hot while it sorts a whole block.
  const BLOCK = 4096;
  const acc = new Float32Array(BLOCK * C);
  for (let start = from; start < to; start += BLOCK) {
    const end = Math.min(to, start + BLOCK);
    acc.fill(0);
    for (const tree of trees) {
      const { feature, threshold, left, right, value } = tree;
      for (let p = start; p < end; p++) {
        const base = p * F;
        let k = 0;
        let f = feature[0]!;
        while (f >= 0) {
          k = x[base + f]! <= threshold[k]! ? left[k]! : right[k]!;
          f = feature[k]!;
        }
        const a = (p - start) * C;
        const v = k * C;
        for (let c = 0; c < C; c++) acc[a + c]! += value[v + c]!;
      }
    }
    for (let p = start; p < end; p++) {
      const a = (p - start) * C;
      for (let c = 0; c < C; c++) out[c * pixels + p] = acc[a + c]! * w;
    }
  }
}
