import { abortError } from '../../util/errors';
import type { BlockPredictor } from '../core';
import type { WorkerLike } from './client';
import { deserializeError, FromTileWorkerSchema, parseMessage, type ToTileWorker } from './protocol';

/** A pool of tile Web Workers, each holding the model, that predicts blocks in parallel. */
export interface BrowserTilePool {
  /** Predict one block on the next free worker (the block's buffer is transferred); pass to `applyTiled` with `concurrency: size`. */
  predict: BlockPredictor;
  /** Number of workers. */
  size: number;
  /** tfjs backend the workers use (`wasm` or `cpu`). */
  backend: string;
  /** Terminate every worker; predictions still waiting or in flight reject with an AbortError. Safe to call twice. */
  close(): void;
}

/** Options for {@link createBrowserTilePool}. */
export interface CreateBrowserTilePoolOptions {
  /** The model-folder files every worker loads once; the weights are copied per worker. */
  model: { modelJson: string; weightsBin: ArrayBuffer };
  /** Worker count, at least 1. */
  size: number;
  /** Aborting terminates every worker at once, including blocks in flight. */
  signal?: AbortSignal;
  /** Worker factory, for tests. @default the bundled `tile.worker.ts` */
  createWorker?: () => WorkerLike;
}

interface Waiter {
  resolve(worker: WorkerLike): void;
  reject(error: Error): void;
}

/**
 * Start `size` tile workers and wait until each has loaded the model. The caller (the restoration
 * worker) keeps planning, reading and blending blocks with lib/rcan/core; the pool only predicts.
 * Every exit path terminates the workers: {@link BrowserTilePool.close}, `signal`, a failed start.
 * @param options - model files, worker count, cancellation
 * @returns the pool once every worker is ready
 * @throws AbortError when `signal` aborts first; Error when a worker cannot start or load the model
 */
export async function createBrowserTilePool(options: CreateBrowserTilePoolOptions): Promise<BrowserTilePool> {
  const size = Math.max(1, Math.floor(options.size));
  const { signal } = options;
  if (signal?.aborted) throw abortError();
  const workers: WorkerLike[] = [];
  const idle: WorkerLike[] = [];
  const waiters: Waiter[] = [];
  const pending = new Map<number, { worker: WorkerLike; resolve(prediction: Float32Array): void; reject(error: Error): void }>();
  let failure: Error | undefined;
  let nextId = 0;
  let backend = 'unknown';
  let readyCount = 0;
  let onReady: (() => void) | undefined;

  // Stop everything once: terminate, then reject whoever waits on a worker.
  const fail = (error: Error) => {
    if (failure) return;
    failure = error;
    signal?.removeEventListener('abort', onAbort);
    for (const worker of workers) worker.terminate();
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    for (const w of waiters.splice(0)) w.reject(error);
    onReady?.();
  };
  const onAbort = () => fail(abortError());
  signal?.addEventListener('abort', onAbort, { once: true });

  const release = (worker: WorkerLike) => {
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(worker);
    else idle.push(worker);
  };

  for (let i = 0; i < size; i++) {
    const worker = options.createWorker ? options.createWorker() : createBundledTileWorker();
    workers.push(worker);
    worker.addEventListener('message', (event: MessageEvent) => {
      if (failure) return;
      const parsed = parseMessage(FromTileWorkerSchema, event.data);
      if (!parsed.ok) {
        fail(new TypeError(parsed.error));
        return;
      }
      const message = parsed.message;
      if (message.type === 'tile.ready') {
        backend = message.backend;
        readyCount++;
        release(worker);
        if (readyCount === size) onReady?.();
        return;
      }
      if (message.type === 'tile.error' && message.id === undefined) {
        fail(deserializeError({ name: message.name, message: `a tile worker could not load the model: ${message.message}` }));
        return;
      }
      const p = pending.get(message.id!);
      if (!p) return;
      pending.delete(message.id!);
      release(p.worker);
      if (message.type === 'tile.result') p.resolve(message.prediction);
      else p.reject(deserializeError(message));
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      fail(new Error(`a tile worker failed to start or crashed: ${event.message || 'unknown error'}; reload the page or set workers to 1`));
    });
    const init: ToTileWorker = { type: 'tile.init', modelJson: options.model.modelJson, weightsBin: options.model.weightsBin.slice(0) };
    worker.postMessage(init, [init.weightsBin]);
  }

  await new Promise<void>((resolve) => {
    onReady = resolve;
    if (failure) resolve();
  });
  onReady = undefined;
  if (failure) throw failure;

  const predict: BlockPredictor = async (block, blockShape) => {
    if (failure) throw failure;
    const worker = idle.pop() ?? (await new Promise<WorkerLike>((resolve, reject) => waiters.push({ resolve, reject })));
    // Transfer a buffer that holds exactly this block (readBlock's always does).
    const own = block.byteOffset === 0 && block.byteLength === block.buffer.byteLength ? block : block.slice();
    const id = nextId++;
    return new Promise<Float32Array>((resolve, reject) => {
      pending.set(id, { worker, resolve, reject });
      const message: ToTileWorker = { type: 'tile.predict', id, block: own as Float32Array<ArrayBuffer>, blockShape: [...blockShape] };
      worker.postMessage(message, [own.buffer as ArrayBuffer]);
    });
  };

  return { predict, size, backend, close: () => fail(abortError('the tile pool was closed')) };
}

// The one place tile workers are created. Bundlers only recognise this literal form (house style §8.6).
function createBundledTileWorker(): WorkerLike {
  return new Worker(new URL('./tile.worker.ts', import.meta.url), { type: 'module' });
}
