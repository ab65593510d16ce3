'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

import type { Judgement, LoadedImage, Segmentation, TryRequest, TryResponse } from './protocol';

type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

/** What the /try page knows about its worker. */
export interface WorkerState {
  image: LoadedImage | null;
  result: Segmentation | null;
  judgement: Judgement | null;
  busy: { step: string; fraction: number } | null;
  error: string | null;
  /** 3D rung 2: the visible slice's P(objects) while the whole stack is still being predicted. */
  preview: { slice: number; probability: Float32Array } | null;
}

/**
 * The /try Web Worker. Every request gets an id; answers to older ids are ignored, so a new setting
 * simply supersedes a running one. `cancel()` terminates the worker and quietly reloads the image in a
 * fresh one (the image bytes are kept here for that).
 */
export function useSegmentWorker() {
  const [state, setState] = useState<WorkerState>({ image: null, result: null, judgement: null, busy: null, error: null, preview: null });
  const worker = useRef<Worker | null>(null);
  // Ids of the newest run (load, features, a rung) and the newest judging: separate, so scoring a
  // result never makes a run still in flight look stale.
  const seq = useRef(0);
  const current = useRef(0);
  const currentJudge = useRef(0);
  const source = useRef<{ buffer: ArrayBuffer; name: string } | null>(null);
  // Requests posted and not yet answered, and the newest run asked for meanwhile: while the worker is
  // busy, runs are coalesced (the worker cannot drop a queued one), so painting never builds a backlog.
  const outstanding = useRef(0);
  const pending = useRef<{ body: Body<TryRequest>; transfer: Transferable[] } | null>(null);
  const post = useRef<(body: Body<TryRequest>, transfer: Transferable[]) => void>(() => {});

  const handle = useCallback((m: TryResponse) => {
    if (m.type !== 'progress' && m.type !== 'preview') {
      outstanding.current = Math.max(0, outstanding.current - 1);
      const next = pending.current;
      if (outstanding.current === 0 && next) {
        pending.current = null;
        post.current(next.body, next.transfer);
      }
    }
    const isCurrent = m.type === 'judged' ? m.id === currentJudge.current : m.id === current.current || (m.type === 'error' && m.id === currentJudge.current);
    if (!isCurrent && m.type !== 'loaded') return;
    setState((s) => {
      switch (m.type) {
        case 'progress':
          return { ...s, busy: { step: m.step, fraction: m.fraction } };
        case 'loaded':
          return m.id === current.current ? { ...s, image: m.image, busy: null } : s;
        case 'preview':
          return { ...s, preview: { slice: m.slice, probability: m.probability } };
        case 'segmented':
          // A new result makes the old scores stale (they would otherwise be credited to it).
          return { ...s, result: m.result, judgement: null, busy: null, error: null, preview: null };
        case 'judged':
          return { ...s, judgement: m.judgement, busy: null, error: null };
        case 'features-ready':
          return { ...s, busy: null };
        case 'error':
          return { ...s, busy: null, error: m.message };
      }
    });
  }, []);

  const ensure = useCallback((): Worker => {
    if (worker.current) return worker.current;
    // The one place the worker is created; bundlers only recognise this literal form.
    const w = new Worker(new URL('./segment.worker.ts', import.meta.url));
    w.onmessage = (e: MessageEvent<TryResponse>) => handle(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      setState((s) => ({ ...s, busy: null, error: `the worker stopped unexpectedly: ${e.message || 'unknown error'}` }));
    };
    worker.current = w;
    return w;
  }, [handle]);

  useEffect(() => () => worker.current?.terminate(), []);

  post.current = (body, transfer) => {
    const id = ++seq.current;
    if (body.type === 'judge' || body.type === 'judge-outlines') currentJudge.current = id;
    else current.current = id;
    outstanding.current++;
    setState((s) => ({ ...s, busy: { step: body.type === 'load' ? 'reading' : 'starting', fraction: 0 }, error: null }));
    ensure().postMessage({ ...body, id } as TryRequest, transfer);
  };

  const send = useCallback((body: Body<TryRequest>, transfer: Transferable[] = []) => {
    if ((body.type === 'classical' || body.type === 'pixel' || body.type === 'features') && outstanding.current > 0) {
      pending.current = { body, transfer };
      return;
    }
    pending.current = null;
    post.current(body, transfer);
  }, []);

  const load = useCallback(
    (buffer: ArrayBuffer, name: string) => {
      source.current = { buffer: buffer.slice(0), name };
      setState({ image: null, result: null, judgement: null, busy: null, error: null, preview: null });
      send({ type: 'load', buffer, name }, [buffer]);
    },
    [send],
  );

  const cancel = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
    current.current = ++seq.current;
    currentJudge.current = current.current;
    outstanding.current = 0;
    pending.current = null;
    setState((s) => ({ ...s, busy: null }));
    const src = source.current;
    if (src) {
      // Reload the image in a fresh worker without clearing what the page shows.
      const copy = src.buffer.slice(0);
      outstanding.current++;
      ensure().postMessage({ type: 'load', id: -1, buffer: copy, name: src.name } satisfies TryRequest, [copy]);
    }
  }, [ensure]);

  const clearResult = useCallback(() => setState((s) => ({ ...s, result: null, judgement: null })), []);
  const fail = useCallback((message: string) => setState((s) => ({ ...s, busy: null, error: message })), []);

  return { state, load, send, cancel, clearResult, fail };
}
