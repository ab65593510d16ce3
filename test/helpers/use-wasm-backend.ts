// Register and select the tfjs wasm backend in a Node test (the CLI's default training backend).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Select the wasm backend (binaries from node_modules; nothing is downloaded). */
export async function useWasmBackend(): Promise<void> {
  if (tf.getBackend() === 'wasm') return;
  const require = createRequire(import.meta.url);
  setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);
  await tf.setBackend('wasm');
}
