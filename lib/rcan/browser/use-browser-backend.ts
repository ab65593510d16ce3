import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** Where the build copies tfjs's `.wasm` binaries (`scripts/copy-wasm.mjs` → `public/tfjs/`). */
export const WASM_PATH = '/tfjs/';

let ready: Promise<string> | undefined;

/**
 * Pick the tfjs backend inside the worker: wasm from this server (multi-threaded when the page is
 * cross-origin isolated, which the app's COOP/COEP headers make it; single-threaded otherwise), and
 * the pure-JS cpu backend when wasm cannot start. Nothing is fetched from another origin. Safe to call more than once.
 * @returns the backend name in use, `wasm` or `cpu`
 */
export function useBrowserBackend(): Promise<string> {
  ready ??= (async () => {
    setWasmPaths(WASM_PATH);
    // Threads need SharedArrayBuffer, which browsers only give cross-origin isolated pages.
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    if (!isolated) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (await trySetBackend('wasm')) return 'wasm';
    if (await trySetBackend('cpu')) return 'cpu';
    throw new Error('no tfjs backend could start (wasm and cpu both failed); reload the page or try another browser');
  })();
  return ready;
}

async function trySetBackend(name: string): Promise<boolean> {
  try {
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok;
  } catch {
    return false;
  }
}
