import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasPythonModules, needs, runPython, skipWithout } from '../../test/helpers/external-tools';
import { decodeBigTiff, isBigTiff } from './decode-bigtiff';
import { decodeTiff } from './decode-tiff';
import { createHyperstackTiffStream, encodeTiff } from './encode-tiff';
import { NotStreamableError, openTiffPlanes, type RandomAccessSource } from './tiff-planes';
import { createVolume, stackChannels, type Hyperstack } from './volume';

// Issue 13: `rcan apply` reads inputs of any depth plane by plane. The reader must give exactly what
// the whole-file decoder gives, for files written by another program (tifffile), and never read
// the whole file.

const dir = mkdtempSync(join(tmpdir(), 'tiff-planes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A source over bytes that records every read. */
function memorySource(bytes: Uint8Array): RandomAccessSource & { reads: { offset: number; length: number }[] } {
  const reads: { offset: number; length: number }[] = [];
  return {
    size: bytes.length,
    reads,
    read: async (offset, length) => {
      reads.push({ offset, length });
      if (offset < 0 || offset + length > bytes.length) throw new Error(`read past the end: ${offset}+${length}`);
      return bytes.slice(offset, offset + length);
    },
  };
}

async function allPlanes(bytes: Uint8Array): Promise<{ data: number[]; info: Awaited<ReturnType<typeof openTiffPlanes>>['info']; maxRead: number; planeBytes: number }> {
  const source = memorySource(bytes);
  const reader = await openTiffPlanes(source);
  const headerReads = source.reads.length;
  const data: number[] = [];
  for (let p = 0; p < reader.info.planes; p++) data.push(...Array.from(await reader.readPlane(p)));
  const planeBytes = reader.info.width * reader.info.height * (reader.info.dtype === 'uint8' ? 1 : reader.info.dtype === 'uint16' ? 2 : 4);
  expect(headerReads).toBeGreaterThan(0);
  return { data, info: reader.info, maxRead: Math.max(...source.reads.map((r) => r.length)), planeBytes };
}

describe('openTiffPlanes on our own files', () => {
  it('reads a classic stack plane by plane, equal to decodeTiff, without reading more than a plane at once', async () => {
    const [z, y, x] = [5, 9, 11];
    const data = Uint16Array.from({ length: z * y * x }, (_, i) => (i * 7919) % 65536);
    const bytes = encodeTiff(createVolume(data, [z, y, x], { spacing: { x: 0.2, y: 0.2, z: 1.5, unit: 'µm' } }));
    const whole = decodeTiff(bytes);
    const got = await allPlanes(bytes);
    expect(got.data).toEqual(Array.from(whole.data));
    const { data: _unused, ...info } = whole;
    expect(got.info).toEqual(info);
    expect(got.maxRead).toBeLessThanOrEqual(got.planeBytes);
  });

  it('reads a forced BigTIFF like decodeBigTiff', async () => {
    const data = Float32Array.from({ length: 3 * 4 * 5 }, (_, i) => i * 0.5 - 7);
    const bytes = encodeTiff(createVolume(data, [3, 4, 5]), { bigTiff: true });
    expect(isBigTiff(bytes)).toBe(true);
    const source = memorySource(bytes);
    const reader = await openTiffPlanes(source);
    expect(reader.bigTiff).toBe(true);
    const whole = decodeBigTiff(bytes);
    expect(reader.info.dims).toEqual(whole.dims);
    const planes = await Promise.all([0, 1, 2].map((p) => reader.readPlane(p)));
    expect(planes.flatMap((p) => Array.from(p))).toEqual(Array.from(data));
  });

  it('refuses truncated and looping files in one line, and leaves 1-bit masks to the whole-file decoder', async () => {
    const bytes = encodeTiff(createVolume(Uint8Array.from({ length: 2 * 4 * 4 }, (_, i) => i), [2, 4, 4]));
    await expect(openTiffPlanes(memorySource(bytes.subarray(0, bytes.length - 30)))).rejects.toThrow(/truncated or corrupt/);
    await expect(openTiffPlanes(memorySource(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])))).rejects.toThrow(/not a TIFF file/);
    const looping = bytes.slice();
    const view = new DataView(looping.buffer);
    const first = view.getUint32(4, true);
    const n = view.getUint16(first, true);
    view.setUint32(first + 2 + n * 12, first, true);
    await expect(openTiffPlanes(memorySource(looping))).rejects.toThrow(/loops back/);
    // BitsPerSample 1 → NotStreamableError (decodeTiff reads masks).
    const oneBit = bytes.slice();
    const ov = new DataView(oneBit.buffer);
    for (let k = 0; k < n; k++) {
      const e = first + 2 + k * 12;
      if (ov.getUint16(e, true) === 258) ov.setUint16(e + 8, 1, true);
    }
    await expect(openTiffPlanes(memorySource(oneBit))).rejects.toBeInstanceOf(NotStreamableError);
  });
});

