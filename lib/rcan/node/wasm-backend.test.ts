// The wasm backend is the CLI's backend: check the factorized conv and its custom gradient there
// against tfjs's own conv3d on the cpu backend (the wasm backend has no Conv3D backprop kernels).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildRcan, fastConv3d } from '../core';
import { useWasmBackend } from './use-wasm-backend';

describe('fastConv3d on the wasm backend', () => {
  it('matches cpu tf.conv3d values and gradients; a model training step runs', async () => {
    await tf.setBackend('cpu');
    const shapes = { x: [1, 4, 6, 5, 3], w: [3, 3, 3, 3, 2], b: [2] };
    const values = tf.tidy(() => ({
      x: tf.randomNormal(shapes.x, 0, 1, 'float32', 1).dataSync() as Float32Array,
      w: tf.randomNormal(shapes.w, 0, 1, 'float32', 2).dataSync() as Float32Array,
      b: tf.randomNormal(shapes.b, 0, 1, 'float32', 3).dataSync() as Float32Array,
      probe: tf.randomNormal([1, 4, 6, 5, 2], 0, 1, 'float32', 4).dataSync() as Float32Array,
    }));
    const run = (conv: (x: tf.Tensor5D, w: tf.Tensor5D, b: tf.Tensor1D) => tf.Tensor) => tf.tidy(() => {
      const x = tf.tensor(values.x, shapes.x);
      const w = tf.tensor(values.w, shapes.w);
      const b = tf.tensor(values.b, shapes.b);
      const probe = tf.tensor(values.probe, [1, 4, 6, 5, 2]);
      const y = conv(x as tf.Tensor5D, w as tf.Tensor5D, b as tf.Tensor1D);
      const grads = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(conv(xx as tf.Tensor5D, ww as tf.Tensor5D, bb as tf.Tensor1D), probe)))([x, w, b]);
      return [y, ...grads].map((t) => Array.from(t.dataSync()));
    });
    const reference = run((x, w, b) => tf.add(tf.conv3d(x, w, 1, 'same'), b));
    await useWasmBackend();
    expect(tf.getBackend()).toBe('wasm');
    const got = run(fastConv3d);
    got.forEach((arr, k) => arr.forEach((v, i) => expect(Math.abs(v - reference[k]![i]!)).toBeLessThan(1e-4)));

    const model = buildRcan({ ndim: 3, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 2, channelReduction: 2 }, { seed: 1 });
    const optimizer = tf.train.adam(1e-3);
    const x = tf.randomUniform([1, 4, 8, 8, 1], 0, 1, 'float32', 5);
    const loss = () => tf.mean(tf.abs(tf.sub(model.apply(x), x))) as tf.Scalar;
    const first = optimizer.minimize(loss, true, model.variables())!;
    for (let i = 0; i < 5; i++) optimizer.minimize(loss, false, model.variables());
    const after = tf.tidy(loss);
    expect(after.dataSync()[0]).toBeLessThan(first.dataSync()[0]!);
    tf.dispose([first, after, x]);
    optimizer.dispose();
    model.dispose();
  });
});
