// `rcan classical`: output layout of `rcan apply`, the GT search and ranking (with the network), errors.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolume, decodeTiff, encodeTiff, hyperstackChannel, percentileNormalize, toHyperstack } from '@/lib/imaging';
import { gaussianFilter } from '@/lib/restoration';
import { main } from '@/lib/rcan/node/cli';
import type { CliIo } from '@/lib/rcan/node/cli-io';

let dir: string;

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, stderrIsTty: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** A smooth scene (GT) and a noisy copy (raw), uint16, seeded. */
function scene(z: number, y: number, x: number) {
  const gt = new Float32Array(z * y * x);
  let s = 12345;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
  let i = 0;
  for (let k = 0; k < z; k++) for (let j = 0; j < y; j++) for (let l = 0; l < x; l++) gt[i++] = 400 + 300 * Math.sin(l / 4) * Math.cos(j / 5) + 30 * k;
  const raw = Uint16Array.from(gt, (v) => Math.max(0, Math.round(v + 120 * (rand() - 0.5) * 2)));
  return { raw, gt: Uint16Array.from(gt, Math.round) };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rcan-classical-'));
  const { raw, gt } = scene(4, 32, 32);
  await writeFile(path.join(dir, 'raw.tif'), encodeTiff(createVolume(raw, [4, 32, 32], { ndim: 3 })));
  await writeFile(path.join(dir, 'gt.tif'), encodeTiff(createVolume(gt, [4, 32, 32], { ndim: 3 })));
  const p2 = scene(1, 32, 32);
  await writeFile(path.join(dir, 'raw2d.tif'), encodeTiff(createVolume(p2.raw, [1, 32, 32], { ndim: 2 })));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rcan classical', () => {
  it('writes the apply layout [raw (normalized), restored] with the filter the user chose', async () => {
    const out = path.join(dir, 'g.tif');
    const r = await cli(['classical', '--method', 'gaussian', '--sigma', '1.5', '-i', path.join(dir, 'raw.tif'), '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const stack = toHyperstack(decodeTiff(new Uint8Array(await readFile(out))));
    expect(stack.shape).toEqual([4, 2, 32, 32]);
    const rawNorm = percentileNormalize(scene(4, 32, 32).raw);
    const expected = gaussianFilter({ shape: [4, 32, 32], data: rawNorm }, 1.5, 3);
    const restored = hyperstackChannel(stack, 1);
    expect(Math.max(...Array.from(restored.data, (v, i) => Math.abs(v - expected[i]!)))).toBeLessThan(1e-5);
    expect(Math.max(...Array.from(hyperstackChannel(stack, 0).data, (v, i) => Math.abs(v - rawNorm[i]!)))).toBeLessThan(1e-6);
  });

  it('with -g searches parameters, adds the GT channel, ranks by PSNR and writes one file per method at 16 bits', async () => {
    const out = path.join(dir, 'all.tif');
    const r = await cli(['classical', '--method', 'gaussian,median', '-i', path.join(dir, 'raw.tif'), '-g', path.join(dir, 'gt.tif'), '-o', out, '-b', '16', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { baselines: { method: string; chosen_by: string; search: { psnr: number }[] }[]; ranking: { name: string; psnr: number }[] };
    expect(json.baselines.map((b) => [b.method, b.chosen_by])).toEqual([['gaussian', 'search'], ['median', 'search']]);
    expect(json.ranking).toHaveLength(3);
    const psnrs = json.ranking.map((row) => row.psnr);
    expect([...psnrs].sort((a, b) => b - a)).toEqual(psnrs);
    expect(json.ranking.at(-1)!.name).toBe('raw (normalized)');
    const stack = toHyperstack(decodeTiff(new Uint8Array(await readFile(path.join(dir, 'all.gaussian.tif')))));
    expect(stack.shape).toEqual([4, 3, 32, 32]);
    expect(stack.dtype).toBe('uint16');
    await expect(readFile(path.join(dir, 'all.median.tif'))).resolves.toBeDefined();
  });

  it('ranks the network too and says plainly when a baseline wins', async () => {
    const model = path.join(dir, 'model');
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ num_channels: 4, num_residual_blocks: 1, num_residual_groups: 1, channel_reduction: 2, input_shape: [4, 16, 16] }));
    expect((await cli(['init', '-c', path.join(dir, 'config.json'), '-o', model, '--seed', '1'])).code).toBe(0);
    const r = await cli(['classical', '--method', 'gaussian', '-i', path.join(dir, 'raw.tif'), '-g', path.join(dir, 'gt.tif'), '-o', path.join(dir, 'n.tif'), '-m', model]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\| network \(model\) \|/);
    // a random-weight network cannot beat a tuned Gaussian on a smooth scene
    expect(r.stdout).toMatch(/A classical baseline beats the network here: gaussian σ=/);
    expect(r.stdout).toMatch(/hallucination/);
  });

  it('runs Richardson–Lucy with a computed PSF on a 2D image', async () => {
    const r = await cli(['classical', '--method', 'richardson-lucy', '--psf-model', 'widefield', '--na', '0.8', '--wavelength', '520', '--voxel', '0.1,0.1', '--iterations', '3', '-i', path.join(dir, 'raw2d.tif'), '-o', path.join(dir, 'rl2d.tif')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Gaussian approximation/);
    const stack = toHyperstack(decodeTiff(new Uint8Array(await readFile(path.join(dir, 'rl2d.tif')))));
    expect(stack.shape).toEqual([1, 2, 32, 32]);
  });

  it('gives one-line errors with exit 2 for bad flags and never overwrites an input', async () => {
    const raw = path.join(dir, 'raw.tif');
    const before = await readFile(raw);
    const cases: [string[], RegExp][] = [
      [['--method', 'wiener', '-i', raw, '-o', 'x.tif'], /unknown --method wiener/],
      [['--method', 'richardson-lucy', '-i', raw, '-o', path.join(dir, 'x.tif')], /needs a PSF/],
      [['--method', 'gaussian', '-i', raw, '-o', raw], /refusing to overwrite an input/],
      [['--method', 'gaussian', '-i', raw, '-o', path.join(dir, 'x.tif'), '-m', dir], /give -g too/],
      [['--method', 'richardson-lucy', '--psf-model', 'widefield', '--na', '0.8', '--wavelength', '520', '-i', raw, '-o', path.join(dir, 'x.tif')], /no voxel size in µm; give --voxel/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(['classical', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(Buffer.compare(before, await readFile(raw))).toBe(0);
  });
});
