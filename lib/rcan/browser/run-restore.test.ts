import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { createVolume, decodeTiff, encodeTiff } from '../../imaging';
import { buildRcan, serializeRcan } from '../core';
import { createImageStore, loadImage } from './load-image';
import { ToWorkerSchema, type ToWorkerParsed } from './protocol';
import { runRestore } from './run-restore';
import { runTrain } from './run-train';

type Start = Extract<ToWorkerParsed, { type: 'restore.start' }>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// A tiny random model and a 4x12x12 stack: the whole worker path in well under a second.
function files() {
  const model = buildRcan({ ndim: 3, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 1, channelReduction: 2 }, { seed: 1 });
  const out = serializeRcan(model);
  model.dispose();
  return out;
}

function tiff(seed: number): ArrayBuffer {
  const data = Uint16Array.from({ length: 4 * 12 * 12 }, (_, i) => 100 + ((i * 7919 + seed * 31) % 97));
  return encodeTiff(createVolume(data, [4, 12, 12])).slice().buffer as ArrayBuffer;
}

function start(extra: Record<string, unknown> = {}): Start {
  const { modelJson, weightsBin } = files();
  const parsed = ToWorkerSchema.parse({
    type: 'restore.start',
    id: 'x',
    model: { kind: 'files', modelJson, weightsBin: weightsBin.slice().buffer },
    input: { kind: 'tiff', bytes: tiff(1), name: 'stack.ome.tif' },
    options: { blockShape: [4, 8, 8], overlap: [0, 2, 2] },
    ...extra,
  });
  return parsed as Start;
}

