'use client';

import type { BackendPreference, WebGpuProbe } from '@/lib/rcan/browser';

/** Apply options shown on the page; names as in 3D-RCAN's `apply.py`. */
export interface RunOptions {
  blockShape: number[];
  overlap: number[];
  pMin: number;
  pMax: number;
  bitDepth: 8 | 16 | 32;
  /** Tile workers predicting blocks in parallel; 1 runs every block in the one background worker. */
  workers: number;
  /** Where the network runs: `auto`, `webgpu` (graphics card) or `wasm` (processor). */
  backend: BackendPreference;
}

const AXES = ['Z', 'Y', 'X'] as const;
// The page offers fewer workers than the protocol allows (16): each one holds a copy of the model.
const MAX_WORKERS = 8;

/** Block shape, overlap, percentiles and output bit depth, with the preset's defaults. */
export function RestoreOptionsForm({ value, onChange, webgpu }: { value: RunOptions; onChange(value: RunOptions): void; webgpu: WebGpuProbe | null }) {
  const setAxis = (key: 'blockShape' | 'overlap', axis: number, v: number) => {
    const next = [...value[key]];
    next[axis] = v;
    onChange({ ...value, [key]: next });
  };
  return (
    <details className="restore-options">
      <summary>Options (block shape, overlap, percentiles, bit depth, workers, backend)</summary>
      <fieldset>
        <legend>Block shape (-B), voxels</legend>
        <p className="muted small">The image is processed in overlapping blocks of this size; smaller blocks use less memory, larger ones run faster per voxel.</p>
        {AXES.map((axis, i) => (
          <label key={axis} className="inline">
            {axis}
            <input type="number" min={1} max={1024} step={1} value={value.blockShape[i]} onChange={(e) => setAxis('blockShape', i, clampInt(e.target.value, 1, 1024))} />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Block overlap (-O), voxels</legend>
        {AXES.map((axis, i) => (
          <label key={axis} className="inline">
            {axis}
            <input type="number" min={0} max={512} step={1} value={value.overlap[i]} onChange={(e) => setAxis('overlap', i, clampInt(e.target.value, 0, 512))} />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Normalization percentiles (--p_min, --p_max)</legend>
        <label className="inline">
          Lower
          <input type="number" min={0} max={100} step={0.1} value={value.pMin} onChange={(e) => onChange({ ...value, pMin: clamp(e.target.value, 0, 100) })} />
        </label>
        <label className="inline">
          Upper
          <input type="number" min={0} max={100} step={0.1} value={value.pMax} onChange={(e) => onChange({ ...value, pMax: clamp(e.target.value, 0, 100) })} />
        </label>
      </fieldset>
      <label className="inline">
        Output bit depth (-b)
        <select value={value.bitDepth} onChange={(e) => onChange({ ...value, bitDepth: Number(e.target.value) as 8 | 16 | 32 })}>
          <option value={32}>32-bit float (no rounding)</option>
          <option value={16}>16-bit</option>
          <option value={8}>8-bit</option>
        </select>
      </label>
      <fieldset className="restore-backend">
        <legend>Backend</legend>
        <p className="muted small" id="restore-backend-help">
          {webgpu === null
            ? 'Checking whether this browser offers WebGPU…'
            : webgpu.available
              ? `This browser offers WebGPU on ${webgpu.adapter || 'an unnamed adapter'}${webgpu.software ? ', a software adapter that emulates a graphics card on the processor (usually slower than wasm, so Automatic does not use it)' : ''}.`
              : `No WebGPU here: ${webgpu.reason ?? 'no adapter'}.`}{' '}
          With WebGPU the blocks run one after another on the graphics card and the worker count below is not used; wasm runs them on the processor. Training always uses wasm.
        </p>
        <label className="inline">
          Run on
          <select value={value.backend} aria-describedby="restore-backend-help" onChange={(e) => onChange({ ...value, backend: e.target.value as BackendPreference })}>
            <option value="auto">Automatic (WebGPU on a graphics card, else wasm)</option>
            <option value="webgpu">WebGPU</option>
            <option value="wasm">wasm (processor)</option>
          </select>
        </label>
      </fieldset>
      <fieldset className="restore-workers">
        <legend>Parallel workers</legend>
        <p className="muted small" id="restore-workers-help">
          Blocks are independent, so several background workers can restore them at the same time, each with its own copy of the model. The default is one per processor core this browser reports, at most 4. More workers than cores do not help, and each one uses extra memory. 1 runs every block in a single worker.
        </p>
        <label className="inline">
          Workers
          <input type="number" min={1} max={MAX_WORKERS} step={1} value={value.workers} aria-describedby="restore-workers-help" onChange={(e) => onChange({ ...value, workers: clampInt(e.target.value, 1, MAX_WORKERS) })} />
        </label>
      </fieldset>
    </details>
  );
}

function clampInt(text: string, min: number, max: number): number {
  return Math.round(clamp(text, min, max));
}

function clamp(text: string, min: number, max: number): number {
  const n = Number(text);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
}
