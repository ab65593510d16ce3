import { describe, expect, it } from 'vitest';

import { createRestoreClient, type WorkerLike } from './client';
import type { ToWorkerParsed } from './protocol';

/** A worker stand-in: records what the client posts and lets the test answer. */
function fakeWorker() {
  const posted: { message: ToWorkerParsed; transfer: Transferable[] }[] = [];
  const listeners: ((event: MessageEvent) => void)[] = [];
  const worker: WorkerLike = {
    postMessage: (message, transfer = []) => posted.push({ message: message as ToWorkerParsed, transfer }),
    addEventListener: (type: string, listener: (event: never) => void) => {
      if (type === 'message') listeners.push(listener as (event: MessageEvent) => void);
    },
    terminate: () => {},
  };
  const reply = (data: unknown) => listeners.forEach((l) => l({ data } as MessageEvent));
  return { worker, posted, reply };
}

const request = { model: { kind: 'url' as const, url: '/models/denoise/' }, name: 'cells.tif', blockShape: [8, 64, 64] };

describe('createRestoreClient', () => {
  it('posts restore.start with a transferred copy of the bytes, so the caller keeps its buffer', () => {
    const fake = fakeWorker();
    const client = createRestoreClient({ createWorker: () => fake.worker });
    const bytes = new Uint8Array([1, 2, 3, 4]);
    void client.restore(bytes, request);
    const [first] = fake.posted;
    expect(first?.message.type).toBe('restore.start');
    expect(first?.transfer).toHaveLength(1);
    expect(first?.transfer[0]).not.toBe(bytes.buffer);
    expect(bytes.byteLength).toBe(4);
  });

  it('reports progress and resolves with the result', async () => {
    const fake = fakeWorker();
    const client = createRestoreClient({ createWorker: () => fake.worker });
    const progress: number[] = [];
    const promise = client.restore(new Uint8Array(4), request, { onProgress: (p) => progress.push(p.done) });
    const id = fake.posted[0]!.message.id;
    fake.reply({ type: 'restore.progress', id, done: 1, total: 2, elapsedSeconds: 1, etaSeconds: 1 });
    fake.reply({ type: 'restore.progress', id, done: 2, total: 2, elapsedSeconds: 2, etaSeconds: 0 });
    const result = {
      fileName: 'cells_restored.tif', tiff: new ArrayBuffer(4), shape: [1, 1, 2], raw: new Float32Array(2), restored: new Float32Array(2),
      gtDiscarded: false, backend: 'cpu', workers: 1, seconds: 2,
    };
    fake.reply({ type: 'restore.done', id, result });
    await expect(promise).resolves.toMatchObject({ fileName: 'cells_restored.tif' });
    expect(progress).toEqual([1, 2]);
  });

  it('rebuilds worker errors with the same name', async () => {
    const fake = fakeWorker();
    const client = createRestoreClient({ createWorker: () => fake.worker });
    const promise = client.restore(new Uint8Array(4), request);
    fake.reply({ type: 'restore.error', id: fake.posted[0]!.message.id, name: 'InputError', message: 'cells.tif has 2 channels' });
    await expect(promise).rejects.toMatchObject({ name: 'InputError', message: 'cells.tif has 2 channels' });
  });

  it('posts restore.cancel with the same id on abort and rejects with an AbortError', async () => {
    const fake = fakeWorker();
    const client = createRestoreClient({ createWorker: () => fake.worker });
    const controller = new AbortController();
    const promise = client.restore(new Uint8Array(4), request, { signal: controller.signal });
    controller.abort();
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.posted.map((p) => p.message.type)).toEqual(['restore.start', 'restore.cancel']);
    expect(fake.posted[1]!.message.id).toBe(fake.posted[0]!.message.id);
  });

  it('rejects at once, without posting, when the signal is already aborted', async () => {
    const fake = fakeWorker();
    const client = createRestoreClient({ createWorker: () => fake.worker });
    await expect(client.restore(new Uint8Array(4), request, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.posted).toHaveLength(0);
  });

  it('ignores replies for other ids and rejects on a malformed reply for its own', async () => {
    const fake = fakeWorker();
    const client = createRestoreClient({ createWorker: () => fake.worker });
    const promise = client.restore(new Uint8Array(4), request);
    const id = fake.posted[0]!.message.id;
    fake.reply({ type: 'restore.error', id: 'someone-else', name: 'Error', message: 'not mine' });
    fake.reply({ type: 'restore.done', id, result: { fileName: 3 } });
    await expect(promise).rejects.toMatchObject({ name: 'TypeError' });
  });

  it('posts train.cancel for an aborted training', async () => {
    const fake = fakeWorker();
    const client = createRestoreClient({ createWorker: () => fake.worker });
    const controller = new AbortController();
    const promise = client.train([{ name: 'a.tif', raw: new Uint8Array(2), gt: new Uint8Array(2) }], { epochs: 1 }, { signal: controller.signal });
    expect(fake.posted[0]!.message.type).toBe('train.start');
    expect(fake.posted[0]!.transfer).toHaveLength(2);
    controller.abort();
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.posted[1]!.message).toEqual({ type: 'train.cancel', id: fake.posted[0]!.message.id });
  });
});
