// End-to-end check of the `rcan` CLI: init → apply (tiled, worker pool, ground truth) → decode the
// output; plus the error contract (exit codes, one-line messages, inputs never overwritten).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolume, decodeTiff, encodeTiff, hyperstackChannel, percentileNormalize, toHyperstack, toSingleChannelVolume } from '@/lib/imaging';
import { deserializeRcan } from '@/lib/rcan/core';
import { readCheckpointFiles, resolveModelFolder } from '@/lib/rcan/node/model-folder';
import { hasImagej, needs, runImagejMacro, skipWithout } from '@/test/helpers/external-tools';
import { restoreVolume } from '@/lib/rcan/pipeline/restore-volume';
import { cli } from '@/test/helpers/rcan-cli';

const run = promisify(execFile);
// Debian's python3 with tifffile (see the brief); skipped with a reason when absent.
const hasPythonTools = existsSync('/usr/bin/python3') && (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import tifffile, numpy']);
    return true;
  } catch {
    return false;
  }
})();
const bin = path.resolve('scripts/rcan.mjs');
let dir: string;

/** Deterministic test stack: smooth blobs plus a ramp, uint16 (not random, so percentiles are spread). */
function makeStack(z: number, y: number, x: number, scale: number): Uint16Array {
  const data = new Uint16Array(z * y * x);
  let i = 0;
  for (let k = 0; k < z; k++) for (let j = 0; j < y; j++) for (let l = 0; l < x; l++) {
    data[i++] = Math.round(scale * (100 + 50 * Math.sin(l / 3) * Math.cos(j / 4) + 20 * k + ((i * 7919) % 13)));
  }
  return data;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rcan-cli-'));
  await writeFile(path.join(dir, 'config.json'), JSON.stringify({ num_channels: 4, channel_reduction: 2, num_residual_groups: 2, num_residual_blocks: 1, input_shape: [8, 16, 16] }));
  await writeFile(path.join(dir, 'raw.tif'), encodeTiff(createVolume(makeStack(10, 40, 40, 1), [10, 40, 40])));
  await writeFile(path.join(dir, 'gt.tif'), encodeTiff(createVolume(makeStack(10, 40, 40, 2), [10, 40, 40])));
  // Every test below gets its own inputs from here (none relies on files an earlier test made):
  // the model and the 3-channel output the interop checks read.
  expect((await cli(['init', '-c', path.join(dir, 'config.json'), '-o', path.join(dir, 'model'), '--seed', '3'])).code).toBe(0);
  expect((await cli(['apply', '-m', path.join(dir, 'model'), '-i', path.join(dir, 'raw.tif'), '-o', path.join(dir, 'out.tif'), '-g', path.join(dir, 'gt.tif'), '-O', '2,4,4', '--workers', '0'])).code).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rcan CLI', () => {
  it('init (through the bin shim) writes a model folder that info describes', async () => {
    await run(process.execPath, [bin, 'init', '-c', path.join(dir, 'config.json'), '-o', path.join(dir, 'model-shim'), '--seed', '3']);
    expect(existsSync(path.join(dir, 'model-shim', 'config.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'model-shim', 'weights_000_inf', 'weights.bin'))).toBe(true);
    const info = await cli(['info', path.join(dir, 'model-shim'), '--json']);
    expect(info.code).toBe(0);
    const parsed = JSON.parse(info.stdout);
    // C=4, r=2, G=2, B=1 by the spec §1.4 formula: 112 + 2·(2·436 + 10 + 12 + 436) + 436 + 109.
    expect(parsed.parameters).toBe(3317);
    expect(parsed.training_patch_shape).toEqual([8, 16, 16]);
    expect(parsed.selected_checkpoint).toBe('weights_000_inf');
  });

  it('apply with tiling, a worker pool and ground truth writes a 3-channel hyperstack and prints metrics', async () => {
    const out = path.join(dir, 'out-shim.tif');
    const { stdout } = await run(process.execPath, [bin, 'apply', '-m', path.join(dir, 'model'), '-i', path.join(dir, 'raw.tif'), '-o', out, '-g', path.join(dir, 'gt.tif'), '-O', '2,4,4', '--workers', '2']);
    const report = JSON.parse(stdout);
    const metrics = report.images[0].metrics;
    for (const m of [metrics.restored, metrics.raw]) {
      expect(typeof m.psnr).toBe('number');
      expect(typeof m.ssim).toBe('number');
      expect(typeof m.nrmse).toBe('number');
    }

    const stack = toHyperstack(decodeTiff(new Uint8Array(await readFile(out))));
    expect(stack.shape).toEqual([10, 3, 40, 40]);
    expect(stack.dtype).toBe('float32');

    const raw = toSingleChannelVolume(decodeTiff(new Uint8Array(await readFile(path.join(dir, 'raw.tif')))));
    const gt = toSingleChannelVolume(decodeTiff(new Uint8Array(await readFile(path.join(dir, 'gt.tif')))));
    // Channel 0 is the percentile-normalized raw (spec §3.9), exactly.
    expect(Array.from(hyperstackChannel(stack, 0).data)).toEqual(Array.from(percentileNormalize(raw.data, 2, 99.9)));
    expect(Array.from(hyperstackChannel(stack, 2).data)).toEqual(Array.from(percentileNormalize(gt.data, 2, 99.9)));

    // Channel 1 equals an in-process run of the same pipeline (cpu backend here, wasm in the workers).
    const folder = await resolveModelFolder(path.join(dir, 'model'));
    const model = deserializeRcan(await readCheckpointFiles(folder.checkpointDir));
    const local = await restoreVolume(model, raw, { blockShape: [8, 16, 16], overlap: [2, 4, 4], groundTruth: gt });
    model.dispose();
    const restored = hyperstackChannel(stack, 1).data;
    let max = 0;
    for (let i = 0; i < restored.length; i++) max = Math.max(max, Math.abs(restored[i]! - local.restored[i]!));
    expect(max).toBeLessThan(1e-4);
    expect(metrics.restored.psnr).toBeCloseTo(local.metrics!.restored.psnr!, 2);
  });

  it.skipIf(skipWithout(hasPythonTools, 'python3-tifffile'))(`the output reads in tifffile as ZCYX and its raw channel equals numpy's percentile normalization ${needs(hasPythonTools, 'python3-tifffile')}`, async () => {
    const script = [
      'import sys, json, numpy as np, tifffile',
      'd = sys.argv[1]',
      'with tifffile.TiffFile(d + "/out.tif") as t: axes = t.series[0].axes; out = t.asarray()',
      'raw = tifffile.imread(d + "/raw.tif").astype(np.float64)',
      'lo, hi = np.percentile(raw, [2, 99.9])',
      'norm = ((raw - lo) / (hi - lo + 1e-6)).astype(np.float32)',
      'print(json.dumps({"axes": axes, "shape": list(out.shape), "maxdiff": float(np.abs(out[:, 0] - norm).max())}))',
    ].join('\n');
    const { stdout } = await run('/usr/bin/python3', ['-c', script, dir]);
    const result = JSON.parse(stdout);
    expect(result.axes).toBe('ZCYX');
    expect(result.shape).toEqual([10, 3, 40, 40]);
    expect(result.maxdiff).toBeLessThan(1e-6);
  });

  // The "done when": ImageJ itself opens the restored stack as a hyperstack with the right
  // dimensions. Skipped with a warning when ImageJ/Xvfb are not installed (CI installs them).
  it.skipIf(skipWithout(hasImagej(), 'imagej and xvfb'))(`ImageJ opens the output as a 3-channel hyperstack with the input's slices ${needs(hasImagej(), 'imagej and xvfb')}`, async () => {
    const out = path.join(dir, 'out.tif');
    const result = path.join(dir, 'imagej-dims.txt');
    const macro = path.join(dir, 'dims.ijm');
    await writeFile(macro, [`open("${out}");`, 'getDimensions(w, h, c, s, f);', `File.saveString(w+" "+h+" "+c+" "+s+" "+f+" "+is("composite")+" "+bitDepth(), "${result}");`, 'run("Quit");'].join('\n'));
    const r = runImagejMacro(macro);
    const text = existsSync(result) ? await readFile(result, 'utf8') : '';
    expect(text, `ImageJ wrote nothing (exit ${r.status}): ${r.stderr}`).not.toBe('');
    const [w, h, c, s, f, , bits] = text.trim().split(' ').map(Number);
    expect({ w, h, c, s, f, bits }).toEqual({ w: 40, h: 40, c: 3, s: 10, f: 1, bits: 32 });
  });

  it('batch mode restores a folder, pairs GT by file name and creates the output folder', async () => {
    const { mkdir } = await import('node:fs/promises');
    for (const sub of ['in', 'truth']) await mkdir(path.join(dir, sub), { recursive: true });
    for (const name of ['b.tif', 'a.tif']) {
      await writeFile(path.join(dir, 'in', name), encodeTiff(createVolume(makeStack(3, 12, 12, name === 'a.tif' ? 1 : 3), [3, 12, 12])));
      await writeFile(path.join(dir, 'truth', name), encodeTiff(createVolume(makeStack(3, 12, 12, 2), [3, 12, 12])));
    }
    const result = await cli(['apply', '-m', path.join(dir, 'model'), '-i', path.join(dir, 'in'), '-o', path.join(dir, 'restored'), '-g', path.join(dir, 'truth'), '-b', '16', '--workers', '0']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.images.map((r: { input: string }) => path.basename(r.input))).toEqual(['a.tif', 'b.tif']);
    const stack = toHyperstack(decodeTiff(new Uint8Array(await readFile(path.join(dir, 'restored', 'b.tif')))));
    expect(stack.shape).toEqual([3, 3, 12, 12]);
    expect(stack.dtype).toBe('uint16');

    await writeFile(path.join(dir, 'in', 'c.tif'), encodeTiff(createVolume(makeStack(3, 12, 12, 1), [3, 12, 12])));
    const unmatched = await cli(['apply', '-m', path.join(dir, 'model'), '-i', path.join(dir, 'in'), '-o', path.join(dir, 'restored2'), '-g', path.join(dir, 'truth'), '--workers', '0']);
    expect(unmatched.code).toBe(1);
    expect(unmatched.stderr).toMatch(/c\.tif.*paired by name/);
  });

  it('rejects bad usage with exit 2 and one line', async () => {
    const bad = await cli(['apply', '--no-such-flag']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const both = await cli(['apply', '-m', 'm', '-i', 'i', '-o', 'o', '--rescale', '--normalize_output_range_between_zero_and_one']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot be used together/);
    expect((await cli(['apply', '-m', 'm', '-i', 'i', '-o', 'o', '-b', '12'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it('reports a missing input file with exit 1 and one line', async () => {
    const missing = await cli(['apply', '-m', path.join(dir, 'model'), '-i', path.join(dir, 'nope.tif'), '-o', path.join(dir, 'x.tif')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/nope\.tif does not exist/);
  });

  it('refuses to overwrite an input', async () => {
    const before = await readFile(path.join(dir, 'raw.tif'));
    const same = await cli(['apply', '-m', path.join(dir, 'model'), '-i', path.join(dir, 'raw.tif'), '-o', path.join(dir, '.', 'raw.tif'), '--workers', '0']);
    expect(same.code).not.toBe(0);
    expect(same.stderr).toMatch(/refusing to overwrite/);
    expect((await readFile(path.join(dir, 'raw.tif'))).equals(before)).toBe(true);
  });

  it('reports a corrupt TIFF with exit 1 and one line', async () => {
    await writeFile(path.join(dir, 'bad.tif'), 'not a tiff at all');
    const corrupt = await cli(['apply', '-m', path.join(dir, 'model'), '-i', path.join(dir, 'bad.tif'), '-o', path.join(dir, 'bad-out.tif'), '--workers', '0']);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr.trim().split('\n').filter((l) => l.startsWith('rcan apply: error'))).toHaveLength(1);
    expect(existsSync(path.join(dir, 'bad-out.tif'))).toBe(false);
  });
});
