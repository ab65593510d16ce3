import { asZyx, checkImage } from './check-images';
import type { LabelImage, MetricImage } from './types';

/**
 * Label the connected components of a mask's foreground (value ≠ 0) with face connectivity
 * (4-connected in 2D, 6-connected in 3D, like scipy's `ndimage.label` default). Components are
 * numbered 1, 2, … in raster order of their first pixel. Two passes with union–find.
 * @param mask - A binary (or any) image; every nonzero pixel is foreground.
 * @returns An Int32 label image of the same shape.
 * @throws RangeError for an invalid shape.
 */
export function labelComponents(mask: MetricImage): LabelImage {
  checkImage(mask, 'mask');
  const [nz, ny, nx] = asZyx(mask.shape);
  const plane = ny * nx;
  const src = mask.data;
  const out = new Int32Array(src.length);
  let parent = new Int32Array(1024);
  let next = 1;
  const find = (a: number): number => {
    let r = a;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[a] !== r) {
      const up = parent[a]!;
      parent[a] = r;
      a = up;
    }
    return r;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    // Keep the smaller root so that provisional labels stay in first-appearance order.
    if (ra < rb) {
      parent[rb] = ra;
      return ra;
    }
    parent[ra] = rb;
    return rb;
  };
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (src[i] === 0) continue;
        let label = 0;
        if (x > 0 && out[i - 1] !== 0) label = out[i - 1]!;
        if (y > 0 && out[i - nx] !== 0) label = label === 0 ? out[i - nx]! : union(label, out[i - nx]!);
        if (z > 0 && out[i - plane] !== 0) label = label === 0 ? out[i - plane]! : union(label, out[i - plane]!);
        if (label === 0) {
          if (next === parent.length) {
            const grown = new Int32Array(parent.length * 2);
            grown.set(parent);
            parent = grown;
          }
          parent[next] = next;
          label = next++;
        }
        out[i] = label;
      }
    }
  }
  // Roots are the smallest provisional label of their component, so numbering roots in increasing
  // order numbers components by their first pixel.
  const final = new Int32Array(next);
  let count = 0;
  for (let k = 1; k < next; k++) {
    const r = find(k);
    if (r === k) final[k] = ++count;
  }
  for (let k = 1; k < next; k++) final[k] = final[find(k)]!;
  for (let i = 0; i < out.length; i++) if (out[i] !== 0) out[i] = final[out[i]!]!;
  return { data: out, shape: [...mask.shape] };
}
