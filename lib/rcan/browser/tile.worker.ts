// A tile worker of the browser pool: loads the model once (`tile.init`), then predicts the blocks the
// restoration worker sends it (`tile.predict`), transferring each prediction back.
import { createTileWorkerHandler } from './create-tile-worker-handler';
import type { FromTileWorker } from './protocol';
import { useBrowserBackend } from './use-browser-backend';

const scope = globalThis as unknown as { postMessage(message: FromTileWorker, transfer?: Transferable[]): void; onmessage: ((event: MessageEvent) => void) | null };
const handle = createTileWorkerHandler((message, transfer) => scope.postMessage(message, transfer), async () => (await useBrowserBackend('wasm')).label);

scope.onmessage = (event: MessageEvent) => {
  void handle(event.data);
};
