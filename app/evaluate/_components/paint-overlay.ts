import { OVERLAY_CLASS } from './overlay-classes';

/** RGB per overlay class: Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. */
export const OVERLAY_PALETTE: Readonly<Record<keyof typeof OVERLAY_CLASS, readonly [number, number, number]>> = {
  background: [245, 245, 245],
  tp: [0, 158, 115], // bluish green #009E73
  fp: [204, 121, 167], // reddish purple #CC79A7
  fn: [230, 159, 0], // orange #E69F00
};

const ORDER = ['background', 'tp', 'fp', 'fn'] as const;

/**
 * RGBA pixels of one z slice of the overlay, ready for `new ImageData(pixels, x, y)`.
 * @param classes - Overlay classes for the whole `[z, y, x]` volume.
 * @param shape - `[z, y, x]`.
 * @param z - Slice index.
 * @returns `y * x * 4` bytes.
 * @throws RangeError when `z` is outside the volume or `classes` does not fit the shape.
 */
export function paintOverlay(classes: Uint8Array, shape: readonly [number, number, number], z: number): Uint8ClampedArray<ArrayBuffer> {
  const [nz, ny, nx] = shape;
  if (classes.length !== nz * ny * nx) throw new RangeError(`overlay has ${classes.length} values, expected ${nz * ny * nx} for shape [${shape.join(', ')}]`);
  if (!(Number.isInteger(z) && z >= 0 && z < nz)) throw new RangeError(`slice must be an integer in [0, ${nz - 1}], got ${z}`);
  const plane = ny * nx;
  const out = new Uint8ClampedArray(plane * 4);
  for (let i = 0; i < plane; i++) {
    const rgb = OVERLAY_PALETTE[ORDER[classes[z * plane + i]!] ?? 'background'];
    out[4 * i] = rgb[0];
    out[4 * i + 1] = rgb[1];
    out[4 * i + 2] = rgb[2];
    out[4 * i + 3] = 255;
  }
  return out;
}
