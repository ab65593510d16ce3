import { describe, expect, it } from 'vitest';

import { probeWebGpu, webGpuLabel } from './probe-webgpu';

const gpuWith = (adapter: unknown) => ({ requestAdapter: async () => adapter as never });

describe('probeWebGpu', () => {
  it('names SwiftShader and flags it as software (what headless Chromium offers with --enable-unsafe-webgpu)', async () => {
    const probe = await probeWebGpu(gpuWith({ info: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' } }));
    expect(probe).toEqual({ available: true, adapter: 'SwiftShader', software: true });
    expect(webGpuLabel(probe)).toBe('WebGPU (SwiftShader)');
  });

  it('treats a hardware adapter as hardware and names it from its description or vendor and architecture', async () => {
    expect(await probeWebGpu(gpuWith({ info: { vendor: 'nvidia', architecture: 'ampere', description: '' } }))).toEqual({ available: true, adapter: 'nvidia ampere', software: false });
    expect(await probeWebGpu(gpuWith({ info: { vendor: 'apple', architecture: 'metal-3', description: 'Apple M2' } }))).toMatchObject({ adapter: 'Apple M2', software: false });
  });

  it('flags any adapter the browser marks as a fallback as software', async () => {
    expect(await probeWebGpu(gpuWith({ info: { vendor: 'microsoft', architecture: 'warp', isFallbackAdapter: true } }))).toMatchObject({ available: true, software: true });
  });

  it('explains why WebGPU is unavailable: no navigator.gpu, no adapter, or a refused request', async () => {
    expect(await probeWebGpu(undefined)).toMatchObject({ available: false, reason: expect.stringContaining('navigator.gpu is missing') });
    expect(await probeWebGpu(gpuWith(null))).toMatchObject({ available: false, reason: expect.stringContaining('no adapter') });
    const refusing = { requestAdapter: async () => Promise.reject(new Error('blocked by policy')) };
    expect(await probeWebGpu(refusing)).toMatchObject({ available: false, reason: 'the browser refused a WebGPU adapter (blocked by policy)' });
  });
});
