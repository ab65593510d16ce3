import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** Where the build copies tfjs's `.wasm` binaries (`scripts/copy-wasm.mjs` → `public/tfjs/`). */
export const WASM_PATH = '/tfjs/';

let ready: Promise<string> | undefined;

/**
 * Pick the tfjs backend inside the worker: wasm from this server, single-threaded, and the pure-JS
 * cpu backend when wasm cannot start. Nothing is fetched from another origin. Safe to call more than once.
 *
 * Why no wasm threads, although the app is cross-origin isolated (COOP/COEP) and SharedArrayBuffer
 * exists: tfjs-backend-wasm 4.22 starts its pthread workers from the source text of its emscripten
 * factory (`factory.toString()` in a Blob). After the production bundler minifies that factory, the
 * text refers to names of the enclosing bundle, and every pthread worker dies with "ReferenceError:
 * a is not defined" (seen in Chromium against `next build`). Those errors escape as worker error
 * events, not as a rejected `setBackend`, so no fallback could catch them (tensorflow/tfjs#4107 is the
 * same failure under webpack). Swapping the published, unminified glue into that Blob does start the
 * threads, but on the 2-core test machine XNNPACK then reported 1 thread and restores were no faster
 * (bench/restore-browser.ts), so the simpler single-threaded setup stays until it can be shown to help.
 * @returns the backend name in use, `wasm` or `cpu`
 */
export function useBrowserBackend(): Promise<string> {
  ready ??= (async () => {
    setWasmPaths(WASM_PATH);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
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
