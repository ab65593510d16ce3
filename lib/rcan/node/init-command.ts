import { readdir, readFile } from 'node:fs/promises';
import { ConfigError, InputError } from '../../util/errors';
import { architectureFromConfig, buildRcan, checkpointName, countParams, defaultInputShape, parseRcanConfig } from '../core';
import type { CliIo } from './cli-io';
import { saveCheckpoint, writeModelConfig } from './model-folder';
import { parseCommandArgs, parseNumberFlag } from './parse-command-args';

import { INIT_HELP } from './init-help';

export { INIT_HELP };

/**
 * `rcan init`: write a random model folder.
 * @param argv - arguments after `init`
 * @param io - output streams
 * @returns exit code
 */
export async function runInit(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('init', argv, {
    config: { type: 'string', short: 'c' },
    output: { type: 'string', short: 'o' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    verbose: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(INIT_HELP);
    return 0;
  }
  if (!values.config || !values.output) throw new ConfigError('rcan init needs -c CONFIG.json and -o MODEL_DIR; see `rcan init --help`');
  const seed = values.seed === undefined ? 0 : parseNumberFlag('--seed', values.seed, 0, 2 ** 32 - 1, true);
  const config = await readInitConfig(values.config);
  const existing = await readdir(values.output).catch(() => [] as string[]);
  if (existing.some((name) => name.startsWith('weights_'))) {
    throw new InputError(`${values.output} already holds checkpoints; choose a new folder for rcan init`);
  }
  const architecture = architectureFromConfig(config);
  const model = buildRcan(architecture, { seed });
  try {
    await writeModelConfig(values.output, config);
    const dir = await saveCheckpoint(values.output, checkpointName(0, Infinity), model);
    io.stderr(`created ${dir} (${architecture.ndim}D, ${countParams(architecture).toLocaleString('en-US')} parameters, patch ${(config.input_shape as number[]).join('x')})\n`);
  } finally {
    model.dispose();
  }
  return 0;
}

/**
 * Read and validate a config for `init`: the full 3D-RCAN schema, except that training data may be
 * absent. `input_shape` defaults to the training default (16,256,256).
 */
async function readInitConfig(file: string): Promise<Record<string, unknown> & { input_shape: number[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(`config file ${file} not found or unreadable; pass an existing config.json with -c`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON (${(error as Error).message.split('\n')[0]}); fix the syntax, e.g. use false not False`);
  }
  const hasData = typeof json === 'object' && json !== null && ('training_data_dir' in json || 'training_image_pairs' in json);
  // A placeholder pair satisfies the schema's "training data required" rule; it is not stored.
  const parsed = parseRcanConfig(hasData ? json : { ...(json as object), training_image_pairs: [{ raw: '-', gt: '-' }] }) as Record<string, unknown>;
  if (!hasData) delete parsed.training_image_pairs;
  const inputShape = (parsed.input_shape as number[] | undefined) ?? defaultInputShape(3);
  return { ...parsed, input_shape: inputShape };
}
