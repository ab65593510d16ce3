// The restoration worker: validates every message, runs restore and training through lib/rcan, and
// posts progress, results (buffers transferred, not copied) and errors as {name, message}.
import { FromWorker, parseMessage, serializeError, ToWorkerSchema, type ToWorkerParsed } from './protocol';
import { runRestore } from './run-restore';
import { runTrain } from './run-train';
import { useBrowserBackend } from './use-browser-backend';

const scope = globalThis as unknown as { postMessage(message: FromWorker, transfer?: Transferable[]): void; onmessage: ((event: MessageEvent) => void) | null };
const running = new Map<string, AbortController>();

scope.onmessage = (event: MessageEvent) => {
  const parsed = parseMessage(ToWorkerSchema, event.data);
  if (!parsed.ok) {
    const id = typeof (event.data as { id?: unknown })?.id === 'string' ? (event.data as { id: string }).id : '';
    const kind = String((event.data as { type?: unknown })?.type ?? '').startsWith('train.') ? 'train.error' : 'restore.error';
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
  const controller = new AbortController();
  running.set(message.id, controller);
  const { id } = message;
  try {
    const backend = await useBrowserBackend();
    if (message.type === 'restore.start') {
      const { result, transfer } = await runRestore(message, {
        signal: controller.signal,
        backend,
        onProgress: (p) => scope.postMessage({ type: 'restore.progress', id, ...p }),
      });
      scope.postMessage({ type: 'restore.done', id, result }, transfer);
    } else {
      const { model, history, patchShape, transfer } = await runTrain(message, {
        signal: controller.signal,
        onProgress: (p) => scope.postMessage({ type: 'train.progress', id, ...p }),
        onEpoch: (log) => scope.postMessage({ type: 'train.epoch', id, log }),
      });
      scope.postMessage({ type: 'train.done', id, model, history, patchShape, backend }, transfer);
    }
  } catch (error) {
    const type = message.type === 'restore.start' ? 'restore.error' : 'train.error';
    scope.postMessage({ type, id, ...serializeError(error) });
  } finally {
    running.delete(id);
  }
}
