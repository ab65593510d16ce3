#!/usr/bin/env node
// `npm run bench [-- name …]`: run bench/<name>.ts (all benchmarks when no name is given).
// Benchmarks print figures (JSON); they never pass or fail on time.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const available = readdirSync('bench').filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
let status = 0;
for (const name of wanted.length > 0 ? wanted : available) {
  console.error(`# bench ${name}`);
  const r = spawnSync('npx', ['tsx', `bench/${name}.ts`], { stdio: 'inherit' });
  if (r.status !== 0) status = 1;
}
process.exit(status);
