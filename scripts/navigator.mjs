#!/usr/bin/env node
// Bin shim for `npx navigator`: run the TypeScript CLI through tsx (no build step). Help is printed
// straight from lib/cli/usage.txt (the same text main() prints), without loading tsx at all.
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const name = argv.filter((a) => a !== '--verbose')[0];
if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
  process.stdout.write(`${readFileSync(new URL('../lib/cli/usage.txt', import.meta.url), 'utf8').trimEnd()}\n`);
  // Same exit codes as main(): 0 when help was asked for, 2 (usage) when no command was given.
  process.exitCode = name ? 0 : 2;
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../lib/cli/navigator.ts');
  process.exitCode = await main(argv);
}
