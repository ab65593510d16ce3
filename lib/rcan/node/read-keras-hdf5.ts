import h5wasm from 'h5wasm/node';
import fs from 'node:fs';
import { open } from 'node:fs/promises';
import { InputError } from '../../util/errors';

/** One weight tensor of a Keras layer. */
export interface KerasWeight {
  /** Keras name, e.g. `conv3d_1/kernel:0`. */
  name: string;
  shape: number[];
  data: Float32Array;
}

/** A layer that has weights, in `layer_names` order. */
export interface KerasLayerWeights {
  name: string;
  weights: KerasWeight[];
}

/** What {@link readKerasHdf5} returns. */
export interface KerasHdf5 {
  /** Layers with non-empty `weight_names`, in `layer_names` order (= creation order, rcan-spec §1.10). */
  layers: KerasLayerWeights[];
  /** Spatial input shape from `model_config` (Keras 2 `batch_input_shape` or Keras 3 `batch_shape`, without batch and channel), if stored. */
  inputShape?: number[];
  /** Root attribute `keras_version`, if present. */
  kerasVersion?: string;
}

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Read the weights of a Keras 2.x `model.save` / `save_weights` HDF5 file (the original 3D-RCAN
 * checkpoints): `model_weights/` (or the root for weight-only files) with `layer_names`, each layer's
 * `weight_names`, and datasets at `<layer>/<weight name>`. Only weights and the input shape are read;
 * the optimizer state and the marshalled Lambda code in `model_config` are ignored.
 * @param file - Path of the `.hdf5` file.
 * @returns The layers with weights in order and, when present, the training patch shape.
 * @throws InputError with a one-line explanation for a missing, non-HDF5 or unexpected file.
 */
export async function readKerasHdf5(file: string): Promise<KerasHdf5> {
  await checkSignature(file);
  await h5wasm.ready;
  // libhdf5 prints its error stack (20–200 lines) to stderr and h5wasm may still return data (a
  // dataset read through a missing filter comes back as garbage). Capture that output and turn it
  // into one line instead.
  return quietly(file, () => readOpened(file));
}

function readOpened(file: string): KerasHdf5 {
  let h5: InstanceType<typeof h5wasm.File>;
  try {
    h5 = new h5wasm.File(file, 'r');
  } catch (error) {
    throw new InputError(`cannot open ${file} as HDF5 (${firstLine(error)}); the file may be truncated or corrupt`);
  }
  // h5wasm reports a failed open as a negative id rather than an exception.
  if (h5.file_id < 0n) throw new InputError(`cannot open ${file} as HDF5; the file is corrupt or not readable`);
  try {
    const weightsGroup = h5.get('model_weights') ?? h5;
    if (!(weightsGroup instanceof h5wasm.Group)) {
      throw new InputError(`${file}: "model_weights" is not a group; expected a Keras model saved with model.save()`);
    }
    const layerNames = readStringListAttribute(weightsGroup, 'layer_names');
    if (layerNames === undefined) {
      throw new InputError(
        `${file} is HDF5 but not a Keras model: no "layer_names" attribute in /model_weights or at the root; expected a checkpoint written by 3D-RCAN's train.py (weights_EEE_LOSS.hdf5)`,
      );
    }
    const layers: KerasLayerWeights[] = [];
    for (const layerName of layerNames) {
      const layer = weightsGroup.get(layerName);
      if (!(layer instanceof h5wasm.Group)) {
        throw new InputError(`${file}: layer "${layerName}" is listed in layer_names but has no group; the file is incomplete`);
      }
      const weightNames = readStringListAttribute(layer, 'weight_names') ?? [];
      if (weightNames.length === 0) continue;
      const weights = weightNames.map((weightName) => {
        const dataset = layer.get(weightName);
        if (!(dataset instanceof h5wasm.Dataset)) {
          throw new InputError(`${file}: weight "${layerName}/${weightName}" is listed but missing; the file is incomplete`);
        }
        checkFilters(file, `${layerName}/${weightName}`, dataset);
        const before = diagnostics.length;
        const value = dataset.value;
        if (diagnostics.length > before) throw new InputError(`${file}: weight "${layerName}/${weightName}" cannot be read: ${summarizeDiagnostics(diagnostics.slice(before).join(''))}`);
        return { name: weightName, shape: dataset.shape ?? [], data: toFloat32(value, `${layerName}/${weightName}`, file) };
      });
      layers.push({ name: layerName, weights });
    }
    const result: KerasHdf5 = { layers };
    const inputShape = readInputShape(h5);
    if (inputShape) result.inputShape = inputShape;
    const version = decodeString(h5.attrs.keras_version?.value);
    if (version !== undefined) result.kerasVersion = version;
    return result;
  } finally {
    h5.close();
  }
}

