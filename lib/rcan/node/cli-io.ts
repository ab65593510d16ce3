/** Where a command writes: stdout for results (JSON), stderr for progress and errors. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal: progress may redraw one line with `\r`. */
  stderrIsTty: boolean;
}

/**
 * A subcommand: parses its own arguments (everything after the subcommand name) and returns an exit
 * code. Throw `ConfigError` for bad flags/config (exit 2), `InputError` for unusable files (exit 1).
 * `rcan train` and `rcan import` plug in with this signature (`runTrain`, `runImport`).
 */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

/** The process's streams as a {@link CliIo}. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: Boolean(process.stderr.isTTY),
  };
}
