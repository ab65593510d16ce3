// Interoperability with the original 3D-RCAN: a checkpoint that the original train.py wrote with real
// Keras 3, imported with `rcan import`, applied with `rcan apply`, and compared with what the original
// apply.py wrote for the same input (test/fixtures/rcan-original, see its README).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTiff, hyperstackChannel, toHyperstack, type Hyperstack } from '@/lib/imaging';
import { cli } from '@/test/helpers/rcan-cli';

const fixtures = path.resolve('test/fixtures/rcan-original');
const checkpoint = path.join(fixtures, 'weights_001_0.45119667.hdf5');
let dir: string;
let model: string;

async function readStack(file: string): Promise<Hyperstack> {
  return toHyperstack(decodeTiff(new Uint8Array(await readFile(file))));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(Number(a[i]) - Number(b[i])));
  return max;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rcan-original-'));
  model = path.join(dir, 'model');
  const imported = await cli(['import', checkpoint, '-o', model]);
  expect(imported.code, imported.stderr).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a checkpoint written by the original 3D-RCAN with Keras 3', () => {
  it('imports with the architecture and the block shape Keras 3 stores as InputLayer batch_shape', async () => {
    const config = JSON.parse(await readFile(path.join(model, 'config.json'), 'utf8')) as Record<string, unknown>;
    // The training config the original was given (fixtures/config.json) is the reference.
    const original = JSON.parse(await readFile(path.join(fixtures, 'config.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['input_shape', 'num_channels', 'num_residual_blocks', 'num_residual_groups', 'channel_reduction']) {
      expect(config[key], key).toEqual(original[key]);
    }
  });

  it('applies without -B and matches apply.py -b 32: raw and restored channels within 1e-5', async () => {
    const out = path.join(dir, 'b32.tif');
    const result = await cli(['apply', '-m', model, '-i', path.join(fixtures, 'input.tif'), '-o', out, '-b', '32']);
    expect(result.code, result.stderr).toBe(0);
    const ours = await readStack(out);
    const theirs = await readStack(path.join(fixtures, 'orig_b32.tif'));
    expect(ours.shape).toEqual(theirs.shape);
    expect(ours.dtype).toBe('float32');
    expect(maxAbsDiff(hyperstackChannel(ours, 0).data, hyperstackChannel(theirs, 0).data)).toBeLessThan(1e-5);
    expect(maxAbsDiff(hyperstackChannel(ours, 1).data, hyperstackChannel(theirs, 1).data)).toBeLessThan(1e-5);
  });

  it('matches apply.py -g GT -b 16 within one 16-bit step in every channel (raw, restored, GT)', async () => {
    const out = path.join(dir, 'b16.tif');
    const result = await cli(['apply', '-m', model, '-i', path.join(fixtures, 'input.tif'), '-g', path.join(fixtures, 'input_gt.tif'), '-o', out, '-b', '16']);
    expect(result.code, result.stderr).toBe(0);
    const ours = await readStack(out);
    const theirs = await readStack(path.join(fixtures, 'orig_b16_gt.tif'));
    expect(ours.shape).toEqual([12, 3, 48, 48]);
    expect(theirs.shape).toEqual(ours.shape);
    expect(ours.dtype).toBe('uint16');
    for (let c = 0; c < 3; c++) {
      expect(maxAbsDiff(hyperstackChannel(ours, c).data, hyperstackChannel(theirs, c).data), `channel ${c}`).toBeLessThanOrEqual(1);
    }
  });
});
