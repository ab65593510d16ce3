// Third-party tools for interop tests. Tests that need them skip with the reason in their title when
// a tool is missing (CI installs them); they never pass silently.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Python; the pyenv `python3` on PATH lacks tifffile/numpy. */
export const PYTHON = '/usr/bin/python3';

/** True when /usr/bin/python3 can import every module named. */
export function hasPythonModules(modules: readonly string[]): boolean {
  if (!existsSync(PYTHON)) return false;
  const result = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
  return result.status === 0;
}

/**
 * Run a Python snippet with /usr/bin/python3 and return its stdout; throws with stderr on failure.
 * Extra arguments arrive in `sys.argv[1:]`.
 */
export function runPython(code: string, args: readonly string[] = []): string {
  const result = spawnSync(PYTHON, ['-c', code, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`python failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** True when headless ImageJ 1.x can run (`imagej` launcher and `xvfb-run`). */
export function hasImagej(): boolean {
  return existsSync('/usr/bin/imagej') && existsSync('/usr/bin/xvfb-run');
}

/** Run an ImageJ macro file headless; returns the process result. */
export function runImagejMacro(macroPath: string, timeoutMs = 120_000) {
  return spawnSync('xvfb-run', ['-a', '/usr/bin/imagej', '-b', macroPath], { encoding: 'utf8', timeout: timeoutMs });
}

/** The title suffix for a test group that needs a tool, naming why it is skipped when absent. */
export function needs(available: boolean, what: string): string {
  return available ? `(uses ${what})` : `(SKIPPED: ${what} not available)`;
}
