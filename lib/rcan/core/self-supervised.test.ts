// Self-supervised training with the same network, on seeded synthetic data (lib/synth): blind-spot
// (Noise2Void-style) from noisy images only, Noise2Noise from two noisy recordings, and supervised
// from noisy→clean pairs of the same scenes. Each must beat the raw image in PSNR against the
// noiseless scene; the figures are printed (and quoted in lib/rcan/README.md).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { percentileNormalize, rescaleToTarget } from '../../imaging';
import { peakSignalNoiseRatio } from '../../metrics';
import { restorationPair } from '../../synth';
import { useWasmBackend } from '../../../test/helpers/use-wasm-backend';
import { blindSpotMask, type TrainingMode } from './blind-spot';
import { createRandom } from './create-random';
import { buildRcan } from './model';
import type { TrainingPair } from './patch-sampler';
import { trainRcan } from './train';

beforeAll(useWasmBackend);

const SHAPE = [96, 96] as const;
const PHOTONS = 6;
const arch = { ndim: 2, numChannels: 8, numResidualBlocks: 1, numResidualGroups: 1, channelReduction: 2 } as const;
const EPOCHS = Number(process.env.SELF_SUPERVISED_EPOCHS ?? 6);
const STEPS = Number(process.env.SELF_SUPERVISED_STEPS ?? 40);

/** One field: noisy recording A, an independent noisy recording B, a bright GT, and the noiseless scene. */
function field(seed: number) {
  const a = restorationPair({ shape: [...SHAPE], seed, kind: 'blobs', count: 25, psfSigma: { z: 0, y: 1.5, x: 1.5 }, lowPhotons: PHOTONS, highPhotons: PHOTONS });
  const bright = restorationPair({ shape: [...SHAPE], seed, kind: 'blobs', count: 25, psfSigma: { z: 0, y: 1.5, x: 1.5 }, lowPhotons: PHOTONS, highPhotons: 1000 });
  return {
    noisyA: percentileNormalize(a.raw.data),
    noisyB: percentileNormalize(a.gt.data),
    gt: percentileNormalize(bright.gt.data),
    clean: a.clean.data,
  };
}

function pairsFor(mode: TrainingMode, seeds: number[]): TrainingPair[] {
  return seeds.map((s) => {
    const f = field(s);
    const target = mode === 'supervised' ? f.gt : mode === 'noise2noise' ? f.noisyB : f.noisyA;
    return { raw: f.noisyA, gt: target, shape: [...SHAPE], name: `field${s}` };
  });
}

/** PSNR against the noiseless scene after a least-squares a·x+b fit (the units differ per mode). */
function psnr(image: Float32Array, clean: Float32Array): number {
  const fitted = rescaleToTarget(image, clean).data;
  return peakSignalNoiseRatio({ data: clean, shape: [...SHAPE] }, { data: fitted, shape: [...SHAPE] }, 1);
}

async function trainAndScore(mode: TrainingMode): Promise<{ raw: number; restored: number }> {
  const model = buildRcan(arch, { seed: 3 });
  try {
    await trainRcan(model, { training: pairsFor(mode, [1, 2, 3, 4]), validation: pairsFor(mode, [5]) }, {
      patchShape: [32, 32],
      epochs: EPOCHS,
      stepsPerEpoch: STEPS,
      initialLearningRate: 2e-3,
      intensityThreshold: 0,
      trainingMode: mode,
      blindSpotFraction: 0.03,
      seed: 7,
    });
    const test = field(100);
    const out = tf.tidy(() => model.predict(tf.tensor(test.noisyA, [1, ...SHAPE, 1])).dataSync() as Float32Array);
    return { raw: psnr(test.noisyA, test.clean), restored: psnr(Float32Array.from(out), test.clean) };
  } finally {
    model.dispose();
  }
}

describe('blind-spot masking', () => {
  it('masks the requested share of voxels, each replaced by a neighbour value, never changing others', () => {
    const data = Float32Array.from({ length: 20 * 20 }, (_, i) => i);
    const { input, mask } = blindSpotMask(data, [20, 20], 0.05, createRandom(1));
    const masked = [...mask.keys()].filter((i) => mask[i] === 1);
    expect(masked.length).toBeGreaterThan(10);
    expect(masked.length).toBeLessThanOrEqual(20);
    for (let i = 0; i < data.length; i++) {
      if (mask[i] === 0) expect(input[i]).toBe(data[i]);
      else {
        expect(input[i]).not.toBe(data[i]);
        const src = input[i]!;
        expect(Math.abs(Math.floor(src / 20) - Math.floor(i / 20))).toBeLessThanOrEqual(2);
        expect(Math.abs((src % 20) - (i % 20))).toBeLessThanOrEqual(2);
      }
    }
    expect(() => blindSpotMask(data, [20, 20], 0, createRandom(1))).toThrow(/fraction/);
  });
});

describe('self-supervised and supervised training on the same seeded data', () => {
  const results: Partial<Record<TrainingMode, { raw: number; restored: number }>> = {};
  for (const mode of ['supervised', 'noise2noise', 'blind-spot'] as const) {
    it(`${mode}: the restored test field beats the raw one in PSNR`, async () => {
      const r = await trainAndScore(mode);
      results[mode] = r;
      console.log(`${mode}: PSNR raw ${r.raw.toFixed(2)} dB -> restored ${r.restored.toFixed(2)} dB (gain ${(r.restored - r.raw).toFixed(2)} dB; ${EPOCHS}x${STEPS} steps)`);
      expect(r.restored - r.raw).toBeGreaterThan(mode === 'supervised' ? 3 : 2);
    }, 600_000);
  }

  it('control: learning noisy→the same noisy image without the blind spot gains next to nothing', async () => {
    // Without masking the network can copy each voxel's own noise: this is what blind-spot prevents.
    const model = buildRcan(arch, { seed: 3 });
    try {
      const pairs = pairsFor('blind-spot', [1, 2, 3, 4]);
      await trainRcan(model, { training: pairs }, { patchShape: [32, 32], epochs: EPOCHS, stepsPerEpoch: STEPS, initialLearningRate: 2e-3, intensityThreshold: 0, seed: 7 });
      const test = field(100);
      const out = tf.tidy(() => model.predict(tf.tensor(test.noisyA, [1, ...SHAPE, 1])).dataSync() as Float32Array);
      const gain = psnr(Float32Array.from(out), test.clean) - psnr(test.noisyA, test.clean);
      console.log(`identity control: gain ${gain.toFixed(2)} dB`);
      expect(gain).toBeLessThan(1);
    } finally {
      model.dispose();
    }
  }, 600_000);
});
