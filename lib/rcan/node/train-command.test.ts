import * as tf from '@tensorflow/tfjs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolume, encodeTiff } from '../../imaging';
import { ConfigError, InputError } from '../../util/errors';
import { createRandom } from '../core/create-random';
import type { CliIo } from './cli-io';
import { loadModelFolder } from './model-folder';
import { collectPairs, runTrain } from './train-command';

let root: string;

function capture(): CliIo & { text: () => string } {
  const chunks: string[] = [];
  return { stdout: (t) => chunks.push(t), stderr: (t) => chunks.push(t), stderrIsTty: false, text: () => chunks.join('') };
}

// A 16-bit stack of smooth blobs (GT) and a darker, noisy copy (raw), in camera-like counts.
function writePair(dir: string, name: string, seed: number, rawExt = '.tif', gtExt = '.tif', shape = [8, 32, 32]) {
  const random = createRandom(seed);
  const [Z, Y, X] = shape as [number, number, number];
  const gt = new Uint16Array(Z * Y * X);
  const raw = new Uint16Array(Z * Y * X);
  for (let z = 0; z < Z; z++)
    for (let y = 0; y < Y; y++)
      for (let x = 0; x < X; x++) {
        const i = (z * Y + y) * X + x;
        const v = 1000 + 800 * Math.sin(x / 3 + seed) * Math.cos(y / 4) * Math.cos(z / 3);
        gt[i] = Math.round(v);
        raw[i] = Math.round(0.4 * v + 150 * random());
      }
  return Promise.all([
    writeFile(path.join(dir, 'raw', `${name}${rawExt}`), encodeTiff(createVolume(raw, [Z, Y, X]))),
    writeFile(path.join(dir, 'gt', `${name}${gtExt}`), encodeTiff(createVolume(gt, [Z, Y, X]))),
  ]);
}

