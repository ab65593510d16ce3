/** What {@link probeWebGpu} found. */
export interface WebGpuProbe {
  /** True when `navigator.gpu` gave an adapter. */
  available: boolean;
  /** Short adapter name for the status line, e.g. `SwiftShader` or `nvidia ampere`; empty when unknown. */
  adapter: string;
  /** True for a software adapter (SwiftShader, or one the browser flags as a fallback): a GPU emulated on the CPU. */
  software: boolean;
  /** Why WebGPU is unavailable, when it is. */
  reason?: string;
}

// The few WebGPU members used here, so the project needs no global WebGPU typings.
interface AdapterInfoLike { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean }
interface AdapterLike { info?: AdapterInfoLike; isFallbackAdapter?: boolean }
interface GpuLike { requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<AdapterLike | null> }

/**
 * Ask the browser for a WebGPU adapter, without starting tfjs. Works on the page and in workers; never
 * throws. Browsers offer WebGPU only on secure origins (https, or http://localhost).
 * @param gpu - `navigator.gpu` by default (tests pass a fake)
 * @returns whether an adapter exists, its name, and whether it is a software one
 */
export async function probeWebGpu(gpu: GpuLike | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu): Promise<WebGpuProbe> {
  if (!gpu) return { available: false, adapter: '', software: false, reason: 'this browser has no WebGPU (navigator.gpu is missing; it needs a secure origin and a recent Chrome, Edge, Safari or Firefox)' };
  let adapter: AdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { available: false, adapter: '', software: false, reason: `the browser refused a WebGPU adapter (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!adapter) return { available: false, adapter: '', software: false, reason: 'the browser offers WebGPU but no adapter (no usable GPU, or WebGPU is blocked for this GPU)' };
  const info = adapter.info ?? {};
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || /swiftshader/i.test(text);
  return { available: true, adapter: adapterName(info, software), software };
}

function adapterName(info: AdapterInfoLike, software: boolean): string {
  if (/swiftshader/i.test([info.architecture, info.description, info.device].join(' '))) return 'SwiftShader';
  const name = info.description || [info.vendor, info.architecture].filter(Boolean).join(' ');
  return name || (software ? 'software adapter' : '');
}

/**
 * The status-line name of a WebGPU backend: `WebGPU (SwiftShader)`, `WebGPU (nvidia ampere)`, or `WebGPU`.
 * @param probe - what {@link probeWebGpu} found
 * @returns the label
 */
export function webGpuLabel(probe: WebGpuProbe): string {
  return probe.adapter ? `WebGPU (${probe.adapter})` : 'WebGPU';
}
