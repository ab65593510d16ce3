'use client';

import { useEffect, useMemo, useRef, useState } from 'react';

import { BYTES_PER_VOXEL, defaultWorkerCount, deviceRestoreBudget, probeWebGpu, restoreBudget, type RestoreBudget, type RestoreResult, type WebGpuProbe } from '@/lib/rcan/browser';

import type { RestorePreset } from '../presets';
import { errorText, formatEta, readBytes } from './format';
import { RestoreOptionsForm, type RunOptions } from './restore-options';
import { BaselineCompare } from './baseline-compare';
import { RestoreResultView } from './restore-result';
import { TiffDrop, type CheckedTiff } from './tiff-drop';
import { useWorkbench } from './workbench-context';

/** The dimensionality recorded in a model.json (`architecture.ndim`), if readable. */
function modelNdimOf(modelJson: string): 2 | 3 | undefined {
  try {
    const ndim = (JSON.parse(modelJson) as { architecture?: { ndim?: unknown } }).architecture?.ndim;
    return ndim === 2 || ndim === 3 ? ndim : undefined;
  } catch {
    return undefined;
  }
}

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number; etaSeconds: number | null }
  | { kind: 'done'; result: RestoreResult }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

/** Input choice, options, Run/Cancel with progress, and the result of one restoration. */
export function RestoreWorkbench({ preset }: { preset: RestorePreset }) {
  const { client, trained } = useWorkbench();
  const [source, setSource] = useState<'sample' | 'file'>('sample');
  const [file, setFile] = useState<CheckedTiff | null>(null);
  const [gtFile, setGtFile] = useState<CheckedTiff | null>(null);
  const [useSampleGt, setUseSampleGt] = useState(true);
  const [modelChoice, setModelChoice] = useState<'preset' | 'trained'>('preset');
  const [options, setOptions] = useState<RunOptions>({
    blockShape: [...preset.blockShape],
    overlap: [...preset.overlap],
    pMin: preset.pMin,
    pMax: preset.pMax,
    bitDepth: 32,
    // The server cannot see the browser's cores: start at the fallback, then read them after mount.
    workers: defaultWorkerCount(0),
    backend: 'auto',
  });
  // The server cannot see the device either: the assumed budget first, the device's after mount.
  const [budget, setBudget] = useState<RestoreBudget>(() => restoreBudget());
  const [webgpu, setWebgpu] = useState<WebGpuProbe | null>(null);
  const [run, setRun] = useState<RunState>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    if (trained) setModelChoice('trained');
  }, [trained]);
  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => {
    const workers = defaultWorkerCount();
    setOptions((o) => ({ ...o, workers }));
    setBudget(deviceRestoreBudget());
    let live = true;
    void probeWebGpu().then((probe) => live && setWebgpu(probe));
    return () => {
      live = false;
    };
  }, []);

  // Refuse a 2D image for a 3D model (and the reverse) as soon as it is chosen, not after Run.
  const modelNdim = modelChoice === 'trained' && trained ? modelNdimOf(trained.files.modelJson) : 3;
  const ndimProblem =
    source === 'file' && file && modelNdim !== undefined && file.ndim !== modelNdim
      ? `${file.name} is a ${file.ndim}D image (${file.ndim === 2 ? `one ${file.shape[1]} × ${file.shape[2]} plane` : `${file.shape[0]} slices`}) but ${modelChoice === 'trained' ? 'your trained model' : 'the demo model'} is ${modelNdim}D: ${modelNdim === 3 ? 'give a Z,Y,X stack, or train a 2D model on 2D pairs in the training section below (3D-RCAN supports 2D)' : 'give a single Y,X plane or use a 3D model'}.`
      : null;
  const canRun = run.kind !== 'running' && (source === 'sample' || file !== null) && ndimProblem === null;

  const start = async () => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setRun({ kind: 'running', done: 0, total: 1, etaSeconds: null });
    try {
      // The sample's bytes go to the worker; a chosen file is already decoded there (TiffDrop).
      const input = source === 'sample' ? { name: `${preset.id}.tif`, image: await readBytes(preset.sampleUrl) } : { name: file!.name, image: file! };
      const gt = source === 'sample' ? (useSampleGt ? { name: `${preset.id}_gt.tif`, image: await readBytes(preset.sampleGroundTruthUrl) } : null) : gtFile ? { name: gtFile.name, image: gtFile } : null;
      // A 2D image (with a 2D model) is tiled in Y, X only.
      const twoD = source === 'file' && file?.ndim === 2;
      const model = modelChoice === 'trained' && trained ? { kind: 'files' as const, modelJson: trained.files.modelJson, weightsBin: trained.files.weightsBin } : { kind: 'url' as const, url: preset.modelUrl };
      const result = await client.restore(
        input.image,
        { model, name: input.name, ...(gt ? { groundTruth: gt.image, groundTruthName: gt.name } : {}), ...options, ...(twoD ? { blockShape: options.blockShape.slice(-2), overlap: options.overlap.slice(-2) } : {}) },
        { signal: abort.signal, onProgress: (p) => setRun({ kind: 'running', done: p.done, total: p.total, etaSeconds: p.etaSeconds }) },
      );
      setRun({ kind: 'done', result });
    } catch (error) {
      if ((error as { name?: string }).name === 'AbortError') setRun({ kind: 'cancelled' });
      else setRun({ kind: 'error', message: errorText(error) });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  };

  const percent = run.kind === 'running' ? Math.round((100 * run.done) / run.total) : run.kind === 'done' ? 100 : 0;
  const modelLabel = useMemo(() => (modelChoice === 'trained' && trained ? `your trained model (${trained.label})` : `the ${preset.title.toLowerCase()} demo model`), [modelChoice, trained, preset]);

  return (
    <section aria-labelledby="restore-run" className="restore-workbench">
      <h2 id="restore-run">Restore</h2>
      <fieldset>
        <legend>Image</legend>
        <label className="choice">
          <input type="radio" name="source" value="sample" checked={source === 'sample'} onChange={() => setSource('sample')} />
          Use the sample ({preset.sampleUrl.split('/').pop()}, a synthetic 16 × 96 × 96 stack made for this preset)
        </label>
        {source === 'sample' ? (
          <label className="choice nested">
            <input type="checkbox" checked={useSampleGt} onChange={(e) => setUseSampleGt(e.target.checked)} />
            Also load its ground truth and compute PSNR, SSIM and NRMSE
          </label>
        ) : null}
        <label className="choice">
          <input type="radio" name="source" value="file" checked={source === 'file'} onChange={() => setSource('file')} />
          Use my own TIFF (single channel, Z,Y,X)
        </label>
        {source === 'file' ? (
          <div className="restore-files">
            <p className="muted small" data-testid="restore-budget">
              Largest stack on this device: {budget.limit}. Larger files are refused when chosen; see “How large a stack?” below.
            </p>
            <TiffDrop label="Raw image (TIFF)" slot="raw" budget={budget} testId="raw-file" onChange={setFile} />
            <TiffDrop label="Ground truth (optional, same shape)" slot="gt" budget={budget} hint="Adds a third channel to the output and scores raw and restored against it." testId="gt-file" onChange={setGtFile} />
            <details className="restore-budget-help">
              <summary>How large a stack?</summary>
              <p className="small">
                A chosen file is decoded once, in a background worker, so even a huge or malformed TIFF cannot freeze this page; it stays there for the run and
                only its shape comes back. The limit is half of this device&apos;s memory ({budget.deviceMemoryGB} GB{budget.reported ? ', as the browser reports it' : ', assumed: this browser does not report it'}) at{' '}
                {BYTES_PER_VOXEL} bytes per voxel, which is what the decoded stack, its normalized copy, the blending buffers, the output channels and the
                TIFF file cost together at 32 bits with a ground truth; and never more than one TIFF output can hold (4 GB). The wasm engine&apos;s 4 GB limit
                does not apply: it holds one block at a time. A file over the limit is refused from its header, before its pixels are decoded. Larger stacks:
                use <code>npx rcan apply</code>.
              </p>
            </details>
          </div>
        ) : null}
      </fieldset>

      {trained ? (
        <fieldset>
          <legend>Model</legend>
          <label className="choice">
            <input type="radio" name="model" checked={modelChoice === 'preset'} onChange={() => setModelChoice('preset')} />
            Demo model for {preset.title.toLowerCase()}
          </label>
          <label className="choice">
            <input type="radio" name="model" checked={modelChoice === 'trained'} onChange={() => setModelChoice('trained')} />
            My model trained on this page ({trained.label})
          </label>
        </fieldset>
      ) : null}

      {ndimProblem ? (
        <p role="alert" className="restore-error" data-testid="ndim-problem">
          {ndimProblem}
        </p>
      ) : null}
      <RestoreOptionsForm value={options} onChange={setOptions} webgpu={webgpu} />

      <div className="restore-actions">
        <button type="button" onClick={() => void start()} disabled={!canRun}>
          Run restoration
        </button>
        <button type="button" className="secondary" onClick={() => controller.current?.abort()} disabled={run.kind !== 'running'}>
          Cancel
        </button>
        <span className="muted small">
          Runs {modelLabel} {options.backend === 'webgpu' ? 'with WebGPU in a background worker' : `in ${options.workers === 1 ? 'a background worker' : `${options.workers} background workers`}`} on this computer.
        </span>
      </div>

      <div className="restore-progress" aria-live="polite">
        <label htmlFor="restore-progress-bar">Progress</label>
        <progress id="restore-progress-bar" max={100} value={percent} aria-valuetext={`${percent}%`} />
        <span data-testid="restore-status">
          {run.kind === 'running'
            ? run.done === 0
              ? 'Loading the model and the image…'
              : `${run.done} of ${run.total} blocks (${percent}%) ${formatEta(run.etaSeconds)}`
            : run.kind === 'done'
              ? `Done: ${run.result.shape[0]} slices in ${run.result.seconds.toFixed(1)} s (100%, ${run.result.backend} backend, ${run.result.workers === 1 ? '1 worker' : `${run.result.workers} workers`}).`
              : run.kind === 'cancelled'
                ? 'Cancelled. Nothing was saved.'
                : ''}
        </span>
      </div>
      {run.kind === 'error' ? (
        <p role="alert" className="restore-error">
          {run.message}
        </p>
      ) : null}
      {run.kind === 'done' ? <RestoreResultView result={run.result} /> : null}
      {run.kind === 'done' ? <BaselineCompare result={run.result} /> : null}
    </section>
  );
}
