// Issue 13: `rcan apply` streams 3D TIFF inputs in z-slabs. Its output must equal the whole-volume
// path's (which runs when -g is given; a GT of another shape is discarded, so the output is the
// same 2-channel file) bit for bit, for every engine, dtype, bit depth and output format.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolume, decodeBigTiff, decodeTiff, encodeTiff, isBigTiff, type DecodedTiff } from '@/lib/imaging';
import { hasPythonModules, needs, runPython, skipWithout } from '@/test/helpers/external-tools';
import { cli } from '@/test/helpers/rcan-cli';

let dir: string;
const SHAPE: [number, number, number] = [20, 24, 28];

function values(n: number, f: (i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => f(i));
}
const wave = (i: number) => 0.5 + 0.4 * Math.sin(i * 0.013) * Math.cos(i * 0.0007) + ((i * 7919) % 97) / 970;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rcan-zslab-'));
  await writeFile(path.join(dir, 'config.json'), JSON.stringify({ num_channels: 4, channel_reduction: 2, num_residual_groups: 1, num_residual_blocks: 1, input_shape: [4, 16, 16] }));
  expect((await cli(['init', '-c', path.join(dir, 'config.json'), '-o', path.join(dir, 'model'), '--seed', '5'])).code).toBe(0);
  const n = SHAPE[0] * SHAPE[1] * SHAPE[2];
  const spacing = { x: 0.25, y: 0.25, z: 1.5, unit: 'µm' };
  await writeFile(path.join(dir, 'u16.tif'), encodeTiff(createVolume(Uint16Array.from(values(n, (i) => Math.round(wave(i) * 3000 + 100))), SHAPE, { spacing })));
  await writeFile(path.join(dir, 'u8.tif'), encodeTiff(createVolume(Uint8Array.from(values(n, (i) => Math.round(wave(i) * 200))), SHAPE)));
  await writeFile(path.join(dir, 'f32.tif'), encodeTiff(createVolume(Float32Array.from(values(n, (i) => wave(i) * 80 - 30)), SHAPE)));
  await writeFile(path.join(dir, 'big.tif'), encodeTiff(createVolume(Uint16Array.from(values(n, (i) => Math.round(wave(i) * 5000))), SHAPE), { bigTiff: true }));
  await writeFile(path.join(dir, 'other-shape.tif'), encodeTiff(createVolume(new Uint16Array(4 * 8 * 8), [4, 8, 8])));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function decode(file: string): Promise<DecodedTiff> {
  const bytes = new Uint8Array(await readFile(file));
  return isBigTiff(bytes) ? decodeBigTiff(bytes) : decodeTiff(bytes);
}

/** Apply streamed and through the whole-volume path; both outputs decoded. */
async function both(input: string, extra: string[], tag: string) {
  const model = path.join(dir, 'model');
  const streamedOut = path.join(dir, `${tag}-streamed.tif`);
  const wholeOut = path.join(dir, `${tag}-whole.tif`);
  // Block depth 4 with overlap 1: 7 slabs over 20 planes.
  const common = ['-m', model, '-i', path.join(dir, input), '-B', '4,16,16', ...extra];
  const streamed = await cli(['apply', ...common, '-o', streamedOut]);
  expect(streamed.code, streamed.stderr).toBe(0);
  expect(streamed.stderr).toContain('streaming z-slabs');
  const whole = await cli(['apply', ...common, '-o', wholeOut, '-g', path.join(dir, 'other-shape.tif')]);
  expect(whole.code, whole.stderr).toBe(0);
  expect(whole.stderr).toContain('Ground truth image discarded');
  expect(whole.stderr).not.toContain('streaming z-slabs');
  return { streamed: await decode(streamedOut), whole: await decode(wholeOut), streamedOut };
}

