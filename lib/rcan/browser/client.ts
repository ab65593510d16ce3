import type { Volume } from '../../imaging';
import { abortError } from '../../util/errors';
import type { TrainProgress } from './run-train';
import {
  deserializeError, FromWorkerSchema, parseMessage,
  type EpochLog, type FromWorker, type ImageInput, type LoadedImage, type ModelFiles, type ModelSource, type RestoreOptions, type RestoreResult, type ToWorker, type TrainSettings,
} from './protocol';

/** The part of `Worker` the client uses; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/** An image for the client: TIFF file bytes, a decoded volume, or a file the worker loaded ({@link RestoreClient.load}). */
export type ImageSource = Uint8Array | ArrayBuffer | Volume | LoadedImage;

/** Where {@link RestoreClient.load} keeps a file, and the size limit it applies. */
export interface LoadRequest {
  /** File name, for messages. @default the File's name, else 'image.tif' */
  name?: string;
  /** `raw` or `gt`: loading into a slot replaces the file the worker held there. */
  slot: string;
  /** Largest stack accepted, in voxels (`deviceRestoreBudget().maxVoxels`). */
  maxVoxels: number;
  /** The sentence that explains the limit (`deviceRestoreBudget().reason`). */
  reason?: string;
}

/** What to restore with, besides the image. */
export interface RestoreRequest extends RestoreOptions {
  /** The model: `{kind: 'url', url: '/models/denoise/'}` or model-folder files. */
  model: ModelSource;
  /** File name, for messages and the output name `<name>_restored.tif`. @default 'image.tif' */
  name?: string;
  /** Optional ground truth; adds a third channel and PSNR/SSIM/NRMSE. */
  groundTruth?: ImageSource;
  /** Name of the ground-truth file, for messages. @default 'ground truth' */
  groundTruthName?: string;
}

/** Progress of a restore: blocks done out of the total and the estimated seconds left. */
export interface RestoreProgressEvent {
  done: number;
  total: number;
  elapsedSeconds: number;
  etaSeconds: number | null;
}

/** Progress of training after one step: what the worker's `runTrain` reports, passed through. */
export type TrainProgressEvent = TrainProgress;

/** A raw/ground-truth pair of TIFF files for training. */
export interface TrainPair {
  name: string;
  raw: Uint8Array | ArrayBuffer;
  gt: Uint8Array | ArrayBuffer;
}

/** What {@link RestoreClient.train} resolves to. */
export interface TrainOutcome {
  model: ModelFiles;
  history: EpochLog[];
  patchShape: number[];
  backend: string;
}

/** Cancellation and progress for one call. */
export interface CallControl<P> {
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
}

/** Promise API over the restoration worker. */
export interface RestoreClient {
  /**
   * Restore one image in the worker.
   * @param image - TIFF bytes (copied, so the caller keeps its buffer) or a decoded volume
   * @param request - model, options and optional ground truth
   * @param control - `signal` cancels (posts `restore.cancel`, rejects with an AbortError); `onProgress` per block
   * @returns the TIFF and display data; rejects with an Error whose `name` is the worker's (e.g. InputError)
   */
  restore(image: ImageSource, request: RestoreRequest, control?: CallControl<RestoreProgressEvent>): Promise<RestoreResult>;
  /**
   * Read and decode a chosen file in the worker, once, refusing it by its header when it exceeds
   * `maxVoxels`; the page gets only its shape and type and passes the result to {@link restore}.
   * @param file - the dropped or chosen file (a Blob is passed by reference, not copied)
   * @param request - slot, limit and name
   * @param control - `signal` stops waiting (the decode itself finishes in the worker)
   * @returns the image id, shape and dtype; rejects with the worker's InputError for an unusable file
   */
  load(file: Blob, request: LoadRequest, control?: { signal?: AbortSignal }): Promise<LoadedImage>;
  /**
   * Train a model in the worker on raw/GT pairs.
   * @param pairs - training pairs (TIFF bytes, copied)
   * @param settings - architecture, patch, epochs, steps
   * @param control - cancellation, per-step progress and `onEpoch`
   * @returns the best checkpoint as model-folder files and the per-epoch history
   */
  train(pairs: readonly TrainPair[], settings: TrainSettings & { validation?: readonly TrainPair[] }, control?: CallControl<TrainProgressEvent> & { onEpoch?: (log: EpochLog) => void }): Promise<TrainOutcome>;
  /** Stop the worker; pending calls reject. */
  dispose(): void;
}

