import { decodeTiff, toSingleChannelVolume, type Volume } from '../../imaging';
import type { RestorationResult } from '../../metrics';
import { InputError } from '../../util/errors';
import { deserializeRcan, predictTile, type BlockPredictor, type RcanModel } from '../core';
import { restoreVolume } from '../pipeline/restore-volume';
import type { WorkerLike } from './client';
import { createBrowserTilePool, type BrowserTilePool } from './create-browser-tile-pool';
import { loadedVolume, type ImageStore } from './load-image';
import type { ImageInput, ModelSource, RestoreResult, Scores, ToWorkerParsed } from './protocol';

type RestoreStart = Extract<ToWorkerParsed, { type: 'restore.start' }>;

/** Progress of a restore, with an estimate of the time left. */
export interface RestoreProgress {
  done: number;
  total: number;
  elapsedSeconds: number;
  /** Null until the first block is done. */
  etaSeconds: number | null;
}

/** Options for {@link runRestore}. */
export interface RunRestoreOptions {
  signal?: AbortSignal;
  onProgress?: (progress: RestoreProgress) => void;
  /** Fetches model files; the worker's global `fetch` by default. */
  fetch?: typeof fetch;
  /**
   * The active backend (name and status-line label), reported with the result. With `webgpu` the
   * blocks run here on the GPU, one at a time, and no tile pool starts. @default wasm-like, label 'unknown'
   */
  backend?: { name: string; label: string };
  /** Files decoded earlier by `image.load`, for inputs of kind `loaded`. */
  images?: ImageStore;
  /** Tile worker factory for the pool (`options.workers` > 1), for tests. @default the bundled `tile.worker.ts` */
  createTileWorker?: () => WorkerLike;
}

/**
 * The work behind a `restore.start` message: load the model, decode the input (and ground truth),
 * run 3D-RCAN's apply pipeline block by block, and package the TIFF plus display data. With
 * `options.workers` > 1 the blocks are predicted by a pool of tile workers (started here, each
 * loading the model once, terminated before this returns or rejects); planning, reading and blending
 * stay here, in lib/rcan/core's `applyTiled`, so the result is the same as with one worker.
 * @param message - the validated `restore.start` message
 * @param options - cancellation, progress, fetch
 * @returns the result and the buffers to transfer with it
 * @throws InputError for unusable images or models; AbortError when cancelled
 */
export async function runRestore(message: RestoreStart, options: RunRestoreOptions = {}): Promise<{ result: RestoreResult; transfer: ArrayBuffer[] }> {
  const started = now();
  const raw = toVolume(message.input, options.images);
  const groundTruth = message.groundTruth ? toVolume(message.groundTruth, options.images) : undefined;
  const backend = options.backend ?? { name: 'unknown', label: 'unknown' };
  const { model, files } = await loadModel(message.model, options.fetch ?? fetch, backend.name);
  let pool: BrowserTilePool | undefined;
  try {
    const { pMin, pMax, bitDepth, rescale, normalizeOutputRange, blockShape, overlap, workers } = message.options;
    let predictor: BlockPredictor;
    // One GPU: blocks go to it one after another; a pool of wasm workers would only compete with it.
    if (workers > 1 && backend.name !== 'webgpu') {
      pool = await createBrowserTilePool({
        model: files,
        size: workers,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.createTileWorker ? { createWorker: options.createTileWorker } : {}),
      });
      predictor = pool.predict;
    } else {
      // Yield a macrotask before each block so a `restore.cancel` message can land between blocks.
      predictor = async (block, shape) => {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        return predictTile(model, block, shape);
      };
    }
    const out = await restoreVolume(predictor, raw, {
      concurrency: pool?.size ?? 1,
      modelNdim: model.architecture.ndim,
      blockShape,
      ...(overlap ? { overlap } : {}),
      pMin,
      pMax,
      bitDepth,
      rescale,
      normalizeOutputRange,
      ...(groundTruth ? { groundTruth } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: ({ done, total }) => {
        const elapsedSeconds = (now() - started) / 1000;
        options.onProgress?.({ done, total, elapsedSeconds, etaSeconds: done > 0 ? (elapsedSeconds / done) * (total - done) : null });
      },
    });
    // Normalized once, in restoreVolume; the display gets those same arrays.
    const rawNorm = out.rawNormalized;
    const gtNorm = out.groundTruthNormalized;
    const tiff = out.bytes.buffer.byteLength === out.bytes.byteLength ? (out.bytes.buffer as ArrayBuffer) : (out.bytes.slice().buffer as ArrayBuffer);
    const result: RestoreResult = {
      fileName: `${stem(message.input.name)}_restored.tif`,
      tiff,
      shape: [...raw.shape],
      raw: rawNorm as Float32Array<ArrayBuffer>,
      restored: out.restored as Float32Array<ArrayBuffer>,
      ...(gtNorm ? { groundTruth: gtNorm as Float32Array<ArrayBuffer> } : {}),
      ...(out.metrics ? { metrics: { raw: scoresOf(out.metrics.raw), restored: scoresOf(out.metrics.restored) } } : {}),
      gtDiscarded: out.gtDiscarded,
      backend: pool?.backend ?? backend.label,
      workers: pool?.size ?? 1,
      seconds: (now() - started) / 1000,
    };
    const transfer = [tiff, rawNorm.buffer as ArrayBuffer, out.restored.buffer as ArrayBuffer, ...(gtNorm ? [gtNorm.buffer as ArrayBuffer] : [])];
    return { result, transfer: [...new Set(transfer)] };
  } finally {
    pool?.close();
    if (message.model.kind === 'files') model.dispose();
  }
}

