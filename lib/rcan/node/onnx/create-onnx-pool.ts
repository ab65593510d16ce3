// The native engine of `rcan apply`: the checkpoint exported to ONNX (rcan-to-onnx.ts) and run by
// onnxruntime-node's CPU provider (its binary ships inside the npm package; nothing is downloaded).
import os from 'node:os';
import type { BlockPredictor, RcanModelFiles } from '../../core';
import type { TilePool } from '../create-tile-pool';
import { ONNX_INPUT, ONNX_OUTPUT, rcanToOnnx, type OnnxConvLayout } from './rcan-to-onnx';

type Ort = typeof import('onnxruntime-node');

let ortModule: Promise<Ort | undefined> | undefined;

/**
 * Load onnxruntime-node once; `undefined` when it cannot load here (platform without a prebuilt
 * binary, package missing), so `--engine auto` falls back to tfjs.
 */
export function loadOnnxRuntime(): Promise<Ort | undefined> {
  ortModule ??= import('onnxruntime-node').then((m) => m, () => undefined);
  return ortModule;
}

/** Options for {@link createOnnxPool}. */
export interface CreateOnnxPoolOptions {
  files: RcanModelFiles;
  /** Blocks run at once, each in its own single-threaded session. @default os.availableParallelism() */
  workers?: number;
  /** @default 'factorised' for 3D (faster in onnxruntime, see bench/RESULTS.md), 'conv3d' otherwise */
  layout?: OnnxConvLayout;
}

/**
 * Export the checkpoint to ONNX in memory and open one onnxruntime session per worker. Sessions
 * run on libuv's thread pool, so blocks predict in parallel without worker threads; the memory
 * arena is off so each block's activations are returned to the system as soon as it finishes.
 * @returns a pool with the same interface as the tfjs worker pool
 * @throws Error when onnxruntime-node cannot load
 */
export async function createOnnxPool(options: CreateOnnxPoolOptions): Promise<TilePool> {
  const ort = await loadOnnxRuntime();
  if (!ort) throw new Error('onnxruntime-node is not available on this platform; use --engine tfjs');
  const size = Math.max(1, Math.floor(options.workers ?? os.availableParallelism()));
  const model = rcanToOnnx(options.files, { layout: options.layout ?? 'factorised' });
  const sessions = await Promise.all(Array.from({ length: size }, () => ort.InferenceSession.create(model, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    enableCpuMemArena: false,
    executionProviders: ['cpu'],
  })));
  const idle = [...sessions];
  const queue: (() => void)[] = [];
  let closed = false;
  const predict: BlockPredictor = async (block, blockShape) => {
    if (closed) throw new Error('the onnx pool is closed');
    if (idle.length === 0) await new Promise<void>((resolve) => queue.push(resolve));
    const session = idle.pop()!;
    try {
      const result = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', block, [1, 1, ...blockShape]) });
      return result[ONNX_OUTPUT]!.data as Float32Array;
    } finally {
      idle.push(session);
      queue.shift()?.();
    }
  };
  return {
    predict,
    size,
    close: async () => {
      closed = true;
      await Promise.all(sessions.map((s) => s.release()));
    },
  };
}
