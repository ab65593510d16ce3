import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countParams } from './count-params';
import { buildRcan, type RcanArchitecture } from './model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const base: RcanArchitecture = { ndim: 3, numChannels: 32, numResidualBlocks: 3, numResidualGroups: 5, channelReduction: 8 };

// Expected figures are spec §1.4's table (computed there from the Keras layer definitions).
const table: [string, Partial<RcanArchitecture>, number, number][] = [
  ['default 3D', {}, 68, 1_002_621],
  ['config.json G=3', { numResidualGroups: 3 }, 42, 613_349],
  ['config_large G5 B5', { numResidualBlocks: 5 }, 108, 1_559_141],
  ['TF2 G=2', { numResidualGroups: 2 }, 29, 418_713],
  ['default 2D', { ndim: 2 }, 68, 337_917],
  ['G=1', { numResidualGroups: 1 }, 15, 196_397],
];

describe('buildRcan', () => {
  it.each(table)('%s has the spec conv and parameter counts', (_name, change, convs, params) => {
    const arch = { ...base, ...change };
    expect(countParams(arch)).toBe(params);
    const model = buildRcan(arch);
    expect(model.convs.length).toBe(convs);
    expect(model.countParams()).toBe(params);
    model.dispose();
  });

  it('creates convs in the §1.3 order with Keras kernel shapes', () => {
    const model = buildRcan(base);
    const roles = model.convs.map((c) => c.role);
    expect(roles.slice(0, 6)).toEqual(['head', 'rcab-conv1', 'rcab-conv2', 'ca-down', 'ca-up', 'rcab-conv1']);
    expect(roles[13]).toBe('group-tail');
    expect(roles.slice(-3)).toEqual(['group-tail', 'trunk-tail', 'output']);
    expect(model.convs[0]!.kernelShape).toEqual([3, 3, 3, 1, 32]);
    expect(model.convs[3]!.kernelShape).toEqual([1, 1, 1, 32, 4]);
    expect(model.convs[4]!.kernelShape).toEqual([1, 1, 1, 4, 32]);
    expect(model.convs[67]!.kernelShape).toEqual([3, 3, 3, 32, 1]);
    expect(model.convs.map((c) => c.name)).toEqual(model.convs.map((_, i) => `conv3d_${i + 1}`));
    model.dispose();
  });

  it('G=1 has no group tail', () => {
    const model = buildRcan({ ...base, numResidualGroups: 1 });
    expect(model.convs.some((c) => c.role === 'group-tail')).toBe(false);
    model.dispose();
  });

  it('initialises kernels glorot-uniform (seeded) and biases to zero', () => {
    const a = buildRcan({ ...base, numResidualGroups: 1, numResidualBlocks: 1 }, { seed: 3 });
    const b = buildRcan({ ...base, numResidualGroups: 1, numResidualBlocks: 1 }, { seed: 3 });
    const c = buildRcan({ ...base, numResidualGroups: 1, numResidualBlocks: 1 }, { seed: 4 });
    const k = Array.from(a.convs[1]!.kernel.dataSync());
    const limit = Math.sqrt(6 / (27 * 32 + 27 * 32));
    expect(Math.max(...k)).toBeLessThanOrEqual(limit);
    expect(Math.min(...k)).toBeGreaterThanOrEqual(-limit);
    // Uniform on [-l, l] has variance l²/3.
    const variance = k.reduce((s, v) => s + v * v, 0) / k.length;
    expect(variance).toBeCloseTo((limit * limit) / 3, 4);
    expect(Array.from(b.convs[1]!.kernel.dataSync())).toEqual(k);
    expect(Array.from(c.convs[1]!.kernel.dataSync())).not.toEqual(k);
    expect(Array.from(a.convs[1]!.bias.dataSync()).every((v) => v === 0)).toBe(true);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('forward pass equals a hand-built tf.conv3d graph (independent reference)', () => {
    const arch: RcanArchitecture = { ndim: 3, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 2, channelReduction: 2 };
    const model = buildRcan(arch, { seed: 1 });
    // Give biases non-zero values so they are checked too.
    model.convs.forEach((c, i) => c.bias.assign(tf.fill(c.bias.shape, 0.01 * (i + 1))));
    const x = tf.randomUniform([1, 4, 6, 5, 1], 0, 1, 'float32', 12);
    const got = model.predict(x);
    const want = tf.tidy(() => {
      const c = model.convs;
      const conv = (h: tf.Tensor, i: number, relu = false) => {
        const y = tf.add(tf.conv3d(h as tf.Tensor5D, c[i]!.kernel as tf.Tensor as tf.Tensor5D, 1, 'same'), c[i]!.bias);
        return relu ? tf.relu(y) : y;
      };
      const ca = (y: tf.Tensor, down: number, up: number) => {
        const p = tf.mean(y, [1, 2, 3], true) as tf.Tensor5D;
        const d = tf.relu(tf.add(tf.conv3d(p, c[down]!.kernel as tf.Tensor as tf.Tensor5D, 1, 'valid'), c[down]!.bias));
        const u = tf.sigmoid(tf.add(tf.conv3d(d as tf.Tensor5D, c[up]!.kernel as tf.Tensor as tf.Tensor5D, 1, 'valid'), c[up]!.bias));
        return tf.mul(y, u);
      };
      const f0 = conv(tf.sub(tf.mul(x, 2), 1), 0);
      // Group 1: convs 1-4 RCAB, 5 tail. Group 2: 6-9 RCAB, 10 tail. 11 trunk tail, 12 output.
      let h = f0;
      for (const start of [1, 6]) {
        const s = h;
        h = tf.add(ca(conv(conv(h, start, true), start + 1), start + 2, start + 3), h);
        h = tf.add(conv(h, start + 4), s);
      }
      h = tf.add(conv(h, 11), f0);
      return tf.add(tf.mul(conv(h, 12), 0.5), 0.5);
    });
    expect(tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]).toBeLessThan(1e-4);
    tf.dispose([x, got, want]);
    model.dispose();
  });

  it('predicts 2D input and leaks no tensors', () => {
    const model = buildRcan({ ...base, ndim: 2, numChannels: 8, numResidualGroups: 1, numResidualBlocks: 1 });
    const x = tf.zeros([1, 8, 8, 1]);
    const before = tf.memory().numTensors;
    const y = model.predict(x);
    expect(y.shape).toEqual([1, 8, 8, 1]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it('rejects C < r and wrong input rank', () => {
    expect(() => buildRcan({ ...base, numChannels: 4 })).toThrow(/channel_reduction/);
    const model = buildRcan({ ...base, numChannels: 8, numResidualGroups: 1, numResidualBlocks: 1 });
    expect(() => model.predict(tf.zeros([1, 4, 4, 1]))).toThrow(RangeError);
    model.dispose();
  });
});