interface LoadedModel {
  model: RcanModel;
  /** The files, for the tile workers. */
  files: { modelJson: string; weightsBin: ArrayBuffer };
}

// One model stays loaded per URL and backend, so running again (other options, other file) skips the
// fetch; a run on another backend rebuilds it there, so its weights live on the backend that uses them.
let cached: ({ url: string; backend: string } & LoadedModel) | undefined;

async function loadModel(source: ModelSource, fetchFn: typeof fetch, backend: string): Promise<LoadedModel> {
  if (source.kind === 'files') {
    return { model: deserializeRcan({ modelJson: source.modelJson, weightsBin: new Uint8Array(source.weightsBin) }), files: source };
  }
  if (cached?.url === source.url && cached.backend === backend) return cached;
  if (cached?.url === source.url) {
    const files = cached.files;
    cached.model.dispose();
    cached = { url: source.url, backend, model: deserializeRcan({ modelJson: files.modelJson, weightsBin: new Uint8Array(files.weightsBin) }), files };
    return cached;
  }
  const base = source.url.endsWith('/') ? source.url : `${source.url}/`;
  const [jsonResponse, weightsResponse] = await Promise.all([fetchFn(`${base}model.json`), fetchFn(`${base}weights.bin`)]);
  if (!jsonResponse.ok || !weightsResponse.ok) {
    throw new Error(`could not load the model from ${base} (HTTP ${jsonResponse.ok ? weightsResponse.status : jsonResponse.status}); rebuild the app so public/models is served`);
  }
  const files = { modelJson: await jsonResponse.text(), weightsBin: await weightsResponse.arrayBuffer() };
  const model = deserializeRcan({ modelJson: files.modelJson, weightsBin: new Uint8Array(files.weightsBin) });
  cached?.model.dispose();
  cached = { url: source.url, backend, model, files };
  return cached;
}

/**
 * Decode a protocol image into a single-channel volume.
 * @param input - TIFF bytes, a decoded volume, or the id of a file `image.load` decoded
 * @param images - the worker's decoded files, for `loaded` inputs
 * @returns the volume
 * @throws InputError for a file that is not a usable single-channel TIFF, or no longer loaded
 */
export function toVolume(input: ImageInput, images?: ImageStore): Volume {
  if (input.kind === 'loaded') {
    if (!images) throw new InputError(`${input.name} was loaded in another worker; choose it again`);
    return loadedVolume(images, input.imageId, input.name);
  }
  if (input.kind === 'volume') return { shape: input.shape, ndim: input.ndim, dtype: dtypeName(input.data), data: input.data } as Volume;
  const bytes = new Uint8Array(input.bytes);
  return toSingleChannelVolume(decodeTiff(bytes, { name: input.name }), { name: input.name });
}

function dtypeName(data: Float32Array | Uint16Array | Uint8Array): 'float32' | 'uint16' | 'uint8' {
  return data instanceof Float32Array ? 'float32' : data instanceof Uint16Array ? 'uint16' : 'uint8';
}

function scoresOf(r: RestorationResult): Scores {
  return { psnr: r.psnr, ssim: r.ssim, nrmse: r.nrmse };
}

function stem(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.(ome\.)?tiff?$/i, '') || 'image';
}

function now(): number {
  return performance.now();
}
