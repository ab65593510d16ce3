#!/usr/bin/env node
// Bin shim for `npx rcan …`: registers tsx so the TypeScript CLI runs without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/rcan/node/cli.ts');
process.exitCode = await main(process.argv.slice(2));
