import { z } from 'zod';
import { TRAINING_MODES } from '../core/blind-spot';

/**
 * The messages between the page (via {@link createRestoreClient}) and `rcan.worker.ts`, as
 * discriminated unions on `type` (`domain.verb`, house style §8.6). Both ends validate what they
 * receive with these schemas; buffers travel as transferable `ArrayBuffer`s, never as copies.
 */

const buffer = z.instanceof(ArrayBuffer);
const positiveInt = z.number().int().min(1);
const shape = z.array(positiveInt).min(2).max(3);

/** Upper bound of the tile pool size; more workers than cores only adds memory (one model each). */
export const MAX_TILE_WORKERS = 16;

/** Where the worker gets a model: a URL folder with `model.json` + `weights.bin`, or the two files. */
export const ModelSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), url: z.string().min(1) }),
  z.object({ kind: z.literal('files'), modelJson: z.string().min(1), weightsBin: buffer }),
]);
export type ModelSource = z.infer<typeof ModelSourceSchema>;

/** Which tfjs backend a restore runs on: `auto` (WebGPU on a hardware adapter, else wasm), `webgpu` or `wasm`. */
export const BackendPreferenceSchema = z.enum(['auto', 'webgpu', 'wasm']);
export type BackendPreference = z.infer<typeof BackendPreferenceSchema>;

/**
 * An image: TIFF file bytes (decoded in the worker), an already decoded single-channel volume, or a
 * file the worker decoded earlier with `image.load` (by its `imageId`, so it is decoded only once).
 */
export const ImageInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tiff'), bytes: buffer, name: z.string().min(1) }),
  z.object({ kind: z.literal('loaded'), imageId: z.string().min(1), name: z.string().min(1) }),
  z.object({
    kind: z.literal('volume'),
    shape: z.tuple([positiveInt, positiveInt, positiveInt]),
    ndim: z.union([z.literal(2), z.literal(3)]),
    data: z.union([z.instanceof(Float32Array), z.instanceof(Uint16Array), z.instanceof(Uint8Array)]),
    name: z.string().min(1),
  }),
]);
export type ImageInput = z.infer<typeof ImageInputSchema>;

/** Apply options, named after 3D-RCAN's `apply.py` flags. */
export const RestoreOptionsSchema = z.object({
  /** Block shape ((Z,) Y, X), `-B`. */
  blockShape: shape,
  /** Block overlap, `-O`; omitted means 3D-RCAN's default. */
  overlap: z.array(z.number().int().min(0)).min(2).max(3).optional(),
  pMin: z.number().min(0).max(100).default(2),
  pMax: z.number().min(0).max(100).default(99.9),
  bitDepth: z.union([z.literal(8), z.literal(16), z.literal(32)]).default(32),
  rescale: z.boolean().default(false),
  normalizeOutputRange: z.boolean().default(false),
  /**
   * Tile workers predicting blocks in parallel; 1 predicts in the restoration worker itself.
   * The /restore page defaults to {@link defaultWorkerCount}.
   */
  workers: z.number().int().min(1).max(MAX_TILE_WORKERS).default(1),
  /** Backend; with WebGPU the blocks run on the GPU in the restoration worker and `workers` is ignored. */
  backend: BackendPreferenceSchema.default('auto'),
});
export type RestoreOptions = z.input<typeof RestoreOptionsSchema>;

/** Training settings, a browser-sized subset of the 3D-RCAN `config.json`. */
export const TrainSettingsSchema = z.object({
  numChannels: positiveInt.default(16),
  numResidualBlocks: positiveInt.default(2),
  numResidualGroups: positiveInt.default(2),
  channelReduction: positiveInt.default(4),
  /** Requested patch shape; clipped to the smallest image per axis. */
  patchShape: shape.default([8, 48, 48]),
  epochs: positiveInt.max(10_000).default(4),
  stepsPerEpoch: positiveInt.max(100_000).default(20),
  initialLearningRate: z.number().positive().max(1).default(1e-3),
  seed: z.number().int().min(0).default(0),
  /** `training_mode`: supervised (raw → GT), noise2noise (gt = second noisy recording), blind-spot (gt ignored). */
  trainingMode: z.enum(TRAINING_MODES).default('supervised'),
  /** Early stopping: epochs without improvement of the monitored loss before stopping. */
  earlyStoppingPatience: positiveInt.optional(),
});
export type TrainSettings = z.input<typeof TrainSettingsSchema>;

