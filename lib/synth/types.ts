/**
 * Output types of lib/synth. They have the same fields as lib/imaging's `Volume` (lib/synth imports
 * nothing, per ARCHITECTURE.md), so a phantom can be passed wherever a `Volume` is expected.
 */
export interface SynthVolume<T extends Float32Array | Uint16Array = Float32Array> {
  /** `[z, y, x]`; z = 1 for 2D. */
  readonly shape: readonly [number, number, number];
  readonly ndim: 2 | 3;
  readonly dtype: T extends Float32Array ? 'float32' : 'uint16';
  readonly data: T;
}

/** `[y, x]` for a 2D image or `[z, y, x]` for a stack. */
export type ShapeInput = readonly [number, number] | readonly [number, number, number];

/** Resolve a {@link ShapeInput} to `[z, y, x]` and ndim, checking it. */
export function resolveShape(shape: ShapeInput): { zyx: [number, number, number]; ndim: 2 | 3 } {
  const zyx: [number, number, number] = shape.length === 2 ? [1, shape[0], shape[1]] : [shape[0], shape[1], shape[2]];
  if (zyx.some((d) => !Number.isInteger(d) || d < 1)) throw new RangeError(`shape must hold positive integers, got [${shape.join(', ')}]`);
  return { zyx, ndim: shape.length === 2 ? 2 : 3 };
}

/** Wrap data as a float32 {@link SynthVolume}. */
export function floatVolume(data: Float32Array, zyx: [number, number, number], ndim: 2 | 3): SynthVolume {
  return { shape: zyx, ndim, dtype: 'float32', data };
}
