'use client';

import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';

import { useFileDrop } from '@/app/_components/use-file-drop';
import type { QuestionSet } from '@/lib/knowledge/schema';
import {
  DEFAULT_CLASSICAL,
  DEFAULT_PIXEL,
  encodeLabelTiff,
  encodeProbabilityTiff,
  methodLabel,
  nextStep,
  settingsJson,
  THRESHOLD_METHODS,
  type ClassicalSettings,
  type PixelSettings,
  type ThresholdMethod,
  type TryEvidence,
} from '@/lib/segment';

import { SizeHistogram, ThresholdHistogram } from './charts';
import type { DrawnOutline } from './outline-draw';
import { sizeHistogram, SCRIBBLE_COLOURS } from './paint-overlay';
import { SegmentCanvas } from './segment-canvas';
import { useSegmentWorker } from './use-segment-worker';
import { wizardLink } from './wizard-link';
import { downloadFile } from '../../_components/download-file';

/** Bundled samples in public/samples/try/ (made by scripts/make-try-samples.ts). */
const SAMPLES = [
  { id: 'nuclei-2d', label: 'Bright nuclei (2D)', hint: 'thresholding should work' },
  { id: 'textured-cells', label: 'Textured cells, uneven light (2D)', hint: 'thresholding fails; paint scribbles' },
  { id: 'nuclei-3d', label: 'Bright nuclei (3D stack)', hint: '24 slices' },
] as const;

const CLASSES = [
  { value: 1, name: 'background' },
  { value: 2, name: 'objects' },
  { value: 3, name: 'boundary' },
  { value: 4, name: 'other' },
] as const;

/** Glossary-linked explanations rendered on the server (TermLink) and passed in. */
export interface TryHelp {
  f1: ReactNode;
  meanIoU: ReactNode;
  countError: ReactNode;
  goodEnough: ReactNode;
  /** How to outline and how many (cites §8.4). */
  outlines: ReactNode;
  /** What a score from outlines covers (only what was outlined). */
  outlineScope: ReactNode;
  meanIoUOutlines: ReactNode;
  splitMerge: ReactNode;
}

