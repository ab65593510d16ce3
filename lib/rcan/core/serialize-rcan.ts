import * as tf from '@tensorflow/tfjs';
import { countParams } from './count-params';
import { buildRcan, validateArchitecture, type BuildRcanOptions, type RcanArchitecture, type RcanModel } from './model';

/** Identifies our `model.json`; bump the version on incompatible changes. */
export const RCAN_MODEL_FORMAT = 'bioimage-navigator/rcan';

/** The `model.json` of a checkpoint: architecture plus a tfjs-style weights manifest. */
export interface RcanModelJson {
  format: typeof RCAN_MODEL_FORMAT;
  formatVersion: 1;
  architecture: RcanArchitecture;
  /** Same layout as tfjs `model.json`: one group, one `.bin`, float32 little-endian in conv order. */
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' }[] }[];
}

/** The two files of a checkpoint, as bytes and text (no file system here). */
export interface RcanModelFiles {
  /** JSON text of {@link RcanModelJson}. */
  modelJson: string;
  /** The weights, `weights.bin`. */
  weightsBin: Uint8Array;
}

/** File name of the weights inside a checkpoint folder. */
export const WEIGHTS_FILE = 'weights.bin';

/**
 * Serialize a model's weights: kernels and biases in conv order, named `conv3d_N/kernel` and
 * `conv3d_N/bias` as in Keras, concatenated as little-endian float32 (the tfjs weight encoding).
 * @param model - the model
 * @returns `model.json` text and `weights.bin` bytes
 */
export function serializeRcan(model: RcanModel): RcanModelFiles {
  const specs: RcanModelJson['weightsManifest'][number]['weights'] = [];
  const arrays: Float32Array[] = [];
  for (const conv of model.convs) {
    for (const [suffix, v] of [['kernel', conv.kernel], ['bias', conv.bias]] as const) {
      specs.push({ name: `${conv.name}/${suffix}`, shape: [...v.shape], dtype: 'float32' });
      arrays.push(v.dataSync() as Float32Array);
    }
  }
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  const json: RcanModelJson = {
    format: RCAN_MODEL_FORMAT,
    formatVersion: 1,
    architecture: { ...model.architecture },
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
  };
  return { modelJson: JSON.stringify(json, null, 1), weightsBin: littleEndianBytes(out) };
}

/**
 * Rebuild a model from the files written by {@link serializeRcan}.
 * @param files - `model.json` text and `weights.bin` bytes
 * @param options - build options (channel attention switch, trainability); the seed is irrelevant
 * @returns the model with the stored weights
 * @throws TypeError when the JSON is not an rcan model; RangeError when the weights do not fit
 */
export function deserializeRcan(files: RcanModelFiles, options: BuildRcanOptions = {}): RcanModel {
  let json: RcanModelJson;
  try {
    json = JSON.parse(files.modelJson) as RcanModelJson;
  } catch {
    throw new TypeError('model.json is not valid JSON; re-create the model folder with `rcan init` or `rcan train`');
  }
  if (json?.format !== RCAN_MODEL_FORMAT || !json.architecture || !Array.isArray(json.weightsManifest?.[0]?.weights)) {
    throw new TypeError(`model.json is not a ${RCAN_MODEL_FORMAT} model (format ${String(json?.format)}); re-create it with \`rcan init\`, \`rcan train\` or \`rcan import\``);
  }
  const specs = json.weightsManifest[0]!.weights;
  // Check sizes against the closed formula before building anything: a model.json declaring
  // thousands of channels next to a small weights.bin is refused without allocating.
  validateArchitecture(json.architecture);
  const expected = countParams(json.architecture);
  const values = fromLittleEndianBytes(files.weightsBin);
  if (values.length !== expected) {
    throw new RangeError(`weights.bin is too ${values.length < expected ? 'short' : 'long'}: ${values.length} floats but the architecture in model.json needs ${expected}; the checkpoint is truncated or its model.json was edited`);
  }
  const model = buildRcan(json.architecture, options);
  try {
    const arrays: Float32Array[] = [];
    let offset = 0;
    for (const spec of specs) {
      const size = spec.shape.reduce((a, b) => a * b, 1);
      if (offset + size > values.length) throw new RangeError(`weights.bin is too short: ${values.length} floats for ${specs.length} tensors; the file is truncated`);
      arrays.push(values.subarray(offset, offset + size));
      offset += size;
    }
    if (offset !== values.length) throw new RangeError(`weights.bin has ${values.length} floats but model.json describes ${offset}`);
    assignWeights(model, arrays);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

/**
 * Overwrite a model's weights, in conv order: kernel₀, bias₀, kernel₁, bias₁, … (the HDF5
 * importer's order, spec §1.10). Kernels are in Keras layout ([kz, ky, kx, in, out]).
 * @param model - the model to change
 * @param arrays - 2 × convs arrays with the sizes of the model's variables
 * @throws RangeError when the count or a size differs
 */
export function assignWeights(model: RcanModel, arrays: readonly Float32Array[]): void {
  const variables = model.variables();
  if (arrays.length !== variables.length) {
    throw new RangeError(`expected ${variables.length} weight arrays (${model.convs.length} convs x kernel+bias), got ${arrays.length}`);
  }
  variables.forEach((v, i) => {
    const a = arrays[i]!;
    if (a.length !== v.size) throw new RangeError(`weight ${v.name}: expected ${v.size} values for shape [${v.shape.join(', ')}], got ${a.length}`);
  });
  variables.forEach((v, i) => {
    const t = tf.tensor(arrays[i]!, v.shape);
    v.assign(t);
    t.dispose();
  });
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function littleEndianBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (littleEndian) return bytes.slice();
  const out = new Uint8Array(values.byteLength);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

function fromLittleEndianBytes(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new RangeError(`weights.bin has ${bytes.byteLength} bytes, not a multiple of 4; the file is truncated`);
  const out = new Float32Array(bytes.byteLength / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
