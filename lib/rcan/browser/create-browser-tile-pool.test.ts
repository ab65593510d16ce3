import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { createVolume, encodeTiff } from '../../imaging';
import { buildRcan, serializeRcan } from '../core';
import type { WorkerLike } from './client';
import { createBrowserTilePool } from './create-browser-tile-pool';
import { createTileWorkerHandler } from './create-tile-worker-handler';
import { ToWorkerSchema, type ToWorkerParsed } from './protocol';
import { runRestore } from './run-restore';

type Start = Extract<ToWorkerParsed, { type: 'restore.start' }>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A stand-in for a tile Web Worker in Node: the real handler of `tile.worker.ts`, with messages
 * structured-cloned (transferred buffers are detached, as in a browser) and delivered a macrotask later.
 */
class FakeTileWorker implements WorkerLike {
  static created: FakeTileWorker[] = [];
  terminated = false;
  inits = 0;
  predictions = 0;
  private listeners: ((event: MessageEvent) => void)[] = [];
  private handle = createTileWorkerHandler((message, transfer) => {
    const data = structuredClone(message, { transfer: transfer as Transferable[] | undefined });
    setTimeout(() => {
      if (!this.terminated) for (const l of this.listeners) l({ data } as MessageEvent);
    }, 0);
  }, async () => 'cpu');

  constructor() {
    FakeTileWorker.created.push(this);
  }
  postMessage(message: unknown, transfer?: Transferable[]): void {
    const data = structuredClone(message, { transfer: transfer ?? [] }) as { type: string };
    if (data.type === 'tile.init') this.inits++;
    if (data.type === 'tile.predict') this.predictions++;
    setTimeout(() => {
      if (!this.terminated) void this.handle(data);
    }, 0);
  }
  addEventListener(type: 'message' | 'error', listener: (event: never) => void): void {
    if (type === 'message') this.listeners.push(listener as (event: MessageEvent) => void);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function fakeWorker(): WorkerLike {
  return new FakeTileWorker();
}

function files() {
  const model = buildRcan({ ndim: 3, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 1, channelReduction: 2 }, { seed: 3 });
  const out = serializeRcan(model);
  model.dispose();
  return out;
}

// A 4x18x18 stack with blocks of 4x8x8 and overlap 0x2x2: step 6, ceil(18 / 6) = 3 blocks per axis in Y and X, 9 in all.
function start(workers: number, model = files()): Start {
  const data = Uint16Array.from({ length: 4 * 18 * 18 }, (_, i) => 100 + ((i * 7919) % 97) + (i % 18) * 3);
  return ToWorkerSchema.parse({
    type: 'restore.start',
    id: 'x',
    model: { kind: 'files', modelJson: model.modelJson, weightsBin: model.weightsBin.slice().buffer },
    input: { kind: 'tiff', bytes: encodeTiff(createVolume(data, [4, 18, 18])).slice().buffer, name: 'stack.tif' },
    options: { blockShape: [4, 8, 8], overlap: [0, 2, 2], workers },
  }) as Start;
}

describe('runRestore with a tile pool', () => {
  it('gives the same restored image with 2 workers as with 1, each worker loading the model once', async () => {
    const model = files();
    const single = await runRestore(start(1, model), { backend: { name: 'cpu', label: 'cpu' }, createTileWorker: fakeWorker });
    FakeTileWorker.created = [];
    const progress: number[] = [];
    const pooled = await runRestore(start(2, model), { createTileWorker: fakeWorker, onProgress: (p) => progress.push(p.done) });
    // Without a pool no tile worker starts; the single path predicts in-process.
    expect(single.result.workers).toBe(1);
    expect(pooled.result.workers).toBe(2);
    expect(pooled.result.backend).toBe('cpu');
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(FakeTileWorker.created.map((w) => w.inits)).toEqual([1, 1]);
    // Both workers got blocks, and every block was predicted once.
    expect(FakeTileWorker.created.every((w) => w.predictions > 0)).toBe(true);
    expect(FakeTileWorker.created.reduce((n, w) => n + w.predictions, 0)).toBe(9);
    expect(FakeTileWorker.created.every((w) => w.terminated)).toBe(true);
    const a = single.result.restored;
    const b = pooled.result.restored;
    expect(b).toHaveLength(a.length);
    let maxDiff = 0;
    for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
    expect(a.some((v) => v !== 0)).toBe(true);
  });

  it('rejects with an AbortError when cancelled mid-run and terminates every worker', async () => {
    FakeTileWorker.created = [];
    const controller = new AbortController();
    const run = runRestore(start(3), { signal: controller.signal, createTileWorker: fakeWorker, onProgress: (p) => p.done === 2 && controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeTileWorker.created).toHaveLength(3);
    expect(FakeTileWorker.created.every((w) => w.terminated)).toBe(true);
    expect(FakeTileWorker.created.reduce((n, w) => n + w.predictions, 0)).toBeLessThan(9);
  });
});

describe('createBrowserTilePool', () => {
  it('fails to start with the worker’s message when the model does not load, leaving no worker running', async () => {
    FakeTileWorker.created = [];
    const pool = createBrowserTilePool({ model: { modelJson: '{not json', weightsBin: new ArrayBuffer(4) }, size: 2, createWorker: fakeWorker });
    await expect(pool).rejects.toThrow(/could not load the model: model\.json is not valid JSON/);
    expect(FakeTileWorker.created.every((w) => w.terminated)).toBe(true);
  });

  it('rejects at once when the signal is already aborted, starting no worker', async () => {
    FakeTileWorker.created = [];
    const controller = new AbortController();
    controller.abort();
    const { modelJson, weightsBin } = files();
    await expect(createBrowserTilePool({ model: { modelJson, weightsBin: weightsBin.slice().buffer }, size: 2, signal: controller.signal, createWorker: fakeWorker })).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeTileWorker.created).toHaveLength(0);
  });

  it('rejects blocks after close and keeps the caller’s model buffer (the workers get copies)', async () => {
    const { modelJson, weightsBin } = files();
    const buffer = weightsBin.slice().buffer;
    const pool = await createBrowserTilePool({ model: { modelJson, weightsBin: buffer }, size: 1, createWorker: fakeWorker });
    expect(buffer.byteLength).toBe(weightsBin.byteLength);
    pool.close();
    await expect(pool.predict(new Float32Array(4 * 8 * 8), [4, 8, 8])).rejects.toMatchObject({ name: 'AbortError' });
  });
});
