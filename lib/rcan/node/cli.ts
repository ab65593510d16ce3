import { ConfigError, InputError, isAbortError } from '../../util/errors';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processIo, type CliCommand, type CliIo } from './cli-io';

/** `rcan --help`. */
export const RCAN_HELP = `usage: rcan <command> [options]

TensorFlow.js re-implementation of 3D-RCAN (Chen et al., Nature Methods 2021) for the command line.

commands:
{{commands}}
Run \`rcan <command> --help\` for the options of a command. Add --verbose to see stack traces.
`;

/**
 * Every command, loaded only when it runs: `rcan --help` and `rcan <command> --help` import no
 * command module, so they never load TensorFlow.js, onnxruntime or h5wasm (test: cli-help.test.ts).
 * `optional` commands come from other modules and are listed only when their file exists.
 */
interface CommandEntry {
  summary: string;
  file: string;
  exportName: string;
  helpFile: string;
  helpName: string;
  optional?: boolean;
}

const COMMANDS: Record<string, CommandEntry> = {
  init: { summary: 'create a model folder with random weights from a config.json', file: './init-command', exportName: 'runInit', helpFile: './init-help', helpName: 'INIT_HELP' },
  apply: { summary: "restore TIFF images with a model folder (same flags as 3D-RCAN's apply.py)", file: './apply-command', exportName: 'runApply', helpFile: './apply-help', helpName: 'APPLY_HELP' },
  info: { summary: 'describe a model folder', file: './info-command', exportName: 'runInfo', helpFile: './info-help', helpName: 'INFO_HELP' },
  train: { summary: 'train a model from a config.json (like train.py)', file: './train-command', exportName: 'runTrain', helpFile: './train-help', helpName: 'TRAIN_HELP', optional: true },
  import: { summary: 'convert a Keras .hdf5 checkpoint to a model folder', file: './import-command', exportName: 'runImport', helpFile: './import-help', helpName: 'IMPORT_HELP', optional: true },
  export: { summary: "write a model as a Keras .hdf5 checkpoint for the original 3D-RCAN, or as ONNX (--format onnx)", file: './export-command', exportName: 'runExport', helpFile: './export-help', helpName: 'EXPORT_HELP', optional: true },
  classical: { summary: 'Gaussian, median or Richardson–Lucy baselines, ranked against ground truth', file: './classical-command', exportName: 'runClassicalCommand', helpFile: './classical-help', helpName: 'CLASSICAL_HELP', optional: true },
};

function commandExists(entry: CommandEntry): boolean {
  return !entry.optional || existsSync(fileURLToPath(new URL(`${entry.file}.ts`, import.meta.url)));
}

async function loadExport<T>(file: string, exportName: string): Promise<T | undefined> {
  // A variable specifier keeps the type checker from requiring optional files before they are merged.
  const specifier: string = file;
  try {
    const module = (await import(specifier)) as Record<string, unknown>;
    return module[exportName] as T | undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * Run the `rcan` CLI.
 * @param argv - arguments after the program name, e.g. `['apply', '-m', 'model', …]`
 * @param io - output streams; @default the process's stdout/stderr
 * @returns exit code: 0 ok, 2 usage or config error, 1 anything else
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  const verbose = rest.includes('--verbose');
  const available = Object.keys(COMMANDS).filter((name) => commandExists(COMMANDS[name]!));
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const lines = available.map((name) => `  ${name.padEnd(8)} ${COMMANDS[name]!.summary}`);
    io.stdout(RCAN_HELP.replace('{{commands}}', lines.join('\n')));
    return command === undefined ? 2 : 0;
  }
  const wantsHelp = rest.includes('--help') || rest.includes('-h');
  try {
    const entry = available.includes(command) ? COMMANDS[command] : undefined;
    if (!entry) throw new ConfigError(`unknown command "${command}"; expected one of ${available.join(', ')} (see \`rcan --help\`)`);
    if (wantsHelp) {
      const help = await loadExport<string>(entry.helpFile, entry.helpName);
      if (typeof help === 'string') {
        io.stdout(help);
        return 0;
      }
    }
    const run = await loadExport<CliCommand>(entry.file, entry.exportName);
    if (typeof run !== 'function') throw new ConfigError(`command "${command}" is not available in this build (see \`rcan --help\`)`);
    // Importing the wasm backend makes it tfjs's preferred backend, so select it before any tensor.
    if (!wantsHelp) {
      const { useWasmBackend } = await import('./use-wasm-backend');
      await useWasmBackend();
    }
    return await run(rest, io);
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    const code = err instanceof ConfigError ? 2 : 1;
    const message = isAbortError(err) ? 'cancelled' : err instanceof ConfigError || err instanceof InputError ? err.message : firstLine(err.message);
    io.stderr(`rcan ${command}: error: ${message}\n`);
    if (verbose && err.stack) io.stderr(`${err.stack}\n`);
    return code;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