export function TryWorkbench({ questions, answersParam, help }: { questions: QuestionSet; answersParam?: string; help: TryHelp }) {
  const { state, load, send, cancel, clearResult, fail } = useSegmentWorker();
  const { image, result, judgement, busy, error, preview } = state;
  const [rung, setRung] = useState<'classical' | 'pixel'>('classical');
  const [classical, setClassical] = useState<ClassicalSettings>(DEFAULT_CLASSICAL);
  const [pixel, setPixel] = useState<PixelSettings>(DEFAULT_PIXEL);
  const [name, setName] = useState<string | null>(null);
  // The server-rendered buttons do nothing until the page is interactive: keep them disabled until then,
  // so an early click is not silently lost.
  const [interactive, setInteractive] = useState(false);
  useEffect(() => setInteractive(true), []);
  const [sample, setSample] = useState<string | null>(null);
  const [slice, setSlice] = useState(0);
  // Read when a run starts (the visible slice is predicted first) without re-running on every slider move.
  const sliceRef = useRef(0);
  useEffect(() => {
    sliceRef.current = slice;
  }, [slice]);
  const [paint, setPaint] = useState(2);
  const [brush, setBrush] = useState(2);
  const [showProbability, setShowProbability] = useState(false);
  const [evidence, setEvidence] = useState<TryEvidence[]>([]);
  // Ground-truth outlines drawn on the canvas (each on its slice), and whether the lasso is on.
  const [outlines, setOutlines] = useState<DrawnOutline[]>([]);
  const [outlining, setOutlining] = useState(false);
  const liveOutlines = useRef(false);
  const scribbles = useRef<Uint8Array>(new Uint8Array(0));
  const [version, setVersion] = useState(0);
  const fileId = useId();
  const truthId = useId();

  const open = useCallback(
    async (file: File | undefined) => {
      if (!file) return;
      setName(file.name);
      setSample(null);
      load(await file.arrayBuffer(), file.name);
    },
    [load],
  );
  const { over, dropProps } = useFileDrop((f) => void open(f));

  const openSample = useCallback(
    async (id: string) => {
      try {
        const response = await fetch(`/samples/try/${id}.tif`);
        if (!response.ok) throw new Error(`${response.status}`);
        setName(`${id}.tif`);
        setSample(id);
        load(await response.arrayBuffer(), `${id}.tif`);
      } catch {
        fail(`cannot load the sample ${id}; reload the page`);
      }
    },
    [load, fail],
  );

  // A new image: fresh scribbles, middle slice, rung 1 at once.
  useEffect(() => {
    if (!image) return;
    const [z, y, x] = image.shape;
    scribbles.current = new Uint8Array(z * y * x);
    setVersion((v) => v + 1);
    setSlice(Math.floor(z / 2));
    setEvidence([]);
    setOutlines([]);
    liveOutlines.current = false;
  }, [image]);

  const hasScribbles = () => {
    let bg = false;
    let fg = false;
    for (const v of scribbles.current) {
      if (v === 1) bg = true;
      else if (v === 2) fg = true;
      if (bg && fg) return true;
    }
    return false;
  };

  const runRung = useCallback(() => {
    if (!image) return;
    if (rung === 'classical') send({ type: 'classical', settings: classical });
    else if (hasScribbles()) send({ type: 'pixel', scribbles: scribbles.current.slice(), settings: pixel, slice: sliceRef.current });
    else clearResult();
  }, [image, rung, classical, pixel, send, clearResult]);

  // Opening rung 2 starts the filter bank at once, so the first stroke only trains and predicts
  // (only when the tab or the image changes, not on every settings change).
  useEffect(() => {
    if (image && rung === 'pixel' && !hasScribbles()) send({ type: 'features', scales: pixel.scales });
    // Deliberately keyed on the image and the tab only: settings changes re-run the rung below, and
    // recomputing the filter bank on every scale edit would queue work the next stroke replaces.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [image, rung]);

  // Live update: every settings change (and every finished stroke, below) re-runs the rung.
  useEffect(() => {
    const t = setTimeout(runRung, 150);
    return () => clearTimeout(t);
  }, [runRung]);

  const sizes = useMemo(() => (result ? sizeHistogram(result.sizes) : null), [result]);
  const hits = judgement?.rows ? judgement.rows.filter((r) => r.hit).length : null;
  const current = result && result.rung === rung ? result : null;

  const judge = (verdict: TryEvidence['verdict']) => {
    if (!current) return;
    const entry: TryEvidence = {
      rung: current.rung,
      method: current.rung === 'classical' ? classical.method : 'forest',
      verdict,
      ...(judgement?.f1 != null ? { f1: judgement.f1, ...(judgement.source === 'outlines' ? { outlines: judgement.truthObjects } : {}) } : {}),
    };
    setEvidence((list) => [...list.filter((e) => e.rung !== entry.rung), entry]);
  };

  const openTruth = async (file: File | undefined) => {
    if (!file || !current) return;
    liveOutlines.current = false;
    send({ type: 'judge', truth: await file.arrayBuffer(), name: file.name, labels: current.labels.slice() });
  };
  // Once the outlines have been scored, every new result (a changed setting, a new stroke) is scored
  // against them again, so the scores stay live; scoring against a label image turns this off.
  const scoreOutlines = useCallback(() => {
    if (!current || outlines.length === 0) return;
    liveOutlines.current = true;
    send({ type: 'judge-outlines', outlines: outlines.map((o) => ({ points: o.points, slice: o.slice })), labels: current.labels.slice() });
  }, [current, outlines, send]);
  const latestScore = useRef(scoreOutlines);
  useEffect(() => {
    latestScore.current = scoreOutlines;
  }, [scoreOutlines]);
  useEffect(() => {
    if (current && liveOutlines.current) latestScore.current();
  }, [current]);
  const sampleTruth = async () => {
    if (!sample || !current) return;
    liveOutlines.current = false;
    const response = await fetch(`/samples/try/${sample}_gt.tif`);
    send({ type: 'judge', truth: await response.arrayBuffer(), name: `${sample}_gt.tif`, labels: current.labels.slice() });
  };

  const base = (name ?? 'image').replace(/\.(ome\.)?tiff?$|\.png$/i, '');
  const exportLabels = () => {
    if (!current || !image) return;
    const [z, y, x] = image.shape;
    downloadFile(encodeLabelTiff({ shape: [z, y, x], ndim: image.ndim, data: current.labels, count: current.count }), `${base}_labels.tif`, 'image/tiff');
  };
  const exportProbability = () => {
    if (!current?.probability || !image) return;
    downloadFile(encodeProbabilityTiff(current.probability, image.shape, image.ndim), `${base}_probability.tif`, 'image/tiff');
  };
  const exportSettings = () => {
    const text = rung === 'classical' ? settingsJson({ format: 1, rung, settings: classical }) : settingsJson({ format: 1, rung: 'pixel', settings: pixel });
    downloadFile(new TextEncoder().encode(text), `${base}_${rung}_settings.json`, 'application/json');
  };

  const setC = <K extends keyof ClassicalSettings>(key: K, value: ClassicalSettings[K]) => setClassical((s) => ({ ...s, [key]: value }));

  return (
    <div className="try-workbench">
      <section className="card" aria-labelledby="try-input">
        <h2 id="try-input">1. Your image</h2>
        <div className={over ? 'drop-zone over' : 'drop-zone'} {...dropProps}>
          <label htmlFor={fileId}>Drop a 2D image or 3D stack (TIFF or PNG) here, or choose a file: </label>
          <input id={fileId} type="file" accept=".tif,.tiff,.png,image/tiff,image/png" onChange={(e) => void open(e.target.files?.[0])} disabled={!interactive} />
          <p className="small muted">The image is read and processed in this browser tab only; nothing is uploaded.</p>
        </div>
        <p>
          Or a sample:{' '}
          {SAMPLES.map((s) => (
            <button key={s.id} type="button" className="secondary" onClick={() => void openSample(s.id)} title={s.hint} data-sample={s.id} disabled={!interactive}>
              {s.label}
            </button>
          ))}
        </p>
        {image ? (
          <p className="small" data-testid="image-info">
            {name}: {image.shape[2]}×{image.shape[1]}
            {image.ndim === 3 ? `×${image.shape[0]} slices` : ''}, {image.dtype}
          </p>
        ) : null}
      </section>

      <div className="try-status" aria-live="polite">
        {busy ? (
          <p>
            <span className="spinner" aria-hidden="true" /> {busy.step} {Math.round(busy.fraction * 100)}%{' '}
            <button type="button" className="secondary" onClick={cancel}>
              Cancel
            </button>
          </p>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="notice-bad card">
          {error}
        </p>
      ) : null}

      {image ? (
        <>
          <div role="tablist" aria-label="rung" className="toolbar">
            <button type="button" role="tab" aria-selected={rung === 'classical'} className={rung === 'classical' ? '' : 'secondary'} onClick={() => setRung('classical')}>
              Rung 1: threshold + watershed
            </button>
            <button type="button" role="tab" aria-selected={rung === 'pixel'} className={rung === 'pixel' ? '' : 'secondary'} onClick={() => setRung('pixel')}>
              Rung 2: pixel classifier
            </button>
          </div>
          <div className="try-layout">
            <div>
              <SegmentCanvas
                image={image}
                labels={current?.labels ?? null}
                probability={rung === 'pixel' && showProbability ? (current?.probability ?? null) : null}
                preview={rung === 'pixel' ? preview : null}
                scribbles={scribbles.current}
                version={version}
                slice={slice}
                onSlice={setSlice}
                paint={rung === 'pixel' && !outlining ? paint : null}
                brush={brush}
                onPainted={() => setVersion((v) => v + 1)}
                onStrokeEnd={runRung}
                outlines={{ list: outlines, drawing: outlining, onAdd: (points) => setOutlines((list) => [...list, { points, slice }]) }}
              />
              {current ? (
                <p data-testid="object-count">
                  <strong>{current.count}</strong> objects · {(current.ms / 1000).toFixed(2)} s
                  {current.threshold !== undefined ? ` · threshold ${current.threshold.toPrecision(4)}` : ''}
                </p>
              ) : rung === 'pixel' ? (
                <p className="muted">Paint at least one stroke of background and one of objects to train the classifier.</p>
              ) : null}
              <div className="toolbar" role="group" aria-label="ground-truth outlines">
                <button type="button" className={outlining ? '' : 'secondary'} aria-pressed={outlining} onClick={() => setOutlining((on) => !on)} data-testid="outline-mode">
                  Outline objects
                </button>
                <button type="button" className="secondary" disabled={outlines.length === 0} onClick={() => setOutlines((list) => list.slice(0, -1))}>
                  Undo last outline
                </button>
                <button type="button" className="secondary" disabled={outlines.length === 0} onClick={() => setOutlines([])}>
                  Clear outlines
                </button>
                <span className="small" data-testid="outline-count">
                  {outlines.length} outline{outlines.length === 1 ? '' : 's'}
                  {image.ndim === 3 && outlines.length > 0 ? ` (${outlines.filter((o) => o.slice === slice).length} on this slice)` : ''}
                </span>
              </div>
              {outlining ? <p className="small">{help.outlines}</p> : null}
            </div>
            <div className="try-controls">
              {rung === 'classical' ? (
                <fieldset>
                  <legend>Rung 1 settings</legend>
                  <Num label="Smoothing σ (px)" value={classical.sigma} min={0} max={10} step={0.5} onChange={(v) => setC('sigma', v)} />
                  <label>
                    Background removal{' '}
                    <select value={classical.background} onChange={(e) => setC('background', e.target.value as ClassicalSettings['background'])}>
                      <option value="none">none</option>
                      <option value="rolling-ball">rolling ball</option>
                      <option value="top-hat">top-hat</option>
                    </select>
                  </label>
                  {classical.background !== 'none' ? <Num label="Radius (px)" value={classical.backgroundRadius} min={1} max={200} step={1} onChange={(v) => setC('backgroundRadius', v)} /> : null}
                  <label>
                    Threshold method{' '}
                    <select value={classical.method} onChange={(e) => setC('method', e.target.value as ThresholdMethod)} data-testid="method">
                      {THRESHOLD_METHODS.map((m) => (
                        <option key={m} value={m}>
                          {m}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    <input type="checkbox" checked={!classical.brightObjects} onChange={(e) => setC('brightObjects', !e.target.checked)} /> dark objects on a bright background
                  </label>
                  <label>
                    <input type="checkbox" checked={classical.watershed} onChange={(e) => setC('watershed', e.target.checked)} /> split touching objects (watershed)
                  </label>
                  <Num label="Seed spacing (px)" value={classical.seedSpacing} min={1} max={50} step={1} onChange={(v) => setC('seedSpacing', v)} />
                  <Num label="Minimum size (px)" value={classical.minSize} min={0} max={10000} step={1} onChange={(v) => setC('minSize', v)} />
                </fieldset>
              ) : (
                <fieldset>
                  <legend>Rung 2: paint scribbles</legend>
                  <div role="radiogroup" aria-label="scribble class">
                    {CLASSES.map((c) => (
                      <label key={c.value} className="try-class">
                        <input type="radio" name="scribble-class" checked={paint === c.value} onChange={() => setPaint(c.value)} />{' '}
                        <span className="swatch" style={{ background: `rgb(${SCRIBBLE_COLOURS[c.value]!.join(',')})` }} /> {c.name}
                      </label>
                    ))}
                  </div>
                  <Num label="Brush radius (px)" value={brush} min={0} max={15} step={1} onChange={setBrush} />
                  <label>
                    <input type="checkbox" checked={showProbability} onChange={(e) => setShowProbability(e.target.checked)} /> show P(objects)
                  </label>
                  <Num label="Object if P above" value={pixel.probabilityThreshold} min={0.05} max={0.95} step={0.05} onChange={(v) => setPixel((s) => ({ ...s, probabilityThreshold: v }))} />
                  <Num label="Seed spacing (px)" value={pixel.seedSpacing} min={1} max={50} step={1} onChange={(v) => setPixel((s) => ({ ...s, seedSpacing: v }))} />
                  <Num label="Minimum size (px)" value={pixel.minSize} min={0} max={10000} step={1} onChange={(v) => setPixel((s) => ({ ...s, minSize: v }))} />
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      scribbles.current.fill(0);
                      setVersion((v) => v + 1);
                      clearResult();
                    }}
                  >
                    Clear scribbles
                  </button>
                  <p className="small muted">Features: Gaussian, Laplacian of Gaussian, gradient magnitude, difference of Gaussians, Hessian and structure-tensor eigenvalues at σ {pixel.scales.join(', ')} px; a random forest of {pixel.trees} trees.</p>
                </fieldset>
              )}
              {current?.histogram && current.threshold !== undefined ? (
                <ThresholdHistogram counts={current.histogram.counts} centers={current.histogram.centers} threshold={classical.brightObjects ? current.threshold : -current.threshold} />
              ) : null}
              {sizes && current ? <SizeHistogram edges={sizes.edges} counts={sizes.counts} /> : null}
            </div>
          </div>

          {current ? (
            <section className="card" aria-labelledby="try-judge">
              <h2 id="try-judge">2. Is it good enough?</h2>
              <p>{help.goodEnough}</p>
              <p>
                <button type="button" onClick={() => judge('works')} data-testid="judge-works">
                  Good enough for my question
                </button>{' '}
                <button type="button" className="secondary" onClick={() => judge('failed')} data-testid="judge-failed">
                  Not good enough
                </button>
              </p>
              <p>
                <label htmlFor={truthId}>Score it against a ground-truth label image (same size): </label>
                <input id={truthId} type="file" accept=".tif,.tiff,.png" onChange={(e) => void openTruth(e.target.files?.[0])} />
                {sample ? (
                  <button type="button" className="secondary" onClick={() => void sampleTruth()} data-testid="sample-truth">
                    Use the sample&apos;s ground truth
                  </button>
                ) : null}
              </p>
              <p>
                {outlines.length > 0 ? (
                  <button type="button" className="secondary" onClick={scoreOutlines} data-testid="score-outlines">
                    Score my outlines ({outlines.length})
                  </button>
                ) : (
                  <span className="muted">No label image? Press “Outline objects” above and draw around a few objects you are sure of; then score against those.</span>
                )}
              </p>
              {judgement?.source === 'labels' ? (
                <dl className="try-scores" data-testid="scores">
                  <dt>F1 at IoU 0.5</dt>
                  <dd data-testid="score-f1">
                    <strong>{judgement.f1 === null ? 'n/a' : judgement.f1.toFixed(2)}</strong> ({judgement.predObjects} found, {judgement.truthObjects} true) — {help.f1}
                  </dd>
                  <dt>Mean IoU of matched objects</dt>
                  <dd>
                    <strong>{judgement.meanIoU === null ? 'n/a' : judgement.meanIoU.toFixed(2)}</strong> — {help.meanIoU}
                  </dd>
                  <dt>Counting error</dt>
                  <dd>
                    <strong>
                      {judgement.countError !== null && judgement.countError > 0 ? '+' : ''}
                      {judgement.countError ?? 'n/a'}
                      {judgement.countErrorFraction !== null ? ` (${(judgement.countErrorFraction * 100).toFixed(0)}%)` : ''}
                    </strong>{' '}
                    — {help.countError}
                  </dd>
                </dl>
              ) : null}
              {judgement?.source === 'outlines' && hits !== null ? (
                <dl className="try-scores" data-testid="scores">
                  <dt>F1 at IoU 0.5</dt>
                  <dd data-testid="score-f1">
                    <strong>{judgement.f1 === null ? 'n/a' : judgement.f1.toFixed(2)}</strong>{' '}
                    <span data-testid="outline-scope">
                      (scored on the {judgement.truthObjects} object{judgement.truthObjects === 1 ? '' : 's'} you outlined: {hits} found, {judgement.truthObjects - hits} missed,{' '}
                      {judgement.predObjects - hits} extra piece{judgement.predObjects - hits === 1 ? '' : 's'})
                    </span>{' '}
                    — {help.f1} {help.outlineScope}
                    {judgement.rows ? (
                      <ul className="try-outline-rows small" aria-label="per outline">
                        {judgement.rows.map((r) => (
                          <li key={r.outline}>
                            #{r.outline}
                            {image.ndim === 3 ? ` (slice ${r.slice + 1})` : ''}: {r.hit ? 'found' : 'missed'}, IoU {r.iou.toFixed(2)}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </dd>
                  <dt>Mean IoU over your outlines</dt>
                  <dd>
                    <strong>{judgement.meanIoU === null ? 'n/a' : judgement.meanIoU.toFixed(2)}</strong> — {help.meanIoUOutlines}
                  </dd>
                  <dt>Splits and merges</dt>
                  <dd data-testid="score-split-merge">
                    <strong>
                      {judgement.splits} split, {judgement.merges} merged
                    </strong>{' '}
                    — {help.splitMerge}
                  </dd>
                  <dt>Counting error</dt>
                  <dd>
                    <strong>n/a (outlines)</strong> — a count needs every object marked; score against a full label image to get it.
                  </dd>
                </dl>
              ) : null}
            </section>
          ) : null}

          <section className="card" aria-labelledby="try-export">
            <h2 id="try-export">3. Keep the result</h2>
            <p className="toolbar">
              <button type="button" className="secondary" onClick={exportLabels} disabled={!current}>
                Label TIFF
              </button>
              <button type="button" className="secondary" onClick={exportProbability} disabled={!current?.probability}>
                Probability TIFF
              </button>
              <button type="button" className="secondary" onClick={exportSettings}>
                Settings JSON
              </button>
            </p>
            <p className="small muted">
              Repeat a run from the command line: <code>npx navigator segment --method {rung === 'classical' ? classical.method : 'pixel'} --settings settings.json {rung === 'pixel' ? '--labels scribbles.tif ' : ''}image.tif -o labels.tif</code>
            </p>
          </section>

          {evidence.length > 0 ? (
            <section className="callout" aria-labelledby="try-wizard" data-testid="try-evidence">
              <h2 id="try-wizard">4. Back to the wizard</h2>
              <ul>
                {evidence.map((e) => (
                  <li key={e.rung}>
                    {methodLabel(e)}: {e.verdict === 'works' ? 'good enough' : 'not good enough'}
                    {e.f1 !== undefined ? ` (F1 ${e.f1.toFixed(2)}${e.outlines !== undefined ? ` on ${e.outlines} outline${e.outlines === 1 ? '' : 's'}` : ''})` : ''}
                  </li>
                ))}
              </ul>
              <p>
                The book&apos;s next step: {nextStep(evidence).text} (§{nextStep(evidence).section}).
              </p>
              <p>
                <a className="button" href={wizardLink(questions, answersParam, evidence)} data-testid="wizard-link">
                  See the recommendation with this evidence
                </a>{' '}
                <a className="button secondary" href={wizardLink(questions, answersParam, evidence, 'wizard')}>
                  Continue the questionnaire
                </a>
              </p>
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function Num({ label, value, min, max, step, onChange }: { label: string; value: number; min: number; max: number; step: number; onChange: (v: number) => void }) {
  return (
    <label>
      {label}{' '}
      <input
        type="number"
        value={value}
        min={min}
        max={max}
        step={step}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v) && v >= min && v <= max) onChange(v);
        }}
      />
    </label>
  );
}
