// Feed one hostile input to the entry point the CLIs and pages use, and classify the outcome.
// Contract (issue 14): it ends in under a second, either accepted or refused with a typed error
// (InputError → exit 1, ConfigError → exit 2, as README documents for both CLIs) whose message is one
// line without a stack trace; memory stays under the declared limit; nothing is written.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { assertFiniteVolume, decodePng, decodeTiff, NotStreamableError, openTiffPlanes, sniffImageFormat, toSingleChannelVolume } from '../../lib/imaging';
import { parseRcanConfig } from '../../lib/rcan/core';
import { loadModelFolder } from '../../lib/rcan/node/model-folder';
import { readKerasHdf5 } from '../../lib/rcan/node/read-keras-hdf5';
import { ConfigError, InputError } from '../../lib/util/errors';
import { decodeAnswers } from '../../lib/wizard';
import type { QuestionSet } from '../../lib/knowledge/schema';
import type { FuzzInput } from './generate';

/** Declared limit: decoded pixels per image (decodeTiff's maxDecodedBytes in the harness). */
export const FUZZ_MAX_DECODED_BYTES = 64 * 1024 ** 2;
/** Declared limit: growth of external (ArrayBuffer) memory while one input runs. */
export const FUZZ_MAX_ALLOCATION_BYTES = 256 * 1024 ** 2;
/** Every input must end within this. */
export const FUZZ_MAX_MS = 1000;

/** What one input did. */
export interface FuzzOutcome {
  id: number;
  kind: FuzzInput['kind'];
  recipe: string;
  result: 'accepted' | 'refused' | 'violation';
  /** Exit code the CLI gives for this outcome: 0 accepted, 1 InputError, 2 ConfigError. */
  exitCode: number | null;
  ms: number;
  /** ArrayBuffer growth during the input, bytes. */
  allocated: number;
  message?: string;
  /** Why the contract was broken. */
  violation?: string;
}

/** Shared context: a scratch folder (inputs that must live on disk go there) and the question set. */
export interface FuzzContext {
  scratch: string;
  questions: QuestionSet;
}

// A stack trace or a library path in a message. ConfigError may list several problems, one a line.
const STACK = /\bat .*\.(m?[jt]s|tsx?):\d+|node_modules\/|^\s+at /m;

function exitCodeOf(error: unknown): number | null {
  if (error instanceof ConfigError) return 2;
  if (error instanceof InputError) return 1;
  return null;
}

