import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { architectureFromConfig } from './architecture-from-config';
import { buildRcan } from './model';
import { assignWeights, deserializeRcan, serializeRcan } from './serialize-rcan';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const arch = architectureFromConfig({ input_shape: [4, 8, 8], num_channels: 4, num_residual_blocks: 1, num_residual_groups: 2, channel_reduction: 2 });

describe('serializeRcan / deserializeRcan', () => {
  it('round-trips weights and predictions', () => {
    const model = buildRcan(arch, { seed: 7 });
    const files = serializeRcan(model);
    const json = JSON.parse(files.modelJson);
    expect(json.weightsManifest[0].weights[0]).toEqual({ name: 'conv3d_1/kernel', shape: [3, 3, 3, 1, 4], dtype: 'float32' });
    // 4 bytes per parameter, nothing else.
    expect(files.weightsBin.byteLength).toBe(model.countParams() * 4);
    // First float of the file is the first kernel value, little-endian.
    expect(new DataView(files.weightsBin.buffer).getFloat32(0, true)).toBe(model.convs[0]!.kernel.dataSync()[0]);
    const copy = deserializeRcan(files);
    const x = tf.randomUniform([1, 4, 8, 8, 1], 0, 1, 'float32', 1);
    const a = model.predict(x);
    const b = copy.predict(x);
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    model.dispose();
    copy.dispose();
  });

  it('rejects foreign JSON and truncated weights', () => {
    const model = buildRcan(arch);
    const files = serializeRcan(model);
    expect(() => deserializeRcan({ ...files, modelJson: '{"format":"other"}' })).toThrow(TypeError);
    expect(() => deserializeRcan({ ...files, modelJson: 'nope' })).toThrow(/not valid JSON/);
    expect(() => deserializeRcan({ ...files, weightsBin: files.weightsBin.subarray(0, 400) })).toThrow(/too short/);
    expect(() => deserializeRcan({ ...files, weightsBin: files.weightsBin.subarray(0, 401) })).toThrow(/multiple of 4/);
    model.dispose();
  });

  it('assignWeights checks count and sizes', () => {
    const model = buildRcan(arch);
    expect(() => assignWeights(model, [])).toThrow(/expected 26 weight arrays/);
    const arrays = model.variables().map((v) => new Float32Array(v.size).fill(0.5));
    assignWeights(model, arrays);
    expect(model.convs[3]!.bias.dataSync()[0]).toBe(0.5);
    arrays[0] = new Float32Array(3);
    expect(() => assignWeights(model, arrays)).toThrow(/conv3d_1\/kernel|expected 108/);
    model.dispose();
  });
});

describe('architectureFromConfig', () => {
  it('uses the 3D-RCAN defaults and detects 2D', () => {
    expect(architectureFromConfig({})).toEqual({ ndim: 3, numChannels: 32, numResidualBlocks: 3, numResidualGroups: 5, channelReduction: 8 });
    expect(architectureFromConfig({ input_shape: [64, 64] }).ndim).toBe(2);
    expect(() => architectureFromConfig({ num_channels: 0 })).toThrow(/num_channels/);
  });
});

describe('size bounds before allocation (issue 14)', () => {
  it('refuses a model.json declaring 4,096 channels without building it', () => {
    const model = buildRcan(arch);
    const files = serializeRcan(model);
    model.dispose();
    const json = JSON.parse(files.modelJson);
    json.architecture.numChannels = 4096;
    const before = tf.memory().numBytes;
    expect(() => deserializeRcan({ ...files, modelJson: JSON.stringify(json) })).toThrow(/parameters \(.* GB of weights\), over the limit/);
    expect(tf.memory().numBytes).toBe(before);
  });

  it('refuses a weights.bin that does not match model.json before building the model', () => {
    const model = buildRcan(arch);
    const files = serializeRcan(model);
    model.dispose();
    const json = JSON.parse(files.modelJson);
    json.architecture.numChannels *= 2;
    const tensors = tf.memory().numTensors;
    expect(() => deserializeRcan({ ...files, modelJson: JSON.stringify(json) })).toThrow(/weights\.bin is too short: .* needs \d+/);
    expect(tf.memory().numTensors).toBe(tensors);
  });
});

describe('no tensor leaks (bench/soak.ts)', () => {
  it('build → serialize → deserialize → dispose leaves the tensor count where it was', () => {
    const before = tf.memory().numTensors;
    const model = buildRcan(arch, { seed: 3 });
    const copy = deserializeRcan(serializeRcan(model));
    model.dispose();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
