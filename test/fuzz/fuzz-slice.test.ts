// The CI slice of the fuzz harness: 500 seeded hostile inputs of every kind (the full 10,000-input run
// is `npm run bench -- fuzz`, figures in bench/RESULTS.md). Every input must end in under a second,
// accepted or refused with a typed one-line error carrying the documented exit code, within the
// declared allocation limit, and leave no file behind.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadKnowledgeBase } from '@/lib/knowledge/load';
import { generateInputs, loadSeeds } from './generate';
import { leftoverFiles, runFuzzInput, type FuzzContext, type FuzzOutcome } from './run-input';

let ctx: FuzzContext;
beforeAll(async () => {
  await tf.setBackend('cpu');
  ctx = { scratch: mkdtempSync(path.join(os.tmpdir(), 'fuzz-slice-')), questions: loadKnowledgeBase().questions };
});
afterAll(() => rmSync(ctx.scratch, { recursive: true, force: true }));

describe('fuzz slice (500 inputs, seed 14)', () => {
  it('every hostile input ends within the contract', async () => {
    const seeds = loadSeeds();
    // Warm up the decoders and the CLI module once so the first timed input is not a cold start.
    for (const input of generateInputs(seeds, 1, 10)) await runFuzzInput(input, ctx);
    const outcomes: FuzzOutcome[] = [];
    for (const input of generateInputs(seeds, 14, 500)) outcomes.push(await runFuzzInput(input, ctx));
    const violations = outcomes.filter((o) => o.result === 'violation').map((o) => `#${o.id} ${o.recipe}: ${o.violation} (${o.message ?? ''})`);
    expect(violations).toEqual([]);
    expect(outcomes).toHaveLength(500);
    // The slice really is hostile: most inputs are refused, and every kind appears.
    expect(outcomes.filter((o) => o.result === 'refused').length).toBeGreaterThan(250);
    expect(new Set(outcomes.map((o) => o.kind))).toEqual(new Set(['tiff', 'png', 'model', 'config', 'answers', 'url']));
    for (const o of outcomes) expect([0, 1, 2]).toContain(o.exitCode);
    expect(leftoverFiles(ctx.scratch)).toEqual([]);
  });
});
