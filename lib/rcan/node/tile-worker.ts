// Worker-thread entry of the tile pool: loads the model once, then predicts blocks on request.
import { parentPort, workerData } from 'node:worker_threads';
import { deserializeRcan, predictTile, type RcanModelFiles } from '../core';
import { useWasmBackend } from './use-wasm-backend';

/** Data given to each worker at spawn. */
export interface TileWorkerData {
  files: RcanModelFiles;
  channelAttention: boolean;
}

/** A request: predict one block. */
export interface TileRequest {
  id: number;
  block: Float32Array;
  blockShape: number[];
}

/** A reply: the restored block or a one-line error. */
export type TileReply = { id: number; result: Float32Array } | { id: number; error: string } | { ready: true } | { failed: string };

const port = parentPort;
if (port) {
  const data = workerData as TileWorkerData;
  (async () => {
    await useWasmBackend({ threads: 1 });
    const model = deserializeRcan(data.files, { channelAttention: data.channelAttention, trainable: false });
    port.on('message', (request: TileRequest) => {
      predictTile(model, request.block, request.blockShape).then(
        (result) => port.postMessage({ id: request.id, result } satisfies TileReply, [result.buffer as ArrayBuffer]),
        (error: unknown) => port.postMessage({ id: request.id, error: String((error as Error)?.message ?? error) } satisfies TileReply),
      );
    });
    port.postMessage({ ready: true } satisfies TileReply);
  })().catch((error: unknown) => port.postMessage({ failed: String((error as Error)?.message ?? error) } satisfies TileReply));
}
