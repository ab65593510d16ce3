// Web Worker entry of the evaluate page: decoding and matching a 2048² label image takes seconds,
// which would freeze the page on the main thread.
import { evaluatePair } from './evaluate-pair';
import type { EvaluateStartMessage, EvaluateWorkerMessage } from './evaluate-protocol';

function post(message: EvaluateWorkerMessage, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

self.onmessage = (event: MessageEvent<EvaluateStartMessage>) => {
  const { id, truth, pred, options } = event.data;
  try {
    const result = evaluatePair(
      { bytes: new Uint8Array(truth.buffer), name: truth.name },
      { bytes: new Uint8Array(pred.buffer), name: pred.name },
      options,
      (stage) => post({ type: 'evaluate.progress', id, stage }),
    );
    post({ type: 'evaluate.done', id, result }, result.overlay ? [result.overlay.classes.buffer as ArrayBuffer] : []);
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    // One line only: the page shows it as is, never a stack.
    post({ type: 'evaluate.error', id, name: err.name, message: err.message.split('\n')[0] ?? '' });
  }
};
