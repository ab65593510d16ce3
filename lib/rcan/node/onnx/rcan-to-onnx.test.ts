import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRcan, serializeRcan, type RcanArchitecture } from '../../core';
import { ONNX_INPUT, ONNX_OUTPUT, rcanToOnnx } from './rcan-to-onnx';

// The exported ONNX graph, run by onnxruntime-node, must agree with the tfjs model within 1e-4.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randomWeights(arch: RcanArchitecture, seed: number) {
  const model = buildRcan(arch, { seed });
  // Non-zero biases so a wrong bias placement shows up.
  for (const c of model.convs) c.bias.assign(tf.randomUniform(c.bias.shape, -0.1, 0.1, 'float32', seed + c.bias.size));
  return model;
}

async function runOnnx(bytes: Uint8Array, data: Float32Array, dims: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const result = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', data, dims) });
    return result[ONNX_OUTPUT]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

const cases: [string, RcanArchitecture, number[], 'conv3d' | 'factorised' | 'stacked'][] = [
  ['3D G3 B2, Conv 3D', { ndim: 3, numChannels: 8, numResidualBlocks: 2, numResidualGroups: 3, channelReduction: 4 }, [5, 12, 14], 'conv3d'],
  ['3D G3 B2, factorised', { ndim: 3, numChannels: 8, numResidualBlocks: 2, numResidualGroups: 3, channelReduction: 4 }, [5, 12, 14], 'factorised'],
  ['3D G3 B2, stacked', { ndim: 3, numChannels: 8, numResidualBlocks: 2, numResidualGroups: 3, channelReduction: 4 }, [5, 12, 14], 'stacked'],
  ['3D G1 B1 (no group tail)', { ndim: 3, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 1, channelReduction: 2 }, [3, 9, 7], 'conv3d'],
  ['2D G2 B2', { ndim: 2, numChannels: 8, numResidualBlocks: 2, numResidualGroups: 2, channelReduction: 4 }, [17, 13], 'conv3d'],
];

describe('rcanToOnnx', () => {
  it.each(cases)('%s agrees with tfjs within 1e-4', async (_name, arch, spatial, layout) => {
    const model = randomWeights(arch, 7);
    const size = spatial.reduce((a, b) => a * b, 1);
    const input = Float32Array.from({ length: size }, (_, i) => Math.sin(i * 0.37) * 0.5 + 0.5);
    const expected = tf.tidy(() => model.predict(tf.tensor(input, [1, ...spatial, 1])).dataSync() as Float32Array);
    const bytes = rcanToOnnx(serializeRcan(model), { layout });
    model.dispose();
    const actual = await runOnnx(bytes, input, [1, 1, ...spatial]);
    expect(actual.length).toBe(size);
    let maxDiff = 0;
    for (let i = 0; i < size; i++) maxDiff = Math.max(maxDiff, Math.abs(actual[i]! - expected[i]!));
    expect(maxDiff).toBeLessThan(1e-4);
    // The output is not trivially constant (a graph that ignored its input would fail here).
    expect(Math.max(...actual) - Math.min(...actual)).toBeGreaterThan(1e-3);
  });

  it('refuses weights that do not fit the architecture, in one line', () => {
    const model = buildRcan({ ndim: 3, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 1, channelReduction: 2 });
    const files = serializeRcan(model);
    model.dispose();
    expect(() => rcanToOnnx({ ...files, weightsBin: files.weightsBin.subarray(0, 100) })).toThrow(/truncated/);
    expect(() => rcanToOnnx({ ...files, modelJson: '{"format":"other"}' })).toThrow(/not a bioimage-navigator\/rcan model/);
  });
});
