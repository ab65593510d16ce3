// issue 14: `rcan train` with more pairs than the open-file limit allows used to fail with "cannot
// read … check the path" (every file was opened at once). Files are now read one pair at a time, and
// a failed read names its real cause. The child process runs under `ulimit -n 128` with 80 pairs
// (160 files, more than the limit, so opening them all at once still fails); the data are made here.
// The limit leaves room for start-up: loading the CLI's modules holds 48 to 56 descriptors at once on
// an idle machine (measured with 2 pairs under ulimit -n 40 to 88), and under load a fresh-clone CI
// run once ran out at 96 while still loading modules, before any pair was read.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createVolume, encodeTiff } from '@/lib/imaging';
import { readFailureReason } from '@/lib/rcan/node/train-command';

let dir: string;
const PAIRS = 80;
const LIMIT = 128;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rcan-many-pairs-'));
  for (const side of ['raw', 'gt']) await mkdir(path.join(dir, side));
  for (let p = 0; p < PAIRS; p++) {
    const data = new Uint16Array(4 * 16 * 16).map((_, i) => ((i * 37 + p * 11) % 97) * 10);
    const bytes = encodeTiff(createVolume(data, [4, 16, 16]));
    await writeFile(path.join(dir, 'raw', `p${p}.tif`), bytes);
    await writeFile(path.join(dir, 'gt', `p${p}.tif`), bytes);
  }
  await writeFile(path.join(dir, 'config.json'), JSON.stringify({
    training_data_dir: { raw: path.join(dir, 'raw'), gt: path.join(dir, 'gt') },
    input_shape: [4, 16, 16], num_channels: 2, channel_reduction: 1, num_residual_groups: 1, num_residual_blocks: 1,
    epochs: 1, steps_per_epoch: 1, intensity_threshold: 0, data_augmentation: false,
  }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rcan train with many pairs', () => {
  it(`loads ${PAIRS} pairs (${2 * PAIRS} files) under an open-file limit of ${LIMIT}`, () => {
    // More files than the limit: a loader that opened every file at once could not pass.
    expect(2 * PAIRS).toBeGreaterThan(LIMIT);
    const out = path.join(dir, 'model');
    const script = `ulimit -n ${LIMIT} && exec "${process.execPath}" "${path.resolve('scripts/rcan.mjs')}" train -c "${path.join(dir, 'config.json')}" -o "${out}" --seed 1`;
    const r = spawnSync('/bin/sh', ['-c', script], { encoding: 'utf8', timeout: 240_000 });
    expect(r.stderr).not.toMatch(/EMFILE|too many open files|cannot read/);
    expect(r.status).toBe(0);
    expect(existsSync(path.join(out, 'config.json'))).toBe(true);
  });

  it('names the real cause of a failed read', () => {
    const error = (code: string) => Object.assign(new Error(`${code}: x`), { code });
    expect(readFailureReason(error('EMFILE'))).toMatch(/^too many open files \(EMFILE\); raise the limit \(ulimit -n\)/);
    expect(readFailureReason(error('ENOENT'))).toMatch(/^no such file \(ENOENT\); check the path/);
    expect(readFailureReason(error('EACCES'))).toMatch(/^permission denied/);
  });
});
