import * as tf from '@tensorflow/tfjs';

/** Adam's state as two files: `optimizer.json` (names, shapes, step count) and `optimizer.bin` (float32). */
export interface OptimizerStateFiles {
  json: string;
  bin: Uint8Array;
}

/** File names of the optimizer state inside a checkpoint folder. */
export const OPTIMIZER_JSON = 'optimizer.json';
export const OPTIMIZER_BIN = 'optimizer.bin';
const FORMAT = 'bioimage-navigator/adam-state';

interface StateJson {
  format: typeof FORMAT;
  formatVersion: 1;
  iterations: number;
  weights: { name: string; shape: number[] }[];
}

/**
 * Snapshot an Adam optimizer (step count, first and second moments in variable order), so a run can
 * resume with the same moments and bias correction.
 */
export async function saveOptimizerState(optimizer: tf.Optimizer): Promise<OptimizerStateFiles> {
  const named = await optimizer.getWeights();
  const [iter, ...moments] = named;
  const iterations = iter ? (await iter.tensor.data())[0] ?? 0 : 0;
  iter?.tensor.dispose();
  const total = moments.reduce((n, w) => n + w.tensor.size, 0);
  const values = new Float32Array(total);
  let offset = 0;
  for (const w of moments) {
    values.set(await w.tensor.data() as Float32Array, offset);
    offset += w.tensor.size;
  }
  const json: StateJson = { format: FORMAT, formatVersion: 1, iterations, weights: moments.map((w) => ({ name: w.name, shape: [...w.tensor.shape] })) };
  return { json: JSON.stringify(json), bin: new Uint8Array(values.buffer) };
}

/**
 * Restore a snapshot from {@link saveOptimizerState} into a fresh Adam optimizer for these variables.
 * @throws RangeError when the state does not belong to a model of this shape
 */
export async function loadOptimizerState(optimizer: tf.Optimizer, files: OptimizerStateFiles, variables: readonly tf.Variable[]): Promise<void> {
  let json: StateJson;
  try {
    json = JSON.parse(files.json) as StateJson;
  } catch {
    throw new RangeError(`${OPTIMIZER_JSON} is not valid JSON`);
  }
  if (json.format !== FORMAT) throw new RangeError(`${OPTIMIZER_JSON} is not an optimizer state written by rcan train (format ${String(json.format)})`);
  if (json.weights.length !== 2 * variables.length) {
    throw new RangeError(`the optimizer state holds ${json.weights.length / 2} variables but the model has ${variables.length}; it belongs to another architecture`);
  }
  json.weights.forEach((w, i) => {
    const v = variables[i % variables.length]!;
    if (w.shape.join() !== v.shape.join()) throw new RangeError(`optimizer state entry ${w.name} has shape [${w.shape}] but the model's variable ${i % variables.length} has [${v.shape}]`);
  });
  const count = json.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  if (files.bin.byteLength !== count * 4) throw new RangeError(`${OPTIMIZER_BIN} has ${files.bin.byteLength} bytes, expected ${count * 4}; the file is truncated`);
  const all = new Float32Array(files.bin.slice().buffer);
  let offset = 0;
  const named: { name: string; tensor: tf.Tensor }[] = [{ name: 'iter', tensor: tf.scalar(json.iterations, 'int32') }];
  for (const w of json.weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    named.push({ name: w.name, tensor: tf.tensor(all.subarray(offset, offset + n), w.shape) });
    offset += n;
  }
  await optimizer.setWeights(named);
  // setWeights copied the tensors into new variables.
  tf.dispose(named.map((n) => n.tensor));
}
