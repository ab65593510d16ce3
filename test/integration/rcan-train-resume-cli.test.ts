// `rcan train`: loss plot + diagnosis next to the log, resumable checkpoints (`--resume`), early
// stopping (`--patience`), and the `training_mode` key (blind-spot from raw images alone).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolume, encodeTiff } from '@/lib/imaging';
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

function image(y: number, x: number, phase: number, gain: number): Uint16Array {
  const data = new Uint16Array(y * x);
  let i = 0;
  for (let j = 0; j < y; j++) for (let l = 0; l < x; l++) data[i++] = Math.round(gain * (300 + 200 * Math.sin(l / 3 + phase) * Math.cos(j / 4)) + ((i * 7919) % 37));
  return data;
}

const base = { input_shape: [16, 16], num_channels: 4, channel_reduction: 2, num_residual_groups: 1, num_residual_blocks: 1, steps_per_epoch: 3, intensity_threshold: 0, initial_learning_rate: 0.005 };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rcan-train-resume-'));
  for (const sub of ['raw', 'gt', 'vraw', 'vgt']) await mkdir(path.join(dir, sub));
  for (const [name, phase] of [['a', 0], ['b', 1]] as const) {
    await writeFile(path.join(dir, 'raw', `${name}.tif`), encodeTiff(createVolume(image(24, 24, phase, 0.5), [1, 24, 24], { ndim: 2 })));
    await writeFile(path.join(dir, 'gt', `${name}.tif`), encodeTiff(createVolume(image(24, 24, phase, 1), [1, 24, 24], { ndim: 2 })));
  }
  await writeFile(path.join(dir, 'vraw', 'c.tif'), encodeTiff(createVolume(image(24, 24, 2, 0.5), [1, 24, 24], { ndim: 2 })));
  await writeFile(path.join(dir, 'vgt', 'c.tif'), encodeTiff(createVolume(image(24, 24, 2, 1), [1, 24, 24], { ndim: 2 })));
  const data = { training_data_dir: { raw: path.join(dir, 'raw'), gt: path.join(dir, 'gt') }, validation_data_dir: { raw: path.join(dir, 'vraw'), gt: path.join(dir, 'vgt') } };
  await writeFile(path.join(dir, 'config.json'), JSON.stringify({ ...data, ...base, epochs: 4 }));
  await writeFile(path.join(dir, 'blind.json'), JSON.stringify({ training_data_dir: { raw: path.join(dir, 'raw') }, ...base, epochs: 2, training_mode: 'blind-spot' }));
  await writeFile(path.join(dir, 'bad-mode.json'), JSON.stringify({ training_data_dir: { raw: path.join(dir, 'raw') }, ...base, epochs: 2 }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rcan train: diagnosis, resume, early stopping, training modes', () => {
  it('writes training-loss.svg and a diagnosis; an interrupted run resumes to the end with the same log', async () => {
    const model = path.join(dir, 'run');
    // A "run" of 4 epochs stopped after 2: simulate by --resume with the config's epochs lowered first.
    const cfg = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8'));
    await writeFile(path.join(dir, 'two.json'), JSON.stringify({ ...cfg, epochs: 2 }));
    const first = await cli(['train', '-c', path.join(dir, 'two.json'), '-o', model, '--seed', '3']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/diagnosis: Too early to say: 2 epochs logged/);
    const svg = await readFile(path.join(model, 'training-loss.svg'), 'utf8');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    const names = await readdir(model);
    expect(names).toContain('resume');
    const checkpoint = names.find((n) => n.startsWith('weights_'))!;
    expect(existsSync(path.join(model, checkpoint, 'optimizer.json'))).toBe(true);
    expect(JSON.parse(await readFile(path.join(model, 'resume', 'optimizer.json'), 'utf8')).iterations).toBe(6);

    const again = await cli(['train', '--resume', model, '--epochs', '4']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/resuming .* after epoch 2/);
    const log = JSON.parse(await readFile(path.join(model, 'training-log.json'), 'utf8')) as { epoch: number; lr: number }[];
    expect(log.map((r) => r.epoch)).toEqual([1, 2, 3, 4]);
    // epochs // 4 = 1 in the 4-epoch run: lr halves each epoch from the resumed value
    expect(log[2]!.lr).toBeCloseTo(log[1]!.lr / 2, 12);
    expect(JSON.parse(await readFile(path.join(model, 'resume', 'optimizer.json'), 'utf8')).iterations).toBe(12);
    expect(again.stderr).toMatch(/diagnosis: (Still improving|Underfitting|Overfitting|Good fit)/);
    expect((await readFile(path.join(model, 'training-loss.svg'), 'utf8')).match(/<polyline[^>]*points="([^"]+)"/)![1]!.split(' ')).toHaveLength(4);

    const done = await cli(['train', '--resume', model]);
    expect(done.code).toBe(2);
    expect(done.stderr).toMatch(/already finished 4 of 4 epochs; give --epochs/);
    const fresh = await cli(['train', '-c', path.join(dir, 'two.json'), '-o', model]);
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toMatch(/already holds checkpoints/);
    const nothing = await cli(['train', '--resume', path.join(dir, 'raw')]);
    expect(nothing.code).not.toBe(0);
  }, 300_000);

  it('stops early with --patience', async () => {
    const cfg = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8'));
    await writeFile(path.join(dir, 'long.json'), JSON.stringify({ ...cfg, epochs: 30, steps_per_epoch: 1, initial_learning_rate: 0.5 }));
    const r = await cli(['train', '-c', path.join(dir, 'long.json'), '-o', path.join(dir, 'early'), '--patience', '2', '--seed', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/early stopping: no improvement for 2 epoch\(s\) after epoch \d+; stopped after epoch \d+/);
    const log = JSON.parse(await readFile(path.join(dir, 'early', 'training-log.json'), 'utf8')) as unknown[];
    expect(log.length).toBeLessThan(30);
  }, 300_000);

  it('trains blind-spot from raw images alone; other modes still need "gt"', async () => {
    const r = await cli(['train', '-c', path.join(dir, 'blind.json'), '-o', path.join(dir, 'blind')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/blind-spot mode/);
    expect(r.stderr).toMatch(/training images \(2, blind-spot: raw only\)/);
    const bad = await cli(['train', '-c', path.join(dir, 'bad-mode.json'), '-o', path.join(dir, 'bad')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/training_data_dir: "gt" is missing: supervised training needs a ground-truth image/);
  }, 300_000);
});
