import { ConfigError, InputError, isAbortError } from '../../util/errors';
import { runApply } from './apply-command';
import { processIo, type CliCommand, type CliIo } from './cli-io';
import { runInfo } from './info-command';
import { runInit } from './init-command';
import { useWasmBackend } from './use-wasm-backend';

/** `rcan --help`. */
export const RCAN_HELP = `usage: rcan <command> [options]

TensorFlow.js re-implementation of 3D-RCAN (Chen et al., Nature Methods 2021) for the command line.

commands:
  init     create a model folder with random weights from a config.json
  apply    restore TIFF images with a model folder (same flags as 3D-RCAN's apply.py)
  info     describe a model folder
{{extra}}
Run \`rcan <command> --help\` for the options of a command. Add --verbose to see stack traces.
`;

/**
 * Commands provided by other modules, loaded only when their file exists (the training helper adds
 * `train-command.ts` → `runTrain` and `import-command.ts` → `runImport`).
 */
const OPTIONAL_COMMANDS: Record<string, { file: string; exportName: string; summary: string }> = {
  train: { file: './train-command', exportName: 'runTrain', summary: 'train a model from a config.json (like train.py)' },
  import: { file: './import-command', exportName: 'runImport', summary: 'convert a Keras .hdf5 checkpoint to a model folder' },
  export: { file: './export-command', exportName: 'runExport', summary: 'write a model as a Keras .hdf5 checkpoint for the original 3D-RCAN' },
  classical: { file: './classical-command', exportName: 'runClassicalCommand', summary: 'Gaussian, median or Richardson–Lucy baselines, ranked against GT' },
};

async function loadOptionalCommand(name: string): Promise<CliCommand | undefined> {
  const entry = OPTIONAL_COMMANDS[name];
  if (!entry) return undefined;
  // A variable specifier keeps the type checker from requiring the file before it is merged.
  const specifier: string = entry.file;
  try {
    const module = (await import(specifier)) as Record<string, unknown>;
    const run = module[entry.exportName];
    return typeof run === 'function' ? (run as CliCommand) : undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

const BUILT_IN: Record<string, CliCommand> = { init: runInit, apply: runApply, info: runInfo };

/**
 * Run the `rcan` CLI.
 * @param argv - arguments after the program name, e.g. `['apply', '-m', 'model', …]`
 * @param io - output streams; @default the process's stdout/stderr
 * @returns exit code: 0 ok, 2 usage or config error, 1 anything else
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  const verbose = rest.includes('--verbose');
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const extra: string[] = [];
    for (const name of Object.keys(OPTIONAL_COMMANDS)) {
      if (await loadOptionalCommand(name)) extra.push(`  ${name.padEnd(8)} ${OPTIONAL_COMMANDS[name]!.summary}`);
    }
    io.stdout(RCAN_HELP.replace('{{extra}}', extra.join('\n')));
    return command === undefined ? 2 : 0;
  }
  try {
    const run = BUILT_IN[command] ?? (await loadOptionalCommand(command));
    if (!run) throw new ConfigError(`unknown command "${command}"; expected one of ${[...Object.keys(BUILT_IN), ...Object.keys(OPTIONAL_COMMANDS)].join(', ')} (see \`rcan --help\`)`);
    // Importing the wasm backend makes it tfjs's preferred backend, so select it before any tensor.
    if (!rest.includes('--help') && !rest.includes('-h')) await useWasmBackend();
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
