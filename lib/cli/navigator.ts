import { ConfigError, InputError, KnowledgeError } from '../util/errors';
import { EXIT, printJson, processIo, type CliIo } from './io';
import { kbCommand, checkCommand } from './kb-command';

const USAGE = `usage: navigator <command> [options]

commands:
  kb                         print the whole validated knowledge base as JSON
  check                      validate knowledge/ (schemas, references, book links); exit 2 on problems
  search "<query>"           ranked search results as JSON (id, type, score)
  questions                  the wizard's question set (ids, options, conditions) as JSON
  recommend <answers.json>   the recommendation for an answers file as JSON
  recommend --preset <id>    the recommendation for a case-study preset
  evaluate --truth a.tif --pred b.tif [--iou 0.5] [--voxel z,y,x]
                             segmentation or restoration metrics as JSON
  segment --method otsu|li|triangle|yen|mean|pixel [--labels scribbles.tif] in.tif -o labels.tif
                             classical or pixel-classifier segmentation to a label TIFF

options: --verbose (stack traces on errors), --help`;

type Command = (args: string[], io: CliIo) => Promise<number> | number;

/** Commands are loaded lazily so `navigator kb` does not pay for tfjs or the metrics. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  kb: async () => kbCommand,
  check: async () => checkCommand,
  search: async () => (await import('./search-command')).searchCommand,
  questions: async () => (await import('./wizard-commands')).questionsCommand,
  recommend: async () => (await import('./wizard-commands')).recommendCommand,
  evaluate: async () => (await import('./evaluate-command')).runEvaluate,
  segment: async () => (await import('./segment-command')).runSegment,
};

/** Entry point of `npx navigator`. Returns the exit code: 0 ok, 2 usage or invalid content, 1 other. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const verbose = argv.includes('--verbose');
  const args = argv.filter((a) => a !== '--verbose');
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`navigator: unknown command "${name}". Run "navigator --help" for the list.\n`);
    return EXIT.usage;
  }
  try {
    return await (await load())(rest, io);
  } catch (error) {
    return reportError(error, io, verbose);
  }
}

function reportError(error: unknown, io: CliIo, verbose: boolean): number {
  const err = error instanceof Error ? error : new Error(String(error));
  if (err instanceof KnowledgeError) {
    io.stderr(`navigator: the knowledge base is invalid:\n${err.issues.join('\n')}\n`);
    return EXIT.usage;
  }
  io.stderr(`navigator: ${err.message.split('\n')[0]}\n`);
  if (verbose && err.stack) io.stderr(`${err.stack}\n`);
  return err instanceof ConfigError ? EXIT.usage : err instanceof InputError ? EXIT.failure : EXIT.failure;
}

export { printJson };
