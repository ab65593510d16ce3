import { describe, expect, it } from 'vitest';
import { percentileNormalize } from './normalize';
import { percentiles } from './percentile';
import { streamingPercentiles, type PlaneSource } from './streaming-percentiles';
import type { VolumeData } from './volume';
import { mulberry32 } from '../util/mulberry32';

// The streamed apply must normalize exactly as the whole-volume path: the same percentiles, bit for bit.

function source(data: VolumeData, shape: [number, number, number]): PlaneSource & { reads: number } {
  const plane = shape[1] * shape[2];
  const s = {
    shape,
    dtype: data instanceof Uint8Array ? 'uint8' : data instanceof Uint16Array ? 'uint16' : 'float32',
    reads: 0,
    readPlane: async (z: number) => {
      s.reads++;
      return data.slice(z * plane, (z + 1) * plane);
    },
  } as PlaneSource & { reads: number };
  return s;
}


const PS = [0, 2, 50, 99.9, 100, 37.3];

describe('streamingPercentiles', () => {
  it.each([
    ['uint8', () => Uint8Array.from({ length: 7 * 9 * 11 }, (_, i) => (i * 31) % 256)],
    ['uint16', () => { const r = mulberry32(1); return Uint16Array.from({ length: 7 * 9 * 11 }, () => Math.floor(r() ** 3 * 65536)); }],
  ] as const)('%s: equals percentiles() of the whole volume, one pass', async (_name, make) => {
    const data = make();
    const s = source(data, [7, 9, 11]);
    expect(await streamingPercentiles(s, PS)).toEqual(percentiles(data, PS));
    expect(s.reads).toBe(7);
  });

  it.each([
    ['spread floats with negatives', (r: () => number) => Math.fround((r() - 0.3) * 1e4)],
    ['tiny and huge magnitudes', (r: () => number) => Math.fround((r() < 0.5 ? -1 : 1) * 10 ** (r() * 60 - 30))],
    // Most values in one high-16-bit bucket: the second pass must still rank inside it exactly.
    ['values crowded in one bucket', (r: () => number) => Math.fround(1 + r() * 1e-3)],
    ['many ties', (r: () => number) => Math.floor(r() * 5) * 0.5],
  ])('float32 %s: equals percentiles() exactly, two passes', async (_name, value) => {
    const r = mulberry32(7);
    const shape: [number, number, number] = [6, 13, 17];
    const data = Float32Array.from({ length: 6 * 13 * 17 }, () => value(r));
    const s = source(data, shape);
    expect(await streamingPercentiles(s, PS)).toEqual(percentiles(data, PS));
    expect(s.reads).toBe(12);
  });

  it('refuses NaN/Infinity with the whole-volume message (count and first position)', async () => {
    const data = new Float32Array(3 * 4 * 5).fill(1);
    data[2 * 20 + 1 * 5 + 3] = NaN;
    data[2 * 20 + 4 * 5 - 1] = Infinity;
    await expect(streamingPercentiles(source(data, [3, 4, 5]), [2, 99.9], { finite: { name: 'x.tif', consequence: 'bad' } }))
      .rejects.toThrow('x.tif has 2 NaN or infinite voxel(s) (first at z,y,x = 2,1,3); bad;');
  });

  it('with the streamed percentiles, per-plane normalization equals percentileNormalize', async () => {
    const r = mulberry32(3);
    const data = Float32Array.from({ length: 4 * 8 * 8 }, () => Math.fround(r() * 700 - 20));
    const whole = percentileNormalize(data, 2, 99.9);
    const [low, high] = (await streamingPercentiles(source(data, [4, 8, 8]), [2, 99.9])) as [number, number];
    const { normalizeWith } = await import('./normalize');
    const streamed = normalizeWith(data, low, high, new Float32Array(data.length));
    expect(Array.from(streamed)).toEqual(Array.from(whole));
  });
});
