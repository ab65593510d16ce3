/**
 * Shared types of the metrics module. Images are plain typed arrays in C order (x fastest) plus a
 * shape, so the module never depends on a decoder or a tensor library.
 */

/** Any typed array of pixel values. */
export type NumericArray =
  | Uint8Array
  | Uint8ClampedArray
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** Typed arrays accepted as label images: integer ids, 0 is background. */
export type LabelArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Int16Array | Int8Array;

/** A 2D (`[y, x]`) or 3D (`[z, y, x]`) image in C order (x varies fastest). */
export interface MetricImage<T extends NumericArray = NumericArray> {
  /** Pixel values, `shape` product long. */
  readonly data: T;
  /** `[y, x]` or `[z, y, x]`. */
  readonly shape: readonly number[];
}

/** A label image: each object (instance) or class has one positive integer id; 0 is background. */
export type LabelImage = MetricImage<LabelArray>;
