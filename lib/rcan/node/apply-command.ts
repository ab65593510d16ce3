import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  assertFiniteVolume, CLASSIC_TIFF_MAX_BYTES, createHyperstackTiffStream, decodeBigTiff, decodeTiff, encodeTiffStream, isBigTiff, NotStreamableError, openTiffPlanes, RCAN_CHANNEL_NAMES,
  toSingleChannelVolume, type BitDepth, type DecodedTiff, type Hyperstack, type TiffPlaneReader, type Volume,
} from '../../imaging';
import { ConfigError, InputError } from '../../util/errors';
import { deserializeRcan, type BlockPredictor, type RcanModel } from '../core';
import { restoreVolume, type RestoreMetrics } from '../pipeline/restore-volume';
import { restoreVolumeStream } from '../pipeline/restore-stream';
import { openFileSource, type FileSource } from './file-source';
import type { CliIo } from './cli-io';
import { createTilePool, type TilePool } from './create-tile-pool';
import { formatProgress } from './format-progress';
import { loadModelFolder } from './model-folder';
import { parseCommandArgs, parseNumberFlag, parseShapeFlag } from './parse-command-args';
import { assertSafeOutputPath, releaseTemp, tempPathFor, trackTemp, writeFileAtomic } from './safe-output';
import { useWasmBackend } from './use-wasm-backend';

import { APPLY_HELP } from './apply-help';

export { APPLY_HELP };

const TIFF = /\.tiff?$/i;

/** Parsed and checked `apply` flags. */
interface ApplyFlags {
  modelDir: string;
  input: string;
  output: string;
  groundTruth: string | undefined;
  bitDepth: BitDepth;
  blockShape: number[] | undefined;
  overlap: number[] | undefined;
  pMin: number;
  pMax: number;
  rescale: boolean;
  normalizeOutputRange: boolean;
  format: 'imagej' | 'ome';
  workers: number;
  engine: 'auto' | 'onnx' | 'tfjs';
  shard: { index: number; count: number } | undefined;
  skipExisting: boolean;
}

