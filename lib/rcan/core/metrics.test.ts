import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { needs, skipWithout } from '../../../test/helpers/external-tools';
import { useWasmBackend } from '../../../test/helpers/use-wasm-backend';
import { createRandom } from './create-random';
import { computeLoss } from './losses';
import { psnrMetric, ssimMetric } from './metrics';

const PYTHON = '/usr/bin/python3';
const hasSkimage = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import skimage']).status === 0;

beforeAll(useWasmBackend);

function noisyPair(shape: number[], seed: number): [Float32Array, Float32Array] {
  const random = createRandom(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const a = Float32Array.from({ length: n }, (_, i) => 0.5 + 0.4 * Math.sin(i / 7));
  const b = a.map((v) => v + 0.2 * (random() - 0.5));
  return [a, b];
}

describe('losses', () => {
  it('computes mae and mse by hand', () => {
    const yTrue = tf.tensor([0, 0, 0, 0]);
    const yPred = tf.tensor([1, -1, 2, 0]);
    expect(computeLoss('mae', yTrue, yPred).dataSync()[0]).toBeCloseTo(1, 6);
    expect(computeLoss('mse', yTrue, yPred).dataSync()[0]).toBeCloseTo(1.5, 6);
  });
});

describe('psnrMetric', () => {
  it('is 20 dB for a uniform error of 0.1, averaged per sample', () => {
    const yTrue = tf.zeros([2, 4, 4, 4, 1]);
    const yPred = tf.concat([tf.fill([1, 4, 4, 4, 1], 0.1), tf.fill([1, 4, 4, 4, 1], 0.01)]);
    // Per sample: 20 dB and 40 dB; the mean of the per-sample values is 30 (not PSNR of the pooled MSE).
    expect(psnrMetric(yTrue, yPred).dataSync()[0]).toBeCloseTo(30, 3);
  });
});

describe('ssimMetric', () => {
  it('is 1 for identical inputs', () => {
    const [a] = noisyPair([12, 12, 12], 1);
    const t = tf.tensor(a, [1, 12, 12, 12, 1]);
    expect(ssimMetric(t, t).dataSync()[0]).toBeCloseTo(1, 5);
  });

  it('refuses patches smaller than 11 on any axis', () => {
    const t = tf.zeros([1, 8, 16, 16, 1]);
    expect(() => ssimMetric(t, t)).toThrow(/every patch dimension ≥ 11/);
  });

  it.skipIf(skipWithout(hasSkimage, 'python3-skimage'))(`matches scikit-image structural_similarity (Gaussian σ 1.5, population covariance) ${needs(hasSkimage, 'python3-skimage')}`, () => {
    for (const shape of [[13, 16, 15], [20, 17]]) {
      const [a, b] = noisyPair(shape, 2);
      const script = `
import sys, numpy as np
from skimage.metrics import structural_similarity
d = np.frombuffer(sys.stdin.buffer.read(), dtype=np.float32).astype(np.float64)
n = d.size // 2
shape = ${JSON.stringify(shape)}
a = d[:n].reshape(shape); b = d[n:].reshape(shape)
print(structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=1.0))`;
      const input = Buffer.concat([Buffer.from(a.buffer), Buffer.from(b.buffer)]);
      const result = spawnSync(PYTHON, ['-c', script], { input });
      expect(result.status, result.stderr.toString()).toBe(0);
      const expected = Number(result.stdout.toString());
      const actual = ssimMetric(tf.tensor(a, [1, ...shape, 1]), tf.tensor(b, [1, ...shape, 1])).dataSync()[0]!;
      expect(actual).toBeCloseTo(expected, 4);
    }
  });
});
