#!/usr/bin/env node
// `npm start`: build the app when the sources are newer than the last build, then serve it on
// http://localhost:3000 (PORT overrides). Uses only what ships in the repository.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const buildId = join(root, '.next', 'BUILD_ID');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['app', 'lib', 'knowledge', 'content', 'public'].map((d) => newestMtime(join(root, d)));
const configs = ['next.config.mjs', 'package.json'].map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0));
const stale = !existsSync(buildId) || Math.max(...sources, ...configs) > statSync(buildId).mtimeMs;

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (stale) {
  console.log('Building BioImage Navigator (first start, or sources changed)…');
  run('npm', ['run', '--silent', 'build']);
}
const port = process.env.PORT ?? '3000';
console.log(`Serving on http://localhost:${port}`);
run('npx', ['next', 'start', '-p', port]);