/** A raw/ground-truth pair of TIFF files. */
export const FilePairSchema = z.object({ name: z.string().min(1), raw: buffer, gt: buffer });
export type FilePair = z.infer<typeof FilePairSchema>;

/** Messages the page sends to the worker. */
export const ToWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('restore.start'),
    id: z.string().min(1),
    model: ModelSourceSchema,
    input: ImageInputSchema,
    groundTruth: ImageInputSchema.optional(),
    options: RestoreOptionsSchema,
  }),
  z.object({ type: z.literal('restore.cancel'), id: z.string().min(1) }),
  z.object({
    type: z.literal('image.load'),
    id: z.string().min(1),
    /** The chosen file itself (a Blob is passed by reference; the worker reads its bytes). */
    file: z.instanceof(Blob),
    name: z.string().min(1),
    /** Which loaded image this replaces (`raw`, `gt`): the worker keeps one decoded image per slot. */
    slot: z.string().min(1),
    /** Largest stack accepted, in voxels ({@link restoreBudget}); refused before decoding pixel data. */
    maxVoxels: positiveInt,
    /** The sentence explaining the limit, ending a refusal. */
    reason: z.string().optional(),
  }),
  z.object({
    type: z.literal('train.start'),
    id: z.string().min(1),
    training: z.array(FilePairSchema).min(1),
    validation: z.array(FilePairSchema).optional(),
    settings: TrainSettingsSchema,
  }),
  z.object({ type: z.literal('train.cancel'), id: z.string().min(1) }),
]);
export type ToWorker = z.input<typeof ToWorkerSchema>;
export type ToWorkerParsed = z.infer<typeof ToWorkerSchema>;

const scores = z.object({ psnr: z.number().nullable(), ssim: z.number().nullable(), nrmse: z.number().nullable() });
export type Scores = z.infer<typeof scores>;

/** Result of a restore, posted with `restore.done`. */
export const RestoreResultSchema = z.object({
  /** Name for the download: `<input>_restored.tif`. */
  fileName: z.string(),
  /** The ImageJ hyperstack TIFF: raw, restored (, ground truth). */
  tiff: buffer,
  /** `[z, y, x]` of the image. */
  shape: z.tuple([positiveInt, positiveInt, positiveInt]),
  /** Percentile-normalized raw, for display. */
  raw: z.instanceof(Float32Array),
  /** Restored, in the same normalized units. */
  restored: z.instanceof(Float32Array),
  /** Normalized ground truth when one was given and fitted. */
  groundTruth: z.instanceof(Float32Array).optional(),
  /** Raw and restored scored against the ground truth. */
  metrics: z.object({ raw: scores, restored: scores }).optional(),
  /** True when a ground truth was given but had another shape. */
  gtDiscarded: z.boolean(),
  /** Backend used, for the status line: `wasm`, `cpu`, or `WebGPU (<adapter>)`. */
  backend: z.string(),
  /** Workers that predicted blocks (the tile pool size, 1 without a pool). */
  workers: positiveInt,
  seconds: z.number(),
});
export type RestoreResult = z.infer<typeof RestoreResultSchema>;

/** One epoch of training, posted with `train.epoch`. */
export const EpochLogSchema = z.object({
  epoch: positiveInt,
  lr: z.number(),
  values: z.record(z.string(), z.number()),
  improved: z.boolean(),
  seconds: z.number(),
});
export type EpochLog = z.infer<typeof EpochLogSchema>;

/** A trained model as files of a model folder. */
export const ModelFilesSchema = z.object({
  /** 3D-RCAN `config.json` text of the run. */
  configJson: z.string(),
  modelJson: z.string(),
  weightsBin: buffer,
});
export type ModelFiles = z.infer<typeof ModelFilesSchema>;