async function makeDataset(name: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(path.join(dir, 'raw'), { recursive: true });
  await mkdir(path.join(dir, 'gt'), { recursive: true });
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rcan-train-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('rcan train', () => {
  it('trains on TIFF pairs and writes checkpoints, config.json and logs that rcan apply can load', async () => {
    const data = await makeDataset('e2e');
    // Sorted position would pair a.tif with a.tiff anyway; c/b order and mixed extensions check by-name pairing.
    await writePair(data, 'b-cell', 1, '.tif', '.tiff');
    await writePair(data, 'a-cell', 2, '.tiff', '.tif');
    const validation = await makeDataset('e2e-val');
    await writePair(validation, 'v', 3);
    const config = {
      training_data_dir: { raw: path.join(data, 'raw'), gt: path.join(data, 'gt') },
      validation_image_pairs: [{ raw: path.join(validation, 'raw', 'v.tif'), gt: path.join(validation, 'gt', 'v.tif') }],
      input_shape: [8, 64, 64],
      num_channels: 4,
      channel_reduction: 2,
      num_residual_groups: 1,
      num_residual_blocks: 1,
      epochs: 3,
      steps_per_epoch: 3,
      initial_learning_rate: 1e-3,
      intensity_threshold: 0,
    };
    const configFile = path.join(root, 'e2e-config.json');
    await writeFile(configFile, JSON.stringify(config));
    const out = path.join(root, 'e2e-out');
    const io = capture();
    expect(await runTrain(['-c', configFile, '-o', out, '--seed', '1'], io)).toBe(0);
    const stderr = io.text();

    expect(stderr).toContain(`${path.join(data, 'raw', 'a-cell.tiff')}  <->  ${path.join(data, 'gt', 'a-cell.tif')}`);
    expect(stderr).toContain(`${path.join(data, 'raw', 'b-cell.tif')}  <->  ${path.join(data, 'gt', 'b-cell.tiff')}`);
    expect(stderr).toMatch(/ETA/);

    const used = JSON.parse(await readFile(path.join(out, 'config.json'), 'utf8'));
    // 64×64 requested, clipped to the 32×32 images.
    expect(used.input_shape).toEqual([8, 32, 32]);
    expect(used.loss).toBe('mae');

    const log = JSON.parse(await readFile(path.join(out, 'training-log.json'), 'utf8')) as Record<string, number | string | null>[];
    expect(log.map((r) => r.epoch)).toEqual([1, 2, 3]);
    const csv = (await readFile(path.join(out, 'training-log.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('epoch,lr,loss,psnr,val_loss,val_psnr,seconds,checkpoint');
    expect(csv).toHaveLength(4);

    // Checkpoints exactly at the epochs whose val_loss beat all earlier ones, named from that value.
    const expected: string[] = [];
    let best = Infinity;
    for (const row of log) {
      const v = row.val_loss as number;
      if (v < best) {
        best = v;
        expected.push(`weights_${String(row.epoch).padStart(3, '0')}_${v.toFixed(8)}`);
      }
    }
    const folders = (await readdir(out)).filter((n) => n.startsWith('weights_')).sort();
    expect(folders).toEqual(expected.sort());
    expect(log.filter((r) => r.checkpoint !== null).map((r) => r.checkpoint)).toEqual(expected);

    const loaded = await loadModelFolder(out);
    try {
      expect(loaded.checkpoint).toBe(expected.at(-1));
      expect(loaded.config?.input_shape).toEqual([8, 32, 32]);
      const y = tf.tidy(() => loaded.model.predict(tf.fill([1, 8, 32, 32, 1], 0.5)));
      expect(y.shape).toEqual([1, 8, 32, 32, 1]);
      expect(Number.isFinite(y.dataSync()[0])).toBe(true);
      y.dispose();
    } finally {
      loaded.model.dispose();
    }

    // A second run into the same folder is refused rather than mixing checkpoints.
    await expect(runTrain(['-c', configFile, '-o', out], capture())).rejects.toThrow(/already holds checkpoints/);
  });

  it('pairs folder files by name and names the unmatched ones', async () => {
    const data = await makeDataset('pairs');
    await writePair(data, 'one', 1);
    await writePair(data, 'two', 2);
    await writeFile(path.join(data, 'raw', 'three.tif'), 'x');
    await writeFile(path.join(data, 'raw', 'notes.txt'), 'ignored');
    const error = await collectPairs(undefined, { raw: path.join(data, 'raw'), gt: path.join(data, 'gt') }, 'training').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain('no GT in');
    expect((error as Error).message).toContain('three.tif');

    const explicit = { raw: 'x.tif', gt: 'y.tif' };
    const ok = await collectPairs([explicit], { raw: path.join(data, 'gt'), gt: path.join(data, 'gt') }, 'training');
    // Explicit pairs come first, then folder pairs in name order.
    expect(ok.map((p) => path.basename(p.raw))).toEqual(['x.tif', 'one.tif', 'two.tif']);
  });

  it('reports config problems as ConfigError (exit code 2 in the CLI)', async () => {
    const file = path.join(root, 'bad-config.json');
    await writeFile(file, JSON.stringify({ training_data_dir: { raw: 'r', gt: 'g' }, channel_reduction_ratio: 4 }));
    const error = await runTrain(['-c', file, '-o', path.join(root, 'never')], capture()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('did you mean "channel_reduction"?');

    await writeFile(file, '{"data_augmentation": False}');
    await expect(runTrain(['-c', file, '-o', path.join(root, 'never')], capture())).rejects.toThrow(/not valid JSON/);
    await expect(runTrain(['-o', 'x'], capture())).rejects.toThrow(ConfigError);
  });

  it('refuses a non-square patch with augmentation after clipping, and an output that overwrites an input', async () => {
    const data = await makeDataset('narrow');
    await writePair(data, 'n', 1, '.tif', '.tif', [4, 32, 12]);
    const file = path.join(data, 'config.json');
    await writeFile(file, JSON.stringify({ training_data_dir: { raw: path.join(data, 'raw'), gt: path.join(data, 'gt') }, input_shape: [4, 16, 16], epochs: 1, steps_per_epoch: 1 }));
    await expect(runTrain(['-c', file, '-o', path.join(root, 'narrow-out')], capture())).rejects.toThrow(
      /clipped to the smallest image\): the Y and X patch sizes must be equal/,
    );
    await expect(runTrain(['-c', file, '-o', data], capture())).rejects.toThrow(/would overwrite the input/);
  });
});
