// issue 10/14: /evaluate and `navigator evaluate` read 64-bit integer labels (scikit-image's default),
// refuse labels float32 would round and NaN inputs with one line, and talk about evaluation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { craftTiff, stripPage } from '../../test/fuzz/craft-tiff';
import { createVolume, encodeTiff, stackChannels } from '../imaging';
import { runEvaluate } from './evaluate-command';

const dir = mkdtempSync(join(tmpdir(), 'evaluate-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runEvaluate(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

/** A 2D 64-bit integer TIFF (one strip, little-endian) as scikit-image's `label` + tifffile write it. */
function int64Tiff(name: string, values: readonly bigint[], width: number, height: number, signed: boolean): string {
  const blob = new Uint8Array(values.length * 8);
  const view = new DataView(blob.buffer);
  values.forEach((v, i) => (signed ? view.setBigInt64(8 * i, v, true) : view.setBigUint64(8 * i, v, true)));
  const file = join(dir, name);
  writeFileSync(file, craftTiff([blob], [stripPage({ width, height, bits: 64, format: signed ? 2 : 1, rowsPerStrip: height, offsets: [-1], counts: [blob.length] })]));
  return file;
}

const W = 12;
const H = 10;
const labels = Array.from({ length: W * H }, (_, i) => BigInt(i % W < 4 && Math.floor(i / W) < 4 ? 1 : i % W > 6 && Math.floor(i / W) > 5 ? 2 : 0));

describe('navigator evaluate on hostile or unusual inputs', () => {
  it('reads int64 and uint64 label images and scores them like the same labels in uint16', async () => {
    const truth = int64Tiff('truth-i64.tif', labels, W, H, true);
    const pred = int64Tiff('pred-u64.tif', labels, W, H, false);
    const { code, out, err } = await run(['--truth', truth, '--pred', pred]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.mode).toBe('segmentation');
    expect(JSON.stringify(r)).toMatch(/"f1":1\b|"f1": 1\b/);
  });

  it('refuses 64-bit labels float32 cannot hold exactly, in one line', async () => {
    const big = labels.map((v) => (v === 2n ? 2n ** 40n : v));
    const truth = int64Tiff('truth-big.tif', big, W, H, false);
    const { code, err } = await run(['--truth', truth, '--pred', truth]);
    expect(code).toBe(1);
    expect(err).toMatch(/^navigator evaluate: truth .*truth-big\.tif stores the uint64 value 1099511627776, beyond ±16777216 \(2\^24\).*relabel_sequential/);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses NaN voxels with a clear one-line error instead of null metrics', async () => {
    const data = new Float32Array(W * H).map((_, i) => i / 10);
    data[3 * W + 5] = NaN;
    const truth = join(dir, 'nan-truth.tif');
    const pred = join(dir, 'nan-pred.tif');
    writeFileSync(truth, encodeTiff(createVolume(new Float32Array(W * H).map((_, i) => i / 10), [H, W])));
    writeFileSync(pred, encodeTiff(createVolume(data, [H, W])));
    const { code, out, err } = await run(['--truth', truth, '--pred', pred]);
    expect(out).toBe('');
    expect(code).toBe(1);
    expect(err).toMatch(/^navigator evaluate: prediction .*nan-pred\.tif has 1 NaN or infinite voxel\(s\) \(first at z,y,x = 0,3,5\); every metric would be undefined; replace them/);
  });

  it('talks about evaluation, not the restoration runner, when an image has several channels', async () => {
    const c = createVolume(new Uint16Array(W * H * 2), [2, H, W]);
    const file = join(dir, 'two-channels.tif');
    writeFileSync(file, encodeTiff(stackChannels([{ ...c, data: c.data.slice(0, W * H), shape: [1, H, W], ndim: 2 }, { ...c, data: c.data.slice(W * H), shape: [1, H, W], ndim: 2 }] as never, ['a', 'b'])));
    const { code, err } = await run(['--truth', file, '--pred', file]);
    expect(code).toBe(1);
    expect(err).toMatch(/evaluation compares single-channel/);
    expect(err).toMatch(/evaluate each/);
    expect(err).not.toMatch(/RCAN|restor/i);
  });
});
