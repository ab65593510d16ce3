import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRcan } from '../../core';
import type { CliIo } from '../cli-io';
import { saveCheckpoint } from '../model-folder';
import { runExportOnnx } from '../export-onnx-command';

let dir: string;
const io = () => {
  const out = { stdout: '', stderr: '' };
  const sink: CliIo = { stdout: (t) => { out.stdout += t; }, stderr: (t) => { out.stderr += t; }, stderrIsTty: false };
  return { out, sink };
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(path.join(os.tmpdir(), 'rcan-export-'));
  const model = buildRcan({ ndim: 3, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 2, channelReduction: 2 }, { seed: 4 });
  await saveCheckpoint(path.join(dir, 'model'), 'weights_001_0.5', model);
  model.dispose();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rcan export --format onnx', () => {
  it('writes an .onnx file that onnxruntime runs with a free batch size', async () => {
    const { out, sink } = io();
    const file = path.join(dir, 'model.onnx');
    expect(await runExportOnnx(['-m', path.join(dir, 'model'), '--format', 'onnx', '-o', file], sink)).toBe(0);
    expect(out.stderr).toMatch(/Wrote .*model\.onnx/);
    const session = await ort.InferenceSession.create(await readFile(file));
    expect(session.inputNames).toEqual(['input']);
    const x = new ort.Tensor('float32', Float32Array.from({ length: 2 * 4 * 8 * 8 }, (_, i) => (i % 17) / 17), [2, 1, 4, 8, 8]);
    const y = (await session.run({ input: x })).output!;
    expect(y.dims).toEqual([2, 1, 4, 8, 8]);
    await session.release();
  });

  it('never overwrites and rejects other formats in one line', async () => {
    const file = path.join(dir, 'taken.onnx');
    await writeFile(file, 'mine');
    await expect(runExportOnnx(['-m', path.join(dir, 'model'), '-o', file], io().sink)).rejects.toThrow(/exists; choose another -o/);
    expect(await readFile(file, 'utf8')).toBe('mine');
    await expect(runExportOnnx(['-m', path.join(dir, 'model'), '--format', 'hdf5', '-o', path.join(dir, 'x')], io().sink)).rejects.toThrow(/use --format onnx/);
  });
});
