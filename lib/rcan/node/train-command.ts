import * as tf from '@tensorflow/tfjs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, InputError } from '../../util/errors';
import { decodeTiff, percentileNormalize, toSingleChannelVolume } from '../../imaging';
import {
  architectureFromConfig,
  buildRcan,
  countParams,
  defaultInputShape,
  parseRcanConfig,
  patchShapeProblems,
  trainRcan,
  type RcanConfig,
  type TrainEpochLog,
  type TrainingPair,
} from '../core';
import type { CliIo } from './cli-io';
import { formatSeconds } from './format-progress';
import { saveCheckpoint, writeModelConfig } from './model-folder';
import { parseCommandArgs, parseNumberFlag } from './parse-command-args';
import { useWasmBackend } from './use-wasm-backend';
import { writeFileAtomic } from './safe-output';

/** `rcan train --help`. */
export const TRAIN_HELP = `usage: rcan train -c CONFIG.json -o OUTPUT_DIR [--seed N] [--backend wasm|cpu]

Train a 3D-RCAN like the original train.py: same config.json keys and defaults, batch size 1, random
filtered and augmented patches, Adam with the learning rate halved every epochs/4 epochs, and a
checkpoint weights_EEE_LOSS/ each time the monitored loss (val_loss, or loss without validation
data) improves. OUTPUT_DIR also gets config.json (as used, input_shape clipped to the data) and
training-log.csv / training-log.json. Data folders pair raw and GT files by name (*.tif and *.tiff).

  -c, --config FILE    3D-RCAN config.json
  -o, --output DIR     output model folder (created; must not already hold checkpoints)
      --seed N         seed for weights and patch sampling (default 0); runs are reproducible
      --backend NAME   wasm (default) or cpu
      --workers N      accepted for symmetry with apply; training is sequential (batch 1), so only 1 is used
  -h, --help           show this help

Ctrl-C stops after the current step; checkpoints already written are kept.
`;

/** Parsed arguments of `rcan train`. */
export interface TrainArgs {
  config: string;
  output: string;
  seed: number;
  backend: 'wasm' | 'cpu';
  workers: number;
}

/** A raw/GT file pair. */
export interface FilePair {
  raw: string;
  gt: string;
}

/**
 * `rcan train`: read and validate the config, load and normalize the TIFF pairs, train, and write
 * checkpoints, `config.json` and the training logs into the output folder.
 * @param argv - Words after `train`.
 * @param io - Output streams; progress with ETA goes to stderr.
 * @returns Exit code 0.
 * @throws ConfigError for bad flags or config (exit 2); InputError for unusable data files (exit 1).
 */
