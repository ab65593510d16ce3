import h5wasm from 'h5wasm/node';
import type { RcanModel } from '../core';
import { kerasModelConfig, kerasRcanLayers } from './keras-model-config';

/**
 * Write a model as a checkpoint in the layout of the original 3D-RCAN's `model.save` under Keras 2.2.4
 * (rcan-spec §1.10), which Keras 2 and Keras 3 (`legacy_h5_format`) both read: root attributes
 * `keras_version`, `backend`, `model_config` (the full functional graph, see `keras-model-config.ts`);
 * group `model_weights` with `layer_names` (fixed-length byte strings, as Keras 2 writes them), one
 * group per layer with `weight_names`, and the datasets `<layer>/<layer>/kernel:0` and `bias:0`.
 * No optimizer state is written: the file is for applying (and fine-tuning from) the model.
 * @param file - path to create (the caller makes it atomic)
 * @param model - the model whose weights to write
 * @param blockShape - spatial input shape stored as `batch_input_shape` (apply.py's default block)
 */
export async function writeKerasHdf5(file: string, model: RcanModel, blockShape: readonly number[]): Promise<void> {
  const layers = kerasRcanLayers(model.architecture, blockShape);
  await h5wasm.ready;
  const f = new h5wasm.File(file, 'w');
  // h5wasm reports a failed create as a negative id rather than an exception.
  if (f.file_id < 0n) throw new Error(`libhdf5 could not create ${file}`);
  try {
    // Fixed-length byte strings, as Keras 2.2.4 under h5py < 3 writes them: the master loader calls
    // `.decode('utf-8')` on them, and later loaders accept bytes or str.
    const bytes = (group: InstanceType<typeof h5wasm.Group>, name: string, value: string) => group.create_attribute(name, value, null, fixedString([value]));
    bytes(f, 'keras_version', '2.2.4');
    bytes(f, 'backend', 'tensorflow');
    bytes(f, 'model_config', JSON.stringify(kerasModelConfig(layers)));
    const weights = f.create_group('model_weights');
    bytes(weights, 'keras_version', '2.2.4');
    bytes(weights, 'backend', 'tensorflow');
    const names = layers.map((l) => l.name);
    weights.create_attribute('layer_names', names, null, fixedString(names));
    for (const layer of layers) {
      const group = weights.create_group(layer.name);
      const conv = layer.conv === undefined ? undefined : model.convs[layer.conv];
      if (conv === undefined) {
        // Keras 2 stores an empty numpy array for a layer without weights.
        group.create_attribute('weight_names', [], [0], 'S1');
        continue;
      }
      const weightNames = [`${layer.name}/kernel:0`, `${layer.name}/bias:0`];
      group.create_attribute('weight_names', weightNames, null, fixedString(weightNames));
      const inner = group.create_group(layer.name);
      inner.create_dataset({ name: 'kernel:0', data: conv.kernel.dataSync() as Float32Array, shape: [...conv.kernelShape], dtype: '<f' });
      inner.create_dataset({ name: 'bias:0', data: conv.bias.dataSync() as Float32Array, shape: [conv.bias.size], dtype: '<f' });
    }
  } finally {
    f.close();
  }
}

function fixedString(values: readonly string[]): string {
  return `S${Math.max(1, ...values.map((v) => Buffer.byteLength(v)))}`;
}