/** Filters libhdf5 in h5wasm decodes: deflate (gzip), shuffle, fletcher32, n-bit, scale-offset. */
const SUPPORTED_FILTERS: Record<number, string> = { 1: 'deflate', 2: 'shuffle', 3: 'fletcher32', 5: 'nbit', 6: 'scaleoffset' };
const KNOWN_FILTERS: Record<number, string> = { 4: 'szip', 32000: 'lzf', 32001: 'blosc', 32004: 'lz4', 32008: 'bitshuffle', 32015: 'zstd' };

function checkFilters(file: string, name: string, dataset: InstanceType<typeof h5wasm.Dataset>): void {
  let filters: { id: number; name?: string }[] = [];
  try {
    filters = (dataset.filters ?? []) as { id: number; name?: string }[];
  } catch {
    return;
  }
  for (const filter of filters) {
    if (filter.id in SUPPORTED_FILTERS) continue;
    const label = KNOWN_FILTERS[filter.id] ?? filter.name ?? `filter ${filter.id}`;
    throw new InputError(
      `${file}: weight "${name}" is compressed with the ${label} filter (id ${filter.id}), which this reader cannot decode; ` +
        `re-save the checkpoint uncompressed or with gzip (h5py: h5repack -f GZIP=4 in.hdf5 out.hdf5)`,
    );
  }
}

/** libhdf5 output captured while {@link quietly} runs. */
const diagnostics: string[] = [];

/**
 * Run `step` with file descriptor 2 captured: h5wasm's Emscripten runtime writes libhdf5's error
 * stack with `fs.writeSync(2, …)`. Captured output never reaches the user: a failing step reports
 * one line built from it, a succeeding one discards it.
 */
function quietly<T>(file: string, step: () => T): T {
  const writeSync = fs.writeSync;
  diagnostics.length = 0;
  fs.writeSync = ((fd: number, buffer: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    if (fd !== 2) return (writeSync as (...args: unknown[]) => number)(fd, buffer, ...rest);
    if (typeof buffer === 'string') {
      diagnostics.push(buffer);
      return Buffer.byteLength(buffer);
    }
    // (fd, view, offset, length, position): only the slice is the message (the view is the wasm heap).
    const [offset = 0, length = buffer.byteLength - offset] = rest as [number | undefined, number | undefined];
    diagnostics.push(Buffer.from(buffer.buffer, buffer.byteOffset + offset, length).toString('utf8'));
    return length;
  }) as typeof fs.writeSync;
  // Emscripten's abort() reports through console.error (process.stderr) before throwing.
  const stderrWrite = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    diagnostics.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stderr.write;
  try {
    return step();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/^Aborted\(/.test(message) || error instanceof WebAssembly.RuntimeError) {
      throw new InputError(`cannot read ${file} as HDF5: libhdf5 aborted on it (${message.split('\n')[0]}); the file is corrupt`);
    }
    if (diagnostics.length === 0) throw error;
    throw new InputError(`cannot read ${file} as HDF5: ${summarizeDiagnostics(diagnostics.join(''))}`);
  } finally {
    fs.writeSync = writeSync;
    process.stderr.write = stderrWrite;
    diagnostics.length = 0;
  }
}

