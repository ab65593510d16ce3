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
  /** Threads of the one onnxruntime session (intra-op parallelism). @default os.availableParallelism() */
  workers?: number;
  /** @default 'factorised' for 3D (faster in onnxruntime, see bench/RESULTS.md), 'conv3d' otherwise */
  layout?: OnnxConvLayout;
}

/**
 * Export the checkpoint to ONNX in memory and open ONE onnxruntime session whose convolutions use
 * `workers` threads; blocks run one after another. Measured here (16×128×128 block, default model):
 * one block 5.3 s with 1 thread, 2.9 s with 2 threads, while two single-threaded sessions running
 * two blocks at once took 17.7 s: onnxruntime-node's sessions do not overlap, its intra-op threads
 * do. The memory arena is off so each block's activations are returned as soon as it finishes.
 * @returns a pool with the same interface as the tfjs worker pool
 * @throws Error when onnxruntime-node cannot load
 */
export async function createOnnxPool(options: CreateOnnxPoolOptions): Promise<TilePool> {
  const ort = await loadOnnxRuntime();
  if (!ort) throw new Error('onnxruntime-node is not available on this platform; use --engine tfjs');
  const size = Math.max(1, Math.floor(options.workers ?? os.availableParallelism()));
  const model = rcanToOnnx(options.files, { layout: options.layout ?? 'factorised' });
  const sessions = await Promise.all(Array.from({ length: 1 }, () => ort.InferenceSession.create(model, {
    intraOpNumThreads: size,
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
    // One session: blocks are fed one at a time (the threads are inside the session).
    size: 1,
    close: async () => {
      closed = true;
      await Promise.all(sessions.map((s) => s.release()));
    },
  };
}
