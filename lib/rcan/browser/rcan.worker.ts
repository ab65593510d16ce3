// The restoration worker: validates every message, decodes chosen files once (`image.load`), runs
// restore and training through lib/rcan, and posts progress, results (buffers transferred, not
// copied) and errors as {name, message}.
import { createImageStore, loadImage } from './load-image';
import { FromWorker, parseMessage, serializeError, ToWorkerSchema, type ToWorkerParsed } from './protocol';
import { runRestore } from './run-restore';
import { runTrain } from './run-train';
import { useBrowserBackend } from './use-browser-backend';

const scope = globalThis as unknown as { postMessage(message: FromWorker, transfer?: Transferable[]): void; onmessage: ((event: MessageEvent) => void) | null };
const running = new Map<string, AbortController>();
const images = createImageStore();

scope.onmessage = (event: MessageEvent) => {
  const parsed = parseMessage(ToWorkerSchema, event.data);
  if (!parsed.ok) {
    const id = typeof (event.data as { id?: unknown })?.id === 'string' ? (event.data as { id: string }).id : '';
    const type = String((event.data as { type?: unknown })?.type ?? '');
    const kind = type.startsWith('train.') ? 'train.error' : type.startsWith('image.') ? 'image.error' : 'restore.error';
    scope.postMessage({ type: kind, id, name: 'TypeError', message: parsed.error });
    return;
  }
  void handle(parsed.message);
};

async function handle(message: ToWorkerParsed): Promise<void> {
  if (message.type === 'restore.cancel' || message.type === 'train.cancel') {
    running.get(message.id)?.abort();
    return;
  }
  const { id } = message;
  if (message.type === 'image.load') {
    try {
      const { file, name, slot, maxVoxels, reason } = message;
      scope.postMessage({ type: 'image.loaded', id, image: await loadImage({ file, name, slot, maxVoxels, ...(reason ? { reason } : {}) }, images) });
    } catch (error) {
      scope.postMessage({ type: 'image.error', id, ...serializeError(error) });
    }
    return;
  }
  const controller = new AbortController();
  running.set(id, controller);
  try {
    if (message.type === 'restore.start') {
      const backend = await useBrowserBackend(message.options.backend);
      const { result, transfer } = await runRestore(message, {
        signal: controller.signal,
        backend,
        images,
        onProgress: (p) => scope.postMessage({ type: 'restore.progress', id, ...p }),
      });
      scope.postMessage({ type: 'restore.done', id, result }, transfer);
    } else {
      // Training stays on wasm: fastConv3d's backward pass fails on tfjs-backend-webgpu 4.22 (rank-5 reverse).
      const backend = await useBrowserBackend('wasm');
      const { model, history, patchShape, transfer } = await runTrain(message, {
        signal: controller.signal,
        onProgress: (p) => scope.postMessage({ type: 'train.progress', id, ...p }),
        onEpoch: (log) => scope.postMessage({ type: 'train.epoch', id, log }),
      });
      scope.postMessage({ type: 'train.done', id, model, history, patchShape, backend: backend.label }, transfer);
    }
  } catch (error) {
    const type = message.type === 'restore.start' ? 'restore.error' : 'train.error';
    scope.postMessage({ type, id, ...serializeError(error) });
  } finally {
    running.delete(id);
  }
}
