import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, InputError } from '../../util/errors';
import type { CliIo } from './cli-io';
import { loadModelFolder } from './model-folder';
import { parseCommandArgs, parseShapeFlag } from './parse-command-args';
import { writeKerasHdf5 } from './write-keras-hdf5';
import { EXPORT_HELP } from './export-help';

export { EXPORT_HELP };


/**
 * \`rcan export\` as a CLI command.
 * @param argv - words after \`export\`
 * @param io - output streams
 * @returns exit code 0
 * @throws ConfigError for bad arguments; InputError for an unreadable model
 */
export async function runExport(argv: string[], io: CliIo): Promise<number> {
  if (wantsOnnx(argv)) {
    const { runExportOnnx } = await import('./export-onnx-command');
    return runExportOnnx(argv, io);
  }
  const { values, positionals } = parseCommandArgs('export', argv, {
    model_dir: { type: 'string', short: 'm' },
    format: { type: 'string' },
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
  if (values.format !== undefined && values.format !== 'keras') throw new ConfigError(`--format must be keras (.hdf5) or onnx, got "${values.format}"`);
  if (values.model_dir === undefined) throw new ConfigError('missing -m MODEL_DIR; usage: rcan export -m MODEL_DIR -o weights.hdf5');
  if (values.output === undefined) throw new ConfigError('missing -o FILE; usage: rcan export -m MODEL_DIR -o weights.hdf5');
  const output = values.output;
  if (!/\.(hdf5|h5)$/i.test(output)) throw new ConfigError(`-o ${output} must end in .hdf5 (3D-RCAN's apply.py only looks at *.hdf5 files)`);
  if (await stat(output).then(() => true, () => false)) throw new ConfigError(`${output} already exists; choose another -o or delete it first`);
  const folderOfOutput = path.dirname(path.resolve(output));
  if (!(await stat(folderOfOutput).then((s) => s.isDirectory(), () => false))) throw new ConfigError(`folder ${folderOfOutput} does not exist; create it first or choose another -o`);

  const folder = await loadModelFolder(values.model_dir, { trainable: false });
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

/** `--format onnx`, or an output named `*.onnx` without a format, goes to the ONNX writer. */
function wantsOnnx(argv: readonly string[]): boolean {
  const valueOf = (...flags: string[]) => {
    for (let i = 0; i < argv.length; i++) {
      const word = argv[i]!;
      for (const flag of flags) {
        if (word === flag) return argv[i + 1];
        if (word.startsWith(`${flag}=`)) return word.slice(flag.length + 1);
      }
    }
    return undefined;
  };
  const format = valueOf('--format');
  if (format !== undefined) return format === 'onnx';
  return /\.onnx$/i.test(valueOf('-o', '--output') ?? '');
}