export async function runTrain(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('train', argv, {
    config: { type: 'string', short: 'c' },
    output: { type: 'string', short: 'o' },
    seed: { type: 'string' },
    backend: { type: 'string' },
    workers: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    verbose: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(TRAIN_HELP);
    return 0;
  }
  if (!values.config || !values.output) throw new ConfigError('rcan train needs -c CONFIG.json and -o OUTPUT_DIR; see `rcan train --help`');
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new ConfigError(`--backend must be wasm or cpu, got "${backend}"`);
  const args: TrainArgs = {
    config: values.config,
    output: values.output,
    seed: values.seed === undefined ? 0 : parseNumberFlag('--seed', values.seed, 0, 2 ** 32 - 1, true),
    backend,
    workers: values.workers === undefined ? 1 : parseNumberFlag('--workers', values.workers, 1, 256, true),
  };
  await trainFromConfig(args, io);
  return 0;
}

/**
 * The work of `rcan train` with parsed arguments.
 * @param args - Config file, output folder, seed, backend.
 * @param io - Output streams.
 * @returns The training history and the best checkpoint folder, if any.
 */
export async function trainFromConfig(args: TrainArgs, io: CliIo): Promise<{ history: TrainEpochLog[]; bestCheckpoint?: string }> {
  const config = await readTrainConfig(args.config);
  if (args.workers > 1) io.stderr(`note: --workers ${args.workers} ignored; training runs one batch-1 step at a time\n`);

  const trainingFiles = await collectPairs(config.training_image_pairs, config.training_data_dir, 'training');
  const validationFiles = await collectPairs(config.validation_image_pairs, config.validation_data_dir, 'validation');
  if (trainingFiles.length === 0) throw new InputError('no training image pairs found; check training_data_dir / training_image_pairs');
  await checkOutput(args, [...trainingFiles, ...validationFiles]);
  printPairs(io, 'training', trainingFiles);
  if (validationFiles.length > 0) printPairs(io, 'validation', validationFiles);

  // One pair at a time: never more than two files open, whatever the number of pairs (1,500 pairs
  // under a 1,024 open-file limit used to fail with a misleading "check the path").
  const training = await mapInOrder(trainingFiles, loadPair);
  const validation = await mapInOrder(validationFiles, loadPair);
  const ndim = training[0]!.shape.length;
  for (const pair of [...training, ...validation]) {
    if (pair.shape.length !== ndim) {
      throw new InputError(`${pair.name} is ${pair.shape.length}D but the first training image is ${ndim}D; all images must have the same dimensionality`);
    }
  }
  const patchShape = resolvePatchShape(config, [...training, ...validation]);

  await (args.backend === 'wasm' ? useWasmBackend() : tf.setBackend('cpu'));
  const usedConfig: Record<string, unknown> = { ...config, input_shape: patchShape };
  const architecture = architectureFromConfig({ ...config, input_shape: patchShape });
  const model = buildRcan(architecture, { seed: args.seed });
  const logs: TrainEpochLog[] = [];
  const checkpoints = new Map<number, string>();
  const controller = new AbortController();
  const onSigint = () => {
    io.stderr('\nstopping after this step (Ctrl-C again to kill)…\n');
    controller.abort();
    process.removeListener('SIGINT', onSigint);
  };
  process.on('SIGINT', onSigint);
  let warnings = 0;
  let bestCheckpoint: string | undefined;
  try {
    await mkdir(args.output, { recursive: true });
    await writeModelConfig(args.output, usedConfig);
    io.stderr(
      `training a ${ndim}D RCAN (C=${architecture.numChannels}, G=${architecture.numResidualGroups}, B=${architecture.numResidualBlocks}, ` +
        `r=${architecture.channelReduction}, ${countParams(architecture).toLocaleString('en-US')} parameters) on ${tf.getBackend()}: ` +
        `patch ${patchShape.join('x')}, ${config.epochs} epochs x ${config.steps_per_epoch} steps, monitoring ${validation.length > 0 ? 'val_loss' : 'loss'}\n`,
    );
    const progress = stepPrinter(io);
    await trainRcan(
      model,
      validation.length > 0 ? { training, validation } : { training },
      {
        patchShape,
        epochs: config.epochs,
        stepsPerEpoch: config.steps_per_epoch,
        initialLearningRate: config.initial_learning_rate,
        loss: config.loss,
        metrics: config.metrics,
        augment: config.data_augmentation,
        intensityThreshold: config.intensity_threshold,
        areaRatioThreshold: config.area_ratio_threshold,
        seed: args.seed,
        signal: controller.signal,
        onStep: progress,
        onWarning: (message) => {
          // Python shows a warning once per place by default; print the first, count the rest.
          if (warnings++ === 0) io.stderr(`\nwarning: ${message}\n`);
        },
        onCheckpoint: async (checkpoint) => {
          bestCheckpoint = await saveCheckpoint(args.output, checkpoint.name, checkpoint.model);
          checkpoints.set(checkpoint.epoch, checkpoint.name);
        },
        onEpochEnd: async (log) => {
          logs.push(log);
          await writeLogs(args.output, logs, checkpoints);
          const values = Object.entries(log.values)
            .map(([k, v]) => `${k} ${v.toPrecision(5)}`)
            .join(', ');
          const saved = checkpoints.get(log.epoch);
          io.stderr(`${io.stderrIsTty ? '\r\x1b[K' : ''}epoch ${log.epoch}/${config.epochs}: ${values}, lr ${log.lr.toPrecision(3)}, ${formatSeconds(log.seconds)}${saved ? ` → ${saved}` : ''}\n`);
        },
      },
    );
  } finally {
    process.removeListener('SIGINT', onSigint);
    model.dispose();
  }
  if (warnings > 1) io.stderr(`warning: ${warnings} patches failed the foreground filter in total\n`);
  io.stderr(bestCheckpoint ? `best checkpoint: ${bestCheckpoint}\n` : 'no checkpoint written (the monitored loss was never finite)\n');
  return bestCheckpoint ? { history: logs, bestCheckpoint } : { history: logs };
}

async function readTrainConfig(file: string): Promise<RcanConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConfigError(`config file ${file} not found or unreadable; pass an existing config.json with -c`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON (${(error as Error).message.split('\n')[0]}); fix the syntax, e.g. use false not False`);
  }
  try {
    return parseRcanConfig(json);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${file}:\n${error.message}`);
    throw error;
  }
}

