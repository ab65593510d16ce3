// Splitting a foreground mask into objects: Euclidean distance transform, one seed per distance peak
// (at least `seedSpacing` apart), and a seeded watershed that floods from the peaks downhill.
import { labelComponents } from '../metrics';
import { squaredDistanceTransform } from './distance';
import { chunkWidth, filterAxes, rowStacks, sizeOf, type Labels, type Shape3 } from './types';

/** Options of {@link splitObjects}. */
export interface SplitOptions {
  /** Minimum distance in pixels between two seeds (Chebyshev, as `peak_local_max(min_distance=…)`). @default 5 */
  seedSpacing?: number;
  /** Objects with fewer pixels (voxels) than this are removed. @default 0 */
  minSize?: number;
  /** false: keep each connected component as one object, no watershed. @default true */
  watershed?: boolean;
  /** Voxel size `[z, y, x]` for the distance transform (anisotropic stacks). @default [1, 1, 1] */
  spacing?: readonly [number, number, number];
}

/** Seeds as flat indices and the squared distance map they were found on. */
export interface Seeds {
  indices: Int32Array;
  distance: Float32Array;
}

/**
 * Split a binary mask into objects.
 * @param mask - nonzero = foreground, C order over `shape`
 * @returns instance labels, 1…count in raster order of each object's first pixel
 */
export function splitObjects(mask: ArrayLike<number>, shape: Shape3, ndim: 2 | 3, options: SplitOptions = {}): Labels {
  const n = sizeOf(shape);
  if (mask.length !== n) throw new RangeError(`mask has ${mask.length} values but shape [${shape.join(', ')}] needs ${n}`);
  const components = labelComponents({ data: mask as Uint8Array, shape: ndim === 2 ? [shape[1], shape[2]] : [...shape] });
  let labels: Int32Array;
  if (options.watershed === false) {
    labels = components.data as Int32Array;
  } else {
    const seeds = findSeeds(mask, components.data as Int32Array, shape, ndim, options);
    labels = seededWatershed(seeds, mask, shape, ndim);
  }
  return relabel(labels, shape, ndim, options.minSize ?? 0);
}

/**
 * Seeds for the watershed: maxima of the distance map within a (2·spacing+1) box, taken from the highest
 * down and dropped when an accepted seed of the same connected component lies within `seedSpacing`
 * (Chebyshev). Every component gets at least one seed (its deepest pixel).
 */
export function findSeeds(
  mask: ArrayLike<number>,
  components: Int32Array,
  shape: Shape3,
  ndim: 2 | 3,
  options: SplitOptions = {},
): Seeds {
  const n = sizeOf(shape);
  const spacing = Math.max(1, Math.round(options.seedSpacing ?? 5));
  const vox = options.spacing ?? [1, 1, 1];
  const dist = squaredDistanceTransform(mask, shape, ndim, [ndim === 3 ? vox[0] : 1, vox[1], vox[2]]);
  // A mask with no background at all: every pixel is "infinitely" deep; use a flat map.
  for (let i = 0; i < n; i++) if (dist[i] === Infinity) dist[i] = 1;
  const order = sortCandidates(dist, localMaxima(dist, shape, ndim, spacing));

  const [, Y, X] = shape;
  const plane = X * Y;
  const cell = spacing + 1;
  const cx = Math.ceil(X / cell) + 2;
  const cy = Math.ceil(Y / cell) + 2;
  // Accepted seeds per grid cell of side spacing + 1, so a clash check looks at 3×3(×3) cells only.
  const grid = new Map<number, number[]>();
  const accepted: number[] = [];
  let maxComponent = 0;
  for (let i = 0; i < n; i++) if (components[i]! > maxComponent) maxComponent = components[i]!;
  const seeded = new Uint8Array(maxComponent + 1);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const z = Math.floor(i / plane);
    const y = Math.floor((i - z * plane) / X);
    const x = i - z * plane - y * X;
    const gz = Math.floor(z / cell) + 1;
    const gy = Math.floor(y / cell) + 1;
    const gx = Math.floor(x / cell) + 1;
    const comp = components[i]!;
    let clash = false;
    for (let dz = -1; dz <= 1 && !clash; dz++) {
      for (let dy = -1; dy <= 1 && !clash; dy++) {
        for (let dx = -1; dx <= 1 && !clash; dx++) {
          const list = grid.get(((gz + dz) * cy + gy + dy) * cx + gx + dx);
          if (!list) continue;
          for (const j of list) {
            if (components[j] !== comp) continue;
            const jz = Math.floor(j / plane);
            const jy = Math.floor((j - jz * plane) / X);
            const jx = j - jz * plane - jy * X;
            if (Math.abs(jz - z) <= spacing && Math.abs(jy - y) <= spacing && Math.abs(jx - x) <= spacing) {
              clash = true;
              break;
            }
          }
        }
      }
    }
    if (clash) continue;
    const key = (gz * cy + gy) * cx + gx;
    const list = grid.get(key);
    if (list) list.push(i);
    else grid.set(key, [i]);
    accepted.push(i);
    seeded[comp] = 1;
  }
  // Components without a seed (thin or overshadowed): seed their deepest pixel.
  const deepest = new Int32Array(maxComponent + 1).fill(-1);
  for (let i = 0; i < n; i++) {
    const c = components[i]!;
    if (c === 0 || seeded[c]) continue;
    const d = deepest[c]!;
    if (d < 0 || dist[i]! > dist[d]!) deepest[c] = i;
  }
  for (let c = 1; c <= maxComponent; c++) if (deepest[c]! >= 0) accepted.push(deepest[c]!);
  return { indices: Int32Array.from(accepted), distance: dist };
}

