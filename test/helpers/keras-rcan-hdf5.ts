// Writes HDF5 files in the layout of a 3D-RCAN checkpoint saved by Keras 2.2.4 (rcan-spec §1.3, §1.10),
// and a plain-JS forward pass of the architecture (rcan-spec §1.2) to check imported models against.
import h5wasm from 'h5wasm/node';
import { createRandom } from '../../lib/rcan/core/create-random';

/** Hyper-parameters of a synthetic checkpoint. */
export interface KerasRcanSpec {
  ndim: 2 | 3;
  C: number;
  r: number;
  G: number;
  B: number;
}

/** One convolution's weights in Keras layout. */
export interface KerasConv {
  name: string;
  kernelShape: number[];
  kernel: Float32Array;
  bias: Float32Array;
  activation: 'linear' | 'relu' | 'sigmoid';
}

/** Layer names in Keras creation order plus the convolutions, with seeded random weights. */
export function makeKerasRcan(spec: KerasRcanSpec, seed: number, zeroBasedNames = false): { layerNames: string[]; convs: KerasConv[] } {
  const random = createRandom(seed);
  const k = spec.ndim === 3 ? [3, 3, 3] : [3, 3];
  const one = spec.ndim === 3 ? [1, 1, 1] : [1, 1];
  const kind = spec.ndim === 3 ? '3d' : '2d';
  const counters = new Map<string, number>();
  // Keras 2.2.4 numbers from 1 per class (conv3d_1, …); TF2 from 0 with the first one unnumbered.
  const next = (base: string) => {
    const n = (counters.get(base) ?? 0) + 1;
    counters.set(base, n);
    if (!zeroBasedNames) return `${base}_${n}`;
    return n === 1 ? base : `${base}_${n - 1}`;
  };
  const layerNames: string[] = [];
  const convs: KerasConv[] = [];
  const conv = (spatial: number[], cin: number, cout: number, activation: KerasConv['activation']) => {
    const name = next(`conv${kind}`);
    const kernelShape = [...spatial, cin, cout];
    const size = kernelShape.reduce((a, b) => a * b, 1);
    const kernel = Float32Array.from({ length: size }, () => (random() - 0.5) * 0.4);
    const bias = Float32Array.from({ length: cout }, () => (random() - 0.5) * 0.2);
    convs.push({ name, kernelShape, kernel, bias, activation });
    layerNames.push(name);
  };
  layerNames.push('input_1', 'lambda_standardize_1');
  conv(k, 1, spec.C, 'linear');
  const cr = Math.floor(spec.C / spec.r);
  for (let g = 0; g < spec.G; g++) {
    for (let b = 0; b < spec.B; b++) {
      conv(k, spec.C, spec.C, 'relu');
      conv(k, spec.C, spec.C, 'linear');
      layerNames.push(next(`global_average_pooling${kind}`), next('reshape'));
      conv(one, spec.C, cr, 'relu');
      conv(one, cr, spec.C, 'sigmoid');
      layerNames.push(next('multiply'), next('add'));
    }
    if (spec.G > 1) {
      conv(k, spec.C, spec.C, 'linear');
      layerNames.push(next('add'));
    }
  }
  conv(k, spec.C, spec.C, 'linear');
  layerNames.push(next('add'));
  conv(k, spec.C, 1, 'linear');
  layerNames.push('lambda_destandardize_1');
  return { layerNames, convs };
}

/** Write the checkpoint with h5wasm: root attrs, model_weights with layer_names/weight_names, optimizer_weights. */
export async function writeKerasRcanHdf5(
  file: string,
  model: { layerNames: string[]; convs: KerasConv[] },
  inputShape?: number[],
): Promise<void> {
  await h5wasm.ready;
  const f = new h5wasm.File(file, 'w');
  f.create_attribute('keras_version', '2.2.4');
  f.create_attribute('backend', 'tensorflow');
  if (inputShape) {
    const modelConfig = {
      class_name: 'Model',
      config: {
        name: 'model_1',
        layers: [
          { name: 'input_1', class_name: 'InputLayer', config: { batch_input_shape: [null, ...inputShape, 1], dtype: 'float32', name: 'input_1' }, inbound_nodes: [] },
          { name: 'lambda_standardize_1', class_name: 'Lambda', config: { function: ['4wEAAAAAAAAAAQAAAAIAAABDAAAAcwwAAABkAXwAFABkAhgAUwApA07pAgAAAOkBAAAAqQApAdoBeHIDAAAAcgMAAAD6AHIEAAAA', null, null] } },
        ],
      },
    };
    f.create_attribute('model_config', JSON.stringify(modelConfig));
  }
  f.create_attribute('training_config', JSON.stringify({ loss: 'mae', optimizer_config: { class_name: 'Adam' } }));
  const weights = f.create_group('model_weights');
  const longest = Math.max(...model.layerNames.map((n) => n.length));
  weights.create_attribute('layer_names', model.layerNames, null, `S${longest}`);
  const byName = new Map(model.convs.map((c) => [c.name, c]));
  for (const layerName of model.layerNames) {
    const group = weights.create_group(layerName);
    const conv = byName.get(layerName);
    if (!conv) {
      group.create_attribute('weight_names', [], [0], 'S1');
      continue;
    }
    const names = [`${layerName}/kernel:0`, `${layerName}/bias:0`];
    group.create_attribute('weight_names', names, null, `S${Math.max(...names.map((n) => n.length))}`);
    const inner = group.create_group(layerName);
    inner.create_dataset({ name: 'kernel:0', data: conv.kernel, shape: conv.kernelShape, dtype: '<f' });
    inner.create_dataset({ name: 'bias:0', data: conv.bias, shape: [conv.bias.length], dtype: '<f' });
  }
  const optimizer = f.create_group('optimizer_weights');
  optimizer.create_dataset({ name: 'iterations', data: new Float32Array([12]), shape: [], dtype: '<f' });
  f.close();
}

