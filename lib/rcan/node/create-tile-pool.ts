import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BlockPredictor, RcanModelFiles } from '../core';
import type { TileReply, TileRequest, TileWorkerData } from './tile-worker';

/** A pool of worker threads, each holding the model, that predicts blocks in parallel. */
export interface TilePool {
  /** Predict one block on the next free worker; pass to `applyTiled` with `concurrency: size`. */
  predict: BlockPredictor;
  /** Number of workers. */
  size: number;
  /** Stop all workers. */
  close(): Promise<void>;
}

/** Options for {@link createTilePool}. */
export interface CreateTilePoolOptions {
  /** The checkpoint to load in every worker. */
  files: RcanModelFiles;
  /** Worker count. @default os.availableParallelism() */
  workers?: number;
  /** Channel attention switch (tests only). @default true */
  channelAttention?: boolean;
}

/**
 * Start worker threads (TypeScript via tsx's loader) that each load the weights once.
 * @param options - checkpoint, worker count
 * @returns the pool once every worker has loaded the model
 * @throws Error when a worker fails to start
 */
export async function createTilePool(options: CreateTilePoolOptions): Promise<TilePool> {
  const size = Math.max(1, Math.floor(options.workers ?? os.availableParallelism()));
  const workerData: TileWorkerData = { files: options.files, channelAttention: options.channelAttention ?? true };
  // The worker entry is TypeScript: a tiny eval'd bootstrap registers tsx's loader, then imports it.
  // (`execArgv: ['--import', 'tsx']` does not apply to the worker's own entry file on Node 20.)
  // require.resolve gives the CommonJS build; the ESM build sits beside it.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./tile-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  const workers: Worker[] = [];
  const pending = new Map<number, { resolve: (r: Float32Array) => void; reject: (e: Error) => void }>();
  const idle: Worker[] = [];
  const queue: (() => void)[] = [];
  let nextId = 0;
  let closed = false;

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  await Promise.all(Array.from({ length: size }, () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData });
    workers.push(worker);
    worker.on('message', (reply: TileReply) => {
      if ('ready' in reply) { idle.push(worker); resolve(); return; }
      if ('failed' in reply) { reject(new Error(`tile worker failed to start: ${reply.failed}`)); return; }
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if ('error' in reply) p?.reject(new Error(reply.error));
      else p?.resolve(reply.result);
      idle.push(worker);
      queue.shift()?.();
    });
    worker.on('error', (error) => { reject(error); failAll(error); });
    worker.on('exit', (code) => {
      if (!closed && code !== 0) failAll(new Error(`a tile worker exited with code ${code}`));
    });
  }))).catch(async (error: unknown) => {
    closed = true;
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  });

  const predict: BlockPredictor = async (block, blockShape) => {
    if (closed) throw new Error('the tile pool is closed');
    if (idle.length === 0) await new Promise<void>((resolve) => queue.push(resolve));
    const worker = idle.pop()!;
    const id = nextId++;
    return new Promise<Float32Array>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const request: TileRequest = { id, block, blockShape: [...blockShape] };
      worker.postMessage(request, [block.buffer as ArrayBuffer]);
    });
  };

  return {
    predict,
    size,
    close: async () => {
      closed = true;
      failAll(new Error('the tile pool was closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
