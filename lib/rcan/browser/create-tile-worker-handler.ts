import { deserializeRcan, predictTile, type RcanModel } from '../core';
import { FromTileWorker, parseMessage, serializeError, ToTileWorkerSchema } from './protocol';

/** Posts a message back to the restoration worker, transferring the listed buffers. */
export type TilePost = (message: FromTileWorker, transfer?: Transferable[]) => void;

/**
 * The logic of one tile worker, kept apart from `tile.worker.ts` so Node tests can run it in-process:
 * `tile.init` loads the model once (answering `tile.ready` with the backend), each `tile.predict`
 * answers `tile.result` with the prediction's buffer transferred, or `tile.error`.
 * @param post - how to answer (the worker's `postMessage`)
 * @param useBackend - picks the tfjs backend and resolves to its name (`useBrowserBackend` in the worker)
 * @returns the handler for each received `event.data`
 */
export function createTileWorkerHandler(post: TilePost, useBackend: () => Promise<string>): (data: unknown) => Promise<void> {
  let model: Promise<RcanModel> | undefined;
  return async (data) => {
    const parsed = parseMessage(ToTileWorkerSchema, data);
    if (!parsed.ok) {
      const id = (data as { id?: unknown })?.id;
      post({ type: 'tile.error', ...(typeof id === 'number' ? { id } : {}), name: 'TypeError', message: parsed.error });
      return;
    }
    const message = parsed.message;
    if (message.type === 'tile.init') {
      model = (async () => {
        const backend = await useBackend();
        const loaded = deserializeRcan({ modelJson: message.modelJson, weightsBin: new Uint8Array(message.weightsBin) }, { trainable: false });
        post({ type: 'tile.ready', backend });
        return loaded;
      })();
      // An init failure is reported here once; later predictions report it again with their id.
      model.catch((error: unknown) => post({ type: 'tile.error', ...serializeError(error) }));
      return;
    }
    try {
      if (!model) throw new Error('the tile worker got a block before its model; this is a bug in the tile pool');
      const prediction = await predictTile(await model, message.block, message.blockShape);
      post({ type: 'tile.result', id: message.id, prediction: prediction as Float32Array<ArrayBuffer> }, [prediction.buffer as ArrayBuffer]);
    } catch (error) {
      post({ type: 'tile.error', id: message.id, ...serializeError(error) });
    }
  };
}
