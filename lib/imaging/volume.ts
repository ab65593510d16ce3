/**
 * The plain-data image types every module exchanges: a single-channel {@link Volume} (Z, Y, X) and a
 * multi-channel {@link Hyperstack} (Z, C, Y, X). No tensors, no classes: they cross Web Worker and
 * `worker_threads` boundaries as structured clones, and `data.buffer` can be transferred.
 *
 * Layout is C order (row-major), X fastest. A 2D image is stored as Z = 1 with `ndim: 2`, so code
 * that loops over Z works unchanged while writers and the model still know it was 2D (3D-RCAN builds
 * a 2D model for 2D data, spec §2.3).
 */

/** Typed-array class for each supported sample type. */
export interface DtypeArrays {
  uint8: Uint8Array;
  uint16: Uint16Array;
  float32: Float32Array;
}

/** Sample types: the three bit depths 3D-RCAN reads and writes (`-b 8|16|32`, spec §3.9). */
export type Dtype = keyof DtypeArrays;

/** Any of the typed arrays a {@link Volume} may hold. */
export type VolumeData = DtypeArrays[Dtype];

/**
 * Physical voxel size. `unit` is free text as found in the file (`'micron'`, `'µm'`, `'nm'`);
 * {@link normalizeUnit} maps the common spellings of micrometre to `'µm'`.
 */
export interface Spacing {
  readonly z: number;
  readonly y: number;
  readonly x: number;
  readonly unit: string;
}

interface VolumeOf<D extends Dtype> {
  /** `[z, y, x]`; a 2D image has `z = 1`. */
  readonly shape: readonly [number, number, number];
  /** 2 for a YX image, 3 for a ZYX stack (a stack may have z = 1 and still be 3D). */
  readonly ndim: 2 | 3;
  readonly dtype: D;
  /** `z * y * x` samples, X fastest. */
  readonly data: DtypeArrays[D];
  /** Voxel size when the file recorded one. */
  readonly spacing?: Spacing;
}

/**
 * A single-channel 2D or 3D image. The union narrows on `dtype`, so `if (v.dtype === 'float32')`
 * gives `v.data` the type `Float32Array`.
 */
export type Volume<D extends Dtype = Dtype> = D extends Dtype ? VolumeOf<D> : never;

interface HyperstackOf<D extends Dtype> {
  /** `[z, c, y, x]`, ImageJ's plane order: all channels of slice 0, then slice 1, … */
  readonly shape: readonly [number, number, number, number];
  /** 2 for a multi-channel YX image, 3 for a multi-channel ZYX stack. */
  readonly ndim: 2 | 3;
  readonly dtype: D;
  /** `z * c * y * x` samples, X fastest, then Y, then C, then Z. */
  readonly data: DtypeArrays[D];
  readonly spacing?: Spacing;
  /** One name per channel, e.g. `['Raw', 'Restored', 'Ground Truth']`; used by the OME writer. */
  readonly channelNames?: readonly string[];
}

/** A multi-channel image in ImageJ hyperstack order (Z, C, Y, X): the shape 3D-RCAN writes (spec §3.10). */
export type Hyperstack<D extends Dtype = Dtype> = D extends Dtype ? HyperstackOf<D> : never;

/** Options for {@link createVolume}. */
export interface CreateVolumeOptions {
  /** @default 3 when `z > 1` or the shape has three entries, else 2 */
  ndim?: 2 | 3;
  spacing?: Spacing;
}

/**
 * Wrap a typed array as a {@link Volume}, checking that the length matches the shape.
 *
 * @param data - samples in Z, Y, X order; the dtype follows from the array class
 * @param shape - `[y, x]` for a 2D image or `[z, y, x]` for a stack
 * @param options - explicit `ndim` and voxel size
 * @returns a volume that shares `data` (no copy)
 * @throws RangeError when a dimension is not a positive integer or the length does not match
 * @throws TypeError for an unsupported array class
 */
export function createVolume<T extends VolumeData>(
  data: T,
  shape: readonly [number, number] | readonly [number, number, number],
  options: CreateVolumeOptions = {},
): Volume<DtypeOf<T>> {
  const zyx: [number, number, number] = shape.length === 2 ? [1, shape[0], shape[1]] : [shape[0], shape[1], shape[2]];
  checkShape(zyx, data.length);
  const ndim = options.ndim ?? (shape.length === 3 ? 3 : 2);
  if (ndim === 2 && zyx[0] !== 1) {
    throw new RangeError(`a 2D volume must have z = 1, got shape [${zyx.join(', ')}]`);
  }
  const volume = { shape: zyx, ndim, dtype: dtypeOf(data), data, ...(options.spacing ? { spacing: options.spacing } : {}) };
  return volume as unknown as Volume<DtypeOf<T>>;
}

/** The {@link Dtype} name of a typed-array class. */
export type DtypeOf<T extends VolumeData> = T extends Uint8Array ? 'uint8' : T extends Uint16Array ? 'uint16' : 'float32';

/**
 * The {@link Dtype} of a typed array.
 *
 * @throws TypeError for any other array class (Int16Array, Float64Array, plain arrays)
 */
