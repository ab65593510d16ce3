// Shared shapes of lib/segment: one float image type and one label type, both C order, X fastest.
import type { Volume } from '../imaging';

/** `[z, y, x]`; a 2D image has `z = 1` and `ndim = 2`. */
export type Shape3 = readonly [number, number, number];

/** A single-channel float image, 2D (`z = 1`) or 3D. */
export interface FloatImage {
  readonly shape: Shape3;
  readonly ndim: 2 | 3;
  readonly data: Float32Array;
}

/** An instance label image: 0 background, 1…count one id per object. */
export interface Labels {
  readonly shape: Shape3;
  readonly ndim: 2 | 3;
  readonly data: Int32Array;
  /** Number of objects (the largest id). */
  readonly count: number;
}

/** Progress callback: `fraction` in [0, 1] and the step being done. */
export type OnProgress = (fraction: number, step: string) => void;

/** View any decoded volume as float32 (copies unless it already is float32). */
export function toFloatImage(volume: Volume | FloatImage | { shape: Shape3; ndim: 2 | 3; data: ArrayLike<number> }): FloatImage {
  const data = volume.data instanceof Float32Array ? volume.data : Float32Array.from(volume.data);
  return { shape: [volume.shape[0], volume.shape[1], volume.shape[2]], ndim: volume.ndim, data };
}

/** Number of samples of a shape. */
export function sizeOf(shape: Shape3): number {
  return shape[0] * shape[1] * shape[2];
}

/**
 * The axes a filter runs along, as `[length, stride]` pairs: X, Y and, for 3D images, Z.
 * A 2D image never mixes slices.
 */
export function axesOf(shape: Shape3, ndim: 2 | 3): [number, number][] {
  const [z, y, x] = shape;
  const axes: [number, number][] = [
    [x, 1],
    [y, x],
  ];
  if (ndim === 3 && z > 1) axes.push([z, x * y]);
  return axes;
}

/**
 * Call `fn(start)` for the first sample of every line along an axis with the given stride.
 * Lines along X start at every row; along Y at every (plane, x); along Z at every (y, x).
 */
export function forEachLine(shape: Shape3, stride: number, fn: (start: number) => void): void {
  const [z, y, x] = shape;
  if (stride === 1) {
    for (let s = 0; s < z * y * x; s += x) fn(s);
  } else if (stride === x) {
    for (let k = 0; k < z; k++) for (let i = 0; i < x; i++) fn(k * y * x + i);
  } else {
    for (let i = 0; i < y * x; i++) fn(i);
  }
}
