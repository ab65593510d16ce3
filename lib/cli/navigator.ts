import { readFileSync } from 'node:fs';

import { ConfigError, InputError, KnowledgeError } from '../util/errors';
import { EXIT, printJson, processIo, type CliIo } from './io';

/**
 * The help text lives in usage.txt so the bin shim (scripts/navigator.mjs) can print it without
 * starting the TypeScript loader: `npx navigator --help` answers at Node's start-up speed.
 */
const USAGE = readFileSync(new URL('./usage.txt', import.meta.url), 'utf8').trimEnd();

type Command = (args: string[], io: CliIo) => Promise<number> | number;

/**
 * Commands are loaded lazily: `navigator --help` loads none of them (no zod schemas, no knowledge
 * base), and `navigator kb` does not pay for tfjs or the metrics.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  kb: async () => (await import('./kb-command')).kbCommand,
  check: async () => (await import('./kb-command')).checkCommand,
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