/**
 * Explicit pairs first, then folder pairs, as the original does. Folder pairs match raw and GT files
 * by name (stem without `.tif`/`.tiff`), unlike the original, which pairs by sorted position.
 * @param pairs - `*_image_pairs`.
 * @param dir - `*_data_dir`.
 * @param kind - `training` or `validation`, for messages.
 * @returns The file pairs.
 * @throws InputError for a missing folder, an empty folder or names without a partner.
 */
export async function collectPairs(pairs: readonly FilePair[] | undefined, dir: FilePair | undefined, kind: string): Promise<FilePair[]> {
  const out = (pairs ?? []).map((p) => ({ raw: p.raw, gt: p.gt }));
  if (!dir) return out;
  const [raws, gts] = await Promise.all([listTiffs(dir.raw, `${kind}_data_dir.raw`), listTiffs(dir.gt, `${kind}_data_dir.gt`)]);
  if (raws.size === 0) throw new InputError(`${kind}_data_dir.raw ${dir.raw} holds no .tif or .tiff files`);
  const missingGt = [...raws.keys()].filter((stem) => !gts.has(stem));
  const missingRaw = [...gts.keys()].filter((stem) => !raws.has(stem));
  if (missingGt.length > 0 || missingRaw.length > 0) {
    const parts: string[] = [];
    if (missingGt.length > 0) parts.push(`no GT in ${dir.gt} for ${missingGt.map((s) => raws.get(s)).join(', ')}`);
    if (missingRaw.length > 0) parts.push(`no raw in ${dir.raw} for ${missingRaw.map((s) => gts.get(s)).join(', ')}`);
    throw new InputError(`${kind} files are paired by name and some have no partner: ${parts.join('; ')}; rename them so raw and GT names match`);
  }
  for (const stem of [...raws.keys()].sort()) {
    out.push({ raw: path.join(dir.raw, raws.get(stem)!), gt: path.join(dir.gt, gts.get(stem)!) });
  }
  return out;
}

async function listTiffs(dir: string, key: string): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new InputError(`${key} folder ${dir} does not exist or cannot be read`);
  }
  const byStem = new Map<string, string>();
  for (const name of names.sort()) {
    const match = /^(.*)\.tiff?$/i.exec(name);
    if (!match) continue;
    const stem = match[1]!;
    if (byStem.has(stem)) throw new InputError(`${dir} holds both ${byStem.get(stem)} and ${name}; keep one so files pair unambiguously`);
    byStem.set(stem, name);
  }
  return byStem;
}

function printPairs(io: CliIo, kind: string, pairs: readonly FilePair[]): void {
  io.stderr(`${kind} pairs (${pairs.length}):\n`);
  for (const p of pairs) io.stderr(`  ${p.raw}  <->  ${p.gt}\n`);
}

async function loadPair(pair: FilePair): Promise<TrainingPair> {
  const [raw, gt] = await Promise.all([readVolume(pair.raw), readVolume(pair.gt)]);
  if (raw.shape.join(',') !== gt.shape.join(',')) {
    throw new InputError(`raw ${pair.raw} has shape [${raw.shape.join(', ')}] but GT ${pair.gt} has [${gt.shape.join(', ')}]; a pair must have identical shapes`);
  }
  // Each file is normalized on its own with percentiles 2 and 99.9, no clipping (rcan-spec §2.4).
  return { raw: raw.data, gt: gt.data, shape: raw.shape, name: pair.raw };
}

/** Run `step` on each item, one after the other; results in order. */
async function mapInOrder<T, R>(items: readonly T[], step: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await step(item));
  return out;
}

async function readVolume(file: string): Promise<{ data: Float32Array; shape: number[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${readFailureReason(error)}`);
  }
  const name = path.basename(file);
  const volume = toSingleChannelVolume(decodeTiff(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name }), { name });
  const shape = volume.ndim === 2 ? [volume.shape[1], volume.shape[2]] : [...volume.shape];
  return { data: percentileNormalize(volume.data), shape };
}

/** Why a training file could not be read, naming the real cause and its fix. */
export function readFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file (ENOENT); check the path in the config (relative paths are relative to the current folder)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code}); make the file readable`;
    case 'EISDIR':
      return 'it is a folder (EISDIR); give a .tif file';
    case 'EMFILE':
    case 'ENFILE':
      return `too many open files (${code}); raise the limit (ulimit -n) or close other programs`;
    default:
      return `${code ?? 'error'}: ${(error as Error).message?.split('\n')[0] ?? String(error)}`;
  }
}

