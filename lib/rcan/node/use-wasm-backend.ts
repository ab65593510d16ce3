import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Options for {@link useWasmBackend}. */
export interface UseWasmBackendOptions {
  /**
   * Threads inside one wasm instance. The CLI parallelizes over tiles with worker threads instead,
   * so each instance stays single-threaded. @default 1
   */
  threads?: number;
}

let ready: Promise<void> | undefined;

/**
 * Register and select the tfjs wasm backend, loading the binaries from `node_modules` (nothing is
 * downloaded). Safe to call more than once; the first call's options win.
 * @param options - thread count
 * @returns when the backend is active
 */
export function useWasmBackend(options: UseWasmBackendOptions = {}): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);
    setThreadsCount(options.threads ?? 1);
    if (!(await tf.setBackend('wasm'))) throw new Error('could not initialise the tfjs wasm backend; check that @tensorflow/tfjs-backend-wasm is installed');
    await tf.ready();
  })();
  return ready;
}
