import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../../util/errors';

/**
 * `node:util` parseArgs in strict mode, with its errors turned into one-line {@link ConfigError}s
 * (exit code 2) that name the command's `--help`.
 * @param command - subcommand name for messages
 * @param argv - arguments after the subcommand
 * @param options - parseArgs option table
 * @returns parsed values and positionals
 * @throws ConfigError for unknown flags, missing values or stray positionals
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(command: string, argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!.replace(/^./, (c) => c.toLowerCase());
    throw new ConfigError(`${message}; see \`rcan ${command} --help\``);
  }
}

/**
 * Parse "Z,Y,X" (or "Y,X") into integers.
 * @param flag - flag name for messages
 * @param text - the value
 * @param min - smallest allowed entry
 * @returns the numbers
 * @throws ConfigError when an entry is not an integer ≥ min
 */
export function parseShapeFlag(flag: string, text: string, min: number): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.length < 2 || parts.length > 3 || values.some((v) => !Number.isInteger(v) || v < min)) {
    throw new ConfigError(`${flag} must be 2 or 3 comma-separated integers >= ${min} (Y,X or Z,Y,X), got "${text}"`);
  }
  return values;
}

/**
 * Parse a number flag within bounds.
 * @throws ConfigError when not a number in [min, max]
 */
export function parseNumberFlag(flag: string, text: string, min: number, max: number, integer = false): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new ConfigError(`${flag} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got "${text}"`);
  }
  return value;
}
