/**
 * The few domain errors the project throws on purpose. Everything else uses the built-in classes by
 * meaning (RangeError: value out of range; TypeError: wrong kind of argument), as image-js does.
 *
 * Messages are one line, start lowercase, name the problem and the fix, and never include a stack.
 */

/** A knowledge-base file failed validation. `where` is `file: path.to.field`. */
export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(
    readonly issues: readonly string[],
  ) {
    super(issues.length === 1 ? issues[0] : `${issues.length} knowledge-base problems:\n${issues.join('\n')}`);
  }
}

/** A user-supplied configuration (rcan config.json, CLI flags, URL state) is invalid. Exit code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A user-supplied input file cannot be used (corrupt TIFF, wrong shape, missing file). Exit code 1. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Build the standard cancellation error, the same name in browsers and Node. */
export function abortError(message = 'the operation was cancelled'): DOMException {
  return new DOMException(message, 'AbortError');
}

/** True for errors created by {@link abortError} or by an aborted `AbortSignal`. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