/**
 * Naive forward pass of 3D-RCAN (rcan-spec §1.2) on one single-channel volume, written independently
 * of lib/rcan: explicit loops, zero 'same' padding, channels-last arrays.
 */
export function referenceRcan(input: Float32Array, shape: number[], spec: KerasRcanSpec, convs: KerasConv[]): Float32Array {
  const [Z, Y, X] = spec.ndim === 3 ? (shape as [number, number, number]) : [1, shape[0]!, shape[1]!];
  const n = Z * Y * X;
  const conv3 = (x: Float32Array, c: KerasConv): Float32Array => {
    const [cin, cout] = c.kernelShape.slice(-2) as [number, number];
    const kz = spec.ndim === 3 ? 3 : 1;
    const out = new Float32Array(n * cout);
    for (let z = 0; z < Z; z++)
      for (let y = 0; y < Y; y++)
        for (let xx = 0; xx < X; xx++)
          for (let o = 0; o < cout; o++) {
            let s = c.bias[o]!;
            for (let dz = 0; dz < kz; dz++)
              for (let dy = 0; dy < 3; dy++)
                for (let dx = 0; dx < 3; dx++) {
                  const sz = z + dz - (kz === 3 ? 1 : 0);
                  const sy = y + dy - 1;
                  const sx = xx + dx - 1;
                  if (sz < 0 || sz >= Z || sy < 0 || sy >= Y || sx < 0 || sx >= X) continue;
                  for (let i = 0; i < cin; i++) {
                    s += x[((sz * Y + sy) * X + sx) * cin + i]! * c.kernel[(((dz * 3 + dy) * 3 + dx) * cin + i) * cout + o]!;
                  }
                }
            out[((z * Y + y) * X + xx) * cout + o] = c.activation === 'relu' ? Math.max(0, s) : s;
          }
    return out;
  };
  const dense = (v: number[], c: KerasConv): number[] => {
    const [cin, cout] = c.kernelShape.slice(-2) as [number, number];
    return Array.from({ length: cout }, (_, o) => {
      let s = c.bias[o]!;
      for (let i = 0; i < cin; i++) s += v[i]! * c.kernel[i * cout + o]!;
      return c.activation === 'relu' ? Math.max(0, s) : 1 / (1 + Math.exp(-s));
    });
  };
  const add = (a: Float32Array, b: Float32Array) => a.map((v, i) => v + b[i]!);
  let idx = 0;
  const nextConv = () => convs[idx++]!;
  const x0 = input.map((v) => 2 * v - 1);
  const f0 = conv3(x0, nextConv());
  let h = f0;
  const C = spec.C;
  for (let g = 0; g < spec.G; g++) {
    const shortSkip = h;
    for (let b = 0; b < spec.B; b++) {
      const blockSkip = h;
      const y = conv3(conv3(h, nextConv()), nextConv());
      const pooled = Array.from({ length: C }, (_, ch) => {
        let s = 0;
        for (let v = 0; v < n; v++) s += y[v * C + ch]!;
        return s / n;
      });
      const attention = dense(dense(pooled, nextConv()), nextConv());
      h = add(y.map((v, i) => v * attention[i % C]!), blockSkip);
    }
    if (spec.G > 1) h = add(conv3(h, nextConv()), shortSkip);
  }
  h = add(conv3(h, nextConv()), f0);
  return conv3(h, nextConv()).map((v) => 0.5 * v + 0.5);
}
