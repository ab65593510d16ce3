import { describe, expect, it } from 'vitest';
import { applyTiled, type BlockPredictor } from './apply-tiled';
import { applyTiledSlabs } from './apply-slabs';
import { planTiles } from './plan-tiles';

// Issue 13: the z-slab apply must give the whole-volume apply's output bit for bit, and hold a
// number of planes that does not grow with the stack's depth.

/** A block predictor whose output depends on the whole block (like channel attention) and on position. */
const predictor: BlockPredictor = async (block) => {
  let mean = 0;
  for (const v of block) mean += v;
  mean /= block.length;
  return block.map((v, i) => Math.tanh(v * 1.7 - mean) + 0.001 * (i % 13));
};

function volume(shape: [number, number, number]): Float32Array {
  return Float32Array.from({ length: shape[0] * shape[1] * shape[2] }, (_, i) => Math.sin(i * 0.37) * 0.5 + ((i * 7) % 11) / 11);
}

async function slabs(data: Float32Array, shape: [number, number, number], blockShape: number[], overlap?: number[], concurrency = 1) {
  const planeSize = shape[1] * shape[2];
  const out = new Float32Array(data.length);
  const seen: number[] = [];
  const stats = await applyTiledSlabs(predictor, { shape, readPlane: async (z) => data.slice(z * planeSize, (z + 1) * planeSize) }, {
    blockShape,
    ...(overlap ? { overlap } : {}),
    concurrency,
    onPlane: (z, restored, input) => {
      seen.push(z);
      expect(Array.from(input)).toEqual(Array.from(data.subarray(z * planeSize, (z + 1) * planeSize)));
      out.set(restored, z * planeSize);
    },
  });
  return { out, seen, stats };
}

describe('applyTiledSlabs', () => {
  it.each([
    ['several slabs, far-end reflect padding on every axis', [23, 19, 21], [8, 10, 12], undefined],
    ['block deeper than the stack', [5, 9, 9], [8, 8, 8], undefined],
    ['no overlap', [12, 8, 8], [4, 8, 8], [0, 0, 0]],
    ['single-plane overlap with a one-plane last slab', [15, 7, 9], [8, 7, 9], [1, 1, 1]],
  ] as const)('%s: bit-identical to applyTiled', async (_name, shape, block, overlap) => {
    const data = volume([...shape]);
    const whole = await applyTiled(predictor, { shape, data }, { blockShape: block, ...(overlap ? { overlap } : {}) });
    const streamed = await slabs(data, [...shape], [...block], overlap ? [...overlap] : undefined);
    expect(streamed.seen).toEqual(Array.from({ length: shape[0] }, (_, z) => z));
    expect(Array.from(streamed.out)).toEqual(Array.from(whole.data));
    expect(streamed.stats.slabs).toBe(planTiles(shape, block, overlap).counts[0]);
  });

  it('holds the same number of planes for a 3-slab and a 9-slab stack (memory independent of depth)', async () => {
    const block = [8, 8, 8];
    // step 7 (overlap 1): 3 slabs for 21 planes, 9 for 63.
    const small = await slabs(volume([21, 8, 8]), [21, 8, 8], block);
    const large = await slabs(volume([63, 8, 8]), [63, 8, 8], block);
    expect([small.stats.slabs, large.stats.slabs]).toEqual([3, 9]);
    expect(large.stats.peakInputPlanes).toBe(small.stats.peakInputPlanes);
    expect(large.stats.peakAccumulatorPlanes).toBe(small.stats.peakAccumulatorPlanes);
    expect(large.stats.peakInputPlanes).toBeLessThanOrEqual(block[0]!);
    expect(large.stats.peakAccumulatorPlanes).toBeLessThanOrEqual(block[0]!);
  });

  it('with two blocks in flight agrees within float rounding and honours abort', async () => {
    const shape: [number, number, number] = [17, 12, 12];
    const data = volume(shape);
    const whole = await applyTiled(predictor, { shape, data }, { blockShape: [6, 6, 6] });
    const streamed = await slabs(data, shape, [6, 6, 6], undefined, 2);
    streamed.out.forEach((v, i) => expect(Math.abs(v - whole.data[i]!)).toBeLessThan(1e-6));
    const controller = new AbortController();
    controller.abort();
    await expect(applyTiledSlabs(predictor, { shape, readPlane: async () => new Float32Array(144) }, { blockShape: [6, 6, 6], signal: controller.signal, onPlane: () => undefined })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