/** Messages the worker sends to the page. Errors carry only `name` and `message`, never a stack. */
export const FromWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('restore.progress'),
    id: z.string(),
    done: z.number().int().min(0),
    total: positiveInt,
    elapsedSeconds: z.number(),
    etaSeconds: z.number().nullable(),
  }),
  z.object({ type: z.literal('restore.done'), id: z.string(), result: RestoreResultSchema }),
  z.object({ type: z.literal('restore.error'), id: z.string(), name: z.string(), message: z.string() }),
  z.object({
    type: z.literal('image.loaded'),
    id: z.string(),
    image: z.object({ imageId: z.string(), name: z.string(), shape: z.tuple([positiveInt, positiveInt, positiveInt]), ndim: z.union([z.literal(2), z.literal(3)]), dtype: z.string() }),
  }),
  z.object({ type: z.literal('image.error'), id: z.string(), name: z.string(), message: z.string() }),
  z.object({
    type: z.literal('train.progress'),
    id: z.string(),
    epoch: positiveInt,
    step: positiveInt,
    steps: positiveInt,
    phase: z.enum(['train', 'validation']),
    loss: z.number(),
    fraction: z.number(),
    etaSeconds: z.number(),
  }),
  z.object({ type: z.literal('train.epoch'), id: z.string(), log: EpochLogSchema }),
  z.object({
    type: z.literal('train.done'),
    id: z.string(),
    model: ModelFilesSchema,
    history: z.array(EpochLogSchema),
    patchShape: shape,
    backend: z.string(),
  }),
  z.object({ type: z.literal('train.error'), id: z.string(), name: z.string(), message: z.string() }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;

/** A file decoded in the worker by `image.load`, answered with `image.loaded`. */
export type LoadedImage = Extract<FromWorker, { type: 'image.loaded' }>['image'];

/**
 * Messages from the restoration worker to a tile worker (`tile.worker.ts`): load the model once,
 * then predict blocks. Block buffers are transferred both ways.
 */
export const ToTileWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tile.init'), modelJson: z.string().min(1), weightsBin: buffer }),
  z.object({ type: z.literal('tile.predict'), id: z.number().int().min(0), block: z.instanceof(Float32Array), blockShape: shape }),
]);
export type ToTileWorker = z.infer<typeof ToTileWorkerSchema>;

/** Messages from a tile worker: ready (with its backend), a prediction, or an error (`id` absent: init failed). */
export const FromTileWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tile.ready'), backend: z.string() }),
  z.object({ type: z.literal('tile.result'), id: z.number().int().min(0), prediction: z.instanceof(Float32Array) }),
  z.object({ type: z.literal('tile.error'), id: z.number().int().min(0).optional(), name: z.string(), message: z.string() }),
]);
export type FromTileWorker = z.infer<typeof FromTileWorkerSchema>;

/**
 * Validate a message with a schema, turning problems into one readable line.
 * @param schema - {@link ToWorkerSchema} or {@link FromWorkerSchema}
 * @param data - the received `event.data`
 * @returns the parsed message, or an error line naming the first bad field
 */
export function parseMessage<S extends z.ZodType>(schema: S, data: unknown): { ok: true; message: z.infer<S> } | { ok: false; error: string } {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'message';
  return { ok: false, error: `invalid worker message: ${where}: ${issue?.message ?? 'unknown problem'}` };
}

/**
 * Turn anything thrown into the `{name, message}` the protocol carries: the first line of the
 * message only, so no stack trace reaches the page.
 * @param error - the thrown value
 * @returns a plain object safe to post
 */
export function serializeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const e = error as { name?: unknown; message?: unknown };
    const name = typeof e.name === 'string' && e.name ? e.name : 'Error';
    const message = typeof e.message === 'string' ? e.message.split('\n')[0]! : String(e.message);
    return { name, message };
  }
  return { name: 'Error', message: String(error) };
}

/**
 * Rebuild an `Error` from its `{name, message}`, keeping the name so callers can test
 * `error.name === 'AbortError'` or `'InputError'`.
 * @param data - the serialised error
 * @returns an Error (a DOMException for `AbortError`)
 */
export function deserializeError(data: { name: string; message: string }): Error {
  if (data.name === 'AbortError') return new DOMException(data.message, 'AbortError') as unknown as Error;
  const error = new Error(data.message);
  error.name = data.name;
  return error;
}
