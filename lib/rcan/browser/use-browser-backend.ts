import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

import { InputError } from '../../util/errors';
import { patchWebGpuKernels } from './patch-webgpu-kernels';
import { probeWebGpu, webGpuLabel, type WebGpuProbe } from './probe-webgpu';
import type { BackendPreference } from './protocol';

/** Where the build copies tfjs's `.wasm` binaries (`scripts/copy-wasm.mjs` → `public/tfjs/`). */
export const WASM_PATH = '/tfjs/';

/** The backend a worker runs on. */
export interface BrowserBackend {
  /** tfjs backend name. */
  name: 'webgpu' | 'wasm' | 'cpu';
  /** For the status line: `WebGPU (SwiftShader)`, `wasm` or `cpu`. */
  label: string;
  /** True for WebGPU on a software adapter (a GPU emulated on the CPU). */
  software?: boolean;
}

let wasmReady: Promise<BrowserBackend> | undefined;
let webgpuReady: Promise<BrowserBackend | WebGpuProbe> | undefined;
let probed: Promise<WebGpuProbe> | undefined;

/**
 * Pick the tfjs backend inside a worker (the only place in the browser that does).
 *
 * - `wasm`: tfjs-backend-wasm from this server, single-threaded; the pure-JS cpu backend when wasm
 *   cannot start.
 * - `webgpu`: tfjs-backend-webgpu (loaded on first use) on the adapter `navigator.gpu` offers;
 *   an {@link InputError} naming the reason when there is none.
 * - `auto`: WebGPU on a hardware adapter, otherwise wasm. A software adapter (SwiftShader, which Chrome
 *   offers only behind `--enable-unsafe-webgpu`) emulates the GPU on the CPU and is slower than wasm
 *   (bench/restore-webgpu.ts), so `auto` leaves it alone; choosing `webgpu` uses it anyway.
 *
 * Nothing is fetched from another origin. Safe to call again; switching backends keeps both alive.
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
 * @param preference - `auto`, `webgpu` or `wasm` (the default: tile workers and training)
 * @returns the backend now active
 * @throws InputError when `webgpu` is asked for and the browser has no adapter; Error when no backend starts
 */
export async function useBrowserBackend(preference: BackendPreference = 'wasm'): Promise<BrowserBackend> {
  if (preference !== 'wasm') {
    probed ??= probeWebGpu();
    const probe = await probed;
    // Automatic never loads the WebGPU backend for a software adapter.
    if (preference === 'webgpu' || (probe.available && !probe.software)) {
      const gpu = await startWebGpu(probe);
      if ('name' in gpu) {
        if (tf.getBackend() !== 'webgpu') await tf.setBackend('webgpu');
        return gpu;
      }
      if (preference === 'webgpu') throw new InputError(`WebGPU is not available: ${gpu.reason ?? 'no adapter'}; choose the wasm backend`);
    }
  }
  return startWasm();
}

async function startWasm(): Promise<BrowserBackend> {
  wasmReady ??= (async (): Promise<BrowserBackend> => {
    setWasmPaths(WASM_PATH);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (await trySetBackend('wasm')) return { name: 'wasm', label: 'wasm' };
    if (await trySetBackend('cpu')) return { name: 'cpu', label: 'cpu' };
    throw new Error('no tfjs backend could start (wasm and cpu both failed); reload the page or try another browser');
  })();
  const backend = await wasmReady;
  if (tf.getBackend() !== backend.name) await tf.setBackend(backend.name);
  return backend;
}

// Resolves to the started backend, or to the probe that says why WebGPU is unavailable.
function startWebGpu(probe: WebGpuProbe): Promise<BrowserBackend | WebGpuProbe> {
  webgpuReady ??= (async () => {
    if (!probe.available) return probe;
    try {
      // Loaded only here, so pages and workers without WebGPU never download it.
      await import('@tensorflow/tfjs-backend-webgpu');
      patchWebGpuKernels();
    } catch (error) {
      return { ...probe, available: false, reason: `the WebGPU backend did not load (${error instanceof Error ? error.message : String(error)})` };
    }
    if (!(await trySetBackend('webgpu'))) return { ...probe, available: false, reason: 'tfjs could not start on the WebGPU adapter' };
    const software = probe.software && !/swiftshader/i.test(probe.adapter) ? ' (software)' : '';
    return { name: 'webgpu' as const, label: `${webGpuLabel(probe)}${software}`, software: probe.software };
  })();
  return webgpuReady;
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
