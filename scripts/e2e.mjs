#!/usr/bin/env node
// `npm run test:e2e`: make sure Debian's Chromium is there, build the app, run Playwright against
// the production build. Never downloads a browser: Playwright uses /usr/bin/chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

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

/** A port nothing listens on now (the OS picks it), so parallel runs on one machine do not collide. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// E2E_PORT chooses the port of the production server Playwright starts; by default a free one.
const port = process.env.E2E_PORT ?? String(await freePort());
console.log(`e2e: production server on port ${port}${process.env.E2E_PORT ? ' (E2E_PORT)' : ' (free port; set E2E_PORT to choose)'}`);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', E2E_PORT: port };
if (run('npm', ['run', '--silent', 'build'], { env }) !== 0) process.exit(1);
process.exit(run('npx', ['playwright', 'test', ...process.argv.slice(2)], { env }));