/**
 * Maximum over a (2r+1)^ndim box, in place: {@link boxFilter}'s van Herk passes specialised to the
 * distance map, whose values are never NaN or −0, so a plain comparison gives exactly `Math.max`.
 */
export function boxMax(data: Float32Array, shape: Shape3, ndim: 2 | 3, r: number): void {
  for (const axis of filterAxes(shape, ndim)) {
    if (axis === 2) boxMaxLines(data, shape[2], r);
    else boxMaxRows(data, shape, axis, r);
  }
}

/** {@link boxMax} along Y or Z: the rows of a chunk of columns are processed together. */
function boxMaxRows(data: Float32Array, shape: Shape3, axis: 0 | 1, r: number): void {
  const w = 2 * r + 1;
  const { groups, n, stride } = rowStacks(shape, axis);
  const len = n + 2 * r;
  const cw0 = chunkWidth(len, stride);
  const g = new Float32Array(len * cw0);
  const h = new Float32Array(len * cw0);
  for (let grp = 0; grp < groups; grp++) {
    const base = grp * n * stride;
    for (let c0 = 0; c0 < stride; c0 += cw0) {
      const cw = Math.min(cw0, stride - c0);
      // g: running maximum from the start of each block of w samples; h: from its end (padding −∞).
      for (let i = 0, phase = 0; i < len; i++, phase = phase === w - 1 ? 0 : phase + 1) {
        const src = base + (i - r) * stride + c0;
        const o = i * cw;
        if (i < r || i >= r + n) {
          if (phase === 0) g.fill(-Infinity, o, o + cw);
          else g.copyWithin(o, o - cw, o);
        } else if (phase === 0) {
          for (let x = 0; x < cw; x++) g[o + x] = data[src + x]!;
        } else {
          for (let x = 0; x < cw; x++) {
            const u = g[o - cw + x]!;
            const v = data[src + x]!;
            g[o + x] = u > v ? u : v;
          }
        }
      }
      for (let i = len - 1, phase = (len - 1) % w; i >= 0; i--, phase = phase === 0 ? w - 1 : phase - 1) {
        const src = base + (i - r) * stride + c0;
        const o = i * cw;
        const restart = i === len - 1 || phase === w - 1;
        if (i < r || i >= r + n) {
          if (restart) h.fill(-Infinity, o, o + cw);
          else h.copyWithin(o, o + cw, o + 2 * cw);
        } else if (restart) {
          for (let x = 0; x < cw; x++) h[o + x] = data[src + x]!;
        } else {
          for (let x = 0; x < cw; x++) {
            const u = h[o + cw + x]!;
            const v = data[src + x]!;
            h[o + x] = u > v ? u : v;
          }
        }
      }
      for (let i = 0; i < n; i++) {
        const dst = base + i * stride + c0;
        const a = i * cw;
        const b = (i + w - 1) * cw;
        for (let x = 0; x < cw; x++) {
          const u = h[a + x]!;
          const v = g[b + x]!;
          data[dst + x] = u > v ? u : v;
        }
      }
    }
  }
}

