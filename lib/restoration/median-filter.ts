import type { Grid } from './convolve';
import { reflectIndex } from './gaussian-filter';

/**
 * Median filtering over a cube (or square, in 2D) of side 2·radius + 1 with SciPy's 'reflect'
 * boundary: `scipy.ndimage.median_filter(x, size=2r+1, mode='reflect')` (size 1 along Z for 2D).
 * Robust to salt-and-pepper and shot-noise outliers, but flattens thin structures.
 *
 * @param image - `[z, y, x]` grid
 * @param radius - half-width in voxels (integer ≥ 1)
 * @param ndim - 2 filters each plane alone @default 3 when z > 1
 * @returns a new Float32Array
 * @throws RangeError for a radius that is not a positive integer
 */
export function medianFilter(image: Grid, radius: number, ndim: 2 | 3 = image.shape[0] > 1 ? 3 : 2): Float32Array {
  if (!Number.isInteger(radius) || radius < 1) throw new RangeError(`median radius must be an integer ≥ 1, got ${radius}`);
  const [Z, Y, X] = image.shape;
  const rz = ndim === 2 ? 0 : radius;
  const window = new Float64Array((2 * rz + 1) * (2 * radius + 1) ** 2);
  const out = new Float32Array(Z * Y * X);
  const mid = (window.length - 1) / 2;
  for (let z = 0; z < Z; z++) {
    for (let y = 0; y < Y; y++) {
      for (let x = 0; x < X; x++) {
        let n = 0;
        for (let dz = -rz; dz <= rz; dz++) {
          const zz = reflectIndex(z + dz, Z);
          for (let dy = -radius; dy <= radius; dy++) {
            const row = (zz * Y + reflectIndex(y + dy, Y)) * X;
            for (let dx = -radius; dx <= radius; dx++) window[n++] = image.data[row + reflectIndex(x + dx, X)]!;
          }
        }
        out[(z * Y + y) * X + x] = select(window, mid);
      }
    }
  }
  return out;
}

/** The k-th smallest value (Hoare's quickselect; reorders `a`). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}
