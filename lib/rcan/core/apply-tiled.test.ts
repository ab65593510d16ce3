import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAbortError } from '../../util/errors';
import { applyTiled, predictTile } from './apply-tiled';
import { buildRcan, type RcanModel } from './model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const arch = { ndim: 3 as const, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 2, channelReduction: 2 };

/** Keep only the centre tap of every 3×3×3 kernel: the model becomes voxel-wise, so tiling cannot change it. */
function makePointwise(model: RcanModel): void {
  for (const c of model.convs) {
    if (c.kernelShape[0] !== 3) continue;
    const mask = tf.tidy(() => tf.pad(tf.ones([1, 1, 1, ...c.kernelShape.slice(3)]), [[1, 1], [1, 1], [1, 1], [0, 0], [0, 0]]));
    c.kernel.assign(tf.mul(c.kernel, mask));
    mask.dispose();
  }
}

function randomVolume(shape: number[], seed: number) {
  const data = tf.tidy(() => tf.randomUniform(shape, 0, 1, 'float32', seed).dataSync() as Float32Array);
  return { shape, data };
}

describe('applyTiled', () => {
  it('equals a whole-volume prediction for a voxel-wise model without channel attention', async () => {
    const model = buildRcan(arch, { seed: 2, channelAttention: false });
    makePointwise(model);
    const volume = randomVolume([9, 21, 17], 3);
    const whole = await predictTile(model, volume.data, volume.shape);
    const tiled = await applyTiled(model, volume, { blockShape: [4, 8, 8], overlap: [1, 2, 3], concurrency: 2 });
    expect(tiled.shape).toEqual([9, 21, 17]);
    let max = 0;
    for (let i = 0; i < whole.length; i++) max = Math.max(max, Math.abs(whole[i]! - tiled.data[i]!));
    expect(max).toBeLessThan(1e-5);
    // Not trivially constant: the model does depend on the input.
    expect(Math.max(...whole) - Math.min(...whole)).toBeGreaterThan(1e-3);
    model.dispose();
  });

  it('one block covering the whole image equals a direct prediction', async () => {
    const model = buildRcan({ ...arch, numResidualGroups: 1 }, { seed: 5, channelAttention: false });
    const volume = randomVolume([1, 40, 40], 4);
    const whole = await predictTile(model, volume.data, volume.shape);
    const single = await applyTiled(model, volume, { blockShape: [1, 40, 40], overlap: [0, 0, 0] });
    expect(Array.from(single.data)).toEqual(Array.from(whole));
    model.dispose();
  });

  it('leaks no tensors and reports progress', async () => {
    const model = buildRcan(arch, { seed: 1 });
    const volume = randomVolume([5, 12, 12], 6);
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    await applyTiled(model, volume, { blockShape: [4, 8, 8], onProgress: (p) => seen.push(p.done / p.total) });
    expect(tf.memory().numTensors).toBe(before);
    expect(seen.length).toBe(8);
    expect(seen.at(-1)).toBe(1);
    model.dispose();
  });

  it('stops between blocks when aborted', async () => {
    const volume = randomVolume([4, 16, 16], 7);
    const controller = new AbortController();
    let calls = 0;
    const predictor = async (block: Float32Array) => {
      calls++;
      if (calls === 2) controller.abort();
      return block;
    };
    const error = await applyTiled(predictor, volume, { blockShape: [4, 8, 8], overlap: [0, 0, 0], signal: controller.signal }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(calls).toBe(2);
  });

  it('propagates predictor failures', async () => {
    const volume = randomVolume([2, 8, 8], 8);
    await expect(applyTiled(async () => { throw new Error('boom'); }, volume, { blockShape: [2, 8, 8], concurrency: 3 })).rejects.toThrow('boom');
  });
});