/** {@link boxMax} along X, line by line: running maxima over blocks of w samples from both ends. */
function boxMaxLines(data: Float32Array, n: number, r: number): void {
  const w = 2 * r + 1;
  const len = n + 2 * r;
  const pad = new Float32Array(len);
  const g = new Float32Array(len);
  const h = new Float32Array(len);
  pad.fill(-Infinity);
  for (let s = 0; s < data.length; s += n) {
    pad.set(data.subarray(s, s + n), r);
    for (let b = 0; b < len; b += w) {
      const e = b + w < len ? b + w : len;
      let m = -Infinity;
      for (let i = b; i < e; i++) {
        const v = pad[i]!;
        m = m > v ? m : v;
        g[i] = m;
      }
      m = -Infinity;
      for (let i = e - 1; i >= b; i--) {
        const v = pad[i]!;
        m = m > v ? m : v;
        h[i] = m;
      }
    }
    for (let i = 0; i < n; i++) {
      const u = h[i]!;
      const v = g[i + w - 1]!;
      data[s + i] = u > v ? u : v;
    }
  }
}

/**
 * Raster-order indices of the pixels with dist > 0 that equal the maximum of dist over their
 * (2r+1)^ndim box (clipped at the border), which is what comparing with the {@link boxMax} image
 * gives: the box maximum is taken along every axis but the slowest, and along that one it is checked
 * only at the pixels that are still maxima, stopping at the first larger value.
 */
export function localMaxima(dist: Float32Array, shape: Shape3, ndim: 2 | 3, r: number): Int32Array {
  const n = dist.length;
  const axes = filterAxes(shape, ndim);
  const partial = new Float32Array(dist);
  const last = axes.pop();
  for (const axis of axes) {
    if (axis === 2) boxMaxLines(partial, shape[2], r);
    else boxMaxRows(partial, shape, axis, r);
  }
  const [, Y, X] = shape;
  const plane = X * Y;
  const stride = last === 0 ? plane : last === 1 ? X : 1;
  const N = last === undefined ? 1 : shape[last];
  let out = new Int32Array(1024);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const d = dist[i]!;
    if (!(d > 0) || partial[i]! > d) continue;
    const c = last === 0 ? Math.floor(i / plane) : last === 1 ? Math.floor((i % plane) / X) : last === 2 ? i % X : 0;
    const lo = c - r < 0 ? 0 : c - r;
    const hi = c + r > N - 1 ? N - 1 : c + r;
    let peak = true;
    for (let j = lo, q = i + (lo - c) * stride; j <= hi; j++, q += stride) {
      if (partial[q]! > d) {
        peak = false;
        break;
      }
    }
    if (!peak) continue;
    if (count === out.length) {
      const grown = new Int32Array(2 * count);
      grown.set(out);
      out = grown;
    }
    out[count++] = i;
  }
  return out.subarray(0, count);
}

/**
 * The candidates deepest first, ties in raster order. Squared distances on a unit grid are integers,
 * so a counting sort does it in O(n); other spacings fall back to a comparison sort.
 */
function sortCandidates(dist: Float32Array, candidates: Int32Array): Int32Array {
  let integral = true;
  let max = 0;
  for (const i of candidates) {
    const d = dist[i]!;
    if (d > max) max = d;
    if (integral && d !== Math.floor(d)) integral = false;
  }
  const out = new Int32Array(candidates.length);
  if (integral && max < 1 << 24) {
    const start = new Int32Array(max + 2);
    for (const i of candidates) start[max - dist[i]! + 1]!++;
    for (let v = 1; v < start.length; v++) start[v]! += start[v - 1]!;
    for (const i of candidates) out[start[max - dist[i]!]!++] = i;
    return out;
  }
  return Int32Array.from([...candidates].sort((a, b) => dist[b]! - dist[a]! || a - b));
}

