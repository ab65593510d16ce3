import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWasmBackend } from '../../../test/helpers/use-wasm-backend';
import { createRandom } from './create-random';
import { buildRcan } from './model';
import { loadOptimizerState, saveOptimizerState, type OptimizerStateFiles } from './optimizer-state';
import type { TrainingPair } from './patch-sampler';
import { deserializeRcan, serializeRcan } from './serialize-rcan';
import { trainRcan, type TrainEpochState } from './train';

beforeAll(useWasmBackend);

function pair(seed: number): TrainingPair {
  const random = createRandom(seed);
  const gt = Float32Array.from({ length: 32 * 32 }, (_, i) => 0.5 + 0.4 * Math.sin((i % 32) / 3 + seed) * Math.cos(Math.floor(i / 32) / 4));
  return { raw: gt.map((v) => v + 0.3 * (random() - 0.5)), gt, shape: [32, 32], name: `p${seed}` };
}
const arch = { ndim: 2, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 1, channelReduction: 2 } as const;

describe('optimizer state', () => {
  it('round-trips Adam: the next step after a restore equals the next step without one (to float32 rounding)', async () => {
    const target = tf.tensor1d([1, -2, 3]);
    const make = () => tf.variable(tf.tensor1d([0, 0, 0]));
    const a = make();
    const optA = tf.train.adam(0.1, 0.9, 0.999, 1e-7);
    const loss = (v: tf.Variable) => () => tf.sum(tf.square(tf.sub(v, target))) as tf.Scalar;
    for (let i = 0; i < 5; i++) optA.minimize(loss(a));
    const saved = await saveOptimizerState(optA);
    const b = tf.variable(a.clone());
    const optB = tf.train.adam(0.1, 0.9, 0.999, 1e-7);
    await loadOptimizerState(optB, saved, [b]);
    optA.minimize(loss(a));
    optB.minimize(loss(b));
    // tfjs recomputes beta^t as a power on restore instead of a running product: 1e-6 rounding
    const diff = (x: tf.Variable, y: tf.Variable) => Math.max(...Array.from(x.dataSync(), (v, i) => Math.abs(v - y.dataSync()[i]!)));
    expect(diff(a, b)).toBeLessThan(1e-5);
    // while a fresh optimizer (no state) takes a visibly different step
    const c = tf.variable(tf.tensor1d(Array.from(b.dataSync())));
    const before = tf.variable(tf.tensor1d(Array.from(b.dataSync())));
    optB.minimize(loss(b));
    tf.train.adam(0.1, 0.9, 0.999, 1e-7).minimize(loss(c));
    expect(diff(b, c)).toBeGreaterThan(1e-3);
    expect(diff(before, c)).toBeGreaterThan(1e-3);
    expect(JSON.parse(saved.json).iterations).toBe(5);
    await expect(loadOptimizerState(tf.train.adam(0.1), saved, [b, c])).rejects.toThrow(/another architecture/);
  });
});

describe('trainRcan resume and early stopping', () => {
  it('continues a saved run at the next epoch with the saved learning rate, moments and best value', async () => {
    const data = { training: [pair(1), pair(2)], validation: [pair(3)] };
    const common = { patchShape: [16, 16], epochs: 4, stepsPerEpoch: 4, initialLearningRate: 1e-2, intensityThreshold: 0, seed: 5 };
    const model = buildRcan(arch, { seed: 1 });
    let state: (Omit<TrainEpochState, 'model' | 'optimizerState'> & { files: ReturnType<typeof serializeRcan>; optimizer: OptimizerStateFiles }) | undefined;
    const controller = new AbortController();
    await expect(
      trainRcan(model, data, {
        ...common,
        signal: controller.signal,
        onEpochState: async (s) => {
          state = { epoch: s.epoch, lr: s.lr, ...(s.best ? { best: s.best } : {}), files: serializeRcan(s.model), optimizer: await s.optimizerState() };
          if (s.epoch === 2) controller.abort(); // "interrupted" after epoch 2
        },
      }),
    ).rejects.toThrow(/cancelled/);
    model.dispose();
    expect(state!.epoch).toBe(2);
    expect(JSON.parse(state!.optimizer.json).iterations).toBe(8);
    const resumed = deserializeRcan(state!.files);
    const result = await trainRcan(resumed, data, { ...common, resume: { epochsDone: 2, learningRate: state!.lr, ...(state!.best ? { best: state!.best } : {}), optimizerState: state!.optimizer } });
    resumed.dispose();
    expect(result.history.map((h) => h.epoch)).toEqual([3, 4]);
    // epochs // 4 = 1: the learning rate halves every epoch, continuing from the saved one
    expect(result.history[0]!.lr).toBeCloseTo(state!.lr / 2, 12);
    expect(result.best!.value).toBeLessThanOrEqual(state!.best!.value);
  }, 120_000);

  it('stops when the monitored loss has not improved for `patience` epochs', async () => {
    const model = buildRcan(arch, { seed: 1 });
    // A learning rate this large makes the loss jump around; patience 1 stops at the first non-improving epoch.
    const result = await trainRcan(model, { training: [pair(1)], validation: [pair(3)] }, { patchShape: [16, 16], epochs: 12, stepsPerEpoch: 2, initialLearningRate: 0.5, intensityThreshold: 0, seed: 2, earlyStoppingPatience: 1 });
    model.dispose();
    expect(result.stoppedEarly).toBeDefined();
    expect(result.history.length).toBeLessThan(12);
    expect(result.stoppedEarly!.epoch - result.stoppedEarly!.bestEpoch).toBe(1);
    expect(result.history.at(-1)!.improved).toBe(false);
  }, 120_000);
});
