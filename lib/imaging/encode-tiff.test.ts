import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { hasImagej, hasPythonModules, needs, runImagejMacro, runPython, skipWithout } from '../../test/helpers/external-tools';
import { decodeTiff } from './decode-tiff';
import { encodeTiff } from './encode-tiff';
import { toHyperstack } from './to-hyperstack';
import { toSingleChannelVolume } from './to-single-channel-volume';
import { createVolume, stackChannels, type Dtype, type Hyperstack, type Volume } from './volume';

const dir = mkdtempSync(join(tmpdir(), 'encode-tiff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Z×Y×X volume whose value at flat index i is f(i), in the given dtype. */
function volumeOf(dtype: Dtype, shape: [number, number, number], f: (i: number) => number, spacing?: Volume['spacing']): Volume {
  const n = shape[0] * shape[1] * shape[2];
  const data = dtype === 'uint8' ? new Uint8Array(n) : dtype === 'uint16' ? new Uint16Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = f(i);
  return createVolume(data, shape, spacing ? { spacing } : {});
}

/** Channel c's value at flat index i: distinct per channel and representable in every dtype. */
const valueFor = (dtype: Dtype, c: number) => (i: number) => (dtype === 'float32' ? (i - 17) / 4 + 1000 * c : dtype === 'uint16' ? 300 * i + 7 + 20000 * c : (i * 7 + 50 * c) % 256);

function rcanStack(dtype: Dtype, channels: number, shape: [number, number, number] = [4, 3, 5]): Hyperstack {
  const names = ['Raw', 'Restored', 'Ground Truth'].slice(0, channels);
  return stackChannels(
    names.map((_, c) => volumeOf(dtype, shape, valueFor(dtype, c), { x: 0.125, y: 0.125, z: 0.5, unit: 'µm' })),
    names,
  );
}

describe('encodeTiff → decodeTiff round trip', () => {
  for (const dtype of ['uint8', 'uint16', 'float32'] as const) {
    for (const format of ['imagej', 'ome'] as const) {
      it(`keeps every ${dtype} value of a 3-channel stack in ${format} layout`, () => {
        const stack = rcanStack(dtype, 3);
        const decoded = decodeTiff(encodeTiff(stack, { format }));
        expect(decoded.dtype).toBe(dtype);
        expect(decoded.dims).toEqual({ t: 1, z: 4, c: 3 });
        const back = toHyperstack(decoded);
        expect(back.shape).toEqual([4, 3, 3, 5]);
        expect(Array.from(back.data)).toEqual(Array.from(stack.data));
        if (format === 'ome') expect(back.channelNames).toEqual(['Raw', 'Restored', 'Ground Truth']);
      });
    }
  }

  it('writes the exact ImageJ description tifffile writes for imagej=True', () => {
    const decoded = decodeTiff(encodeTiff(rcanStack('float32', 2), { spacing: false }));
    expect(decoded.description).toBe('ImageJ=1.11a\nimages=8\nchannels=2\nslices=4\nhyperstack=true\nmode=grayscale\n');
    expect(decoded.spacing).toBeUndefined();
  });

  it('keeps the voxel size unless told not to', () => {
    const decoded = decodeTiff(encodeTiff(rcanStack('uint16', 2)));
    expect(decoded.spacing).toEqual({ x: 0.125, y: 0.125, z: 0.5, unit: 'µm' });
    expect(decoded.imagej).toMatchObject({ unit: 'micron', spacing: 0.5 });
  });

  it('adds min/max over all channels and slices when asked', () => {
    const decoded = decodeTiff(encodeTiff(rcanStack('float32', 2), { displayRange: true }));
    // Channel 0 spans (0-17)/4 … (59-17)/4; channel 1 adds 1000.
    expect(decoded.imagej).toMatchObject({ min: -4.25, max: 1010.5 });
  });

  it('writes a single-channel volume as a plain ImageJ stack', () => {
    const volume = volumeOf('uint16', [3, 2, 2], (i) => i * 11);
    const decoded = decodeTiff(encodeTiff(volume));
    expect(decoded.description).toBe('ImageJ=1.11a\nimages=3\nslices=3\nhyperstack=true\nmode=grayscale\n');
    expect(Array.from(toSingleChannelVolume(decoded).data)).toEqual(Array.from(volume.data));
  });

  it('writes a 2D multi-channel image without a slices entry', () => {
    const a = createVolume(new Uint8Array([1, 2, 3, 4]), [2, 2]);
    const b = createVolume(new Uint8Array([5, 6, 7, 8]), [2, 2]);
    const decoded = decodeTiff(encodeTiff(stackChannels([a, b])));
    expect(decoded.description).toBe('ImageJ=1.11a\nimages=2\nchannels=2\nhyperstack=true\nmode=grayscale\n');
    expect(Array.from(decoded.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses data whose length does not match the shape', () => {
    const bad = { shape: [2, 1, 2, 2], ndim: 3, dtype: 'uint8', data: new Uint8Array(7) } as unknown as Hyperstack;
    expect(() => encodeTiff(bad)).toThrow(/needs 8 samples, got 7/);
  });

  it('refuses output over the 4 GiB classic-TIFF limit before allocating it', () => {
    // Shape says 1100 × 1024 × 1024 float32 planes (4.3 GiB); the data are never read.
    const huge = { shape: [1100, 1, 1024, 1024], ndim: 3, dtype: 'float32', data: new Float32Array(1) } as unknown as Hyperstack;
    expect(() => encodeTiff(huge)).toThrow(/over the 4 GiB limit of classic TIFF/);
  });
});

const tifffileAvailable = hasPythonModules(['tifffile', 'numpy']);

describe.skipIf(skipWithout(tifffileAvailable, 'python3-tifffile'))(`encodeTiff read by tifffile ${needs(tifffileAvailable, '/usr/bin/python3 with tifffile and numpy')}`, () => {
  const READ = `
import json, sys, tifffile, numpy as np
with tifffile.TiffFile(sys.argv[1]) as tif:
    s = tif.series[0]
    a = s.asarray()
    print(json.dumps({
        'axes': s.axes, 'shape': list(a.shape), 'dtype': str(a.dtype),
        'imagej': tif.imagej_metadata, 'is_ome': tif.is_ome,
        'values': a.astype(np.float64).ravel().tolist(),
    }))
`;
  for (const dtype of ['uint8', 'uint16', 'float32'] as const) {
    for (const channels of [2, 3]) {
      it(`reads a ${channels}-channel ${dtype} ImageJ hyperstack as ZCYX with exact values`, () => {
        const stack = rcanStack(dtype, channels);
        const file = join(dir, `ij-${dtype}-${channels}.tif`);
        writeFileSync(file, encodeTiff(stack, { spacing: false }));
        const out = JSON.parse(runPython(READ, [file]));
        expect(out.axes).toBe('ZCYX');
        expect(out.shape).toEqual([4, channels, 3, 5]);
        expect(out.dtype).toBe(dtype);
        expect(out.imagej).toMatchObject({ ImageJ: '1.11a', images: 4 * channels, channels, slices: 4, hyperstack: true, mode: 'grayscale' });
        expect(out.values).toEqual(Array.from(stack.data));
      });
    }
    it(`reads a 3-channel ${dtype} OME-TIFF as CZYX with exact values`, () => {
      const stack = rcanStack(dtype, 3);
      const file = join(dir, `ome-${dtype}.tif`);
      writeFileSync(file, encodeTiff(stack, { format: 'ome' }));
      const out = JSON.parse(runPython(READ, [file]));
      expect(out.is_ome).toBe(true);
      expect(out.axes).toBe('CZYX');
      expect(out.shape).toEqual([3, 4, 3, 5]);
      expect(out.dtype).toBe(dtype);
      // tifffile's CZYX order: expected value at (c, z, p) is channel c's f(z * 15 + p).
      const expected: number[] = [];
      for (let c = 0; c < 3; c++) for (let i = 0; i < 60; i++) expected.push(valueFor(dtype, c)(i));
      expect(out.values).toEqual(expected.map((v) => (dtype === 'float32' ? Math.fround(v) : v)));
    });
  }

  it('reads back the voxel size written as resolution tags and spacing', () => {
    const file = join(dir, 'ij-spacing.tif');
    writeFileSync(file, encodeTiff(rcanStack('uint16', 2)));
    const out = JSON.parse(
      runPython(
        `
import json, sys, tifffile
with tifffile.TiffFile(sys.argv[1]) as tif:
    p = tif.pages[0]
    x = p.tags['XResolution'].value
    print(json.dumps({'x': x[1] / x[0], 'meta': tif.imagej_metadata}))
`,
        [file],
      ),
    );
    expect(out.x).toBeCloseTo(0.125, 12);
    expect(out.meta).toMatchObject({ unit: 'micron', spacing: 0.5 });
  });
});

const imagejAvailable = hasImagej();

describe.skipIf(skipWithout(imagejAvailable, 'imagej and xvfb'))(`encodeTiff opened by ImageJ 1.x ${needs(imagejAvailable, 'headless ImageJ (xvfb-run imagej)')}`, () => {
  it('opens 2- and 3-channel hyperstacks of every bit depth with channels, slices and values in place', () => {
    const cases = [
      { dtype: 'float32', channels: 2 },
      { dtype: 'float32', channels: 3 },
      { dtype: 'uint16', channels: 2 },
      { dtype: 'uint8', channels: 3 },
    ] as const;
    const results: string[] = [];
    const macro: string[] = [];
    for (const [k, { dtype, channels }] of cases.entries()) {
      const file = join(dir, `imagej-${k}.tif`);
      writeFileSync(file, encodeTiff(rcanStack(dtype, channels)));
      const out = join(dir, `imagej-${k}.txt`);
      results.push(out);
      // Pixel (x=1, y=2) of slice 3, last channel: flat index (3-1)*15 + 2*5 + 1 = 41.
      macro.push(
        `open("${file}");`,
        'getDimensions(w, h, c, s, f);',
        `Stack.setPosition(${channels}, 3, 1);`,
        'getVoxelSize(pw, ph, pd, unit);',
        `File.saveString("" + w + " " + h + " " + c + " " + s + " " + f + " " + getPixel(1, 2) + " " + bitDepth() + " " + pd, "${out}");`,
        'close();',
      );
    }
    const macroFile = join(dir, 'check.ijm');
    writeFileSync(macroFile, macro.join('\n'));
    const run = runImagejMacro(macroFile);
    for (const [k, { dtype, channels }] of cases.entries()) {
      let text: string;
      try {
        text = readFileSync(results[k]!, 'utf8');
      } catch {
        throw new Error(`ImageJ wrote no result (exit ${run.status}): ${run.stderr}`);
      }
      const [w, h, c, s, f, value, bits, depth] = text.trim().split(' ').map(Number);
      const bitDepth = { uint8: 8, uint16: 16, float32: 32 }[dtype];
      expect({ w, h, c, s, f, bits, depth }).toEqual({ w: 5, h: 3, c: channels, s: 4, f: 1, bits: bitDepth, depth: 0.5 });
      expect(value).toBeCloseTo(valueFor(dtype, channels - 1)(41), 3);
    }
  });
});
