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

/** Lines gathered per block for strided axes (so memory is read row by row, not column by column). */
const BLOCK = 32;

/**
 * Call `fn(line)` on every 1D line of `data` along axis 0 (z), 1 (y) or 2 (x); `fn` reads and
 * writes the line in place (`line.length` samples). X lines are views; Y and Z lines are gathered in
 * blocks of adjacent lines into a scratch buffer and scattered back, which keeps memory access
 * sequential and makes strided passes as fast as X passes.
 */
export function mapLines(data: Float32Array, shape: Shape3, axis: 0 | 1 | 2, fn: (line: Float32Array) => void): void {
  const [Z, Y, X] = shape;
  if (axis === 2) {
    for (let s = 0; s < Z * Y * X; s += X) fn(data.subarray(s, s + X));
    return;
  }
  const n = axis === 1 ? Y : Z;
  const stride = axis === 1 ? X : X * Y;
  // Groups: for Y, each plane is a group of X adjacent lines; for Z, the whole volume is one group of X·Y lines.
  const groups = axis === 1 ? Z : 1;
  const width = stride;
  const block = new Float32Array(BLOCK * n);
  for (let g = 0; g < groups; g++) {
    const base = g * Y * X;
    for (let c0 = 0; c0 < width; c0 += BLOCK) {
      const b = Math.min(BLOCK, width - c0);
      for (let i = 0; i < n; i++) {
        const row = base + i * stride + c0;
        for (let k = 0; k < b; k++) block[k * n + i] = data[row + k]!;
      }
      for (let k = 0; k < b; k++) fn(block.subarray(k * n, (k + 1) * n));
      for (let i = 0; i < n; i++) {
        const row = base + i * stride + c0;
        for (let k = 0; k < b; k++) data[row + k] = block[k * n + i]!;
      }
    }
  }
}

/**
 * A strided axis (1 y or 0 z) seen as stacks of rows: `groups` stacks (one per plane for Y, one for the
 * whole volume for Z) of `n` rows, `stride` samples apart, each `stride` samples long. Filters along
 * such an axis then work on whole contiguous rows (every column at once) instead of gathering lines.
 */
export function rowStacks(shape: Shape3, axis: 0 | 1): { groups: number; n: number; stride: number } {
  const [Z, Y, X] = shape;
  return axis === 1 ? { groups: Z, n: Y, stride: X } : { groups: 1, n: Z, stride: X * Y };
}

/** Columns per chunk of a row-stack pass: the chunk's n rows (about 128 KB of float32) stay in cache. */
export function chunkWidth(n: number, stride: number): number {
  return Math.min(stride, Math.max(64, Math.floor((1 << 15) / n)));
}

/** The axes (0 z, 1 y, 2 x) a filter runs along: X, Y and, for 3D stacks, Z. */
export function filterAxes(shape: Shape3, ndim: 2 | 3): (0 | 1 | 2)[] {
  const axes: (0 | 1 | 2)[] = [];
  if (shape[2] > 1) axes.push(2);
  if (shape[1] > 1) axes.push(1);
  if (ndim === 3 && shape[0] > 1) axes.push(0);
  return axes;
}
