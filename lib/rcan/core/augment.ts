import { randomInt, type Random } from './create-random';

/** A patch as a flat row-major array with its shape, ZYX (3D) or YX (2D). */
export interface PatchArray {
  data: Float32Array;
  shape: number[];
}

/** The transform chosen for one sample; applied identically to raw and ground truth. */
export interface AugmentTransform {
  /** Number of 90° rotations in the Y–X plane, 0–3. */
  k: number;
  /** 3D: flip Y (after the rotation). 2D: flip X. */
  flipInPlane: boolean;
  /** 3D only: flip Z. Always false in 2D. */
  flipZ: boolean;
}

/**
 * Draw a random transform the way the original `rotate_and_flip` does (rcan-spec §2.8): k uniform in
 * 0–3, then a Y flip (3D) or X flip (2D) with p = 0.5, then (3D only) a Z flip with p = 0.5.
 * @param ndim - 2 or 3.
 * @param random - Seeded generator; draws happen in the order k, in-plane flip, Z flip.
 */
export function drawAugmentTransform(ndim: number, random: Random): AugmentTransform {
  const k = randomInt(random, 4);
  const flipInPlane = random() < 0.5;
  const flipZ = ndim === 3 ? random() < 0.5 : false;
  return { k, flipInPlane, flipZ };
}

/**
 * Apply a transform: rot90 in Y–X (`numpy.rot90(a, k, axes=(-2, -1))`), then the 3D Y flip / 2D X flip,
 * then the 3D Z flip. Returns a new array; the input is not modified.
 * @param patch - ZYX or YX patch.
 * @param transform - From {@link drawAugmentTransform}.
 * @returns The transformed patch (Y and X sizes swap for odd k).
 */
export function augment(patch: PatchArray, transform: AugmentTransform): PatchArray {
  let out = rot90(patch, transform.k);
  const ndim = patch.shape.length;
  // Axis 1 is Y in ZYX and X in YX: the original flips Y in 3D and X (fliplr) in 2D.
  if (transform.flipInPlane) out = flip(out, 1);
  if (transform.flipZ && ndim === 3) out = flip(out, 0);
  return out;
}

/**
 * Rotate by k·90° in the plane of the last two axes, exactly like `numpy.rot90(a, k, axes=(-2, -1))`:
 * for k = 1, `out[..., i, j] = a[..., j, X-1-i]`.
 * @param patch - Array whose last two axes are Y and X.
 * @param k - Any integer; taken modulo 4.
 * @returns A new patch of shape [..., X, Y] for odd k.
 */
export function rot90(patch: PatchArray, k: number): PatchArray {
  const turns = ((k % 4) + 4) % 4;
  const { data, shape } = patch;
  const ny = shape[shape.length - 2] ?? 1;
  const nx = shape[shape.length - 1] ?? 1;
  const slices = data.length / (ny * nx);
  if (turns === 0) return { data: data.slice(), shape: [...shape] };
  const outShape = [...shape];
  if (turns % 2 === 1) {
    outShape[shape.length - 2] = nx;
    outShape[shape.length - 1] = ny;
  }
  const oy = outShape[shape.length - 2] ?? 1;
  const ox = outShape[shape.length - 1] ?? 1;
  const out = new Float32Array(data.length);
  for (let s = 0; s < slices; s++) {
    const base = s * ny * nx;
    for (let i = 0; i < oy; i++) {
      for (let j = 0; j < ox; j++) {
        // Source (y, x) of output (i, j), from numpy's rot90 = flip + transpose.
        let y: number;
        let x: number;
        if (turns === 1) {
          y = j;
          x = nx - 1 - i;
        } else if (turns === 2) {
          y = ny - 1 - i;
          x = nx - 1 - j;
        } else {
          y = ny - 1 - j;
          x = i;
        }
        out[base + i * ox + j] = data[base + y * nx + x] ?? 0;
      }
    }
  }
  return { data: out, shape: outShape };
}

/**
 * Reverse the order along one axis (`numpy.flip(a, axis)`).
 * @param patch - Any row-major array.
 * @param axis - Axis index, 0-based.
 * @returns A new patch.
 */
export function flip(patch: PatchArray, axis: number): PatchArray {
  const { data, shape } = patch;
  const n = shape[axis] ?? 1;
  let inner = 1;
  for (let a = axis + 1; a < shape.length; a++) inner *= shape[a] ?? 1;
  const outer = data.length / (n * inner);
  const out = new Float32Array(data.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) {
      const src = (o * n + i) * inner;
      const dst = (o * n + (n - 1 - i)) * inner;
      out.set(data.subarray(src, src + inner), dst);
    }
  }
  return { data: out, shape: [...shape] };
}
