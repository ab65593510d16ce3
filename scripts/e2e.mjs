#!/usr/bin/env node
// `npm run test:e2e`: make sure Debian's Chromium is there, build the app, run Playwright against
// the production build. Never downloads a browser: Playwright uses /usr/bin/chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status ?? 1;

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    console.log('Chromium is missing; installing Debian\'s chromium with apt-get…');
    if (run('apt-get', ['update']) !== 0 || run('apt-get', ['install', '-y', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) !== 0) process.exit(1);
  } else {
    console.error('e2e: /usr/bin/chromium is missing. Install it with: sudo apt-get install -y chromium');
    process.exit(1);
  }
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
if (run('npm', ['run', '--silent', 'build'], { env }) !== 0) process.exit(1);
process.exit(run('npx', ['playwright', 'test', ...process.argv.slice(2)], { env }));
