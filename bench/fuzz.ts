// Full fuzz run (issue 14): `npm run bench -- fuzz` or `npx tsx bench/fuzz.ts [count] [seed]`.
// Feeds `count` (default 10,000) seeded hostile inputs of every kind (TIFF, PNG, model folders, Keras
// HDF5, config.json, answers files, URL states) to the entry points the CLIs and pages use, and
// prints JSON figures: inputs per kind and outcome, contract violations, slowest inputs, peak memory.
// Not a pass/fail test (the 500-input slice in test/fuzz is); exits 1 when any input broke the contract.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

import { loadKnowledgeBase } from '../lib/knowledge/load';
import { makeKerasRcan, writeKerasRcanHdf5 } from '../test/helpers/keras-rcan-hdf5';
import { generateInputs, loadSeeds } from '../test/fuzz/generate';
import { FUZZ_MAX_ALLOCATION_BYTES, FUZZ_MAX_DECODED_BYTES, FUZZ_MAX_MS, leftoverFiles, runFuzzInput, type FuzzOutcome } from '../test/fuzz/run-input';

const count = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? 20261206);

await tf.setBackend('cpu');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'fuzz-full-'));
const hdf5File = path.join(scratch, 'seed.hdf5');
await writeKerasRcanHdf5(hdf5File, makeKerasRcan({ ndim: 3, C: 4, r: 2, G: 1, B: 1 }, 5), [8, 16, 16]);
const seeds = loadSeeds(new Uint8Array(readFileSync(hdf5File)));
rmSync(hdf5File);
const ctx = { scratch, questions: loadKnowledgeBase().questions };

for (const input of generateInputs(seeds, 1, 20)) await runFuzzInput(input, ctx);
const outcomes: FuzzOutcome[] = [];
process.on('SIGTERM', () => {
  process.stderr.write(`fuzz: stopped during ${process.env.FUZZ_CURRENT}\n`);
  process.exit(143);
});
let peakRss = 0;
let peakArrayBuffers = 0;
const started = performance.now();
for (const input of generateInputs(seeds, seed, count)) {
  // Progress on stderr, and the input about to run, so a hang names its input.
  if (input.id % 500 === 0) process.stderr.write(`fuzz: ${input.id}/${count} after ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  process.env.FUZZ_CURRENT = `#${input.id} ${input.recipe}`;
  // A synchronous hang cannot be interrupted in-process: the last line of this file names it.
  if (process.env.FUZZ_TRACE) writeFileSync(process.env.FUZZ_TRACE, `${process.env.FUZZ_CURRENT}\n`);
  outcomes.push(await runFuzzInput(input, ctx));
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakArrayBuffers = Math.max(peakArrayBuffers, m.arrayBuffers);
}
const seconds = (performance.now() - started) / 1000;
const leftovers = leftoverFiles(scratch);
rmSync(scratch, { recursive: true, force: true });

const byKind: Record<string, Record<string, number>> = {};
for (const o of outcomes) {
  byKind[o.kind] ??= { accepted: 0, refused: 0, violation: 0 };
  byKind[o.kind]![o.result]!++;
}
const exitCodes: Record<string, number> = {};
for (const o of outcomes) exitCodes[String(o.exitCode)] = (exitCodes[String(o.exitCode)] ?? 0) + 1;
const sorted = [...outcomes].sort((a, b) => b.ms - a.ms);
const violations = outcomes.filter((o) => o.result === 'violation');
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((1 - p) * sorted.length))]!.ms;
console.log(JSON.stringify({
  inputs: outcomes.length,
  seed,
  limits: { ms: FUZZ_MAX_MS, decodedBytes: FUZZ_MAX_DECODED_BYTES, allocationBytes: FUZZ_MAX_ALLOCATION_BYTES },
  byKind,
  exitCodes,
  violations: violations.length,
  violationExamples: violations.slice(0, 10).map((o) => `#${o.id} ${o.recipe}: ${o.violation} (${o.message ?? ''})`),
  slowest: sorted.slice(0, 5).map((o) => ({ id: o.id, recipe: o.recipe, ms: Number(o.ms.toFixed(1)), result: o.result })),
  msP50: Number(q(0.5).toFixed(2)),
  msP99: Number(q(0.99).toFixed(2)),
  maxAllocatedBytes: Math.max(...outcomes.map((o) => o.allocated)),
  peakRssMB: Math.round(peakRss / 2 ** 20),
  peakArrayBuffersMB: Math.round(peakArrayBuffers / 2 ** 20),
  leftoverFiles: leftovers.length,
  seconds: Number(seconds.toFixed(1)),
}, null, 2));
process.exit(violations.length > 0 || leftovers.length > 0 ? 1 : 0);
