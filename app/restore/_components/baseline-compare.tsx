'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';

import type { RestoreResult } from '@/lib/rcan/browser';

import { differenceImage, lineProfile, profileSvg, sliceAbsMax, type BaselineJob, type BaselineReply, type BaselineRequest, type PsfChoice } from './compare';
import { formatScore } from './format';
import { SliceViewer } from './slice-viewer';

type PsfKind = PsfChoice['kind'];
type Runs = Extract<BaselineReply, { ok: true }>;

const COLORS = ['#555555', '#2ca02c', '#9467bd', '#ff7f0e', '#1f77b4', '#d62728'];

/**
 * Classical baselines (Gaussian, median, Richardson–Lucy) next to the network's result: a ranking
 * against the ground truth that says plainly when a baseline wins, side-by-side slices, a line
 * profile and a difference image, with the hallucination caution next to the numbers.
 */
export function BaselineCompare({ result }: { result: RestoreResult }) {
  const ndim: 2 | 3 = result.shape[0] === 1 ? 2 : 3;
  const [gaussian, setGaussian] = useState(true);
  const [median, setMedian] = useState(true);
  const [rl, setRl] = useState(true);
  const [sigma, setSigma] = useState('');
  const [radius, setRadius] = useState('');
  const [iterations, setIterations] = useState('');
  const [tv, setTv] = useState('0');
  const [psfKind, setPsfKind] = useState<PsfKind>('gaussian');
  const [psfSigma, setPsfSigma] = useState({ z: 2, y: 1.6, x: 1.6 });
  const [optics, setOptics] = useState({ na: 1.2, wavelengthNm: 520, refractiveIndex: 1.33, voxelUm: { z: 0.3, y: 0.1, x: 0.1 } });
  const [rescale, setRescale] = useState(true);
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'running' } | { kind: 'done'; runs: Runs } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const worker = useRef<Worker | null>(null);
  useEffect(() => () => worker.current?.terminate(), []);
  useEffect(() => setState({ kind: 'idle' }), [result]);
  const hasGt = result.groundTruth !== undefined;
  const num = (text: string) => (text.trim() === '' ? undefined : Number(text));

  const start = () => {
    const baselines: BaselineRequest[] = [];
    const s = num(sigma);
    const r = num(radius);
    const it = num(iterations);
    if (gaussian) baselines.push({ method: 'gaussian', ...(s !== undefined ? { sigma: s } : {}) });
    if (median) baselines.push({ method: 'median', ...(r !== undefined ? { radius: r } : {}) });
    if (rl) baselines.push({ method: 'richardson-lucy', ...(it !== undefined ? { iterations: it } : {}), tvWeight: Number(tv) || 0 });
    if (baselines.length === 0) return;
    const psf: PsfChoice = psfKind === 'gaussian' ? { kind: 'gaussian', sigma: psfSigma } : { kind: psfKind, ...optics };
    const job: BaselineJob = {
      shape: [...result.shape],
      ndim,
      raw: result.raw.slice(),
      network: result.restored.slice(),
      ...(result.groundTruth ? { groundTruth: result.groundTruth.slice() } : {}),
      baselines,
      ...(rl ? { psf } : {}),
      rescale: hasGt && rescale,
    };
    worker.current?.terminate();
    const w = new Worker(new URL('./baselines.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setState({ kind: 'running' });
    w.onmessage = (event: MessageEvent<BaselineReply>) => {
      const reply = event.data;
      setState(reply.ok ? { kind: 'done', runs: reply } : { kind: 'error', message: reply.message });
      w.terminate();
      if (worker.current === w) worker.current = null;
    };
    w.onerror = (event) => {
      setState({ kind: 'error', message: event.message || 'the baseline worker failed' });
      w.terminate();
    };
    w.postMessage(job, [job.raw.buffer, job.network.buffer, ...(job.groundTruth ? [job.groundTruth.buffer] : [])]);
  };

  return (
    <section aria-labelledby="baselines-heading" className="restore-baselines card">
      <h3 id="baselines-heading">Compare with classical baselines</h3>
      <p className="small">
        Before trusting a network, check what simple methods give on the same image (book chapter 6). Parameters left empty are
        {hasGt ? ' chosen by PSNR against the ground truth' : ' set to their defaults (σ 1, radius 1, 20 iterations)'}.
      </p>
      <fieldset>
        <legend>Baselines</legend>
        <label className="choice">
          <input type="checkbox" checked={gaussian} onChange={(e) => setGaussian(e.target.checked)} /> Gaussian smoothing, σ{' '}
          <input aria-label="Gaussian sigma" type="number" min={0} step={0.25} placeholder="auto" value={sigma} onChange={(e) => setSigma(e.target.value)} /> voxels
        </label>
        <label className="choice">
          <input type="checkbox" checked={median} onChange={(e) => setMedian(e.target.checked)} /> Median filter, radius{' '}
          <input aria-label="Median radius" type="number" min={1} max={3} step={1} placeholder="auto" value={radius} onChange={(e) => setRadius(e.target.value)} />
        </label>
        <label className="choice">
          <input type="checkbox" checked={rl} onChange={(e) => setRl(e.target.checked)} /> Richardson–Lucy deconvolution,{' '}
          <input aria-label="Richardson–Lucy iterations" type="number" min={1} max={200} step={1} placeholder="auto" value={iterations} onChange={(e) => setIterations(e.target.value)} />{' '}
          iterations, total-variation weight <input aria-label="TV weight" type="number" min={0} max={0.1} step={0.001} value={tv} onChange={(e) => setTv(e.target.value)} />
        </label>
        {rl ? (
          <div className="nested">
            <label className="inline">
              PSF{' '}
              <select aria-label="PSF model" value={psfKind} onChange={(e) => setPsfKind(e.target.value as PsfKind)}>
                <option value="gaussian">Gaussian, σ in voxels (e.g. fitted to beads)</option>
                <option value="widefield">computed: widefield (Gaussian approximation)</option>
                <option value="confocal">computed: confocal (Gaussian approximation)</option>
              </select>
            </label>
            {psfKind === 'gaussian' ? (
              (['z', 'y', 'x'] as const).filter((a) => ndim === 3 || a !== 'z').map((a) => (
                <label key={a} className="inline">
                  σ{a} <input type="number" min={0} step={0.1} value={psfSigma[a]} onChange={(e) => setPsfSigma((p) => ({ ...p, [a]: Number(e.target.value) }))} />
                </label>
              ))
            ) : (
              <>
                <label className="inline">
                  NA <input type="number" min={0.1} max={1.7} step={0.05} value={optics.na} onChange={(e) => setOptics((o) => ({ ...o, na: Number(e.target.value) }))} />
                </label>
                <label className="inline">
                  emission λ (nm) <input type="number" min={300} max={1000} step={10} value={optics.wavelengthNm} onChange={(e) => setOptics((o) => ({ ...o, wavelengthNm: Number(e.target.value) }))} />
                </label>
                <label className="inline">
                  immersion n <input type="number" min={1} max={1.6} step={0.01} value={optics.refractiveIndex} onChange={(e) => setOptics((o) => ({ ...o, refractiveIndex: Number(e.target.value) }))} />
                </label>
                {(['z', 'y', 'x'] as const).filter((a) => ndim === 3 || a !== 'z').map((a) => (
                  <label key={a} className="inline">
                    voxel {a} (µm){' '}
                    <input type="number" min={0.01} step={0.01} value={optics.voxelUm[a]} onChange={(e) => setOptics((o) => ({ ...o, voxelUm: { ...o.voxelUm, [a]: Number(e.target.value) } }))} />
                  </label>
                ))}
              </>
            )}
          </div>
        ) : null}
        {hasGt ? (
          <label className="choice">
            <input type="checkbox" checked={rescale} onChange={(e) => setRescale(e.target.checked)} /> Fit every output to the ground truth (a·x + b) before scoring, so
            that an intensity-scale difference (deconvolution changes it; the network learned the ground truth&apos;s) does not decide the ranking
          </label>
        ) : null}
      </fieldset>
      <div className="restore-actions">
        <button type="button" onClick={start} disabled={state.kind === 'running' || !(gaussian || median || rl)}>
          Run baselines
        </button>
        <span className="muted small" data-testid="baselines-status" aria-live="polite">
          {state.kind === 'running' ? 'Running the baselines in a background worker…' : state.kind === 'done' ? `Done: ${state.runs.runs.map((r) => r.label).join(', ')}.` : ''}
        </span>
      </div>
      {state.kind === 'error' ? (
        <p role="alert" className="restore-error">
          {state.message}
        </p>
      ) : null}
      {state.kind === 'done' ? <BaselineResults result={result} runs={state.runs} /> : null}
    </section>
  );
}

function BaselineResults({ result, runs }: { result: RestoreResult; runs: Runs }) {
  const [z, y, x] = result.shape;
  const [slice, setSlice] = useState(Math.floor(z / 2));
  const [row, setRow] = useState(Math.floor(y / 2));
  const [diffAgainst, setDiffAgainst] = useState<string>(result.groundTruth ? 'gt' : 'raw');
  const rowId = useId();
  const sliceId = useId();
  const images = useMemo(
    () => [
      { label: 'Raw (normalized)', data: result.raw },
      ...runs.runs.map((r) => ({ label: r.label, data: r.restored })),
      { label: 'Network', data: result.restored },
      ...(result.groundTruth ? [{ label: 'Ground truth', data: result.groundTruth }] : []),
    ],
    [result, runs],
  );
  const reference = diffAgainst === 'gt' ? result.groundTruth : diffAgainst === 'raw' ? result.raw : runs.runs.find((r) => r.label === diffAgainst)?.restored;
  const diff = useMemo(() => (reference ? differenceImage(result.restored, reference) : undefined), [result, reference]);
  const svg = profileSvg(images.map((im, i) => ({ label: im.label, color: COLORS[i % COLORS.length]!, values: lineProfile(im.data, result.shape, Math.min(slice, z - 1), Math.min(row, y - 1)) })));
  return (
    <div className="baseline-results" data-testid="baseline-results">
      {runs.ranking ? (
        <div className="baseline-ranking">
          <table className="restore-metrics">
            <caption>Ranked by PSNR against the ground truth (percentile-normalized; higher PSNR and SSIM, lower NRMSE are better)</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Output</th>
                <th scope="col">PSNR (dB)</th>
                <th scope="col">SSIM</th>
                <th scope="col">NRMSE</th>
              </tr>
            </thead>
            <tbody>
              {runs.ranking.map((r, i) => (
                <tr key={r.name} className={r.kind === 'network' ? 'network-row' : undefined}>
                  <td>{i + 1}</td>
                  <th scope="row">{r.name}</th>
                  <td>{formatScore(r.psnr, 2)}</td>
                  <td>{formatScore(r.ssim, 3)}</td>
                  <td>{formatScore(r.nrmse, 3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {runs.baselineWins ? (
            <p className="baseline-wins" data-testid="baseline-wins">
              <strong>{runs.baselineWins}</strong>
            </p>
          ) : (
            <p data-testid="network-wins">The network scores higher than every baseline here.</p>
          )}
          <p className="restore-caveat">
            <strong>Higher scores are not proof.</strong> A network can produce plausible structure that is not in the sample (a hallucination) or remove real
            features, and still score well on average. Look at the difference image and the line profile below, and never measure from a restored image you have not
            validated.
          </p>
        </div>
      ) : (
        <p className="restore-caveat">
          Without ground truth there is no score: compare by eye below. A network can produce plausible structure that is not in the sample (a hallucination).
        </p>
      )}
      {runs.psfNote ? <p className="muted small">Richardson–Lucy PSF: {runs.psfNote}.</p> : null}
      <SliceViewer shape={result.shape} channels={images} />
      <div className="slice-controls">
        <label htmlFor={sliceId}>
          Profile and difference: slice {Math.min(slice, z - 1) + 1} of {z}
        </label>
        <input id={sliceId} type="range" min={1} max={z} value={Math.min(slice, z - 1) + 1} onChange={(e) => setSlice(Number(e.target.value) - 1)} disabled={z === 1} />
        <label htmlFor={rowId}>
          row y = {Math.min(row, y - 1)}
        </label>
        <input id={rowId} type="range" min={0} max={y - 1} value={Math.min(row, y - 1)} onChange={(e) => setRow(Number(e.target.value))} />
      </div>
      <figure data-testid="line-profile">
        <div dangerouslySetInnerHTML={{ __html: svg }} />
        <figcaption className="small">Line profile along x at the chosen row: peaks that appear only in the network&apos;s curve deserve suspicion.</figcaption>
      </figure>
      <figure data-testid="difference-image">
        {diff ? <DifferenceCanvas data={diff} width={x} height={y} slice={Math.min(slice, z - 1)} shape={result.shape} /> : null}
        <figcaption className="small">
          Difference: network −{' '}
          <select aria-label="Difference against" value={diffAgainst} onChange={(e) => setDiffAgainst(e.target.value)}>
            {result.groundTruth ? <option value="gt">ground truth</option> : null}
            <option value="raw">raw</option>
            {runs.runs.map((r) => (
              <option key={r.label} value={r.label}>
                {r.label}
              </option>
            ))}
          </select>{' '}
          (red: the network is brighter, blue: darker; symmetric scale per slice).
        </figcaption>
      </figure>
    </div>
  );
}

function DifferenceCanvas({ data, width, height, slice, shape }: { data: Float32Array; width: number; height: number; slice: number; shape: readonly [number, number, number] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(width, height);
    const max = sliceAbsMax(data, shape, slice);
    const offset = slice * width * height;
    for (let i = 0; i < width * height; i++) {
      const t = Math.max(-1, Math.min(1, (data[offset + i] ?? 0) / max));
      // white at 0, red for positive, blue for negative
      image.data[i * 4] = t < 0 ? Math.round(255 * (1 + t)) : 255;
      image.data[i * 4 + 1] = Math.round(255 * (1 - Math.abs(t)));
      image.data[i * 4 + 2] = t > 0 ? Math.round(255 * (1 - t)) : 255;
      image.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [data, width, height, slice, shape]);
  return <canvas ref={ref} width={width} height={height} role="img" aria-label={`difference image, slice ${slice + 1}`} />;
}
