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
  deserializeRcan,
  diagnoseFit,
  lossCurveSvg,
  OPTIMIZER_BIN,
  OPTIMIZER_JSON,
  type LossPoint,
  type OptimizerStateFiles,
  type RcanConfig,
  type RcanModel,
  type RcanModelFiles,
  type TrainEpochLog,
  type TrainingPair,
} from '../core';
import type { CliIo } from './cli-io';
import { formatSeconds } from './format-progress';
import { readCheckpointFiles, saveCheckpoint, writeModelConfig } from './model-folder';
import { parseCommandArgs, parseNumberFlag } from './parse-command-args';
import { useWasmBackend } from './use-wasm-backend';
import { writeFileAtomic } from './safe-output';

import { TRAIN_HELP } from './train-help';

export { TRAIN_HELP };

/** Parsed arguments of `rcan train`. */
export interface TrainArgs {
  config: string;
  output: string;
  seed: number;
  backend: 'wasm' | 'cpu';
  workers: number;
  /** Early-stopping patience in epochs. */
  patience?: number;
  /** Continue the run in `output` (config from there, `-c` ignored). */
  resume?: boolean;
  /** With `resume`: total epochs to reach. */
  epochs?: number;
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
    patience: { type: 'string' },
    resume: { type: 'string' },
    epochs: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    verbose: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(TRAIN_HELP);
    return 0;
  }
  if (values.resume !== undefined) {
    if (values.config) throw new ConfigError('--resume reads the config.json of the run it continues; leave out -c');
    if (values.output && path.resolve(values.output) !== path.resolve(values.resume)) throw new ConfigError('--resume continues the run in place; leave out -o or give the same folder');
  } else {
    if (values.epochs !== undefined) throw new ConfigError('--epochs is for --resume; set "epochs" in config.json for a new run');
    if (!values.config || !values.output) throw new ConfigError('rcan train needs -c CONFIG.json and -o OUTPUT_DIR (or --resume MODEL_DIR); see `rcan train --help`');
  }
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new ConfigError(`--backend must be wasm or cpu, got "${backend}"`);
  const output = values.resume ?? values.output!;
  const args: TrainArgs = {
    config: values.config ?? path.join(output, 'config.json'),
    output,
    ...(values.resume !== undefined ? { resume: true } : {}),
    ...(values.patience !== undefined ? { patience: parseNumberFlag('--patience', values.patience, 1, 100000, true) } : {}),
    ...(values.epochs !== undefined ? { epochs: parseNumberFlag('--epochs', values.epochs, 1, 1000000, true) } : {}),
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
  const resume = args.resume ? await readResumeState(args.output) : undefined;
  if (resume && args.epochs !== undefined) config.epochs = args.epochs;
  if (resume && resume.state.epoch >= config.epochs) {
    throw new ConfigError(`the run in ${args.output} already finished ${resume.state.epoch} of ${config.epochs} epochs; give --epochs with a larger total to train further`);
  }
  if (args.workers > 1) io.stderr(`note: --workers ${args.workers} ignored; training runs one batch-1 step at a time\n`);

  const mode = config.training_mode;
  const trainingFiles = await collectPairs(config.training_image_pairs, config.training_data_dir, 'training', mode === 'blind-spot');
  const validationFiles = await collectPairs(config.validation_image_pairs, config.validation_data_dir, 'validation', mode === 'blind-spot');
  if (trainingFiles.length === 0) throw new InputError('no training image pairs found; check training_data_dir / training_image_pairs');
  if (!resume) await checkOutput(args, [...trainingFiles, ...validationFiles]);
  printPairs(io, 'training', trainingFiles, mode);
  if (validationFiles.length > 0) printPairs(io, 'validation', validationFiles, mode);

  // One pair at a time: never more than two files open, whatever the number of pairs (1,500 pairs
  // under a 1,024 open-file limit used to fail with a misleading "check the path").
  const load = (pair: FilePair) => (mode === 'blind-spot' ? loadSingle(pair.raw) : loadPair(pair));
  const training = await mapInOrder(trainingFiles, load);
  const validation = await mapInOrder(validationFiles, load);
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
  let model: RcanModel;
  if (resume) {
    try {
      model = deserializeRcan(resume.files);
    } catch (error) {
      throw new InputError(`${path.join(args.output, RESUME_DIR)} is unusable: ${(error as Error).message}`);
    }
    if (countParams(model.architecture) !== countParams(architecture)) throw new InputError(`${path.join(args.output, RESUME_DIR)} does not match ${args.config} (another architecture); cannot resume`);
  } else {
    model = buildRcan(architecture, { seed: args.seed });
  }
  const logs: TrainEpochLog[] = resume ? resume.logs : [];
  const checkpoints = new Map<number, string>(resume ? resume.checkpoints : []);
  const seed = resume ? resume.state.seed : args.seed;
  const controller = new AbortController();
  const onSigint = () => {
    io.stderr('\nstopping after this step (Ctrl-C again to kill)…\n');
    controller.abort();
    process.removeListener('SIGINT', onSigint);
  };
  process.on('SIGINT', onSigint);
  let warnings = 0;
  let bestCheckpoint: string | undefined;
  let result: Awaited<ReturnType<typeof trainRcan>> | undefined;
  try {
    await mkdir(args.output, { recursive: true });
    // On --resume with --epochs the stored config records the new total.
    await writeModelConfig(args.output, usedConfig);
    if (resume) io.stderr(`resuming ${args.output} after epoch ${resume.state.epoch} (learning rate ${resume.state.lr.toPrecision(3)}, best ${resume.state.best ? `${resume.state.best.value.toPrecision(5)} at epoch ${resume.state.best.epoch}` : 'none yet'})\n`);
    io.stderr(
      `training a ${ndim}D RCAN (C=${architecture.numChannels}, G=${architecture.numResidualGroups}, B=${architecture.numResidualBlocks}, ` +
        `r=${architecture.channelReduction}, ${countParams(architecture).toLocaleString('en-US')} parameters) on ${tf.getBackend()}: ` +
        `${mode === 'supervised' ? '' : `${mode} mode, `}patch ${patchShape.join('x')}, ${config.epochs} epochs x ${config.steps_per_epoch} steps, monitoring ${validation.length > 0 ? 'val_loss' : 'loss'}\n`,
    );
    const progress = stepPrinter(io);
    result = await trainRcan(
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
        trainingMode: mode,
        seed,
        ...(args.patience !== undefined ? { earlyStoppingPatience: args.patience } : {}),
        ...(resume ? { resume: { epochsDone: resume.state.epoch, learningRate: resume.state.lr, ...(resume.state.best ? { best: resume.state.best } : {}), optimizerState: resume.optimizer } } : {}),
        signal: controller.signal,
        onStep: progress,
        onWarning: (message) => {
          // Python shows a warning once per place by default; print the first, count the rest.
          if (warnings++ === 0) io.stderr(`\nwarning: ${message}\n`);
        },
        onCheckpoint: async (checkpoint) => {
          const optimizer = await checkpoint.optimizerState();
          bestCheckpoint = await saveCheckpoint(args.output, checkpoint.name, checkpoint.model, { [OPTIMIZER_JSON]: optimizer.json, [OPTIMIZER_BIN]: optimizer.bin });
          checkpoints.set(checkpoint.epoch, checkpoint.name);
        },
        onEpochState: async (state) => {
          const optimizer = await state.optimizerState();
          const stateJson: ResumeState = { format: 'bioimage-navigator/rcan-train-state', epoch: state.epoch, lr: state.lr, ...(state.best ? { best: state.best } : {}), seed, training_mode: mode };
          await saveCheckpoint(args.output, RESUME_DIR, state.model, { [OPTIMIZER_JSON]: optimizer.json, [OPTIMIZER_BIN]: optimizer.bin, [STATE_JSON]: `${JSON.stringify(stateJson, null, 2)}\n` });
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
  if (result?.stoppedEarly) io.stderr(`early stopping: no improvement for ${args.patience} epoch(s) after epoch ${result.stoppedEarly.bestEpoch}; stopped after epoch ${result.stoppedEarly.epoch}\n`);
  const diagnosis = diagnoseFit(toLossPoints(logs));
  io.stderr(`diagnosis: ${diagnosis.summary} (rule: ${diagnosis.rule}; book section ${diagnosis.book.section}, ${diagnosis.book.url}) ${diagnosis.advice}\n`);
  bestCheckpoint ??= resume?.state.best ? path.join(args.output, checkpoints.get(resume.state.best.epoch) ?? '') : undefined;
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
export async function collectPairs(
  pairs: readonly { raw: string; gt?: string | undefined }[] | undefined,
  dir: { raw: string; gt?: string | undefined } | undefined,
  kind: string,
  rawOnly = false,
): Promise<FilePair[]> {
  // Blind-spot training reads only the raw images; the schema already required "gt" in other modes.
  const out = (pairs ?? []).map((p) => ({ raw: p.raw, gt: rawOnly ? p.raw : p.gt! }));
  if (!dir) return out;
  if (rawOnly || dir.gt === undefined) {
    const raws = await listTiffs(dir.raw, `${kind}_data_dir.raw`);
    if (raws.size === 0) throw new InputError(`${kind}_data_dir.raw ${dir.raw} holds no .tif or .tiff files`);
    for (const stem of [...raws.keys()].sort()) out.push({ raw: path.join(dir.raw, raws.get(stem)!), gt: path.join(dir.raw, raws.get(stem)!) });
    return out;
  }
  const gtDir = dir.gt;
  const [raws, gts] = await Promise.all([listTiffs(dir.raw, `${kind}_data_dir.raw`), listTiffs(gtDir, `${kind}_data_dir.gt`)]);
  if (raws.size === 0) throw new InputError(`${kind}_data_dir.raw ${dir.raw} holds no .tif or .tiff files`);
  const missingGt = [...raws.keys()].filter((stem) => !gts.has(stem));
  const missingRaw = [...gts.keys()].filter((stem) => !raws.has(stem));
  if (missingGt.length > 0 || missingRaw.length > 0) {
    const parts: string[] = [];
    if (missingGt.length > 0) parts.push(`no GT in ${gtDir} for ${missingGt.map((s) => raws.get(s)).join(', ')}`);
    if (missingRaw.length > 0) parts.push(`no raw in ${dir.raw} for ${missingRaw.map((s) => gts.get(s)).join(', ')}`);
    throw new InputError(`${kind} files are paired by name and some have no partner: ${parts.join('; ')}; rename them so raw and GT names match`);
  }
  for (const stem of [...raws.keys()].sort()) {
    out.push({ raw: path.join(dir.raw, raws.get(stem)!), gt: path.join(gtDir, gts.get(stem)!) });
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

function printPairs(io: CliIo, kind: string, pairs: readonly FilePair[], mode: string): void {
  if (mode === 'blind-spot') {
    io.stderr(`${kind} images (${pairs.length}, blind-spot: raw only):\n`);
    for (const p of pairs) io.stderr(`  ${p.raw}\n`);
    return;
  }
  io.stderr(`${kind} pairs (${pairs.length}${mode === 'noise2noise' ? ', noise2noise: two noisy recordings each' : ''}):\n`);
  for (const p of pairs) io.stderr(`  ${p.raw}  <->  ${p.gt}\n`);
}

async function loadSingle(file: string): Promise<TrainingPair> {
  const raw = await readVolume(file);
  return { raw: raw.data, gt: raw.data, shape: raw.shape, name: file };
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
    if (existing.some((n) => n.startsWith('weights_') || n === RESUME_DIR)) {
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
  await atomicWrite(path.join(dir, 'training-loss.svg'), lossCurveSvg(toLossPoints(logs), { title: `Loss per epoch (${logs[0]?.monitor === 'val_loss' ? 'training and validation' : 'training only'})` }));
}

/** Epoch logs → loss points for the diagnosis and the plot. */
function toLossPoints(logs: readonly TrainEpochLog[]): LossPoint[] {
  return logs.map((l) => ({ epoch: l.epoch, train: l.values.loss ?? NaN, ...(l.values.val_loss !== undefined ? { val: l.values.val_loss } : {}) }));
}

/** The folder a run keeps its last epoch in, for `--resume`. */
export const RESUME_DIR = 'resume';
const STATE_JSON = 'state.json';

interface ResumeState {
  format: 'bioimage-navigator/rcan-train-state';
  epoch: number;
  lr: number;
  best?: { epoch: number; value: number };
  seed: number;
  training_mode: string;
}

/** Read `resume/` and the logs of a run folder. */
async function readResumeState(dir: string): Promise<{ state: ResumeState; files: RcanModelFiles; optimizer: OptimizerStateFiles; logs: TrainEpochLog[]; checkpoints: [number, string][] }> {
  const resumeDir = path.join(dir, RESUME_DIR);
  let state: ResumeState;
  try {
    state = JSON.parse(await readFile(path.join(resumeDir, STATE_JSON), 'utf8')) as ResumeState;
  } catch {
    throw new InputError(`nothing to resume in ${dir}: ${path.join(RESUME_DIR, STATE_JSON)} is missing or unreadable (a run writes it after its first epoch)`);
  }
  const files = await readCheckpointFiles(resumeDir);
  let optimizer: OptimizerStateFiles;
  try {
    const [json, bin] = await Promise.all([readFile(path.join(resumeDir, OPTIMIZER_JSON), 'utf8'), readFile(path.join(resumeDir, OPTIMIZER_BIN))]);
    optimizer = { json, bin: new Uint8Array(bin.buffer, bin.byteOffset, bin.byteLength) };
  } catch {
    throw new InputError(`${resumeDir} has no optimizer state (${OPTIMIZER_JSON}, ${OPTIMIZER_BIN}); cannot resume`);
  }
  const rows = JSON.parse(await readFile(path.join(dir, 'training-log.json'), 'utf8').catch(() => '[]')) as Record<string, unknown>[];
  const logs: TrainEpochLog[] = [];
  const checkpoints: [number, string][] = [];
  for (const row of rows.filter((r) => Number(r.epoch) <= state.epoch)) {
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(row)) if (!['epoch', 'lr', 'seconds', 'checkpoint'].includes(k) && typeof v === 'number') values[k] = v;
    if (typeof row.checkpoint === 'string') checkpoints.push([Number(row.epoch), row.checkpoint]);
    logs.push({ epoch: Number(row.epoch), lr: Number(row.lr), values, monitor: values.val_loss !== undefined ? 'val_loss' : 'loss', improved: typeof row.checkpoint === 'string', seconds: Number(row.seconds) });
  }
  return { state, files, optimizer, logs, checkpoints };
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