function parseApplyFlags(argv: string[]): ApplyFlags | 'help' {
  const { values } = parseCommandArgs('apply', argv, {
    model_dir: { type: 'string', short: 'm' },
    input: { type: 'string', short: 'i' },
    output: { type: 'string', short: 'o' },
    ground_truth: { type: 'string', short: 'g' },
    bpp: { type: 'string', short: 'b' },
    block_shape: { type: 'string', short: 'B' },
    block_overlap_shape: { type: 'string', short: 'O' },
    p_min: { type: 'string' },
    p_max: { type: 'string' },
    rescale: { type: 'boolean' },
    normalize_output_range_between_zero_and_one: { type: 'boolean' },
    output_tiff_format: { type: 'string', short: 'f' },
    workers: { type: 'string' },
    engine: { type: 'string' },
    shard: { type: 'string' },
    skip_existing: { type: 'boolean' },
    'skip-existing': { type: 'boolean' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const missing = (['model_dir', 'input', 'output'] as const).filter((k) => !values[k]);
  if (missing.length > 0) throw new ConfigError(`missing ${missing.map((k) => `--${k}`).join(', ')}; rcan apply needs -m MODEL_DIR -i INPUT -o OUTPUT (see \`rcan apply --help\`)`);
  const bpp = values.bpp ?? '32';
  if (!['8', '16', '32'].includes(bpp)) throw new ConfigError(`-b/--bpp must be 8, 16 or 32, got "${bpp}"`);
  const format = values.output_tiff_format ?? 'imagej';
  if (format !== 'imagej' && format !== 'ome') throw new ConfigError(`-f/--output_tiff_format must be imagej or ome, got "${format}"`);
  if (values.rescale && values.normalize_output_range_between_zero_and_one) {
    throw new ConfigError('--rescale and --normalize_output_range_between_zero_and_one cannot be used together; choose one');
  }
  const pMin = values.p_min === undefined ? 2 : parseNumberFlag('--p_min', values.p_min, 0, 100);
  const pMax = values.p_max === undefined ? 99.9 : parseNumberFlag('--p_max', values.p_max, 0, 100);
  return {
    modelDir: values.model_dir!,
    input: values.input!,
    output: values.output!,
    groundTruth: values.ground_truth,
    bitDepth: Number(bpp) as BitDepth,
    blockShape: values.block_shape === undefined ? undefined : parseShapeFlag('-B/--block_shape', values.block_shape, 1),
    overlap: values.block_overlap_shape === undefined ? undefined : parseShapeFlag('-O/--block_overlap_shape', values.block_overlap_shape, 0),
    pMin,
    pMax,
    rescale: Boolean(values.rescale),
    normalizeOutputRange: Boolean(values.normalize_output_range_between_zero_and_one),
    format,
    engine: parseEngine(values.engine),
    shard: parseShard(values.shard),
    skipExisting: Boolean(values.skip_existing ?? values['skip-existing']),
    workers: values.workers === undefined ? os.availableParallelism() : parseNumberFlag('--workers', values.workers, 0, 256, true),
  };
}

function parseEngine(value: string | undefined): ApplyFlags['engine'] {
  if (value === undefined) return 'auto';
  if (value === 'auto' || value === 'onnx' || value === 'tfjs') return value;
  throw new ConfigError(`--engine must be auto, onnx or tfjs, got "${value}"`);
}

/**
 * `--shard i/n`: this process takes the inputs at sorted positions p with p mod n = i (i from 0, as
 * Slurm's `--array=0-(n-1)` and a Kubernetes Indexed Job's JOB_COMPLETION_INDEX count).
 */
function parseShard(value: string | undefined): ApplyFlags['shard'] {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) throw new ConfigError(`--shard must be i/n with 0 <= i < n (e.g. --shard 0/3 for the first of three), got "${value}"`);
  return { index, count };
}

/**
 * For `--skip-existing`: is the output already a complete result for this input? Outputs are renamed
 * into place only once fully written, but the file may come from elsewhere or be damaged, so it is
 * checked: same Z, Y, X as the input, the channels apply writes, the requested bit depth, and every
 * strip inside the file. Only the IFDs are read (outputs of any size); a layout the plane reader
 * leaves to `decodeTiff` is decoded whole as before.
 * @returns undefined when complete, else the reason it is not
 */
async function incompleteReason(job: Job, flags: ApplyFlags): Promise<string | undefined> {
  // Headers only (IFDs and descriptions), so outputs and inputs of any size are checked without decoding them.
  const out = await openPlanes(job.output).catch((error: unknown) => (error instanceof NotStreamableError ? undefined : error as Error));
  const input = out === undefined || out instanceof Error ? undefined : await openPlanes(job.input).catch(() => undefined);
  if (out instanceof Error && /ENOENT/.test(out.message)) return 'missing';
  if (out instanceof Error) return `it does not decode (${out.message})`;
  if (out && input) {
    try {
      const [z, y, x] = toSingleChannelVolume(planeInfo(input.reader), { name: job.input }).shape;
      return shapeProblem(planeInfo(out.reader), [z, y, x], job, flags);
    } finally {
      await out.source.close();
      await input.source.close();
    }
  }
  await out?.source.close();
  let bytes: Buffer;
  try {
    bytes = await readFile(job.output);
  } catch {
    return 'missing';
  }
  try {
    const out = decodeTiff(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name: job.output });
    const input = await readVolume(job.input);
    const [z, y, x] = input.shape;
    return shapeProblem(out, [z, y, x], job, flags);
  } catch (error) {
    return `it does not decode (${(error as Error).message})`;
  }
}

/** Why an existing output does not match its input's shape and the requested channels and bit depth. */
function shapeProblem(out: Omit<DecodedTiff, 'data'>, [z, y, x]: number[], job: Job, flags: ApplyFlags): string | undefined {
  const channels = job.groundTruth ? [2, 3] : [2];
  const dtype = flags.bitDepth === 8 ? 'uint8' : flags.bitDepth === 16 ? 'uint16' : 'float32';
  if (out.width !== x || out.height !== y || out.dims.z * out.dims.t !== z) return `its shape ${out.dims.z}x${out.height}x${out.width} is not the input's ${z}x${y}x${x}`;
  if (!channels.includes(out.dims.c)) return `it has ${out.dims.c} channel(s), apply writes ${channels.join(' or ')}`;
  if (out.dtype !== dtype) return `it is ${out.dtype}, -b ${flags.bitDepth} writes ${dtype}`;
  return undefined;
}

/** A reader's layout as the `DecodedTiff` that `toSingleChannelVolume` expects (no pixels). */
function planeInfo(reader: TiffPlaneReader): DecodedTiff {
  return { ...reader.info, data: new Uint8Array(0) };
}

/** Open a TIFF for reading plane by plane; the caller closes `source`. */
async function openPlanes(file: string): Promise<{ source: FileSource; reader: TiffPlaneReader }> {
  const source = await openFileSource(file);
  try {
    return { source, reader: await openTiffPlanes(source, { name: file }) };
  } catch (error) {
    await source.close();
    throw error;
  }
}

/** Files up to this size fall back to the whole-file decoder when the plane reader cannot read them (same messages as before). */
const WHOLE_FILE_FALLBACK_BYTES = 2 ** 31;

/**
 * Restore one 3D TIFF in z-slabs (`restoreVolumeStream`): planes are read as the blocks need them
 * and finished output planes are written at their place in the output file, so memory does not grow
 * with the stack's depth. Only for jobs without `-g` and without
 * `--normalize_output_range_between_zero_and_one` (both need the whole output).
 * @returns false when the file is not one the plane reader streams (2D, or a layout it leaves to
 *   the whole-file decoder); nothing was written then
 */
async function applyStreamed(job: Job, flags: ApplyFlags, predictor: BlockPredictor | RcanModel, run: { blockShape: number[]; concurrency: number; label: string; io: CliIo; signal: AbortSignal }): Promise<boolean> {
  let opened: { source: FileSource; reader: TiffPlaneReader };
  try {
    opened = await openPlanes(job.input);
  } catch (error) {
    const size = (await stat(job.input).catch(() => undefined))?.size ?? 0;
    if (error instanceof NotStreamableError || size <= WHOLE_FILE_FALLBACK_BYTES) return false;
    throw error;
  }
  const { source, reader } = opened;
  try {
    const volume = toSingleChannelVolume(planeInfo(reader), { name: job.input });
    if (volume.ndim !== 3) return false;
    // The whole-volume path's refusal, word for word (restoreVolume), before anything is written.
    if (flags.overlap && flags.overlap.length !== 3) {
      throw new ConfigError(`block overlap ${flags.overlap.join(',')} has ${flags.overlap.length} values but the image is 3D; give -O with 3 values`);
    }
    const [z, y, x] = volume.shape;
    const dtype = flags.bitDepth === 8 ? 'uint8' : flags.bitDepth === 16 ? 'uint16' : 'float32';
    const stream = createHyperstackTiffStream({ shape: [z, 2, y, x], dtype, ndim: 3, ...(volume.spacing ? { spacing: volume.spacing } : {}), channelNames: RCAN_CHANNEL_NAMES.slice(0, 2) }, { format: flags.format });
    run.io.stderr('Applying model (streaming z-slabs)\n');
    const temp = tempPathFor(job.output);
    trackTemp(temp);
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    try {
      handle = await open(temp, 'w');
      const put = async (bytes: Uint8Array, position: number) => {
        for (let done = 0; done < bytes.length;) done += (await handle!.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
      };
      await put(stream.head, 0);
      await restoreVolumeStream(predictor, { shape: [z, y, x], dtype: reader.info.dtype, readPlane: (zi) => reader.readPlane(zi) }, {
        blockShape: run.blockShape,
        ...(flags.overlap ? { overlap: flags.overlap } : {}),
        pMin: flags.pMin,
        pMax: flags.pMax,
        bitDepth: flags.bitDepth,
        name: job.input,
        concurrency: run.concurrency,
        onProgress: formatProgress(run.io, run.label),
        signal: run.signal,
        writePlane: (zi, channel, data) => put(stream.plane(data), stream.offsetOf(stream.pageOf(zi, channel))),
      });
      const tail = stream.tail();
      await put(tail, stream.size - tail.length);
      await handle.close();
      handle = undefined;
      run.io.stderr(`Saving output image to ${job.output}\n`);
      await rename(temp, job.output);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await rm(temp, { force: true });
      if (error instanceof Error && (error.name === 'InputError' || error.name === 'AbortError' || error instanceof RangeError || error.name === 'ConfigError')) throw error;
      throw new InputError(`cannot write ${job.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    } finally {
      releaseTemp(temp);
    }
    return true;
  } finally {
    await source.close();
  }
}

/** Remove temporary files a killed earlier run left for this output (only this shard writes it). */
async function removeStaleTemps(output: string): Promise<void> {
  const dir = path.dirname(output);
  const prefix = `.${path.basename(output)}.tmp-`;
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => rm(path.join(dir, n), { force: true })));
}

/** One image to restore. */
interface Job {
  input: string;
  output: string;
  groundTruth?: string;
}

/** Per-image line of the metrics JSON. */
interface JobReport {
  input: string;
  output: string;
  ground_truth?: string;
  ground_truth_discarded?: boolean;
  rescale?: { a: number; b: number };
  metrics?: { restored: Summary; raw: Summary };
}

interface Summary {
  psnr: number | null;
  ssim: number | null;
  nrmse: number | null;
  mse: number;
  data_range: number;
  ssim_window: string | null;
}

async function kind(p: string): Promise<'file' | 'dir' | 'missing'> {
  const s = await stat(p).catch(() => undefined);
  return s === undefined ? 'missing' : s.isDirectory() ? 'dir' : 'file';
}

async function listTiffs(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && TIFF.test(e.name)).map((e) => e.name).sort();
}

/** Work out the (input, output, GT) triples from the flags (spec §3.1, but GT pairs by name). */
async function planJobs(flags: ApplyFlags): Promise<{ jobs: Job[]; batch: boolean }> {
  const inputKind = await kind(flags.input);
  if (inputKind === 'missing') throw new InputError(`input ${flags.input} does not exist; pass a .tif file or a folder of .tif files with -i`);
  const outputKind = await kind(flags.output);
  const gtKind = flags.groundTruth === undefined ? undefined : await kind(flags.groundTruth);
  if (gtKind === 'missing') throw new InputError(`ground truth ${flags.groundTruth} does not exist; pass a .tif file or folder with -g`);
  if (inputKind === 'file') {
    if (outputKind === 'dir') throw new ConfigError(`-i is a file but -o ${flags.output} is a folder; give an output file name`);
    if (gtKind === 'dir') throw new ConfigError('-i is a file but -g is a folder; give a ground-truth file');
    return { jobs: [{ input: flags.input, output: flags.output, ...(flags.groundTruth ? { groundTruth: flags.groundTruth } : {}) }], batch: false };
  }
  if (outputKind === 'file') throw new ConfigError(`-i is a folder but -o ${flags.output} is a file; give an output folder`);
  if (gtKind === 'file') throw new ConfigError('-i is a folder but -g is a file; give a ground-truth folder');
  const names = await listTiffs(flags.input);
  if (names.length === 0) throw new InputError(`no .tif files in ${flags.input}`);
  let gtNames: Set<string> | undefined;
  if (flags.groundTruth) {
    gtNames = new Set(await listTiffs(flags.groundTruth));
    const unmatched = names.filter((n) => !gtNames!.has(n));
    if (unmatched.length > 0) {
      throw new InputError(`no ground truth with the same name for ${unmatched.length} input file(s) (${unmatched.slice(0, 3).join(', ')}${unmatched.length > 3 ? ', …' : ''}) in ${flags.groundTruth}; files are paired by name`);
    }
  }
  const jobs = names.map((name) => ({
    input: path.join(flags.input, name),
    output: path.join(flags.output, name),
    ...(flags.groundTruth ? { groundTruth: path.join(flags.groundTruth, name) } : {}),
  }));
  return { jobs, batch: true };
}

async function refuseOverwrites(jobs: Job[], modelDir: string, batchOutput: string | undefined): Promise<void> {
  const inputs = jobs.flatMap((job) => (job.groundTruth ? [job.input, job.groundTruth] : [job.input]));
  if (batchOutput !== undefined) await assertSafeOutputPath(path.join(batchOutput, '.'), { modelDirs: [modelDir] }).catch(rethrowUnlessFolder);
  for (const job of jobs) await assertSafeOutputPath(job.output, { inputs, modelDirs: [modelDir] });
}

/** The batch output folder may already exist as a folder; only the model-folder check applies to it. */
function rethrowUnlessFolder(error: unknown): void {
  if (!(error instanceof ConfigError && /is a folder;/.test(error.message))) throw error;
}

async function readVolume(file: string): Promise<Volume> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoded = isBigTiff(view) ? decodeBigTiff(view, { name: file }) : decodeTiff(view, { name: file });
  const volume = toSingleChannelVolume(decoded, { name: file });
  // One NaN spreads through normalization and every convolution: refuse rather than write NaNs.
  assertFiniteVolume(volume, file, "3D-RCAN's output would be NaN everywhere");
  return volume;
}

/** Size of the output's pixel data: Z × channels × Y × X × bytes per sample. */
function outputBytes(raw: Volume, groundTruth: Volume | undefined, bitDepth: BitDepth): number {
  const channels = groundTruth && groundTruth.shape.join() === raw.shape.join() ? 3 : 2;
  return raw.shape[0] * raw.shape[1] * raw.shape[2] * channels * (bitDepth / 8);
}

/** Stream a hyperstack to disk plane by plane (BigTIFF past 4 GiB), then rename it into place. */
export async function writeStreamAtomically(file: string, stack: Hyperstack, format: 'imagej' | 'ome'): Promise<void> {
  const temp = tempPathFor(file);
  trackTemp(temp);
  const stream = encodeTiffStream(stack, { format });
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'w');
    let position = 0;
    const put = async (bytes: Uint8Array) => {
      await handle!.write(bytes, 0, bytes.length, position);
      position += bytes.length;
    };
    await put(stream.head);
    for (let i = 0; i < stream.count; i++) await put(stream.plane(stream.planeData(i)));
    if (position % 2 === 1) await put(new Uint8Array(1));
    await put(stream.tail());
    await handle.close();
    handle = undefined;
    await rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw new InputError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    releaseTemp(temp);
  }
}

function summarize(m: RestoreMetrics['restored']): Summary {
  return { psnr: m.psnr, ssim: m.ssim, nrmse: m.nrmse, mse: m.mse, data_range: m.dataRange, ssim_window: m.ssimWindow };
}

/**
 * `rcan apply`: restore one image or a folder (spec §3), printing metrics as JSON when `-g` is given.
 * @param argv - arguments after `apply`
 * @param io - output streams
 * @returns exit code
 */
export async function runApply(argv: string[], io: CliIo): Promise<number> {
  const flags = parseApplyFlags(argv);
  if (flags === 'help') {
    io.stdout(APPLY_HELP);
    return 0;
  }
  const planned = await planJobs(flags);
  const { batch } = planned;
  await refuseOverwrites(planned.jobs, flags.modelDir, batch ? flags.output : undefined);
  let jobs = planned.jobs;
  if (flags.shard) {
    if (!batch) throw new ConfigError('--shard splits a folder of inputs; give a folder with -i');
    const { index, count } = flags.shard;
    jobs = jobs.filter((_, position) => position % count === index);
    io.stderr(`Shard ${index}/${count}: ${jobs.length} of ${planned.jobs.length} image(s)\n`);
  }
  if (flags.skipExisting) {
    const todo: Job[] = [];
    for (const job of jobs) {
      const reason = await incompleteReason(job, flags);
      if (reason === undefined) io.stderr(`Skipping ${job.input}: ${job.output} is complete\n`);
      else {
        if (reason !== 'missing') io.stderr(`Redoing ${job.input}: ${job.output} exists but ${reason}\n`);
        todo.push(job);
      }
    }
    jobs = todo;
  }
  for (const job of jobs) await removeStaleTemps(job.output);
  if (jobs.length === 0) {
    io.stderr('Nothing to do\n');
    if (flags.groundTruth) io.stdout(`${JSON.stringify({ model_dir: flags.modelDir, images: [] }, null, 2)}\n`);
    return 0;
  }
  const folder = await loadModelFolder(flags.modelDir, { trainable: false });
  io.stderr(`Loading model from ${folder.checkpointDir}\n`);
  const ndim = folder.model.architecture.ndim;
  folder.model.dispose();
  const configShape = folder.config?.input_shape;
  const blockShape = flags.blockShape ?? configShape;
  if (!blockShape) throw new ConfigError(`${flags.modelDir} has no config.json with input_shape; give the block shape with -B`);
  if (blockShape.length !== ndim) throw new ConfigError(`-B/--block_shape has ${blockShape.length} values but the model is ${ndim}D; give ${ndim} values`);
  if (batch) await mkdir(flags.output, { recursive: true });

  let predictor: BlockPredictor | RcanModel;
  let pool: TilePool | undefined;
  // auto = onnxruntime (native, measured faster: bench/RESULTS.md "rcan apply") when it loads here.
  const onnx = flags.engine === 'tfjs' ? undefined : await import('./onnx/create-onnx-pool');
  if (onnx && (flags.engine === 'onnx' || (await onnx.loadOnnxRuntime()))) {
    const threads = Math.max(1, flags.workers);
    pool = await onnx.createOnnxPool({ files: folder.files, workers: threads });
    predictor = pool.predict;
    io.stderr(`Engine: onnxruntime (${threads} thread${threads > 1 ? 's' : ''})\n`);
  } else if (flags.workers === 0) {
    await useWasmBackend();
    predictor = deserializeRcan(folder.files, { trainable: false });
    io.stderr('Engine: tfjs wasm (in this thread)\n');
  } else {
    pool = await createTilePool({ files: folder.files, workers: flags.workers });
    predictor = pool.predict;
    io.stderr(`Engine: tfjs wasm (${pool.size} worker thread${pool.size > 1 ? 's' : ''})\n`);
  }
  const reports: JobReport[] = [];
  // Ctrl-C stops between blocks; nothing partial is written (outputs are renamed into place).
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    for (const [index, job] of jobs.entries()) {
      const label = batch ? `[${index + 1}/${jobs.length}] ${path.basename(job.input)}` : path.basename(job.input);
      // Without -g and output min-max, a 3D TIFF is streamed in z-slabs (memory independent of depth).
      if (ndim === 3 && !job.groundTruth && !flags.normalizeOutputRange) {
        io.stderr(`Loading raw image from ${job.input} (plane by plane)\n`);
        if (await applyStreamed(job, flags, predictor, { blockShape, concurrency: pool?.size ?? 1, label, io, signal: controller.signal })) {
          reports.push({ input: job.input, output: job.output });
          continue;
        }
      }
      io.stderr(`Loading raw image from ${job.input}\n`);
      const raw = await readVolume(job.input);
      let groundTruth: Volume | undefined;
      if (job.groundTruth) {
        io.stderr(`Loading ground truth image from ${job.groundTruth}\n`);
        groundTruth = await readVolume(job.groundTruth);
      }
      io.stderr('Applying model\n');
      const result = await restoreVolume(predictor, raw, {
        blockShape,
        ...(flags.overlap ? { overlap: flags.overlap } : {}),
        pMin: flags.pMin,
        pMax: flags.pMax,
        ...(groundTruth ? { groundTruth } : {}),
        rescale: flags.rescale,
        normalizeOutputRange: flags.normalizeOutputRange,
        bitDepth: flags.bitDepth,
        format: flags.format,
        modelNdim: ndim,
        // Past 4 GiB the TIFF is streamed to disk as BigTIFF instead of built in memory.
        encode: outputBytes(raw, groundTruth, flags.bitDepth) <= CLASSIC_TIFF_MAX_BYTES - 1_000_000,
        concurrency: pool?.size ?? 1,
        onProgress: formatProgress(io, label),
        signal: controller.signal,
      });
      if (result.gtDiscarded) io.stderr('Ground truth image discarded due to image shape mismatch\n');
      io.stderr(`Saving output image to ${job.output}\n`);
      if (result.bytes.length > 0) await writeFileAtomic(job.output, result.bytes);
      else await writeStreamAtomically(job.output, result.stack, flags.format);
      reports.push({
        input: job.input,
        output: job.output,
        ...(job.groundTruth ? { ground_truth: job.groundTruth, ground_truth_discarded: result.gtDiscarded } : {}),
        ...(result.rescale ? { rescale: result.rescale } : {}),
        ...(result.metrics ? { metrics: { restored: summarize(result.metrics.restored), raw: summarize(result.metrics.raw) } } : {}),
      });
    }
  } finally {
    process.off('SIGINT', onSigint);
    if (pool) await pool.close();
    else (predictor as RcanModel).dispose();
  }
  if (flags.groundTruth) io.stdout(`${JSON.stringify({ model_dir: flags.modelDir, checkpoint: folder.checkpoint, block_shape: blockShape, images: reports }, null, 2)}\n`);
  return 0;
}
