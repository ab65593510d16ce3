#!/usr/bin/env node
// Bin shim for `npx navigator`: run the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/cli/navigator.ts');
process.exitCode = await main(process.argv.slice(2));
