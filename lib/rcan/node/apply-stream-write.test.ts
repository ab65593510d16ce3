import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolume, decodeTiff, stackChannels } from '../../imaging';
import { writeStreamAtomically } from './apply-command';

// The path rcan apply takes for outputs past 4 GiB: the TIFF streamed to disk plane by plane.
let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'rcan-stream-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('writeStreamAtomically', () => {
  it.each(['imagej', 'ome'] as const)('%s: the streamed file decodes to the same hyperstack, no temp file left', async (format) => {
    const [z, y, x] = [3, 5, 7];
    const channel = (c: number) => createVolume(Float32Array.from({ length: z * y * x }, (_, i) => i * 0.5 + c * 100), [z, y, x]);
    const stack = stackChannels([channel(0), channel(1)], ['Raw', 'Restored']);
    const file = path.join(dir, `${format}.tif`);
    await writeStreamAtomically(file, stack, format);
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    const decoded = decodeTiff(new Uint8Array(await readFile(file)));
    expect(decoded.dims).toEqual({ t: 1, z: 3, c: 2 });
    // ImageJ stores Z then C; OME (XYZTC) stores all Z of channel 0 first.
    const expected = format === 'imagej' ? Array.from(stack.data) : [...channel(0).data, ...channel(1).data];
    expect(Array.from(decoded.data)).toEqual(expected);
  });
});