describe('rcan apply in z-slabs equals the whole-volume path', () => {
  it.each([
    ['uint16, onnx', 'u16.tif', ['--engine', 'onnx', '--workers', '1']],
    ['uint16, tfjs in this thread', 'u16.tif', ['--engine', 'tfjs', '--workers', '0']],
    ['uint8, -b 16', 'u8.tif', ['--engine', 'onnx', '--workers', '1', '-b', '16']],
    ['float32 input (two-pass percentiles), -b 8', 'f32.tif', ['--engine', 'onnx', '--workers', '1', '-b', '8']],
    ['BigTIFF input, OME output', 'big.tif', ['--engine', 'onnx', '--workers', '1', '-f', 'ome']],
    ['custom percentiles and overlap', 'u16.tif', ['--engine', 'onnx', '--workers', '1', '--p_min', '10', '--p_max', '90', '-O', '2,4,4']],
  ])('%s', async (name, input, extra) => {
    const { streamed, whole } = await both(input, extra, name.replace(/\W+/g, '-'));
    expect(streamed.dims).toEqual(whole.dims);
    expect(streamed.dims).toEqual({ t: 1, z: SHAPE[0], c: 2 });
    expect(streamed.dtype).toBe(whole.dtype);
    expect(streamed.spacing).toEqual(whole.spacing);
    expect(streamed.description).toBe(whole.description);
    expect(streamed.data.length).toBe(whole.data.length);
    // Bit for bit (compared as raw bits so NaN or -0 could not hide a difference).
    const bits = (d: DecodedTiff) => new Uint8Array(d.data.buffer, d.data.byteOffset, d.data.byteLength);
    expect(Buffer.compare(Buffer.from(bits(streamed)), Buffer.from(bits(whole)))).toBe(0);
  });

  it('tfjs worker pool (2 blocks in flight): equal within float rounding of the blend order', async () => {
    const { streamed, whole } = await both('u16.tif', ['--engine', 'tfjs', '--workers', '2'], 'tfjs-pool');
    expect(streamed.dims).toEqual(whole.dims);
    const a = streamed.data as Float32Array;
    const b = whole.data as Float32Array;
    let max = 0;
    for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
    expect(max).toBeLessThan(1e-5);
  });

  it('refuses an -O of the wrong length with exit 2 and the whole-volume path\'s message', async () => {
    const r = await cli(['apply', '-m', path.join(dir, 'model'), '-i', path.join(dir, 'u16.tif'), '-o', path.join(dir, 'bad-o.tif'), '-B', '4,16,16', '-O', '1,2', '--workers', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('block overlap 1,2 has 2 values but the image is 3D; give -O with 3 values');
    expect(existsSync(path.join(dir, 'bad-o.tif'))).toBe(false);
  });

  it('keeps the voxel size', async () => {
    const { streamed } = await both('u16.tif', ['--workers', '1'], 'spacing');
    expect(streamed.spacing).toEqual({ x: 0.25, y: 0.25, z: 1.5, unit: 'µm' });
  });

  it('refuses NaN voxels in one line, with the count and first position, and writes nothing', async () => {
    const data = Float32Array.from(values(SHAPE[0] * SHAPE[1] * SHAPE[2], wave));
    data[(13 * SHAPE[1] + 2) * SHAPE[2] + 5] = NaN;
    await writeFile(path.join(dir, 'nan.tif'), encodeTiff(createVolume(data, SHAPE)));
    const r = await cli(['apply', '-m', path.join(dir, 'model'), '-i', path.join(dir, 'nan.tif'), '-o', path.join(dir, 'nan-out.tif'), '-B', '4,16,16', '--workers', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rcan apply: error: .*nan\.tif has 1 NaN or infinite voxel\(s\) \(first at z,y,x = 13,2,5\)/);
    expect(existsSync(path.join(dir, 'nan-out.tif'))).toBe(false);
  });

  const tifffile = hasPythonModules(['tifffile', 'numpy']);
  describe.skipIf(skipWithout(tifffile, 'python3-tifffile'))(`interop ${needs(tifffile, 'python3-tifffile')}`, () => {
    it('tifffile opens the streamed output as an ImageJ ZCYX hyperstack with its resolution', async () => {
      const { streamed, streamedOut } = await both('u16.tif', ['--workers', '1', '-b', '16'], 'interop');
      const r = JSON.parse(runPython(
        'import json, sys, tifffile\n' +
          't = tifffile.TiffFile(sys.argv[1]); a = t.asarray(); p = t.pages[0]\n' +
          'x = p.tags["XResolution"].value\n' +
          'print(json.dumps({"imagej": t.is_imagej, "shape": list(a.shape), "axes": t.series[0].axes, "dtype": str(a.dtype), "xres": x[0] / x[1], "spacing": t.imagej_metadata.get("spacing"), "sum": int(a.astype("int64").sum())}))',
        [streamedOut],
      )) as { imagej: boolean; shape: number[]; axes: string; dtype: string; xres: number; spacing: number; sum: number };
      expect(r).toEqual({ imagej: true, shape: [SHAPE[0], 2, SHAPE[1], SHAPE[2]], axes: 'ZCYX', dtype: 'uint16', xres: 4, spacing: 1.5, sum: Array.from(streamed.data).reduce((a, b) => a + b, 0) });
    });
  });
});