/** Options for {@link createRestoreClient}. */
export interface CreateRestoreClientOptions {
  /** Worker factory, for tests. @default the bundled `rcan.worker.ts` */
  createWorker?: () => WorkerLike;
}

interface Pending {
  onMessage(message: FromWorker): void;
  reject(error: Error): void;
}

/**
 * Create a client for the restoration Web Worker. The worker starts on the first call and is reused.
 * @param options - worker factory override
 * @returns the client
 * @example
 * const client = createRestoreClient();
 * const result = await client.restore(bytes, { model: { kind: 'url', url: '/models/denoise/' }, blockShape: [8, 64, 64] }, { signal, onProgress });
 */
export function createRestoreClient(options: CreateRestoreClientOptions = {}): RestoreClient {
  let worker: WorkerLike | undefined;
  const pending = new Map<string, Pending>();
  let counter = 0;

  const getWorker = (): WorkerLike => {
    if (worker) return worker;
    const created = options.createWorker ? options.createWorker() : createBundledWorker();
    created.addEventListener('message', (event: MessageEvent) => {
      const parsed = parseMessage(FromWorkerSchema, event.data);
      if (!parsed.ok) {
        const id = (event.data as { id?: unknown })?.id;
        if (typeof id === 'string') pending.get(id)?.reject(new TypeError(parsed.error));
        return;
      }
      pending.get(parsed.message.id)?.onMessage(parsed.message);
    });
    created.addEventListener('error', (event: ErrorEvent) => {
      const error = new Error(`the restoration worker failed to start or crashed: ${event.message || 'unknown error'}; reload the page`);
      for (const p of [...pending.values()]) p.reject(error);
    });
    worker = created;
    return created;
  };

  function call<T>(start: (id: string) => { message: ToWorker; transfer: ArrayBuffer[] }, signal: AbortSignal | undefined, handle: (message: FromWorker, resolve: (value: T) => void, reject: (error: Error) => void) => void, cancelType?: 'restore.cancel' | 'train.cancel'): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError());
    const id = `${Date.now().toString(36)}-${counter++}`;
    return new Promise<T>((resolve, reject) => {
      const w = getWorker();
      const onAbort = () => {
        if (cancelType) w.postMessage({ type: cancelType, id } satisfies ToWorker);
        finish();
        reject(abortError());
      };
      const finish = () => {
        pending.delete(id);
        signal?.removeEventListener('abort', onAbort);
      };
      pending.set(id, {
        onMessage: (message) => handle(message, (value) => { finish(); resolve(value); }, (error) => { finish(); reject(error); }),
        reject: (error) => { finish(); reject(error); },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      const { message, transfer } = start(id);
      w.postMessage(message, transfer);
    });
  }

  return {
    restore(image, request, control = {}) {
      return call<RestoreResult>(
        (id) => {
          const input = toImageInput(image, request.name ?? 'image.tif');
          const gt = request.groundTruth === undefined ? undefined : toImageInput(request.groundTruth, request.groundTruthName ?? 'ground truth');
          const { model, name: _n, groundTruth: _g, groundTruthName: _gn, ...restoreOptions } = request;
          const modelCopy: ModelSource = model.kind === 'files' ? { kind: 'files', modelJson: model.modelJson, weightsBin: model.weightsBin.slice(0) } : model;
          const transfer = [...buffersOf(input.input), ...(gt ? buffersOf(gt.input) : []), ...(modelCopy.kind === 'files' ? [modelCopy.weightsBin] : [])];
          return {
            message: { type: 'restore.start', id, model: modelCopy, input: input.input, ...(gt ? { groundTruth: gt.input } : {}), options: restoreOptions },
            transfer,
          };
        },
        control.signal,
        (message, resolve, reject) => {
          if (message.type === 'restore.progress') control.onProgress?.({ done: message.done, total: message.total, elapsedSeconds: message.elapsedSeconds, etaSeconds: message.etaSeconds });
          else if (message.type === 'restore.done') resolve(message.result);
          else if (message.type === 'restore.error') reject(deserializeError(message));
        },
        'restore.cancel',
      );
    },
    load(file, request, control = {}) {
      return call<LoadedImage>(
        (id) => {
          const fileName = (file as Blob & { name?: unknown }).name;
          const name = request.name ?? (typeof fileName === 'string' && fileName ? fileName : 'image.tif');
          return { message: { type: 'image.load', id, file, name, slot: request.slot, maxVoxels: request.maxVoxels, ...(request.reason ? { reason: request.reason } : {}) }, transfer: [] };
        },
        control.signal,
        (message, resolve, reject) => {
          if (message.type === 'image.loaded') resolve(message.image);
          else if (message.type === 'image.error') reject(deserializeError(message));
        },
      );
    },
    train(pairs, settings, control = {}) {
      return call<TrainOutcome>(
        (id) => {
          const { validation, ...rest } = settings;
          const toPair = (p: TrainPair) => ({ name: p.name, raw: copyBuffer(p.raw), gt: copyBuffer(p.gt) });
          const training = pairs.map(toPair);
          const validationPairs = validation?.map(toPair);
          const transfer = [...training, ...(validationPairs ?? [])].flatMap((p) => [p.raw, p.gt]);
          return { message: { type: 'train.start', id, training, ...(validationPairs ? { validation: validationPairs } : {}), settings: rest }, transfer };
        },
        control.signal,
        (message, resolve, reject) => {
          if (message.type === 'train.progress') control.onProgress?.({ epoch: message.epoch, step: message.step, steps: message.steps, phase: message.phase, loss: message.loss, fraction: message.fraction, etaSeconds: message.etaSeconds });
          else if (message.type === 'train.epoch') control.onEpoch?.(message.log);
          else if (message.type === 'train.done') resolve({ model: message.model, history: message.history, patchShape: message.patchShape, backend: message.backend });
          else if (message.type === 'train.error') reject(deserializeError(message));
        },
        'train.cancel',
      );
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
      for (const p of [...pending.values()]) p.reject(abortError('the restoration worker was stopped'));
    },
  };
}

// The one place the worker is created. Bundlers only recognise this literal form (house style §8.6).
function createBundledWorker(): WorkerLike {
  return new Worker(new URL('./rcan.worker.ts', import.meta.url), { type: 'module' });
}

function toImageInput(source: ImageSource, name: string): { input: ImageInput } {
  if ('imageId' in source) return { input: { kind: 'loaded', imageId: source.imageId, name: source.name } };
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return { input: { kind: 'tiff', bytes: copyBuffer(source), name } };
  return { input: { kind: 'volume', shape: [...source.shape], ndim: source.ndim, data: source.data.slice(), name } };
}

function buffersOf(input: ImageInput): ArrayBuffer[] {
  if (input.kind === 'loaded') return [];
  return [input.kind === 'tiff' ? input.bytes : (input.data.buffer as ArrayBuffer)];
}

// Copy, so the transfer detaches our copy and never the caller's buffer (the page keeps its file).
function copyBuffer(source: Uint8Array | ArrayBuffer): ArrayBuffer {
  if (source instanceof ArrayBuffer) return source.slice(0);
  return source.slice().buffer as ArrayBuffer;
}
