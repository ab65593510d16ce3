// Messages between the evaluate page and its Web Worker (house style: `domain.verb` types).
import type { EvaluatePairOptions, EvaluatePairResult, EvaluateStage } from './evaluate-pair';

/** Page → worker: score one pair. The buffers are transferred, not copied. */
export interface EvaluateStartMessage {
  type: 'evaluate.start';
  id: number;
  truth: { buffer: ArrayBuffer; name: string };
  pred: { buffer: ArrayBuffer; name: string };
  options: EvaluatePairOptions;
}

/** Worker → page. `id` echoes the request so late answers to a replaced request are ignored. */
export type EvaluateWorkerMessage =
  | { type: 'evaluate.progress'; id: number; stage: EvaluateStage }
  | { type: 'evaluate.done'; id: number; result: EvaluatePairResult }
  | { type: 'evaluate.error'; id: number; name: string; message: string };
