import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fastConv2d } from './fast-conv2d';
import { fastConv3d } from './fast-conv3d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe('fastConv3d', () => {
  it('matches tf.conv3d with bias (reference kernel of tfjs)', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 5, 6, 7, 3], 0, 1, 'float32', 1) as tf.Tensor5D;
      const w = tf.randomNormal([3, 3, 3, 3, 4], 0, 1, 'float32', 2) as tf.Tensor5D;
      const b = tf.randomNormal([4], 0, 1, 'float32', 3) as tf.Tensor1D;
      const expected = tf.add(tf.conv3d(x, w, 1, 'same'), b);
      expect(maxAbsDiff(fastConv3d(x, w, b), expected)).toBeLessThan(1e-4);
    });
  });

  it('has the gradients of tf.conv3d for input, kernel and bias', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 4, 5, 6, 2], 0, 1, 'float32', 4) as tf.Tensor5D;
      const w = tf.randomNormal([3, 3, 3, 2, 3], 0, 1, 'float32', 5) as tf.Tensor5D;
      const b = tf.randomNormal([3], 0, 1, 'float32', 6) as tf.Tensor1D;
      // A non-uniform upstream gradient so every term is exercised.
      const probe = tf.randomNormal([2, 4, 5, 6, 3], 0, 1, 'float32', 7);
      const loss = (f: typeof fastConv3d) => (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
        tf.sum(tf.mul(f(xx as tf.Tensor5D, ww as tf.Tensor5D, bb as tf.Tensor1D), probe));
      const reference = (xx: tf.Tensor5D, ww: tf.Tensor5D, bb: tf.Tensor1D) => tf.add(tf.conv3d(xx, ww, 1, 'same'), bb) as tf.Tensor5D;
      const got = tf.grads(loss(fastConv3d))([x, w, b]);
      const want = tf.grads(loss(reference))([x, w, b]);
      for (let i = 0; i < 3; i++) expect(maxAbsDiff(got[i]!, want[i]!)).toBeLessThan(1e-4);
    });
  });

  it('rejects a non-3x3x3 kernel', () => {
    const x = tf.zeros([1, 2, 2, 2, 1]) as tf.Tensor5D;
    const w = tf.zeros([1, 1, 1, 1, 1]) as tf.Tensor5D;
    expect(() => fastConv3d(x, w, tf.zeros([1]) as tf.Tensor1D)).toThrow(RangeError);
    tf.dispose([x, w]);
  });
});

describe('fastConv2d', () => {
  it('matches tf.conv2d and its gradients', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 6, 5, 3], 0, 1, 'float32', 8) as tf.Tensor4D;
      const w = tf.randomNormal([3, 3, 3, 2], 0, 1, 'float32', 9) as tf.Tensor4D;
      const b = tf.randomNormal([2], 0, 1, 'float32', 10) as tf.Tensor1D;
      const probe = tf.randomNormal([2, 6, 5, 2], 0, 1, 'float32', 11);
      const reference = (xx: tf.Tensor4D, ww: tf.Tensor4D, bb: tf.Tensor1D) => tf.add(tf.conv2d(xx, ww, 1, 'same'), bb) as tf.Tensor4D;
      expect(maxAbsDiff(fastConv2d(x, w, b), reference(x, w, b))).toBeLessThan(1e-4);
      const loss = (f: typeof fastConv2d) => (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
        tf.sum(tf.mul(f(xx as tf.Tensor4D, ww as tf.Tensor4D, bb as tf.Tensor1D), probe));
      const got = tf.grads(loss(fastConv2d))([x, w, b]);
      const want = tf.grads(loss(reference))([x, w, b]);
      for (let i = 0; i < 3; i++) expect(maxAbsDiff(got[i]!, want[i]!)).toBeLessThan(1e-4);
    });
  });
});
