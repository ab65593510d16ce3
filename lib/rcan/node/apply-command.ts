import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assertFiniteVolume, decodeTiff, toSingleChannelVolume, type BitDepth, type Volume } from '../../imaging';
import { ConfigError, InputError } from '../../util/errors';
import { deserializeRcan, type BlockPredictor, type RcanModel } from '../core';
import { restoreVolume, type RestoreMetrics } from '../pipeline/restore-volume';
import type { CliIo } from './cli-io';
import { createTilePool, type TilePool } from './create-tile-pool';
import { formatProgress } from './format-progress';
import { loadModelFolder } from './model-folder';
import { parseCommandArgs, parseNumberFlag, parseShapeFlag } from './parse-command-args';
import { assertSafeOutputPath, writeFileAtomic } from './safe-output';
import { useWasmBackend } from './use-wasm-backend';

/** `rcan apply --help`. */
export const APPLY_HELP = `usage: rcan apply -m MODEL_DIR -i INPUT -o OUTPUT [options]

Restore TIFF images with a 3D-RCAN model folder, with the flags and output of 3D-RCAN's apply.py:
the output is an ImageJ hyperstack with channels [raw (normalized), restored(, ground truth)].

  -m, --model_dir DIR           model folder; the checkpoint with the lowest loss in its name is used
  -i, --input PATH              a .tif file, or a folder of .tif/.tiff files (batch mode)
  -o, --output PATH             output file, or folder in batch mode (created; files keep their names)
  -g, --ground_truth PATH       ground truth file, or folder paired BY FILE NAME; prints PSNR/SSIM/NRMSE
                                as JSON on stdout
  -b, --bpp 8|16|32             output bit depth (default 32; 8/16 clip to [0,1] then truncate)
  -B, --block_shape Z,Y,X       block shape (default: the training patch shape from config.json)
  -O, --block_overlap_shape Z,Y,X  overlap between blocks (default max(1, d//8), 0 if d <= 2)
      --p_min P                 lower normalization percentile (default 2)
      --p_max P                 upper normalization percentile (default 99.9)
      --rescale                 fit restored to the normalized ground truth (a*x+b, needs -g)
      --normalize_output_range_between_zero_and_one
                                min-max normalize each output channel (not with --rescale)
  -f, --output_tiff_format imagej|ome   output container (default imagej)
      --workers N               worker threads predicting blocks in parallel (default: CPU count;
                                0 = in this thread)
      --verbose                 show stack traces on errors
  -h, --help                    show this help
`;

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
    workers: values.workers === undefined ? os.availableParallelism() : parseNumberFlag('--workers', values.workers, 0, 256, true),
  };
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
  const decoded = decodeTiff(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name: file });
  const volume = toSingleChannelVolume(decoded, { name: file });
  // One NaN spreads through normalization and every convolution: refuse rather than write NaNs.
  assertFiniteVolume(volume, file, "3D-RCAN's output would be NaN everywhere");
  return volume;
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
  const { jobs, batch } = await planJobs(flags);
  await refuseOverwrites(jobs, flags.modelDir, batch ? flags.output : undefined);
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
  if (flags.workers === 0) {
    await useWasmBackend();
    predictor = deserializeRcan(folder.files, { trainable: false });
  } else {
    pool = await createTilePool({ files: folder.files, workers: flags.workers });
    predictor = pool.predict;
  }
  const reports: JobReport[] = [];
  // Ctrl-C stops between blocks; nothing partial is written (outputs are renamed into place).
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    for (const [index, job] of jobs.entries()) {
      io.stderr(`Loading raw image from ${job.input}\n`);
      const raw = await readVolume(job.input);
      let groundTruth: Volume | undefined;
      if (job.groundTruth) {
        io.stderr(`Loading ground truth image from ${job.groundTruth}\n`);
        groundTruth = await readVolume(job.groundTruth);
      }
      io.stderr('Applying model\n');
      const label = batch ? `[${index + 1}/${jobs.length}] ${path.basename(job.input)}` : path.basename(job.input);
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
        concurrency: pool?.size ?? 1,
        onProgress: formatProgress(io, label),
        signal: controller.signal,
      });
      if (result.gtDiscarded) io.stderr('Ground truth image discarded due to image shape mismatch\n');
      io.stderr(`Saving output image to ${job.output}\n`);
      await writeFileAtomic(job.output, result.bytes);
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
