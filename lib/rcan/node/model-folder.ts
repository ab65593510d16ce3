import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../util/errors';
import { releaseTemp, sweepStaleTemps, tempPathFor, trackTemp, writeFileAtomic } from './safe-output';
import {
  deserializeRcan, selectBestCheckpoint, serializeRcan, WEIGHTS_FILE,
  type BuildRcanOptions, type RcanModel, type RcanModelFiles,
} from '../core';

/** `config.json` of a model folder: the 3D-RCAN training keys, with `input_shape` after clipping. */
export type ModelFolderConfig = Record<string, unknown> & { input_shape?: number[] };

/** A model folder resolved to its best checkpoint. */
export interface ResolvedModelFolder {
  /** The model folder (holds `config.json`). */
  root: string;
  /** Parsed `config.json`, or undefined when the folder has none. */
  config: ModelFolderConfig | undefined;
  /** Chosen checkpoint name, e.g. `weights_012_0.02345678`. */
  checkpoint: string;
  /** All checkpoint names found, sorted. */
  checkpoints: string[];
  /** Folder of the chosen checkpoint (holds `model.json` and `weights.bin`). */
  checkpointDir: string;
}

const MODEL_JSON = 'model.json';
const CONFIG_JSON = 'config.json';

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

/**
 * Find the checkpoint to use in a model folder: the sub-folder with a `model.json` and the lowest
 * loss in its name (spec §3.3). `dir` may also be a checkpoint folder itself.
 * @param dir - model folder or checkpoint folder
 * @returns the resolved paths and config
 * @throws InputError when the folder is missing or holds no checkpoint
 */
export async function resolveModelFolder(dir: string): Promise<ResolvedModelFolder> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new InputError(`model folder ${dir} does not exist; pass the folder written by \`rcan init\` or \`rcan train\` with -m`);
  if (await exists(path.join(dir, MODEL_JSON))) {
    const root = path.dirname(path.resolve(dir));
    const name = path.basename(path.resolve(dir));
    return { root, config: await readConfig(root), checkpoint: name, checkpoints: [name], checkpointDir: path.resolve(dir) };
  }
  const entries = await readdir(dir, { withFileTypes: true });
  const checkpoints: string[] = [];
  for (const e of entries) {
    if (e.isDirectory() && (await exists(path.join(dir, e.name, MODEL_JSON)))) checkpoints.push(e.name);
  }
  checkpoints.sort();
  const best = selectBestCheckpoint(checkpoints);
  if (best === undefined) {
    const hdf5 = entries.some((e) => e.name.endsWith('.hdf5'));
    throw new InputError(`no checkpoint (sub-folder with ${MODEL_JSON}) in ${dir}${hdf5 ? '; it holds .hdf5 files: convert them with `rcan import`' : '; create one with `rcan init` or `rcan train`'}`);
  }
  return { root: path.resolve(dir), config: await readConfig(dir), checkpoint: best, checkpoints, checkpointDir: path.resolve(dir, best) };
}

async function readConfig(root: string): Promise<ModelFolderConfig | undefined> {
  const file = path.join(root, CONFIG_JSON);
  if (!(await exists(file))) return undefined;
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ModelFolderConfig;
  } catch {
    throw new InputError(`${file} is not valid JSON; fix or delete it`);
  }
}

/**
 * Read a checkpoint's files.
 * @param checkpointDir - folder with `model.json` and `weights.bin`
 * @returns the bytes and JSON text
 * @throws InputError when a file is missing
 */
export async function readCheckpointFiles(checkpointDir: string): Promise<RcanModelFiles> {
  try {
    const [modelJson, weights] = await Promise.all([readFile(path.join(checkpointDir, MODEL_JSON), 'utf8'), readFile(path.join(checkpointDir, WEIGHTS_FILE))]);
    return { modelJson, weightsBin: new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength) };
  } catch (error) {
    throw new InputError(`cannot read checkpoint ${checkpointDir}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * Load the best checkpoint of a model folder.
 * @param dir - model folder or checkpoint folder
 * @param options - build options
 * @returns the model and where it came from
 * @throws InputError for a missing or unreadable folder or checkpoint
 */
export async function loadModelFolder(dir: string, options: BuildRcanOptions = {}): Promise<ResolvedModelFolder & { model: RcanModel; files: RcanModelFiles }> {
  const resolved = await resolveModelFolder(dir);
  const files = await readCheckpointFiles(resolved.checkpointDir);
  let model: RcanModel;
  try {
    model = deserializeRcan(files, options);
  } catch (error) {
    throw new InputError(`checkpoint ${resolved.checkpointDir} is unusable: ${(error as Error).message}`);
  }
  return { ...resolved, model, files };
}

/**
 * Write one checkpoint folder atomically (a temporary folder renamed into place).
 * @param root - model folder
 * @param name - checkpoint name, see `checkpointName`
 * @param model - the model to save
 * @param extraFiles - more files to put in the folder (name → content)
 * @returns the checkpoint folder
 */
export async function saveCheckpoint(root: string, name: string, model: RcanModel, extraFiles: Record<string, string | Uint8Array> = {}): Promise<string> {
  const files = serializeRcan(model);
  const target = path.join(root, name);
  const temp = tempPathFor(target);
  await sweepStaleTemps(root);
  trackTemp(temp);
  try {
    await mkdir(temp, { recursive: true });
    await writeFile(path.join(temp, MODEL_JSON), files.modelJson);
    await writeFile(path.join(temp, WEIGHTS_FILE), files.weightsBin);
    // e.g. optimizer.json / optimizer.bin (resumable checkpoints), state.json
    for (const [file, content] of Object.entries(extraFiles)) await writeFile(path.join(temp, file), content);
    await rm(target, { recursive: true, force: true });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  } finally {
    releaseTemp(temp);
  }
  return target;
}

/**
 * Write `config.json` of a model folder (creating the folder).
 * @param root - model folder
 * @param config - the config to store
 */
export async function writeModelConfig(root: string, config: ModelFolderConfig): Promise<void> {
  await mkdir(root, { recursive: true });
  await writeFileAtomic(path.join(root, CONFIG_JSON), `${JSON.stringify(config, null, 2)}\n`);
}
