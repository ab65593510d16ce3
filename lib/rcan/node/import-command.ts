import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, InputError } from '../../util/errors';
import { assignWeights, buildRcan, inferArchitecture } from '../core';
import type { CliIo } from './cli-io';
import { saveCheckpoint, writeModelConfig } from './model-folder';
import { parseCommandArgs } from './parse-command-args';
import { readKerasHdf5 } from './read-keras-hdf5';

/** Parsed arguments of `rcan import`. */
export interface ImportArgs {
  /** The original 3D-RCAN checkpoint (`weights_EEE_LOSS.hdf5`). */
  input: string;
  /** Model folder to create or add to. */
  output: string;
}

/** What {@link importKerasCheckpoint} wrote. */
export interface ImportResult {
  /** The checkpoint folder inside the model folder. */
  checkpointDir: string;
  /** The `config.json` keys written. */
  config: Record<string, unknown>;
}

import { IMPORT_HELP } from './import-help';

export { IMPORT_HELP };

/**
 * \`rcan import\` as a CLI command.
 * @param argv - Words after \`import\`.
 * @param io - Output streams.
 * @returns Exit code 0.
 * @throws ConfigError for bad arguments; InputError for an unreadable or unexpected file.
 */
export async function runImport(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(IMPORT_HELP);
    return 0;
  }
  await importKerasCheckpoint(parseImportArgs(argv), (text) => io.stderr(text));
  return 0;
}

/**
 * Convert a checkpoint written by the original 3D-RCAN (Keras 2.2.4
 * HDF5, rcan-spec §1.10) into a model folder that `rcan apply` reads. Weights are assigned by layer
 * order, not by name; C, B, G and r are inferred from the kernel shapes; the input (block) shape comes
 * from `model_config` when stored. The checkpoint sub-folder keeps the file's base name, so
 * `weights_012_0.02345678.hdf5` becomes `dir/weights_012_0.02345678/`.
 * @param args - The .hdf5 file and the model folder.
 * @param log - Receives the summary lines.
 * @returns Where the model was written.
 * @throws InputError for an unreadable or unexpected file.
 */
export async function importKerasCheckpoint(args: ImportArgs, log: (text: string) => void = () => {}): Promise<ImportResult> {
  const { input, output } = args;
  const keras = await readKerasHdf5(input);

  const arrays: Float32Array[] = [];
  const shapes: number[][] = [];
  for (const layer of keras.layers) {
    const kernel = layer.weights.find((w) => /kernel/.test(w.name)) ?? layer.weights[0];
    const bias = layer.weights.find((w) => /bias/.test(w.name)) ?? layer.weights[1];
    if (layer.weights.length !== 2 || kernel === undefined || bias === undefined || kernel === bias) {
      throw new InputError(
        `${input}: layer "${layer.name}" has ${layer.weights.length} weights (${layer.weights.map((w) => w.name).join(', ')}); a 3D-RCAN has only convolutions with a kernel and a bias`,
      );
    }
    if (bias.shape.length !== 1 || bias.shape[0] !== kernel.shape[kernel.shape.length - 1]) {
      throw new InputError(`${input}: layer "${layer.name}" has bias shape [${bias.shape.join(', ')}] for kernel [${kernel.shape.join(', ')}]`);
    }
    shapes.push(kernel.shape);
    arrays.push(kernel.data, bias.data);
  }
  let architecture;
  try {
    architecture = inferArchitecture(shapes);
  } catch (error) {
    throw new InputError(`${input} does not hold a 3D-RCAN: ${(error as Error).message}`);
  }
  if (keras.inputShape && keras.inputShape.length !== architecture.ndim) {
    throw new InputError(`${input}: model_config input shape [${keras.inputShape.join(', ')}] does not match ${architecture.ndim}D kernels`);
  }

  const model = buildRcan(architecture, { trainable: false });
  try {
    assignWeights(model, arrays);
    const config: Record<string, unknown> = {
      ...(keras.inputShape ? { input_shape: keras.inputShape } : {}),
      num_channels: architecture.numChannels,
      num_residual_blocks: architecture.numResidualBlocks,
      num_residual_groups: architecture.numResidualGroups,
      channel_reduction: architecture.channelReduction,
    };
    await mkdir(output, { recursive: true });
    await writeModelConfig(output, config);
    const name = path.basename(input).replace(/\.(hdf5|h5|keras)$/i, '');
    const checkpointDir = await saveCheckpoint(output, name, model);
    log(
      `imported ${shapes.length} convolutions from ${input}: ${architecture.ndim}D, C=${architecture.numChannels}, ` +
        `G=${architecture.numResidualGroups}, B=${architecture.numResidualBlocks}, r=${architecture.channelReduction}, ` +
        `${model.countParams().toLocaleString('en-US')} parameters` +
        (keras.inputShape ? `, block shape ${keras.inputShape.join('x')}` : ', no input shape stored (pass -B to rcan apply)') +
        `\nwrote ${checkpointDir}\n`,
    );
    return { checkpointDir, config };
  } finally {
    model.dispose();
  }
}

/**
 * Parse `rcan import` words.
 * @param argv - Words after `import`.
 * @returns The input file and output folder.
 * @throws ConfigError with the usage line.
 */
export function parseImportArgs(argv: string[]): ImportArgs {
  const parsed = parseCommandArgs('import', argv, { output: { type: 'string', short: 'o' }, verbose: { type: 'boolean' } }, true);
  const [input, ...extra] = parsed.positionals;
  if (input === undefined) throw new ConfigError('missing the .hdf5 file to import; usage: rcan import MODEL.hdf5 -o MODEL_DIR');
  if (extra.length > 0) throw new ConfigError(`expected one .hdf5 file, got ${parsed.positionals.length}; usage: rcan import MODEL.hdf5 -o MODEL_DIR`);
  if (parsed.values.output === undefined) throw new ConfigError('missing -o MODEL_DIR; usage: rcan import MODEL.hdf5 -o MODEL_DIR');
  return { input, output: parsed.values.output };
}
