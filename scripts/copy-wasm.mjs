#!/usr/bin/env node
// Copy tfjs's wasm binaries into public/tfjs/ so the browser runner loads them from this server
// (never from a CDN). Runs before every build; cheap and idempotent.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
const target = join(process.cwd(), 'public', 'tfjs');
mkdirSync(target, { recursive: true });
for (const file of readdirSync(dist).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(dist, file), join(target, file));