async function attempt(input: FuzzInput, ctx: FuzzContext): Promise<void> {
  switch (input.kind) {
    case 'tiff':
    case 'png': {
      const bytes = input.bytes!;
      const format = sniffImageFormat(bytes);
      if (format === 'png') {
        assertFiniteVolume(decodePng(bytes, { name: 'input', maxDecodedBytes: FUZZ_MAX_DECODED_BYTES }), 'input', 'metrics would be undefined');
        return;
      }
      if (format !== 'tiff') throw new InputError('input is neither a TIFF nor a PNG');
      // `rcan apply` first opens a TIFF with the plane reader (z-slab streaming) and reads its planes;
      // it may refuse with an InputError, or leave the file to decodeTiff (NotStreamableError), as
      // the CLI does for files up to 2 GiB; anything else is a violation.
      try {
        const reader = await openTiffPlanes({ size: bytes.length, read: async (offset, length) => bytes.slice(offset, offset + length) }, { name: 'input' });
        toSingleChannelVolume({ ...reader.info, data: new Uint8Array(0) }, { name: 'input' });
        for (let p = 0; p < reader.info.planes; p++) await reader.readPlane(p);
      } catch (error) {
        if (!(error instanceof NotStreamableError || error instanceof InputError)) throw error;
      }
      const volume = toSingleChannelVolume(decodeTiff(bytes, { name: 'input', maxDecodedBytes: FUZZ_MAX_DECODED_BYTES }), { name: 'input' });
      assertFiniteVolume(volume, 'input', "3D-RCAN's output would be NaN everywhere");
      return;
    }
    case 'model': {
      const dir = path.join(ctx.scratch, `model-${input.id}`, 'weights_000_inf');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'model.json'), input.model!.modelJson);
      writeFileSync(path.join(dir, 'weights.bin'), input.model!.weightsBin);
      try {
        const folder = await loadModelFolder(path.dirname(dir), { trainable: false });
        folder.model.dispose();
      } finally {
        rmSync(path.dirname(dir), { recursive: true, force: true });
      }
      return;
    }
    case 'hdf5': {
      const file = path.join(ctx.scratch, `in-${input.id}.hdf5`);
      writeFileSync(file, input.bytes!);
      try {
        await readKerasHdf5(file);
      } finally {
        rmSync(file, { force: true });
      }
      return;
    }
    case 'config': {
      // As `rcan train`/`rcan init` read it: invalid JSON and invalid keys are config errors.
      let json: unknown;
      try {
        json = JSON.parse(input.text!);
      } catch (error) {
        throw new ConfigError(`config.json is not valid JSON: ${(error as Error).message}`);
      }
      parseRcanConfig(json);
      return;
    }
    case 'answers': {
      const file = path.join(ctx.scratch, `answers-${input.id}.json`);
      writeFileSync(file, input.text!);
      try {
        const { main } = await import('../../lib/cli/navigator');
        let err = '';
        const code = await main(['recommend', file], { stdout: () => {}, stderr: (t: string) => void (err += t) });
        if (code === 2) throw new ConfigError(err.trim());
        if (code === 1) throw new InputError(err.trim());
        if (code !== 0) throw new Error(`navigator recommend exited ${code}: ${err}`);
      } finally {
        rmSync(file, { force: true });
      }
      return;
    }
    case 'url': {
      const result = decodeAnswers(input.text!, ctx.questions);
      if (!result.ok && (typeof result.message !== 'string' || STACK.test(result.message))) throw new Error(`decodeAnswers gave an unusable message: ${String(result.message)}`);
      return;
    }
  }
}

/**
 * Run one input and check the contract.
 * @param input - from generateInputs
 * @param ctx - scratch folder and question set
 * @returns the outcome; `result: 'violation'` names what broke
 */
export async function runFuzzInput(input: FuzzInput, ctx: FuzzContext): Promise<FuzzOutcome> {
  const before = process.memoryUsage().arrayBuffers;
  const start = performance.now();
  let outcome: Omit<FuzzOutcome, 'ms' | 'allocated'>;
  try {
    await attempt(input, ctx);
    outcome = { id: input.id, kind: input.kind, recipe: input.recipe, result: 'accepted', exitCode: 0 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const exitCode = exitCodeOf(error);
    const violation = exitCode === null ? `untyped ${error instanceof Error ? error.name : typeof error}` : STACK.test(message) || (exitCode === 1 && message.includes('\n')) ? 'message has a stack trace (or an InputError has several lines)' : undefined;
    outcome = { id: input.id, kind: input.kind, recipe: input.recipe, result: violation ? 'violation' : 'refused', exitCode, message: message.slice(0, 300), ...(violation ? { violation } : {}) };
  }
  const ms = performance.now() - start;
  const allocated = Math.max(0, process.memoryUsage().arrayBuffers - before);
  const result: FuzzOutcome = { ...outcome, ms, allocated };
  if (result.result !== 'violation') {
    if (ms > FUZZ_MAX_MS) Object.assign(result, { result: 'violation', violation: `took ${ms.toFixed(0)} ms` });
    else if (allocated > FUZZ_MAX_ALLOCATION_BYTES) Object.assign(result, { result: 'violation', violation: `allocated ${allocated} bytes` });
  }
  return result;
}

/** Files left in the scratch folder (the harness's own inputs are removed; nothing else may appear). */
export function leftoverFiles(scratch: string): string[] {
  return readdirSync(scratch);
}
