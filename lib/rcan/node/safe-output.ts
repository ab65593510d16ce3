// Output safety shared by every CLI command that writes (rcan apply/init/train/import, and any new
// command): never write inside a model folder or over an input, write only regular files, write
// atomically through a temporary file that is removed on SIGINT/SIGTERM/SIGHUP, and sweep our own
// stale temporary files (left by SIGKILL or a crash) the next time we write into that folder.
import { readdirSync, rmSync } from 'node:fs';
import { readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, InputError } from '../../util/errors';

/** Our temporary names: `.<target name>.tmp-<pid>` (files and checkpoint folders alike). */
export const TEMP_PATTERN = /^\..+\.tmp-(\d+)$/;

/** The temporary path for `target`, in the same folder so the final rename is atomic. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}`);
}

/**
 * The real absolute path of `p`, resolving symlinks in the longest prefix that exists (outputs and
 * their folders may not exist yet).
 */
export async function canonicalPath(p: string): Promise<string> {
  let head = path.resolve(p);
  const tail: string[] = [];
  for (;;) {
    const real = await realpath(head).catch(() => undefined);
    if (real !== undefined) return path.join(real, ...tail.reverse());
    const parent = path.dirname(head);
    if (parent === head) return path.join(head, ...tail.reverse());
    tail.push(path.basename(head));
    head = parent;
  }
}

/**
 * The folders a model argument protects, whatever form `-m` takes: the folder itself, its parent
 * when it is a checkpoint (holds `model.json`), and the checkpoint's folder when it names a file.
 */
export async function modelFolderRoots(modelArg: string): Promise<string[]> {
  let dir = await canonicalPath(modelArg);
  const info = await stat(dir).catch(() => undefined);
  if (info?.isFile()) dir = path.dirname(dir);
  const roots = [dir];
  const isCheckpoint = await stat(path.join(dir, 'model.json')).then((s) => s.isFile(), () => false);
  if (isCheckpoint) roots.push(path.dirname(dir));
  return roots;
}

/** What {@link assertSafeOutputPath} protects. */
export interface SafeOutputOptions {
  /** Files that must never be overwritten (inputs, ground truth). */
  inputs?: readonly string[];
  /** Model folder arguments (`-m`) in any form; nothing may be written inside them. */
  modelDirs?: readonly string[];
  /** How to name the flag in messages. @default '-o' */
  flag?: string;
}

/**
 * Refuse an output path that would destroy something: an input (in any spelling, through
 * symlinks), anything inside a model folder (for every form of `-m`), or an existing path that is
 * not a regular file (a FIFO, device node, socket or folder: renaming over it would replace it).
 *
 * @param output - the file the command will write
 * @param options - inputs and model folders to protect
 * @throws ConfigError naming the conflict and what to do instead
 */
export async function assertSafeOutputPath(output: string, options: SafeOutputOptions = {}): Promise<void> {
  const flag = options.flag ?? '-o';
  const out = await canonicalPath(output);
  for (const input of options.inputs ?? []) {
    if ((await canonicalPath(input)) === out) throw new ConfigError(`output ${output} is the input file ${input}; refusing to overwrite an input, choose another ${flag}`);
  }
  for (const model of options.modelDirs ?? []) {
    for (const root of await modelFolderRoots(model)) {
      if (out === root || out.startsWith(`${root}${path.sep}`)) {
        throw new ConfigError(`output ${output} lies inside the model folder ${root}; refusing to write into a model, choose another ${flag}`);
      }
    }
  }
  const info = await stat(out).catch(() => undefined);
  if (info && !info.isFile()) {
    const what = info.isFIFO() ? 'a FIFO (named pipe)' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device node' : info.isSocket() ? 'a socket' : info.isDirectory() ? 'a folder' : 'not a regular file';
    throw new ConfigError(`output ${output} is ${what}; only regular files are written, choose another ${flag}`);
  }
}

// --- temporary files: removed on signals, swept on the next run ---------------------------------

const liveTemps = new Set<string>();
let handlersInstalled = false;

function removeLiveTemps(): void {
  for (const temp of liveTemps) rmSync(temp, { recursive: true, force: true });
  liveTemps.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  // A command that handles Ctrl-C itself (apply stops between blocks) keeps its own behaviour.
  if (signal === 'SIGINT' && process.listenerCount('SIGINT') > 1) return;
  removeLiveTemps();
  const number = signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15;
  process.exit(128 + number);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  process.on('exit', removeLiveTemps);
}

/**
 * Track a temporary file or folder until {@link releaseTemp}: it is removed if the process gets
 * SIGINT, SIGTERM or SIGHUP, or exits, before then.
 */
export function trackTemp(temp: string): void {
  installHandlers();
  liveTemps.add(temp);
}

/** Stop tracking a temporary path (it was renamed into place or removed). */
export function releaseTemp(temp: string): void {
  liveTemps.delete(temp);
}

/** True when a process with this id exists (signal 0 checks without sending anything). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove our stale temporary files and folders in `dir`: names matching {@link TEMP_PATTERN} whose
 * process is gone (SIGKILL, power loss). Other processes' live temporaries are left alone.
 *
 * @param dir - folder about to be written into
 * @returns the names removed
 */
export async function sweepStaleTemps(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_PATTERN.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await rm(path.join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Synchronous {@link sweepStaleTemps}, for exit paths. */
export function sweepStaleTempsSync(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMP_PATTERN.exec(name);
    if (match && !isAlive(Number(match[1]))) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Write a file atomically: sweep stale temporaries in its folder, refuse non-regular targets,
 * write a tracked temporary, rename it into place.
 *
 * @param file - target path
 * @param data - contents
 * @throws ConfigError when the target exists and is not a regular file; InputError when writing fails
 */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await sweepStaleTemps(path.dirname(file));
  await assertSafeOutputPath(file);
  const temp = tempPathFor(file);
  trackTemp(temp);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new InputError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    releaseTemp(temp);
  }
}
