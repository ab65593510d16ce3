import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, InputError } from '../../util/errors';
import type { CliIo } from './cli-io';
import { loadModelFolder } from './model-folder';
import { parseCommandArgs, parseShapeFlag } from './parse-command-args';
import { writeKerasHdf5 } from './write-keras-hdf5';

/** `rcan export --help`. */
export const EXPORT_HELP = `usage: rcan export -m MODEL_DIR -o weights.hdf5 [-B z,y,x]

Write a model folder's best checkpoint (or the checkpoint folder given) as a Keras .hdf5 checkpoint in
the layout the original 3D-RCAN writes (Keras 2.2.4 model.save: model_config + model_weights), so
models trained here can go back to 3D-RCAN users. Name the file weights_EEE_LOSS.hdf5 (as train.py
does) and put it in a folder of its own: apply.py picks the lowest loss in such names.

The two Lambda layers (2x-1 and 0.5x+0.5) are stored as Python 3.11 bytecode, the way Keras stores
them, so apply.py's load_model reads the file on Python 3.11; elsewhere build the model with
3D-RCAN's build_rcan and call load_weights (weights are in layer order).

  -m, --model DIR     model folder (best checkpoint) or one checkpoint folder
  -o, --output FILE   .hdf5 file to create (refused if it exists)
  -B, --block_shape   z,y,x (or y,x) input shape to store; default: config.json input_shape
  -h, --help          show this help
`;

/**
 * \`rcan export\` as a CLI command.
 * @param argv - words after \`export\`
 * @param io - output streams
 * @returns exit code 0
 * @throws ConfigError for bad arguments; InputError for an unreadable model
 */
export async function runExport(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('export', argv, {
    model: { type: 'string', short: 'm' },
    output: { type: 'string', short: 'o' },
    block_shape: { type: 'string', short: 'B' },
    help: { type: 'boolean', short: 'h' },
    verbose: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(EXPORT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new ConfigError(`unexpected argument "${positionals[0]}"; usage: rcan export -m MODEL_DIR -o weights.hdf5`);
  if (values.model === undefined) throw new ConfigError('missing -m MODEL_DIR; usage: rcan export -m MODEL_DIR -o weights.hdf5');
  if (values.output === undefined) throw new ConfigError('missing -o FILE; usage: rcan export -m MODEL_DIR -o weights.hdf5');
  const output = values.output;
  if (!/\.(hdf5|h5)$/i.test(output)) throw new ConfigError(`-o ${output} must end in .hdf5 (3D-RCAN's apply.py only looks at *.hdf5 files)`);
  if (await stat(output).then(() => true, () => false)) throw new ConfigError(`${output} already exists; choose another -o or delete it first`);
  const folderOfOutput = path.dirname(path.resolve(output));
  if (!(await stat(folderOfOutput).then((s) => s.isDirectory(), () => false))) throw new ConfigError(`folder ${folderOfOutput} does not exist; create it first or choose another -o`);

  const folder = await loadModelFolder(values.model, { trainable: false });
  const { model } = folder;
  try {
    const arch = model.architecture;
    const blockShape = values.block_shape !== undefined ? parseShapeFlag('-B/--block_shape', values.block_shape, 1) : folder.config?.input_shape;
    if (blockShape === undefined) {
      throw new ConfigError(`${folder.root}/config.json has no input_shape; pass the block shape to store with -B z,y,x (apply.py uses it as its default block)`);
    }
    if (blockShape.length !== arch.ndim) throw new ConfigError(`block shape ${blockShape.join(',')} has ${blockShape.length} axes; this model is ${arch.ndim}D`);
    const temp = path.join(path.dirname(output), `.${path.basename(output)}.tmp-${process.pid}`);
    try {
      await writeKerasHdf5(temp, model, blockShape);
      await rename(temp, output);
    } catch (error) {
      await rm(temp, { force: true });
      if (error instanceof ConfigError || error instanceof InputError) throw error;
      throw new InputError(`cannot write ${output}: ${(error as Error).message.split('\n')[0]}`);
    }
    io.stderr(
      `exported ${folder.checkpointDir} (${arch.ndim}D, C=${arch.numChannels}, G=${arch.numResidualGroups}, B=${arch.numResidualBlocks}, ` +
        `r=${arch.channelReduction}, ${model.countParams().toLocaleString('en-US')} parameters, block ${blockShape.join('x')})\nwrote ${output}\n`,
    );
    return 0;
  } finally {
    model.dispose();
  }
}
