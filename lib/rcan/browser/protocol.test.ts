import { describe, expect, it } from 'vitest';

import { deserializeError, FromWorkerSchema, parseMessage, serializeError, ToWorkerSchema } from './protocol';

const start = {
  type: 'restore.start',
  id: 'a1',
  model: { kind: 'url', url: '/models/denoise/' },
  input: { kind: 'tiff', bytes: new ArrayBuffer(8), name: 'cells.tif' },
  options: { blockShape: [8, 64, 64] },
};

describe('ToWorkerSchema', () => {
  it('accepts a restore.start and fills 3D-RCAN apply defaults (p 2 / 99.9, 32-bit), one worker and the automatic backend', () => {
    const parsed = parseMessage(ToWorkerSchema, start);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.message.type !== 'restore.start') return;
    expect(parsed.message.options).toEqual({ blockShape: [8, 64, 64], pMin: 2, pMax: 99.9, bitDepth: 32, rescale: false, normalizeOutputRange: false, workers: 1, backend: 'auto' });
  });

  it('accepts the backend choices and names a wrong one', () => {
    for (const backend of ['auto', 'webgpu', 'wasm']) expect(parseMessage(ToWorkerSchema, { ...start, options: { ...start.options, backend } }).ok).toBe(true);
    expect(parseMessage(ToWorkerSchema, { ...start, options: { ...start.options, backend: 'webgl' } })).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid worker message: options\.backend: /) });
  });

  it('accepts image.load with a Blob, a slot and a limit, and a restore of a loaded image by id', () => {
    expect(parseMessage(ToWorkerSchema, { type: 'image.load', id: 'l1', file: new Blob(['x']), name: 'a.tif', slot: 'raw', maxVoxels: 10 }).ok).toBe(true);
    expect(parseMessage(ToWorkerSchema, { type: 'image.load', id: 'l1', file: new Uint8Array(1).buffer, name: 'a.tif', slot: 'raw', maxVoxels: 10 })).toMatchObject({ ok: false, error: expect.stringContaining('file') });
    expect(parseMessage(ToWorkerSchema, { ...start, input: { kind: 'loaded', imageId: 'raw-1', name: 'a.tif' } }).ok).toBe(true);
  });

  it('accepts cancel messages for both domains', () => {
    expect(parseMessage(ToWorkerSchema, { type: 'restore.cancel', id: 'a1' }).ok).toBe(true);
    expect(parseMessage(ToWorkerSchema, { type: 'train.cancel', id: 't1' }).ok).toBe(true);
  });

  it('rejects an unknown message type', () => {
    const parsed = parseMessage(ToWorkerSchema, { type: 'restore.begin', id: 'a1' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^invalid worker message: type: /);
  });

  it('names the bad field: a block shape with a zero, an unsupported bit depth, bytes that are not a buffer', () => {
    const zero = parseMessage(ToWorkerSchema, { ...start, options: { blockShape: [8, 0, 64] } });
    expect(!zero.ok && zero.error).toMatch(/options\.blockShape\.1/);
    const depth = parseMessage(ToWorkerSchema, { ...start, options: { blockShape: [8, 64, 64], bitDepth: 12 } });
    expect(!depth.ok && depth.error).toMatch(/options\.bitDepth/);
    const bytes = parseMessage(ToWorkerSchema, { ...start, input: { kind: 'tiff', bytes: [1, 2, 3], name: 'x.tif' } });
    expect(!bytes.ok && bytes.error).toMatch(/input\.bytes/);
  });

  it('requires at least one training pair and fills small training defaults', () => {
    expect(parseMessage(ToWorkerSchema, { type: 'train.start', id: 't', training: [], settings: {} }).ok).toBe(false);
    const parsed = parseMessage(ToWorkerSchema, { type: 'train.start', id: 't', training: [{ name: 'a.tif', raw: new ArrayBuffer(1), gt: new ArrayBuffer(1) }], settings: { epochs: 3 } });
    expect(parsed.ok).toBe(true);
    if (parsed.ok && parsed.message.type === 'train.start') {
      expect(parsed.message.settings).toMatchObject({ epochs: 3, stepsPerEpoch: 20, numChannels: 16, patchShape: [8, 48, 48] });
    }
  });
});

describe('FromWorkerSchema', () => {
  it('accepts progress with an unknown ETA and rejects a negative block count', () => {
    expect(parseMessage(FromWorkerSchema, { type: 'restore.progress', id: 'a', done: 0, total: 4, elapsedSeconds: 0, etaSeconds: null }).ok).toBe(true);
    expect(parseMessage(FromWorkerSchema, { type: 'restore.progress', id: 'a', done: -1, total: 4, elapsedSeconds: 0, etaSeconds: null }).ok).toBe(false);
  });

  it('requires the error fields name and message', () => {
    expect(parseMessage(FromWorkerSchema, { type: 'restore.error', id: 'a', name: 'InputError', message: 'x' }).ok).toBe(true);
    expect(parseMessage(FromWorkerSchema, { type: 'restore.error', id: 'a', message: 'x' }).ok).toBe(false);
  });
});

describe('serializeError / deserializeError', () => {
  it('keeps the name and only the first line of the message (no stack)', () => {
    class InputError extends Error {
      override name = 'InputError';
    }
    const data = serializeError(new InputError('x.tif is an RGB image\n    at decode (file.ts:1)'));
    expect(data).toEqual({ name: 'InputError', message: 'x.tif is an RGB image' });
    const rebuilt = deserializeError(data);
    expect(rebuilt).toBeInstanceOf(Error);
    expect(rebuilt.name).toBe('InputError');
    expect(rebuilt.message).toBe('x.tif is an RGB image');
  });

  it('round-trips an AbortError as a DOMException with that name', () => {
    const data = serializeError(new DOMException('the operation was cancelled', 'AbortError'));
    expect(data.name).toBe('AbortError');
    expect(deserializeError(data).name).toBe('AbortError');
  });

  it('handles thrown non-errors', () => {
    expect(serializeError('boom')).toEqual({ name: 'Error', message: 'boom' });
  });
});