/** Assemble a createHyperstackTiffStream file, planes written in reverse order (offsets, not order, matter). */
function streamFile(stack: Hyperstack, options: { format?: 'imagej' | 'ome'; bigTiff?: boolean }): Uint8Array {
  const [z, c, y, x] = stack.shape;
  const s = createHyperstackTiffStream({ shape: [z, c, y, x], dtype: stack.dtype, ndim: stack.ndim, ...(stack.spacing ? { spacing: stack.spacing } : {}) }, options);
  const out = new Uint8Array(s.size);
  out.set(s.head, 0);
  for (let zi = z - 1; zi >= 0; zi--) {
    for (let ci = c - 1; ci >= 0; ci--) {
      const plane = stack.data.subarray((zi * c + ci) * y * x, (zi * c + ci + 1) * y * x);
      out.set(s.plane(plane), s.offsetOf(s.pageOf(zi, ci)));
    }
  }
  const tail = s.tail();
  out.set(tail, s.size - tail.length);
  return out;
}

describe('createHyperstackTiffStream', () => {
  const spacing = { x: 0.125, y: 0.25, z: 2, unit: 'µm' };
  const make = (k: number) => createVolume(Float32Array.from({ length: 3 * 5 * 6 }, (_, i) => i * 0.5 + k), [3, 5, 6], { spacing });
  const stack = stackChannels([make(0), make(100)], ['Raw', 'Restored']);

  it.each(['imagej', 'ome'] as const)('%s: the same file content as encodeTiff, voxel size included', (format) => {
    const streamed = decodeTiff(streamFile(stack, { format }));
    const whole = decodeTiff(encodeTiff(stack, { format }));
    expect(streamed.description).toBe(whole.description);
    expect(streamed.dims).toEqual(whole.dims);
    expect(streamed.spacing).toEqual(whole.spacing);
    expect(Array.from(streamed.data)).toEqual(Array.from(whole.data));
  });

  it('BigTIFF: resolution tags inline, read back by the plane reader', async () => {
    const bytes = streamFile(stack, { bigTiff: true });
    expect(isBigTiff(bytes)).toBe(true);
    const reader = await openTiffPlanes(memorySource(bytes));
    expect(reader.info.spacing).toEqual(spacing);
    expect(reader.info.dims).toEqual({ t: 1, z: 3, c: 2 });
    expect(Array.from(decodeBigTiff(bytes).data)).toEqual(Array.from(stack.data));
  });
});

