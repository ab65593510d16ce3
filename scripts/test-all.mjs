#!/usr/bin/env node
// `npm test`: every check the project has, in order, the same on a laptop and in CI.
// Runs all steps even when one fails, prints a summary with the test counts of vitest and
// Playwright, and exits non-zero on any failure.
import { spawn } from 'node:child_process';

const steps = [
  ['typecheck', ['npm', 'run', '--silent', 'typecheck']],
  ['lint', ['npm', 'run', '--silent', 'lint']],
  ['check:content', ['npm', 'run', '--silent', 'check:content']],
  ['test:unit', ['npm', 'run', '--silent', 'test:unit']],
  ['test:e2e', ['npm', 'run', '--silent', 'test:e2e']],
];

/** Run a command, mirroring its output, and return its exit status and what it printed. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('close', (status) => resolve({ status, output }));
  });
}

const plain = (s) => s.replace(/\u001b\[[0-9;]*m/g, '');
const count = (text, re) => Number(re.exec(text)?.[1] ?? 0);

/** Test counts from vitest's "Tests  3 failed | 314 passed" line or Playwright's "12 passed" lines. */
function testCounts(name, output) {
  const text = plain(output);
  if (name === 'test:unit') {
    const line = /^\s*Tests\s+(.*)$/m.exec(text)?.[1] ?? '';
    return { passed: count(line, /(\d+) passed/), failed: count(line, /(\d+) failed/), skipped: count(line, /(\d+) skipped/) };
  }
  if (name === 'test:e2e') {
    return { passed: count(text, /^\s*(\d+) passed/m), failed: count(text, /^\s*(\d+) failed/m), skipped: count(text, /^\s*(\d+) skipped/m) };
  }
  return null;
}

/**
 * The failed tests a step named, each with the first line of its error, so the summary (the part of a
 * CI log that is always kept) says which test failed and why.
 */
function failedTests(name, output) {
  const lines = plain(output).split('\n');
  const found = [];
  lines.forEach((line, i) => {
    let title = null;
    if (name === 'test:unit') title = /^ FAIL {2}(.+\S)\s*$/.exec(line)?.[1] ?? null;
    else if (name === 'test:e2e') title = /^\s+\d+\) (\[.+\] › .+\S)\s*$/.exec(line)?.[1] ?? null;
    if (title === null) return;
    title = title.replace(/\s*[─⎯]+$/, '');
    const why = lines.slice(i + 1).find((l) => l.trim() !== '' && !/^\s*[─⎯]/.test(l))?.trim() ?? '';
    const entry = `${title}${why ? ` — ${why.slice(0, 240)}` : ''}`;
    if (!found.includes(entry)) found.push(entry);
  });
  return found;
}

const only = process.argv.slice(2);
const results = [];
for (const [name, [cmd, ...args]] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { status, output } = await run(cmd, args);
  results.push({ name, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000), tests: testCounts(name, output), failed: status === 0 ? [] : failedTests(name, output) });
}

console.log('\n=== summary ===');
for (const r of results) {
  const tests = r.tests ? ` — ${r.tests.passed} passed, ${r.tests.failed} failed, ${r.tests.skipped} skipped` : '';
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)${tests}`);
  for (const f of r.failed) console.log(`       ✗ ${f}`);
}
const failedSteps = results.filter((r) => !r.ok);
const totals = results.reduce((t, r) => (r.tests ? { passed: t.passed + r.tests.passed, failed: t.failed + r.tests.failed, skipped: t.skipped + r.tests.skipped } : t), { passed: 0, failed: 0, skipped: 0 });
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.map((r) => r.name).join(', ')}`);
// A failed step without failed tests (type error, lint, content) still counts as a failure.
console.log(`tests: ${totals.passed} passed, ${totals.failed + (failedSteps.length > 0 && totals.failed === 0 ? 1 : 0)} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);
