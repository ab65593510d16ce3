import type { RcanArchitecture } from '../core';

/**
 * The Keras 2.2.4 functional-model description of a 3D-RCAN (rcan-spec §1.2, §1.3, §1.10), as the
 * original `train.py` saves it in a checkpoint's `model_config`: every layer in creation order with
 * Keras 2 names (`input_1`, `lambda_standardize_1`, `conv3d_1`, …, `add_21`, `lambda_destandardize_1`),
 * its config and its inbound nodes. Pure data; `write-keras-hdf5.ts` stores it.
 */
export interface KerasLayerConfig {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: [string, number, number, Record<string, never>][][];
}

/** A layer of {@link kerasRcanLayers} with, for convolutions, its index in `model.convs`. */
export interface KerasRcanLayer extends KerasLayerConfig {
  /** Index of the convolution in conv order (= `RcanModel.convs`), or undefined for weightless layers. */
  conv?: number;
}

/**
 * Python 3.11 bytecode of `lambda x: 2 * x - 1` and `lambda x: 0.5 * x + 0.5` in Keras' `func_dump`
 * encoding (base64 of `marshal.dumps(code)`), compiled from those one-line sources under the file name
 * `<rcan export>`. Keras stores Lambda layers this way; `model_from_config` needs the same Python minor
 * version to load them (rcan-spec §1.10), so an exported file loads with `load_model` on Python 3.11,
 * and anywhere else by building the model with 3D-RCAN's `build_rcan` and calling `load_weights`.
 */
const LAMBDA_CODE = {
  standardize:
    '4wEAAAAAAAAAAAAAAAIAAAADAAAA8xIAAACXAGQBfAB6BQAAZAJ6CgAAUwApA07pAgAAAOkBAAAA\nqQApAdoBeHMBAAAAIPoNPHJjYW4gZXhwb3J0PvoIPGxhbWJkYT5yBwAAAAEAAABzDgAAAIAAiCGI\nYYklkCGJKYAA8wAAAAA=\n',
  destandardize:
    '4wEAAAAAAAAAAAAAAAIAAAADAAAA8xIAAACXAGQBfAB6BQAAZAF6AAAAUwApAk5nAAAAAAAA4D+p\nACkB2gF4cwEAAAAg+g08cmNhbiBleHBvcnQ++gg8bGFtYmRhPnIFAAAAAQAAAHMOAAAAgACII5AB\niSeQQ4ktgADzAAAAAA==\n',
} as const;

/**
 * Every layer of the Keras 2.2.4 model `build_rcan` creates for this architecture, in creation order
 * (= `model.layers` order = HDF5 `layer_names` order, rcan-spec §1.10).
 * @param arch - the architecture (C, G, B, r, 2D/3D)
 * @param blockShape - spatial input shape (the training patch), stored as `batch_input_shape`
 * @returns the layers; convolutions carry their index in conv order
 */
export function kerasRcanLayers(arch: RcanArchitecture, blockShape: readonly number[]): KerasRcanLayer[] {
  const kind = arch.ndim === 3 ? '3d' : '2d';
  const ones = Array<number>(arch.ndim).fill(1);
  const threes = Array<number>(arch.ndim).fill(3);
  const counters = new Map<string, number>();
  const nameFor = (base: string) => {
    const n = (counters.get(base) ?? 0) + 1;
    counters.set(base, n);
    return `${base}_${n}`;
  };
  const layers: KerasRcanLayer[] = [];
  const node = (...inputs: string[]): KerasLayerConfig['inbound_nodes'] => [inputs.map((i) => [i, 0, 0, {}] as [string, number, number, Record<string, never>])];
  const push = (name: string, className: string, config: Record<string, unknown>, inputs: string[], conv?: number) => {
    layers.push({ name, class_name: className, config: { name, trainable: true, ...config }, inbound_nodes: inputs.length ? node(...inputs) : [], ...(conv !== undefined ? { conv } : {}) });
    return name;
  };
  let convIndex = 0;
  const conv = (input: string, filters: number, kernel: number[], activation: 'linear' | 'relu' | 'sigmoid') =>
    push(nameFor(`conv${kind}`), `Conv${kind.toUpperCase()}`, {
      filters,
      kernel_size: kernel,
      strides: ones,
      padding: 'same',
      data_format: 'channels_last',
      dilation_rate: ones,
      activation,
      use_bias: true,
      kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1.0, mode: 'fan_avg', distribution: 'uniform', seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
    }, [input], convIndex++);
  const lambda = (name: string, code: string, input: string) =>
    push(name, 'Lambda', { function: [code, null, null], function_type: 'lambda', output_shape: null, output_shape_type: 'raw', arguments: {} }, [input]);

  const C = arch.numChannels;
  const reduced = Math.floor(C / arch.channelReduction);
  const input = 'input_1';
  layers.push({ name: input, class_name: 'InputLayer', config: { batch_input_shape: [null, ...blockShape, 1], dtype: 'float32', sparse: false, name: input }, inbound_nodes: [] });
  const standardized = lambda('lambda_standardize_1', LAMBDA_CODE.standardize, input);
  const longSkip = conv(standardized, C, threes, 'linear');
  let x = longSkip;
  for (let g = 0; g < arch.numResidualGroups; g++) {
    const shortSkip = x;
    for (let b = 0; b < arch.numResidualBlocks; b++) {
      const blockSkip = x;
      const features = conv(conv(x, C, threes, 'relu'), C, threes, 'linear');
      const pooled = push(nameFor(`global_average_pooling${kind}`), `GlobalAveragePooling${kind.toUpperCase()}`, { data_format: 'channels_last' }, [features]);
      const reshaped = push(nameFor('reshape'), 'Reshape', { target_shape: [...ones, C] }, [pooled]);
      const attention = conv(conv(reshaped, reduced, ones, 'relu'), C, ones, 'sigmoid');
      const scaled = push(nameFor('multiply'), 'Multiply', {}, [features, attention]);
      x = push(nameFor('add'), 'Add', {}, [scaled, blockSkip]);
    }
    // build_rcan breaks out of the group loop before the group tail when there is a single group.
    if (arch.numResidualGroups > 1) x = push(nameFor('add'), 'Add', {}, [conv(x, C, threes, 'linear'), shortSkip]);
  }
  x = push(nameFor('add'), 'Add', {}, [conv(x, C, threes, 'linear'), longSkip]);
  lambda('lambda_destandardize_1', LAMBDA_CODE.destandardize, conv(x, 1, threes, 'linear'));
  return layers;
}

/**
 * The `model_config` JSON object of a Keras 2.2.4 checkpoint for these layers.
 * @param layers - from {@link kerasRcanLayers}
 * @returns `{ class_name: 'Model', config: { name, layers, input_layers, output_layers } }`
 */
export function kerasModelConfig(layers: readonly KerasRcanLayer[]): Record<string, unknown> {
  const first = layers[0]?.name;
  const last = layers[layers.length - 1]?.name;
  return {
    class_name: 'Model',
    config: {
      name: 'model_1',
      layers: layers.map(({ name, class_name, config, inbound_nodes }) => ({ name, class_name, config, inbound_nodes })),
      input_layers: [[first, 0, 0]],
      output_layers: [[last, 0, 0]],
    },
    keras_version: '2.2.4',
    backend: 'tensorflow',
  };
}
