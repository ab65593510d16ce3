'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

import type { EvaluatePairOptions, EvaluatePairResult, EvaluateStage } from './evaluate-pair';
import type { EvaluateStartMessage, EvaluateWorkerMessage } from './evaluate-protocol';

/** What the evaluate page shows. */
export type EvaluationState =
  | { status: 'idle' }
  | { status: 'running'; stage: EvaluateStage | 'reading' }
  | { status: 'done'; result: EvaluatePairResult; ms: number }
  | { status: 'error'; message: string };

/**
 * Run evaluations in a Web Worker. A new run replaces the previous one (its worker is terminated),
 * so changing a setting while a large image is being scored never queues work.
 * @returns The current state, `run(truth, pred, options)` and `cancel()`.
 */
export function useEvaluation() {
  const [state, setState] = useState<EvaluationState>({ status: 'idle' });
  const worker = useRef<Worker | null>(null);
  const current = useRef(0);

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const run = useCallback(
    async (truth: File, pred: File, options: EvaluatePairOptions) => {
      stop();
      const id = ++current.current;
      setState({ status: 'running', stage: 'reading' });
      const started = performance.now();
      let buffers: [ArrayBuffer, ArrayBuffer];
      try {
        buffers = await Promise.all([truth.arrayBuffer(), pred.arrayBuffer()]);
      } catch {
        if (id === current.current) setState({ status: 'error', message: 'cannot read the chosen files; choose them again' });
        return;
      }
      if (id !== current.current) return;
      // The one place the worker is created; bundlers only recognise this literal form.
      const w = new Worker(new URL('./evaluate.worker.ts', import.meta.url));
      worker.current = w;
      w.onmessage = (event: MessageEvent<EvaluateWorkerMessage>) => {
        const m = event.data;
        if (m.id !== current.current) return;
        if (m.type === 'evaluate.progress') setState({ status: 'running', stage: m.stage });
        else {
          if (m.type === 'evaluate.done') setState({ status: 'done', result: m.result, ms: performance.now() - started });
          else setState({ status: 'error', message: m.message });
          stop();
        }
      };
      w.onerror = (event) => {
        event.preventDefault();
        if (id === current.current) setState({ status: 'error', message: `the evaluation stopped unexpectedly: ${event.message || 'worker error'}` });
        stop();
      };
      const message: EvaluateStartMessage = {
        type: 'evaluate.start',
        id,
        truth: { buffer: buffers[0], name: truth.name },
        pred: { buffer: buffers[1], name: pred.name },
        options,
      };
      w.postMessage(message, [buffers[0], buffers[1]]);
    },
    [stop],
  );

  const cancel = useCallback(() => {
    current.current++;
    stop();
    setState({ status: 'idle' });
  }, [stop]);

  return { state, run, cancel };
}
