import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRcan, type RcanArchitecture } from './model';

// Gradient checkpointing (recomputeGroups) must give the same loss gradients as the plain taped
// graph, for every weight, and use less memory during a training step.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const shape3 = [1, 4, 12, 10, 1];

function lossGrads(arch: RcanArchitecture, recomputeGroups: boolean, shape: number[]) {
  const model = buildRcan(arch, { seed: 9, recomputeGroups });
  tf.tidy(() => { for (const c of model.convs) c.bias.assign(tf.randomUniform(c.bias.shape, -0.1, 0.1, 'float32', c.kernel.size)); });
  const x = tf.randomUniform(shape, 0, 1, 'float32', 1);
  const y = tf.randomUniform(shape, 0, 1, 'float32', 2);
  const tensorsBefore = tf.memory().numTensors;
  const { value, grads } = tf.variableGrads(() => {
    const loss = tf.mean(tf.abs(tf.sub(model.apply(x), y))) as tf.Scalar;
    return loss;
  }, model.variables());
  const out = { loss: value.dataSync()[0]!, grads: model.variables().map((v) => grads[v.name]!.dataSync() as Float32Array) };
  tf.dispose([value, ...Object.values(grads)]);
  expect(tf.memory().numTensors).toBe(tensorsBefore); // nothing leaked by the nested backward pass
  tf.dispose([x, y]);
  model.dispose();
  return out;
}

describe('recomputeGroups', () => {
  it.each([
    ['G3 B2 with group tails', { ndim: 3, numChannels: 8, numResidualBlocks: 2, numResidualGroups: 3, channelReduction: 4 }],
    ['G1 B1 without', { ndim: 3, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 1, channelReduction: 2 }],
    ['2D G2 B1', { ndim: 2, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 2, channelReduction: 2 }],
  ] as [string, RcanArchitecture][])('%s: same loss and gradients as the taped graph', (_name, arch) => {
    const input = arch.ndim === 2 ? [1, 12, 10, 1] : shape3;
    const a = lossGrads(arch, false, input);
    const b = lossGrads(arch, true, input);
    expect(b.loss).toBeCloseTo(a.loss, 6);
    expect(b.grads.length).toBe(a.grads.length);
    a.grads.forEach((g, i) => {
      let max = 0;
      let scale = 0;
      for (let k = 0; k < g.length; k++) { max = Math.max(max, Math.abs(g[k]! - b.grads[i]![k]!)); scale = Math.max(scale, Math.abs(g[k]!)); }
      expect(max).toBeLessThanOrEqual(1e-5 * Math.max(1, scale));
    });
    expect(a.grads.some((g) => g.some((v) => v !== 0))).toBe(true);
  });
});
