import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, InputError } from '../../util/errors';
import type { CliIo } from './cli-io';
import { EXPORT_ONNX_HELP } from './export-onnx-help';
import { readCheckpointFiles, resolveModelFolder } from './model-folder';
import { rcanToOnnx } from './onnx/rcan-to-onnx';
import { parseCommandArgs } from './parse-command-args';

export { EXPORT_ONNX_HELP };

/**
 * `rcan export --format onnx`: write the checkpoint apply would use as an `.onnx` file.
 * @param argv - arguments after `export`
 * @param io - output streams
 * @returns exit code
 */
export async function runExportOnnx(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('export', argv, {
    model_dir: { type: 'string', short: 'm' },
    output: { type: 'string', short: 'o' },
    format: { type: 'string' },
    layout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    verbose: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(EXPORT_ONNX_HELP);
    return 0;
  }
  if (!values.model_dir || !values.output) throw new ConfigError('rcan export needs -m MODEL_DIR --format onnx -o MODEL.onnx; see `rcan export --help`');
  if ((values.format ?? 'onnx') !== 'onnx') throw new ConfigError(`--format ${values.format} is not written by this command; use --format onnx`);
  const layout = values.layout ?? 'conv3d';
  if (layout !== 'conv3d' && layout !== 'factorised') throw new ConfigError(`--layout must be conv3d or factorised, got "${layout}"`);
  if (existsSync(values.output)) throw new ConfigError(`${values.output} exists; choose another -o (export never overwrites a file)`);
  const folder = await resolveModelFolder(values.model_dir);
  const files = await readCheckpointFiles(folder.checkpointDir);
  let bytes: Uint8Array;
  try {
    bytes = rcanToOnnx(files, { layout, docString: `3D-RCAN checkpoint ${folder.checkpoint}; input: raw normalized with percentiles 2 and 99.9` });
  } catch (error) {
    throw new InputError(`${folder.checkpointDir}: ${(error as Error).message}`);
  }
  const temp = path.join(path.dirname(values.output), `.${path.basename(values.output)}.tmp-${process.pid}`);
  try {
    await writeFile(temp, bytes);
    await rename(temp, values.output);
  } catch (error) {
    await rm(temp, { force: true });
    throw new InputError(`cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  io.stderr(`Wrote ${values.output} (${(bytes.length / 1e6).toFixed(1)} MB, ${layout}) from ${folder.checkpointDir}\n`);
  return 0;
}