/** The one useful line of a libhdf5 error stack: a missing filter, else the innermost message. */
export function summarizeDiagnostics(text: string): string {
  const filter = /required filter '([^']+)' is not registered/.exec(text);
  if (filter) return `it uses the '${filter[1]}' compression filter, which this reader cannot decode; re-save it uncompressed or with gzip (h5repack -f GZIP=4 in.hdf5 out.hdf5)`;
  const frames = [...text.matchAll(/#\d+: .*? in [\w.]+\(\): (.+)/g)].map((m) => m[1]!.trim());
  const last = frames.at(-1);
  return last ? `libhdf5 reports "${last}"; the file may be truncated or corrupt` : 'libhdf5 reported an error; the file may be truncated or corrupt';
}

// HDF5 files start with an 8-byte signature at offset 0, 512, 1024, 2048, … (a user block may precede
// it). The superblock then records the end-of-file address, which catches truncated copies before
// libhdf5 does (libhdf5 would print a page of diagnostics to stderr).
async function checkSignature(file: string): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${firstLine(error)}`);
  }
  try {
    const { size } = await handle.stat();
    for (let offset = 0; offset + 8 <= size && offset <= 1 << 20; offset = offset === 0 ? 512 : offset * 2) {
      const buffer = Buffer.alloc(64);
      await handle.read(buffer, 0, 64, offset);
      if (!HDF5_SIGNATURE.every((b, i) => buffer[i] === b)) continue;
      const end = superblockEndOfFile(buffer);
      if (end !== undefined && offset + end > size) {
        throw new InputError(`${file} is truncated: its HDF5 header says ${offset + end} bytes, the file has ${size}; copy or download it again`);
      }
      return;
    }
  } finally {
    await handle.close();
  }
  throw new InputError(`${file} is not an HDF5 file (no HDF5 signature); expected a Keras .hdf5 checkpoint from 3D-RCAN`);
}

// End-of-file address (relative to the base address) from superblock versions 0–3, if 8-byte offsets.
function superblockEndOfFile(block: Buffer): number | undefined {
  const version = block[8];
  let at: number;
  let sizeOfOffsets: number | undefined;
  if (version === 0 || version === 1) {
    sizeOfOffsets = block[13];
    at = 24 + (version === 1 ? 4 : 0) + 2 * (sizeOfOffsets ?? 0);
  } else if (version === 2 || version === 3) {
    sizeOfOffsets = block[9];
    at = 12 + 2 * (sizeOfOffsets ?? 0);
  } else {
    return undefined;
  }
  if (sizeOfOffsets !== 8 || at + 8 > block.length) return undefined;
  const value = block.readBigUInt64LE(at);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(value);
}

type H5Group = InstanceType<typeof h5wasm.Group>;

// Keras writes string lists as fixed-length byte arrays and splits big ones into name0, name1, … .
function readStringListAttribute(group: H5Group, name: string): string[] | undefined {
  const attrs = group.attrs;
  if (attrs[name] !== undefined) return toStringList(attrs[name].value);
  if (attrs[`${name}0`] === undefined) return undefined;
  const out: string[] = [];
  for (let i = 0; attrs[`${name}${i}`] !== undefined; i++) out.push(...toStringList(attrs[`${name}${i}`]?.value));
  return out;
}

function toStringList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map((v) => decodeString(v) ?? '').filter((v) => v !== '');
  if (ArrayBuffer.isView(value)) return []; // an empty numeric array (Keras' np.asarray([])) means no weights
  const single = decodeString(value);
  return single ? [single] : [];
}

function decodeString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value).replace(/\0+$/, '');
  return undefined;
}

function toFloat32(value: unknown, name: string, file: string): Float32Array {
  if (value instanceof Float32Array) return value;
  if (value instanceof Float64Array || value instanceof Float32Array) return Float32Array.from(value);
  throw new InputError(`${file}: weight "${name}" is not a float array; expected float32 Keras weights`);
}

// model_config is JSON text, bytes under h5py < 3 and str under h5py ≥ 3 (rcan-spec §1.10).
function readInputShape(h5: H5Group): number[] | undefined {
  const text = decodeString(h5.attrs.model_config?.value);
  if (text === undefined) return undefined;
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return undefined;
  }
  const layers = (config as { config?: { layers?: unknown } })?.config?.layers;
  if (!Array.isArray(layers)) return undefined;
  // Keras 2 stores the shape as `batch_input_shape`, Keras 3 as `batch_shape` (same meaning).
  for (const layer of layers as { class_name?: string; config?: { batch_input_shape?: unknown; batch_shape?: unknown } }[]) {
    const shape = layer?.config?.batch_input_shape ?? layer?.config?.batch_shape;
    if (layer?.class_name === 'InputLayer' && Array.isArray(shape) && shape.length >= 4) {
      const spatial = shape.slice(1, -1);
      if (spatial.every((d) => Number.isInteger(d) && (d as number) > 0)) return spatial as number[];
    }
  }
  return undefined;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
