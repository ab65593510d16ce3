import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVolume, hyperstackChannel } from '../../imaging';
import { InputError } from '../../util/errors';
import { buildRcan } from '../core';
import { restoreVolume } from './restore-volume';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// An identity "model": restored = normalized raw, so every output is computable by hand.
const identity = async (block: Float32Array) => block;

// Values 0..99 in a 4x5x5 stack: percentiles p2 = 1.98 and p99.9 = 98.901 (numpy 'linear').
const ramp = () => createVolume(Float32Array.from({ length: 100 }, (_, i) => i), [4, 5, 5]);
const lo = 1.98;
const hi = 98.901;

describe('restoreVolume', () => {
  it('stacks [raw_norm, restored] and normalizes with numpy percentiles', async () => {
    const result = await restoreVolume(identity, ramp(), { blockShape: [2, 4, 4] });
    expect(result.stack.shape).toEqual([4, 2, 5, 5]);
    const raw = hyperstackChannel(result.stack, 0).data;
    for (let i = 0; i < 100; i++) expect(raw[i]).toBeCloseTo((i - lo) / (hi - lo + 1e-6), 5);
    expect(Array.from(hyperstackChannel(result.stack, 1).data)).toEqual(Array.from(raw));
    expect(result.metrics).toBeUndefined();
  });

  it('truncates to 16 bits after clipping (spec §3.9)', async () => {
    const result = await restoreVolume(identity, ramp(), { blockShape: [2, 4, 4], bitDepth: 16 });
    expect(result.stack.dtype).toBe('uint16');
    const raw = hyperstackChannel(result.stack, 0).data;
    expect(raw[0]).toBe(0); // negative → clipped to 0
    expect(raw[99]).toBe(65535); // above 1 → clipped
    expect(raw[50]).toBe(Math.floor(65535 * Math.fround((50 - lo) / (hi - lo + 1e-6))));
  });

  it('adds the GT, scores it, and discards a GT of another shape', async () => {
    const withGt = await restoreVolume(identity, ramp(), { blockShape: [2, 4, 4], groundTruth: ramp() });
    expect(withGt.stack.shape[1]).toBe(3);
    // Identity model and GT = raw: perfect scores.
    expect(withGt.metrics!.restored.psnr).toBeNull();
    expect(withGt.metrics!.restored.nrmse).toBe(0);
    const other = createVolume(new Float32Array(4 * 5 * 6), [4, 5, 6]);
    const discarded = await restoreVolume(identity, ramp(), { blockShape: [2, 4, 4], groundTruth: other });
    expect(discarded.gtDiscarded).toBe(true);
    expect(discarded.stack.shape[1]).toBe(2);
  });

  it('min-max normalizes every channel to [0, 1]', async () => {
    const result = await restoreVolume(identity, ramp(), { blockShape: [2, 4, 4], groundTruth: ramp(), normalizeOutputRange: true });
    for (let c = 0; c < 3; c++) {
      const data = Array.from(hyperstackChannel(result.stack, c).data);
      expect(Math.min(...data)).toBe(0);
      expect(Math.max(...data)).toBeCloseTo(1, 6);
    }
  });

  it('rescales restored onto the GT: an affine GT is recovered exactly', async () => {
    const raw = ramp();
    // GT = raw, so GT_norm = raw_norm; the predictor halves it, and the least-squares fit must undo that.
    const half = async (block: Float32Array) => block.map((v) => v / 2);
    const result = await restoreVolume(half, raw, { blockShape: [2, 4, 4], groundTruth: raw, rescale: true });
    expect(result.rescale!.a).toBeCloseTo(2, 4);
    expect(result.rescale!.b).toBeCloseTo(0, 4);
    expect(result.metrics!.restored.nrmse!).toBeLessThan(1e-5);
  });

  it('rejects a 2D image for a 3D model with an InputError', async () => {
    const model = buildRcan({ ndim: 3, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 1, channelReduction: 2 });
    const image = createVolume(new Float32Array(64), [8, 8]);
    await expect(restoreVolume(model, image, { blockShape: [8, 8] })).rejects.toBeInstanceOf(InputError);
    model.dispose();
  });

  it('restores a 2D image with a 2D model', async () => {
    const model = buildRcan({ ndim: 2, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 1, channelReduction: 2 });
    const image = createVolume(Float32Array.from({ length: 300 }, (_, i) => i % 17), [15, 20]);
    const result = await restoreVolume(model, image, { blockShape: [8, 8] });
    expect(result.stack.shape).toEqual([1, 2, 15, 20]);
    expect(result.stack.ndim).toBe(2);
    model.dispose();
  });
});