describe('runRestore', () => {
  it('writes a 2-channel ImageJ hyperstack named <input>_restored.tif and reports every block', async () => {
    const progress: number[] = [];
    const { result, transfer } = await runRestore(start(), { onProgress: (p) => progress.push(p.done), backend: { name: 'cpu', label: 'cpu' } });
    expect(result.fileName).toBe('stack_restored.tif');
    // 12 pixels with blocks of 8 and overlap 2 need 2 blocks per axis in Y and X: 4 blocks.
    expect(progress).toEqual([1, 2, 3, 4]);
    const decoded = decodeTiff(new Uint8Array(result.tiff));
    expect(decoded.dims).toEqual({ t: 1, z: 4, c: 2 });
    expect(result.shape).toEqual([4, 12, 12]);
    expect(result.metrics).toBeUndefined();
    expect(transfer).toContain(result.tiff);
  });

  it('adds the ground truth as a third channel and scores raw and restored', async () => {
    const { result } = await runRestore(start({ groundTruth: { kind: 'tiff', bytes: tiff(2), name: 'gt.tif' } }));
    expect(decodeTiff(new Uint8Array(result.tiff)).dims.c).toBe(3);
    expect(result.metrics?.raw.psnr).toBeTypeOf('number');
    expect(result.groundTruth).toHaveLength(4 * 12 * 12);
  });

  it('rejects a file that is not a TIFF with an InputError', async () => {
    const message = start({ input: { kind: 'tiff', bytes: new TextEncoder().encode('hello').buffer, name: 'notes.txt' } });
    await expect(runRestore(message)).rejects.toMatchObject({ name: 'InputError' });
  });

  it('rejects with an AbortError when the signal aborts between blocks', async () => {
    const controller = new AbortController();
    const run = runRestore(start(), { signal: controller.signal, onProgress: (p) => p.done === 1 && controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('runTrain', () => {
  it('trains on one pair and returns model-folder files that restore', async () => {
    const epochs: number[] = [];
    const message = ToWorkerSchema.parse({
      type: 'train.start',
      id: 't',
      training: [{ name: 'a.tif', raw: tiff(1), gt: tiff(2) }],
      settings: { numChannels: 4, numResidualBlocks: 1, numResidualGroups: 1, channelReduction: 2, patchShape: [8, 8, 8], epochs: 2, stepsPerEpoch: 2 },
    }) as Extract<ToWorkerParsed, { type: 'train.start' }>;
    const out = await runTrain(message, { onEpoch: (log) => epochs.push(log.epoch) });
    expect(epochs).toEqual([1, 2]);
    // Z is clipped to the 4-slice image.
    expect(out.patchShape).toEqual([4, 8, 8]);
    expect(JSON.parse(out.model.configJson)).toMatchObject({ input_shape: [4, 8, 8], num_channels: 4 });
    const restore = start();
    restore.model = { kind: 'files', modelJson: out.model.modelJson, weightsBin: out.model.weightsBin };
    const { result } = await runRestore(restore);
    expect(result.restored).toHaveLength(4 * 12 * 12);
  });
});

describe('runTrain cancellation', () => {
  it('rejects with an AbortError when the signal aborts during training', async () => {
    const controller = new AbortController();
    const message = ToWorkerSchema.parse({
      type: 'train.start',
      id: 't',
      training: [{ name: 'a.tif', raw: tiff(1), gt: tiff(2) }],
      settings: { numChannels: 4, numResidualBlocks: 1, numResidualGroups: 1, channelReduction: 2, patchShape: [4, 8, 8], epochs: 5, stepsPerEpoch: 5 },
    }) as Extract<ToWorkerParsed, { type: 'train.start' }>;
    const run = runTrain(message, { signal: controller.signal, onProgress: (p) => p.step === 2 && controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('runRestore with files loaded by image.load', () => {
  it('restores the volume the worker decoded (by image id), the same as from the TIFF bytes, and shows the normalized raw', async () => {
    const store = createImageStore();
    const loaded = await loadImage({ file: new Blob([tiff(1)]), name: 'stack.tif', slot: 'raw', maxVoxels: 10_000 }, store);
    const fromBytes = await runRestore(start(), { backend: { name: 'cpu', label: 'cpu' } });
    const fromStore = await runRestore(start({ input: { kind: 'loaded', imageId: loaded.imageId, name: 'stack.tif' } }), { backend: { name: 'cpu', label: 'cpu' }, images: store });
    expect(Array.from(fromStore.result.restored)).toEqual(Array.from(fromBytes.result.restored));
    expect(fromStore.result.fileName).toBe('stack_restored.tif');
    // The display raw is the normalized raw that went into the TIFF's first channel (normalized once).
    const decoded = decodeTiff(new Uint8Array(fromStore.result.tiff));
    expect(Array.from((decoded.data as Float32Array).subarray(0, 144))).toEqual(Array.from(fromStore.result.raw.subarray(0, 144)));
  });

  it('says to choose the file again when its slot was reloaded', async () => {
    const store = createImageStore();
    const first = await loadImage({ file: new Blob([tiff(1)]), name: 'a.tif', slot: 'raw', maxVoxels: 10_000 }, store);
    await loadImage({ file: new Blob([tiff(2)]), name: 'b.tif', slot: 'raw', maxVoxels: 10_000 }, store);
    await expect(runRestore(start({ input: { kind: 'loaded', imageId: first.imageId, name: 'a.tif' } }), { images: store })).rejects.toThrow('a.tif is no longer loaded (another file replaced it); choose it again');
  });

  it('runs every block in the restoration worker on WebGPU: no tile pool, whatever `workers` says, and names the adapter', async () => {
    let tileWorkers = 0;
    const { result } = await runRestore(start({ options: { blockShape: [4, 8, 8], overlap: [0, 2, 2], workers: 3 } }), {
      // The cpu backend stands in for the GPU here; what is checked is the routing.
      backend: { name: 'webgpu', label: 'WebGPU (SwiftShader)' },
      createTileWorker: () => {
        tileWorkers++;
        throw new Error('no tile worker should start on WebGPU');
      },
    });
    expect(tileWorkers).toBe(0);
    expect(result).toMatchObject({ backend: 'WebGPU (SwiftShader)', workers: 1 });
  });
});
