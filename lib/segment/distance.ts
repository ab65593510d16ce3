// Squared Euclidean distance transform and parabolic erosion (Felzenszwalb & Huttenlocher 2012):
// per line, the lower envelope of parabolas (x − q)²·s² + f(q); one pass per axis, with strided axes
// gathered in blocks (mapLines) so a 2048² image or a 64×512×512 stack is read sequentially. The
// distance transform of a mask (squaredDistanceTransform) replaces the first pass by a row scan.
import { filterAxes, mapLines, rowStacks, type Shape3 } from './types';

/**
 * In place: on input `data` holds 0 at seeds and `Infinity` elsewhere (or any sampled function);
 * on output, min over q of f(q) + |p − q|² in units of `spacing` (`[z, y, x]`).
 */
export function lowerEnvelope(data: Float32Array, shape: Shape3, ndim: 2 | 3, spacing: readonly [number, number, number] = [1, 1, 1]): void {
  const longest = Math.max(...shape);
  const f = new Float64Array(longest);
  const v = new Int32Array(longest);
  const z = new Float64Array(longest + 1);
  for (const axis of filterAxes(shape, ndim)) {
    const s2 = spacing[axis] * spacing[axis];
    mapLines(data, shape, axis, (line) => envelopeLine(line, s2, f, v, z));
  }
}

function envelopeLine(line: Float32Array, s2: number, f: Float64Array, v: Int32Array, z: Float64Array): void {
  const n = line.length;
  let k = -1;
  for (let q = 0; q < n; q++) {
    const fq = line[q]!;
    f[q] = fq;
    if (fq === Infinity) continue;
    let s = -Infinity;
    while (k >= 0) {
      const p = v[k]!;
      s = (fq + s2 * q * q - (f[p]! + s2 * p * p)) / (2 * s2 * (q - p));
      if (s <= z[k]!) k--;
      else break;
    }
    k++;
    v[k] = q;
    z[k] = k === 0 ? -Infinity : s;
    z[k + 1] = Infinity;
  }
  if (k < 0) return;
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const p = v[k]!;
    line[q] = s2 * (q - p) * (q - p) + f[p]!;
  }
}

/**
 * Squared Euclidean distance of every foreground pixel (nonzero in `mask`) to the nearest background
 * pixel; background 0, and `Infinity` where the passes find no background (the same as
 * {@link lowerEnvelope} on 0 / ∞). On a unit grid whose squared side lengths sum to less than 2²⁴
 * (up to 2896² in 2D), every value on the way is an exact float32 integer, so the result is the exact
 * EDT whatever the order of the passes: the first pass is then a plain nearest-background scan along
 * the slowest axis on whole rows (Z in 3D, Y in 2D), which needs no gathering of strided lines, and
 * only the remaining axes need the parabola envelope. Other voxel sizes run {@link lowerEnvelope}.
 */
export function squaredDistanceTransform(
  mask: ArrayLike<number>,
  shape: Shape3,
  ndim: 2 | 3,
  spacing: readonly [number, number, number] = [1, 1, 1],
): Float32Array {
  const n = shape[0] * shape[1] * shape[2];
  const out = new Float32Array(n);
  const axes = filterAxes(shape, ndim);
  const unit = axes.every((a) => spacing[a] === 1);
  const [Z, Y, X] = shape;
  if (!unit || Z * Z + Y * Y + X * X >= 1 << 24 || axes.length < 2) {
    for (let i = 0; i < n; i++) out[i] = mask[i] ? Infinity : 0;
    lowerEnvelope(out, shape, ndim, spacing);
    return out;
  }
  // First pass along the slowest filtered axis (Z for a stack, else Y), one row of columns at a time.
  const first = axes[axes.length - 1] as 0 | 1;
  const { groups, n: lines, stride } = rowStacks(shape, first);
  for (let g = 0; g < groups; g++) {
    const base = g * lines * stride;
    // Forward: steps since the last background sample (Infinity before the first).
    for (let x = base; x < base + stride; x++) out[x] = mask[x] ? Infinity : 0;
    for (let i = 1; i < lines; i++) {
      const row = base + i * stride;
      for (let x = row; x < row + stride; x++) out[x] = mask[x] ? out[x - stride]! + 1 : 0;
    }
    // Backward: the nearer of the two sides; a row is squared once the row above no longer needs it.
    for (let i = lines - 2; i >= 0; i--) {
      const row = base + i * stride;
      for (let x = row; x < row + stride; x++) {
        const below = out[x + stride]!;
        if (below + 1 < out[x]!) out[x] = below + 1;
        out[x + stride] = below * below;
      }
    }
    for (let x = base; x < base + stride; x++) out[x] = out[x]! * out[x]!;
  }
  const f = new Float64Array(Math.max(...shape));
  const v = new Int32Array(f.length);
  const z = new Float64Array(f.length + 1);
  for (const axis of axes.slice(0, -1)) mapLines(out, shape, axis, (line) => maskEnvelopeLine(line, f, v, z));
  return out;
}

/**
 * {@link envelopeLine} on a unit grid for a line whose zeros are exactly the background: a zero stays
 * zero, and a zero inside a run of zeros is never the nearest site of any other sample (the run's
 * ends are nearer), so only the ends of each run enter the envelope. Same exact values, far fewer
 * parabolas on a mostly-background line.
 */
function maskEnvelopeLine(line: Float32Array, f: Float64Array, v: Int32Array, z: Float64Array): void {
  const n = line.length;
  let k = -1;
  for (let q = 0; q < n; q++) {
    const fq = line[q]!;
    f[q] = fq;
    if (fq === Infinity) continue;
    if (fq === 0 && q > 0 && q < n - 1 && line[q - 1] === 0 && line[q + 1] === 0) continue;
    let s = -Infinity;
    while (k >= 0) {
      const p = v[k]!;
      s = (fq + q * q - (f[p]! + p * p)) / (2 * (q - p));
      if (s <= z[k]!) k--;
      else break;
    }
    k++;
    v[k] = q;
    z[k] = k === 0 ? -Infinity : s;
    z[k + 1] = Infinity;
  }
  if (k < 0) return;
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    if (f[q] === 0) continue;
    const p = v[k]!;
    line[q] = (q - p) * (q - p) + f[p]!;
  }
}
