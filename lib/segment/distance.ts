// Squared Euclidean distance transform and parabolic erosion (Felzenszwalb & Huttenlocher 2012):
// per line, the lower envelope of parabolas (x − q)²·s² + f(q); one pass per axis, with strided axes
// gathered in blocks (mapLines) so a 2048² image or a 64×512×512 stack is read sequentially.
import { filterAxes, mapLines, type Shape3 } from './types';

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