const tifffile = hasPythonModules(['tifffile', 'numpy']);
describe.skipIf(skipWithout(tifffile, 'python3-tifffile'))(`openTiffPlanes on files tifffile wrote ${needs(tifffile, 'python3-tifffile')}`, () => {
  // Each case: a tifffile.imwrite call on a seeded array; the test compares every plane with numpy's
  // values and with decodeTiff (or decodeBigTiff) of the whole file.
  const cases: Record<string, string> = {
    'uint16 pages, 3 rows per strip': "a = (rng.random((4, 10, 13)) * 65535).astype('uint16'); tifffile.imwrite(f, a, photometric='minisblack', rowsperstrip=3)",
    'BigTIFF uint16': "a = (rng.random((5, 8, 9)) * 65535).astype('uint16'); tifffile.imwrite(f, a, bigtiff=True)",
    'BigTIFF float32 big-endian': "a = (rng.random((3, 6, 7)) * 100 - 50).astype('float32'); tifffile.imwrite(f, a, photometric='minisblack', bigtiff=True, byteorder='>')",
    'tiles 16x16 over 20x37 uint16': "a = (rng.random((3, 20, 37)) * 65535).astype('uint16'); tifffile.imwrite(f, a, photometric='minisblack', tile=(16, 16))",
    'deflate + horizontal predictor uint8': "a = (rng.random((4, 12, 15)) * 255).astype('uint8'); tifffile.imwrite(f, a, photometric='minisblack', compression='zlib', predictor=True, rowsperstrip=5)",
    'deflate tiles float32': "a = (rng.random((2, 17, 33)) * 3).astype('float32'); tifffile.imwrite(f, a, compression='zlib', tile=(16, 16))",
    'int16 (read as float32)': "a = (rng.random((3, 5, 6)) * 60000 - 30000).astype('int16'); tifffile.imwrite(f, a, photometric='minisblack')",
    'float64 (read as float32)': "a = rng.random((3, 5, 6)) * 1e3; tifffile.imwrite(f, a, photometric='minisblack')",
    'ImageJ hyperstack': "a = (rng.random((6, 9, 10)) * 65535).astype('uint16'); tifffile.imwrite(f, a, imagej=True, resolution=(1 / 0.25, 1 / 0.25), metadata={'spacing': 2.0, 'unit': 'um', 'axes': 'ZYX'})",
    // ImageJ's own layout for stacks over 4 GB: ONE IFD, images=N, the planes back to back.
    'ImageJ one IFD + contiguous planes': [
      "a = (rng.random((7, 8, 12)) * 65535).astype('uint16')",
      "tifffile.imwrite(f, a[0], description='ImageJ=1.53t\\nimages=7\\nslices=7\\nunit=micron\\nspacing=3.0\\nloop=false\\n', metadata=None, resolution=(2.0, 2.0))",
      't = tifffile.TiffFile(f); off = t.pages[0].dataoffsets[0]; n = t.pages[0].databytecounts[0]; t.close()',
      "assert off + n == os.path.getsize(f), 'pixel data must be last'",
      "open(f, 'ab').write(a[1:].astype('<u2').tobytes())",
    ].join('\n'),
  };
  const names = Object.keys(cases);
  const files = names.map((_, i) => join(dir, `case-${i}.tif`));
  const expected: number[][] = JSON.parse(runPython(
    [
      'import json, os, sys, numpy, tifffile',
      'out = []',
      ...names.flatMap((name, i) => [
        `rng = numpy.random.default_rng(${i})`,
        `f = sys.argv[${i + 1}]`,
        ...cases[name]!.split('\n'),
        "out.append(a.astype('float64').ravel().tolist())",
      ]),
      'print(json.dumps(out))',
    ].join('\n'),
    files,
  )) as number[][];

  it.each(names.map((name, i) => [name, i] as const))('%s', async (_name, i) => {
    const bytes = new Uint8Array(readFileSync(files[i]!));
    const got = await allPlanes(bytes);
    // float32 conversions as decodeTiff does them.
    expect(got.data).toEqual(expected[i]!.map((v) => (got.info.dtype === 'float32' ? Math.fround(v) : v)));
    const whole = isBigTiff(bytes) ? decodeBigTiff(bytes) : decodeTiff(bytes);
    expect(got.data).toEqual(Array.from(whole.data));
    expect(got.info.dims).toEqual(whole.dims);
    expect(got.info.dtype).toBe(whole.dtype);
    if (!isBigTiff(bytes)) expect(got.info.spacing).toEqual(whole.spacing);
    expect(got.maxRead).toBeLessThanOrEqual(Math.max(got.planeBytes, 64 * 1024));
  });

  it('the one-IFD ImageJ file has 7 planes and its voxel size', async () => {
    const got = await allPlanes(new Uint8Array(readFileSync(files[names.indexOf('ImageJ one IFD + contiguous planes')]!)));
    expect(got.info.planes).toBe(7);
    expect(got.info.dims).toEqual({ t: 1, z: 7, c: 1 });
    expect(got.info.spacing).toEqual({ x: 0.5, y: 0.5, z: 3, unit: 'µm' });
  });
});
