import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasPythonModules, needs, runPython } from '../../test/helpers/external-tools';
import { decodeBigTiff, isBigTiff } from './decode-bigtiff';
import { decodeTiff } from './decode-tiff';
import { encodeTiff, encodeTiffStream } from './encode-tiff';
import { createTiffStream } from './tiff-stream';
import { stackChannels, createVolume, type Hyperstack } from './volume';

// Issue 13: outputs past 4 GiB are streamed plane by plane and written as BigTIFF. A forced BigTIFF
// of a small stack stands in for a large one here (the 400×2048×2048 case is a benchmark).

const dir = mkdtempSync(join(tmpdir(), 'tiff-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hyperstack(dtype: 'uint8' | 'uint16' | 'float32'): Hyperstack {
  const [z, y, x] = [4, 6, 7];
  const make = (c: number) => {
    const n = z * y * x;
    const values = Array.from({ length: n }, (_, i) => (dtype === 'float32' ? i * 0.25 - c : (i * 37 + c * 11) % (dtype === 'uint8' ? 256 : 65536)));
    const data = dtype === 'uint8' ? Uint8Array.from(values) : dtype === 'uint16' ? Uint16Array.from(values) : Float32Array.from(values);
    return createVolume(data, [z, y, x]);
  };
  return stackChannels([make(0), make(1)], ['Raw', 'Restored']);
}

function streamBytes(stack: Hyperstack, bigTiff: boolean): Uint8Array {
  const s = encodeTiffStream(stack, { bigTiff });
  const parts = [s.head, ...Array.from({ length: s.count }, (_, i) => s.plane(s.planeData(i)))];
  const dataEnd = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(s.size);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  out.set(s.tail(), dataEnd + (dataEnd % 2));
  return out;
}

describe('TIFF streaming and BigTIFF', () => {
  it.each(['uint8', 'uint16', 'float32'] as const)('%s: a forced BigTIFF decodes to the same hyperstack as the classic file', (dtype) => {
    const stack = hyperstack(dtype);
    const big = encodeTiff(stack, { bigTiff: true });
    expect(isBigTiff(big)).toBe(true);
    expect(isBigTiff(encodeTiff(stack))).toBe(false);
    const classic = decodeTiff(encodeTiff(stack));
    const decoded = decodeBigTiff(big);
    expect(decoded.dims).toEqual(classic.dims);
    expect(decoded.dims).toEqual({ t: 1, z: 4, c: 2 });
    expect(decoded.dtype).toBe(dtype);
    expect(Array.from(decoded.data)).toEqual(Array.from(classic.data));
  });

  it('a streamed classic file (IFDs after the pixels) reads back through the regular decoder', () => {
    const stack = hyperstack('uint16');
    const bytes = streamBytes(stack, false);
    expect(isBigTiff(bytes)).toBe(false);
    const decoded = decodeTiff(bytes);
    expect(decoded.dims).toEqual({ t: 1, z: 4, c: 2 });
    expect(Array.from(decoded.data)).toEqual(Array.from(stack.data));
  });

  it('picks BigTIFF by itself only past 4 GiB, without allocating anything', () => {
    const small = createTiffStream({ width: 2048, height: 2048, dtype: 'float32', count: 200 });
    expect(small.bigTiff).toBe(false);
    // 400 slices × 2 channels of 2048×2048 float32 = 12.5 GiB: the big demo as a 32-bit output.
    const large = createTiffStream({ width: 2048, height: 2048, dtype: 'float32', count: 800, description: 'ImageJ=1.11a\nimages=800\n' });
    expect(large.bigTiff).toBe(true);
    expect(large.size).toBeGreaterThan(800 * 2048 * 2048 * 4);
    expect(() => createTiffStream({ width: 2048, height: 2048, dtype: 'float32', count: 800, bigTiff: false })).toThrow(/classic TIFF cannot hold/);
  });

  it('refuses a truncated BigTIFF in one line', () => {
    const big = encodeTiff(hyperstack('uint16'), { bigTiff: true });
    expect(() => decodeBigTiff(big.subarray(0, big.length - 40))).toThrow(/damaged BigTIFF|truncated/);
  });

  const tifffile = hasPythonModules(['tifffile', 'numpy']);
  it.runIf(tifffile || process.env.CI)(`tifffile opens the BigTIFF as an ImageJ hyperstack ${needs(tifffile, 'python3-tifffile')}`, () => {
    const stack = hyperstack('float32');
    const file = join(dir, 'big.tif');
    writeFileSync(file, encodeTiff(stack, { bigTiff: true }));
    const out = runPython(
      'import json, sys, tifffile, numpy\n' +
        't = tifffile.TiffFile(sys.argv[1]); a = t.asarray()\n' +
        'print(json.dumps({"big": t.is_bigtiff, "imagej": t.is_imagej, "shape": list(a.shape), "axes": t.series[0].axes, "dtype": str(a.dtype), "values": a.ravel().tolist()}))',
      [file],
    );
    const r = JSON.parse(out) as { big: boolean; imagej: boolean; shape: number[]; axes: string; dtype: string; values: number[] };
    expect({ big: r.big, imagej: r.imagej, shape: r.shape, axes: r.axes, dtype: r.dtype }).toEqual({ big: true, imagej: true, shape: [4, 2, 6, 7], axes: 'ZCYX', dtype: 'float32' });
    expect(r.values).toEqual(Array.from(stack.data));
  });
});
