// Third-party tools for interop tests. Locally, a group whose tool is missing skips with the reason
// in its title. Under CI=true a missing tool is a FAILURE (`skipWithout` registers a failing test
// naming the tool): CI installs the tools (.ci/run), so an interop check can never go quietly green.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'vitest';

/** True under CI (`CI=true` or `CI=1`): interop tests may not skip. */
export const STRICT_TOOLS = process.env.CI === 'true' || process.env.CI === '1';

/**
 * The skip condition for a test or group that needs a third-party tool:
 * `describe.skipIf(skipWithout(ok, 'python3-tifffile'))(…)`. Returns false when the tool is there.
 * When it is missing it returns true, and under CI=true it also registers a failing test that names
 * the missing tool, so the run fails instead of skipping.
 *
 * @param available - whether the tool was found
 * @param what - the tool, as the failure and skip should name it (a Debian package name helps)
 */
export function skipWithout(available: boolean, what: string): boolean {
  if (available) return false;
  if (STRICT_TOOLS) {
    it(`has ${what} installed (interop tests may not skip under CI=true)`, () => {
      throw new Error(`${what} is not available, and under CI=true an interoperability test may not skip; install it (.ci/run installs the Debian packages)`);
    });
  }
  return true;
}

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

/** True when headless ImageJ 1.x can run (`imagej` launcher, `xvfb-run`, and `flock` to run one at a time). */
export function hasImagej(): boolean {
  return existsSync('/usr/bin/imagej') && existsSync('/usr/bin/xvfb-run') && existsSync('/usr/bin/flock');
}

/**
 * Run an ImageJ macro file headless; returns the process result.
 *
 * Runs are serialised across vitest's worker processes with flock(1): two `xvfb-run -a` started together
 * can pick the same display, and Debian's `imagej` launcher picks its socket port without locking ("not
 * synchronised"), so a second ImageJ on the same port hands its macro to the first and exits. Either
 * made a test fail at random when two test files ran ImageJ at once.
 */
export function runImagejMacro(macroPath: string, timeoutMs = 120_000) {
  const lock = path.join(os.tmpdir(), 'bioimage-navigator-imagej.lock');
  return spawnSync('flock', ['-w', String(Math.ceil(timeoutMs / 1000)), lock, 'xvfb-run', '-a', '/usr/bin/imagej', '-b', macroPath], { encoding: 'utf8', timeout: 2 * timeoutMs });
}

/** The title suffix for a test group that needs a tool, naming why it is skipped when absent. */
export function needs(available: boolean, what: string): string {
  return available ? `(uses ${what})` : `(SKIPPED: ${what} not available)`;
}