/**
 * Marker-controlled watershed on the negated distance map, restricted to the mask: pixels are flooded
 * from the seeds in order of decreasing distance (a bucket queue with 16 levels per pixel of distance,
 * first in first out within a level), face connectivity. Each pixel takes the label of the seed whose
 * flood reaches it first.
 */
export function seededWatershed(seeds: Seeds, mask: ArrayLike<number>, shape: Shape3, ndim: 2 | 3): Int32Array {
  const [Z, Y, X] = shape;
  const n = sizeOf(shape);
  const { indices, distance } = seeds;
  const labels = new Int32Array(n);
  let maxD = 0;
  for (let i = 0; i < n; i++) if (distance[i]! > maxD) maxD = distance[i]!;
  const levels = Math.ceil(Math.sqrt(maxD) * 16) + 1;
  const top = levels - 1;
  // Bucket queue: per level a FIFO linked list through `next` (set when a pixel is queued; each pixel
  // is queued at most once, when it gets its label).
  const head = new Int32Array(levels).fill(-1);
  const tail = new Int32Array(levels).fill(-1);
  const next = new Int32Array(n);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    labels[i] = k + 1;
    const l = top - Math.min(top, Math.floor(Math.sqrt(distance[i]!) * 16));
    next[i] = -1;
    if (tail[l] === -1) head[l] = i;
    else next[tail[l]!] = i;
    tail[l] = i;
  }
  const plane = X * Y;
  const is3d = ndim === 3 && Z > 1;
  const nb = new Int32Array(6);
  for (let cur = 0; cur < levels; cur++) {
    while (head[cur] !== -1) {
      const p = head[cur]!;
      head[cur] = next[p]!;
      if (head[cur] === -1) tail[cur] = -1;
      const lab = labels[p]!;
      const z = is3d ? Math.floor(p / plane) : 0;
      const r = p - z * plane;
      const y = Math.floor(r / X);
      const x = r - y * X;
      let k = 0;
      if (x > 0) nb[k++] = p - 1;
      if (x < X - 1) nb[k++] = p + 1;
      if (y > 0) nb[k++] = p - X;
      if (y < Y - 1) nb[k++] = p + X;
      if (is3d) {
        if (z > 0) nb[k++] = p - plane;
        if (z < Z - 1) nb[k++] = p + plane;
      }
      for (let m = 0; m < k; m++) {
        const q = nb[m]!;
        if (labels[q] !== 0 || !mask[q]) continue;
        labels[q] = lab;
        // A neighbour deeper than the current level is flooded at the current level.
        const lq = top - Math.min(top, Math.floor(Math.sqrt(distance[q]!) * 16));
        const l = lq > cur ? lq : cur;
        next[q] = -1;
        if (tail[l] === -1) head[l] = q;
        else next[tail[l]!] = q;
        tail[l] = q;
      }
    }
  }
  return labels;
}

/** Remove objects smaller than `minSize` and renumber 1…count in raster order of first pixel. */
export function relabel(labels: Int32Array, shape: Shape3, ndim: 2 | 3, minSize: number): Labels {
  let max = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > max) max = labels[i]!;
  const sizes = new Int32Array(max + 1);
  for (let i = 0; i < labels.length; i++) sizes[labels[i]!]!++;
  const map = new Int32Array(max + 1).fill(-1);
  map[0] = 0;
  let count = 0;
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (v === 0) continue;
    if (map[v] === -1) map[v] = sizes[v]! >= minSize ? ++count : 0;
    out[i] = map[v]!;
  }
  return { shape, ndim, data: out, count };
}

/** Pixel count of every object, index = label − 1. */
export function objectSizes(labels: Labels): Int32Array {
  const sizes = new Int32Array(labels.count);
  for (const v of labels.data) if (v > 0) sizes[v - 1]!++;
  return sizes;
}