/**
 * The patch shape: `input_shape` (or the 2D/3D default), which must have the images' dimensionality,
 * clipped per axis to the smallest training or validation image (rcan-spec §2.2), then checked for the
 * non-square and SSIM traps.
 * @throws ConfigError when the shape does not fit the data.
 */
export function resolvePatchShape(config: RcanConfig, pairs: readonly TrainingPair[]): number[] {
  const ndim = pairs[0]!.shape.length as 2 | 3;
  const requested = config.input_shape ?? defaultInputShape(ndim);
  if (requested.length !== ndim) {
    throw new ConfigError(`input_shape [${requested.join(', ')}] has ${requested.length} entries but the images are ${ndim}D; give ${ndim === 3 ? 'Z, Y, X' : 'Y, X'}`);
  }
  const clipped = requested.map((d, axis) => Math.min(d, ...pairs.map((p) => p.shape[axis]!)));
  const problems = patchShapeProblems(clipped, config);
  if (problems.length > 0) {
    const note = clipped.join(',') !== requested.join(',') ? ` (input_shape [${requested.join(', ')}] clipped to the smallest image)` : '';
    throw new ConfigError(problems.map((p) => `input_shape${note}: ${p}`).join('\n'));
  }
  return clipped;
}

// Refuse to write where an input lives or where an earlier run left checkpoints: mixing runs makes
// "lowest loss wins" compare unrelated losses (rcan-spec §3.3).
async function checkOutput(args: TrainArgs, pairs: readonly FilePair[]): Promise<void> {
  const out = path.resolve(args.output);
  const info = await stat(out).catch(() => undefined);
  if (info && !info.isDirectory()) throw new ConfigError(`-o ${args.output} is a file; give a folder`);
  const inputs = [args.config, ...pairs.flatMap((p) => [p.raw, p.gt])].map((p) => path.resolve(p));
  const written = ['config.json', 'training-log.csv', 'training-log.json'].map((n) => path.join(out, n));
  const clash = inputs.find((p) => written.includes(p));
  if (clash) throw new ConfigError(`-o ${args.output} would overwrite the input ${clash}; choose another output folder`);
  if (info) {
    const existing = await readdir(out);
    if (existing.some((n) => n.startsWith('weights_'))) {
      throw new ConfigError(`${args.output} already holds checkpoints from another run; choose a new output folder`);
    }
  }
}

const LOG_FIXED = ['epoch', 'lr'] as const;

async function writeLogs(dir: string, logs: readonly TrainEpochLog[], checkpoints: ReadonlyMap<number, string>): Promise<void> {
  const keys = [...new Set(logs.flatMap((l) => Object.keys(l.values)))];
  const ordered = [...keys.filter((k) => !k.startsWith('val_')), ...keys.filter((k) => k.startsWith('val_'))];
  const rows = logs.map((l) => ({
    epoch: l.epoch,
    lr: l.lr,
    ...Object.fromEntries(ordered.map((k) => [k, l.values[k] ?? null])),
    seconds: Number(l.seconds.toFixed(3)),
    checkpoint: checkpoints.get(l.epoch) ?? null,
  }));
  const header = [...LOG_FIXED, ...ordered, 'seconds', 'checkpoint'];
  const csv = [header.join(','), ...rows.map((r) => header.map((h) => csvCell((r as Record<string, unknown>)[h])).join(','))].join('\n');
  await atomicWrite(path.join(dir, 'training-log.csv'), `${csv}\n`);
  await atomicWrite(path.join(dir, 'training-log.json'), `${JSON.stringify(rows, null, 1)}\n`);
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

async function atomicWrite(file: string, text: string): Promise<void> {
  await writeFileAtomic(file, text);
}

// One redrawn line on a terminal; otherwise a line about every 10% of the run.
function stepPrinter(io: CliIo): (info: { epoch: number; step: number; steps: number; phase: string; loss: number; etaSeconds: number; fraction: number }) => void {
  let lastDecile = -1;
  let lastDraw = 0;
  return (info) => {
    const line = `epoch ${info.epoch} ${info.phase === 'train' ? 'step' : 'validation'} ${info.step}/${info.steps}, loss ${info.loss.toPrecision(4)}, ${Math.floor(info.fraction * 100)}% done, ETA ${formatSeconds(info.etaSeconds)}`;
    if (io.stderrIsTty) {
      const now = Date.now();
      if (now - lastDraw > 200 || info.fraction === 1) {
        lastDraw = now;
        io.stderr(`\r${line}\x1b[K`);
      }
    } else if (Math.floor(info.fraction * 10) > lastDecile) {
      lastDecile = Math.floor(info.fraction * 10);
      io.stderr(`${line}\n`);
    }
  };
}
