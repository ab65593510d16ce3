// End-to-end: `rcan train` on tiny generated TIFF pairs, then `rcan apply` with the trained folder;
// `rcan import` of a Keras-layout HDF5, then `rcan apply` with it; exit codes of the error contract.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolume, decodeTiff, encodeTiff, toHyperstack } from '@/lib/imaging';
import { makeKerasRcan, writeKerasRcanHdf5 } from '../helpers/keras-rcan-hdf5';
import { cli } from '@/test/helpers/rcan-cli';

let dir: string;

function stack(z: number, y: number, x: number, phase: number, gain: number): Uint16Array {
  const data = new Uint16Array(z * y * x);
  let i = 0;
  for (let k = 0; k < z; k++) for (let j = 0; j < y; j++) for (let l = 0; l < x; l++) {
    data[i++] = Math.round(gain * (300 + 200 * Math.sin(l / 3 + phase) * Math.cos(j / 4)) + ((i * 7919) % 17));
  }
  return data;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rcan-train-cli-'));
  for (const sub of ['raw', 'gt']) await mkdir(path.join(dir, sub));
  for (const [name, phase] of [['s1', 0], ['s2', 1]] as const) {
    await writeFile(path.join(dir, 'raw', `${name}.tif`), encodeTiff(createVolume(stack(6, 24, 24, phase, 0.5), [6, 24, 24])));
    await writeFile(path.join(dir, 'gt', `${name}.tif`), encodeTiff(createVolume(stack(6, 24, 24, phase, 1), [6, 24, 24])));
  }
  await writeFile(
    path.join(dir, 'config.json'),
    JSON.stringify({
      training_data_dir: { raw: path.join(dir, 'raw'), gt: path.join(dir, 'gt') },
      input_shape: [6, 16, 16],
      num_channels: 4,
      channel_reduction: 2,
      num_residual_groups: 1,
      num_residual_blocks: 1,
      epochs: 2,
      steps_per_epoch: 2,
      intensity_threshold: 0,
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rcan train / import through the CLI', () => {
  it('trains, then apply restores with the best checkpoint', async () => {
    const model = path.join(dir, 'model');
    const trained = await cli(['train', '-c', path.join(dir, 'config.json'), '-o', model, '--seed', '2']);
    expect(trained.stderr).toContain('best checkpoint');
    expect(trained.code).toBe(0);
    expect(existsSync(path.join(model, 'training-log.csv'))).toBe(true);
    expect((await readdir(model)).some((n) => /^weights_\d{3}_\d+\.\d{8}$/.test(n))).toBe(true);

    const out = path.join(dir, 'restored.tif');
    const applied = await cli(['apply', '-m', model, '-i', path.join(dir, 'raw', 's1.tif'), '-o', out]);
    expect(applied.code, applied.stderr).toBe(0);
    const restored = toHyperstack(decodeTiff(new Uint8Array(await readFile(out))));
    // [raw_norm, restored] stacked as Z, C, Y, X with the input's spatial shape.
    expect(restored.shape).toEqual([6, 2, 24, 24]);
  });

  it('imports a Keras checkpoint that apply can use', async () => {
    const file = path.join(dir, 'weights_007_0.01234567.hdf5');
    await writeKerasRcanHdf5(file, makeKerasRcan({ ndim: 3, C: 4, r: 2, G: 2, B: 1 }, 9), [6, 16, 16]);
    const model = path.join(dir, 'imported');
    const imported = await cli(['import', file, '-o', model]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('C=4, G=2, B=1, r=2');
    const applied = await cli(['apply', '-m', model, '-i', path.join(dir, 'raw', 's2.tif'), '-o', path.join(dir, 'imported.tif')]);
    expect(applied.code, applied.stderr).toBe(0);
  });

  it('exits 2 for config errors and 1 for unusable files, with one-line messages', async () => {
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ training_data_dir: { raw: 'r', gt: 'g' }, batch_size: 2 }));
    const config = await cli(['train', '-c', bad, '-o', path.join(dir, 'x')]);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('unknown key "batch_size"');

    const notHdf5 = path.join(dir, 'raw', 's1.tif');
    const imported = await cli(['import', notHdf5, '-o', path.join(dir, 'y')]);
    expect(imported.code).toBe(1);
    expect(imported.stderr.trim().split('\n')).toHaveLength(1);
    expect(imported.stderr).toContain('is not an HDF5 file');
  });
});
