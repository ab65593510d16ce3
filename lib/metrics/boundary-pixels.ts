import type { LabelArray } from './types';

/** Inclusive box `[minZ, minY, minX, maxZ, maxY, maxX]`. */
export type Box = readonly [number, number, number, number, number, number];

/**
 * Linear indices of the boundary pixels of a region: pixels of the region with at least one face
 * neighbour (4-connected in 2D, 6-connected in 3D) outside the region or outside the image. This is
 * `mask & ~binary_erosion(mask, border_value=0)` in scipy terms.
 * @param data - Label image in C order.
 * @param zyx - Image shape `[z, y, x]` (z = 1 for 2D).
 * @param box - Bounding box of the region (only this box is scanned).
 * @param label - The region's label, or −1 for the whole foreground (label ≠ 0).
 * @returns Ascending linear indices of the boundary pixels.
 */
export function boundaryPixels(
  data: LabelArray,
  zyx: readonly [number, number, number],
  box: Box,
  label: number,
): Int32Array {
  const [nz, ny, nx] = zyx;
  const plane = ny * nx;
  const out: number[] = [];
  const fg = label < 0;
  for (let z = box[0]; z <= box[3]; z++) {
    for (let y = box[1]; y <= box[4]; y++) {
      const row = z * plane + y * nx;
      for (let x = box[2]; x <= box[5]; x++) {
        const i = row + x;
        const v = data[i]!;
        if (fg ? v === 0 : v !== label) continue;
        let edge =
          x === 0 || x === nx - 1 || y === 0 || y === ny - 1 || (nz > 1 && (z === 0 || z === nz - 1));
        if (!edge) {
          edge = fg
            ? data[i - 1] === 0 || data[i + 1] === 0 || data[i - nx] === 0 || data[i + nx] === 0
            : data[i - 1] !== label || data[i + 1] !== label || data[i - nx] !== label || data[i + nx] !== label;
        }
        if (!edge && nz > 1) {
          edge = fg
            ? data[i - plane] === 0 || data[i + plane] === 0
            : data[i - plane] !== label || data[i + plane] !== label;
        }
        if (edge) out.push(i);
      }
    }
  }
  return Int32Array.from(out);
}