export function dtypeOf<T extends VolumeData>(data: T): DtypeOf<T> {
  if (data instanceof Uint8Array) return 'uint8' as DtypeOf<T>;
  if (data instanceof Uint16Array) return 'uint16' as DtypeOf<T>;
  if (data instanceof Float32Array) return 'float32' as DtypeOf<T>;
  throw new TypeError(`volume data must be a Uint8Array, Uint16Array or Float32Array, got ${describe(data)}`);
}

/** Bytes per sample of a dtype. */
export function bytesPerSample(dtype: Dtype): 1 | 2 | 4 {
  return dtype === 'uint8' ? 1 : dtype === 'uint16' ? 2 : 4;
}

/**
 * Allocate a zero-filled typed array of a dtype.
 *
 * @param dtype - sample type
 * @param length - number of samples
 */
export function allocate<D extends Dtype>(dtype: D, length: number): DtypeArrays[D] {
  const arrays = { uint8: Uint8Array, uint16: Uint16Array, float32: Float32Array };
  return new arrays[dtype](length) as DtypeArrays[D];
}

/**
 * Stack single-channel volumes of one shape and dtype into a (Z, C, Y, X) hyperstack, the way
 * 3D-RCAN stacks `[raw, restored, gt]` before saving (spec §3.2, §3.10).
 *
 * @param channels - one volume per channel, all with the same shape, ndim and dtype
 * @param channelNames - optional names, one per channel
 * @returns a hyperstack holding a copy of the data; spacing comes from the first channel
 * @throws RangeError when the list is empty or shapes, ndim, dtypes or name counts differ
 */
export function stackChannels(channels: readonly Volume[], channelNames?: readonly string[]): Hyperstack {
  const first = channels[0];
  if (!first) throw new RangeError('stackChannels needs at least one channel, got none');
  const [z, y, x] = first.shape;
  for (const [i, v] of channels.entries()) {
    if (v.shape.join() !== first.shape.join() || v.ndim !== first.ndim || v.dtype !== first.dtype) {
      throw new RangeError(
        `channel ${i} is ${v.dtype} [${v.shape.join(', ')}] (${v.ndim}D) but channel 0 is ` +
          `${first.dtype} [${first.shape.join(', ')}] (${first.ndim}D); all channels must match`,
      );
    }
  }
  if (channelNames && channelNames.length !== channels.length) {
    throw new RangeError(`got ${channelNames.length} channel names for ${channels.length} channels`);
  }
  const c = channels.length;
  const plane = y * x;
  const out = allocate(first.dtype, z * c * plane);
  for (let zi = 0; zi < z; zi++) {
    for (let ci = 0; ci < c; ci++) {
      const src = channels[ci]!.data.subarray(zi * plane, (zi + 1) * plane);
      out.set(src, (zi * c + ci) * plane);
    }
  }
  const stack = {
    shape: [z, c, y, x] as const,
    ndim: first.ndim,
    dtype: first.dtype,
    data: out,
    ...(first.spacing ? { spacing: first.spacing } : {}),
    ...(channelNames ? { channelNames } : {}),
  };
  return stack as Hyperstack;
}

/**
 * Copy one channel out of a hyperstack.
 *
 * @param stack - a (Z, C, Y, X) hyperstack
 * @param channel - channel index, 0-based
 * @returns a new single-channel volume
 * @throws RangeError when the index is out of range
 */
export function hyperstackChannel(stack: Hyperstack, channel: number): Volume {
  const [z, c, y, x] = stack.shape;
  if (!Number.isInteger(channel) || channel < 0 || channel >= c) {
    throw new RangeError(`channel index must be an integer in [0, ${c - 1}], got ${channel}`);
  }
  const plane = y * x;
  const out = allocate(stack.dtype, z * plane);
  for (let zi = 0; zi < z; zi++) {
    const start = (zi * c + channel) * plane;
    out.set(stack.data.subarray(start, start + plane), zi * plane);
  }
  const volume = { shape: [z, y, x] as const, ndim: stack.ndim, dtype: stack.dtype, data: out, ...(stack.spacing ? { spacing: stack.spacing } : {}) };
  return volume as Volume;
}

/**
 * Map common spellings of micrometre (`micron`, `um`, `\u00B5m` as ImageJ escapes it) to `'µm'`;
 * other units pass through unchanged.
 */
export function normalizeUnit(unit: string): string {
  const u = unit.trim();
  if (/^(micron|microns|um|µm|μm|\\u00b5m|micrometer|micrometre)$/i.test(u)) return 'µm';
  return u;
}

function checkShape(shape: readonly number[], length: number): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 1) throw new RangeError(`every dimension must be a positive integer, got shape [${shape.join(', ')}]`);
  }
  const expected = shape.reduce((a, b) => a * b, 1);
  if (expected !== length) {
    throw new RangeError(`shape [${shape.join(', ')}] needs ${expected} samples, got ${length}`);
  }
}

function describe(value: unknown): string {
  return typeof value === 'object' && value !== null ? value.constructor.name : typeof value;
}
