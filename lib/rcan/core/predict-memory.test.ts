import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyTiled, predictTile } from './apply-tiled';
import { buildRcan, type RcanArchitecture } from './model';

// Issue 13: inference memory must be bounded by a few activations, not by the model depth, and
// every block must leave tfjs exactly where it found it (tensor count and bytes).

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const arch: RcanArchitecture = { ndim: 3, numChannels: 8, numResidualBlocks: 3, numResidualGroups: 3, channelReduction: 4 };
const shape = [1, 6, 20, 24, 1];
const activationBytes = shape.slice(0, 4).reduce((a, b) => a * b, 1) * arch.numChannels * 4;

function input(seed: number): tf.Tensor {
  return tf.tidy(() => tf.randomUniform(shape, 0, 1, 'float32', seed));
}

describe('RcanModel.predict memory', () => {
  it('returns the same values as the taped forward pass', async () => {
    const model = buildRcan(arch, { seed: 3 });
    const x = input(1);
    const fast = model.predict(x);
    const reference = tf.tidy(() => model.apply(x));
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(fast, reference))).dataSync()[0]!);
    expect(diff).toBeLessThan(1e-6);
    expect(Math.max(...(await fast.data()))).toBeGreaterThan(0); // a real output, not zeros
    tf.dispose([x, fast, reference]);
    model.dispose();
  });

  it('peaks at a few activations, far below keeping every activation alive', async () => {
    const model = buildRcan(arch, { seed: 3 });
    const x = input(2);
    // tf.profile returns one engine-owned object that the next profile overwrites: copy the figure.
    // Measured above what is alive before (weights, input).
    const base = tf.memory().numBytes;
    const lean = (await tf.profile(() => { model.predict(x).dispose(); })).peakBytes - base;
    const taped = (await tf.profile(() => { tf.tidy(() => model.apply(x)).dispose(); })).peakBytes - base;
    x.dispose();
    model.dispose();
    // The whole-graph pass holds every intermediate of 28 convolutions until the end.
    expect(taped).toBeGreaterThan(20 * activationBytes);
    // predict: skips (long, short, block) + one RCAB's temporaries + one conv's parts (measured 9.4;
    // 65 before the per-block tidies).
    expect(lean).toBeLessThan(12 * activationBytes);
  });

  it('leaves tensor count and bytes at the baseline after every tiled block', async () => {
    const model = buildRcan(arch, { seed: 5 });
    const volume = { shape: [10, 30, 34], data: Float32Array.from({ length: 10 * 30 * 34 }, (_, i) => (i % 97) / 97) };
    const baseline = tf.memory();
    const seen: { numTensors: number; numBytes: number }[] = [];
    const out = await applyTiled(model, volume, {
      blockShape: [6, 20, 24],
      onProgress: () => { const m = tf.memory(); seen.push({ numTensors: m.numTensors, numBytes: m.numBytes }); },
    });
    expect(seen.length).toBeGreaterThan(3);
    for (const m of seen) expect(m).toEqual({ numTensors: baseline.numTensors, numBytes: baseline.numBytes });
    expect(out.data.some((v) => v !== 0)).toBe(true);
    // predictTile on its own, too.
    await predictTile(model, new Float32Array(6 * 20 * 24).fill(0.5), [6, 20, 24]);
    expect(tf.memory().numTensors).toBe(baseline.numTensors);
    expect(tf.memory().numBytes).toBe(baseline.numBytes);
    model.dispose();
  });
});
