'use client';

import { useEffect, useId, useRef, useState } from 'react';

import { diagnoseFit, lossCurveSvg, pairFilesByName, type EpochLog, type ModelFiles, type TrainingMode, type TrainPair } from '@/lib/rcan/browser';

import { errorText, formatEta, readBytes } from './format';
import { useWorkbench } from './workbench-context';

type TrainState =
  | { kind: 'idle' }
  | { kind: 'running'; fraction: number; epoch: number; step: number; steps: number; phase: string; loss: number; etaSeconds: number | null }
  | { kind: 'done'; files: ModelFiles; patchShape: number[]; seconds: number }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

/** Train a small 3D-RCAN on raw/GT pairs in the worker, then download it or use it for restoring. */
export function TrainPanel({ samplePair, defaultMode = 'supervised' }: { samplePair?: { raw: string; gt: string; name: string }; defaultMode?: TrainingMode }) {
  const { client, setTrained } = useWorkbench();
  const rawId = useId();
  const gtId = useId();
  const [rawFiles, setRawFiles] = useState<File[]>([]);
  const [gtFiles, setGtFiles] = useState<File[]>([]);
  const [useSample, setUseSample] = useState(false);
  const [epochs, setEpochs] = useState(2);
  const [steps, setSteps] = useState(10);
  const [patch, setPatch] = useState([8, 32, 32]);
  const [history, setHistory] = useState<EpochLog[]>([]);
  const [mode, setMode] = useState<TrainingMode>(defaultMode);
  const [holdOut, setHoldOut] = useState(true);
  const [patience, setPatience] = useState(0);
  const [state, setState] = useState<TrainState>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  // Blind-spot training needs only the noisy images: each one is its own "pair".
  const paired = mode === 'blind-spot' ? { pairs: rawFiles.map((f) => ({ name: f.name, raw: f, gt: f })), unmatchedRaw: [], unmatchedGt: [] } : pairFilesByName(rawFiles, gtFiles);
  const ready = useSample ? samplePair !== undefined : paired.pairs.length > 0;
  const validating = !useSample && holdOut && paired.pairs.length >= 2;

  const start = async () => {
    const abort = new AbortController();
    controller.current = abort;
    setHistory([]);
    setState({ kind: 'running', fraction: 0, epoch: 1, step: 0, steps, phase: 'train', loss: NaN, etaSeconds: null });
    const started = performance.now();
    try {
      const all: TrainPair[] =
        useSample && samplePair
          ? [{ name: samplePair.name, raw: await readBytes(samplePair.raw), gt: await readBytes(mode === 'blind-spot' ? samplePair.raw : samplePair.gt) }]
          : await Promise.all(paired.pairs.map(async (p) => ({ name: p.name, raw: await readBytes(p.raw), gt: await readBytes(p.gt) })));
      // With two or more pairs the last one is held out: the validation loss is what shows overfitting.
      const pairs = validating ? all.slice(0, -1) : all;
      const outcome = await client.train(
        pairs,
        { epochs, stepsPerEpoch: steps, patchShape: patch, trainingMode: mode, ...(patience > 0 ? { earlyStoppingPatience: patience } : {}), ...(validating ? { validation: all.slice(-1) } : {}) },
        {
          signal: abort.signal,
          onProgress: (p) => setState({ kind: 'running', ...p }),
          onEpoch: (log) => setHistory((h) => [...h, log]),
        },
      );
      setState({ kind: 'done', files: outcome.model, patchShape: outcome.patchShape, seconds: (performance.now() - started) / 1000 });
      setTrained({ files: outcome.model, label: `${pairs.length} ${mode === 'blind-spot' ? 'image' : 'pair'}${pairs.length === 1 ? '' : 's'}, ${mode}, ${epochs} epochs × ${steps} steps` });
    } catch (error) {
      if ((error as { name?: string }).name === 'AbortError') setState({ kind: 'cancelled' });
      else setState({ kind: 'error', message: errorText(error) });
    }
  };

  const percent = state.kind === 'running' ? Math.round(state.fraction * 100) : state.kind === 'done' ? 100 : 0;
  return (
    <section aria-labelledby="train-heading" className="restore-train">
      <h2 id="train-heading">Train your own model</h2>
      <p>
        Restoration models only work on images like their training data. Give raw and ground-truth TIFFs of the same fields (paired by file name, e.g.{' '}
        <code>cell1.tif</code> with <code>cell1.tif</code> or <code>cell1_gt.tif</code>) and train a small 3D-RCAN here. Training in a browser is slow: keep epochs and
        steps small to try it out, and use <code>npx rcan train</code> for real models. Nothing is uploaded.
      </p>
      <fieldset>
        <legend>What you have</legend>
        <label className="choice">
          <input type="radio" name="train-mode" checked={mode === 'supervised'} onChange={() => setMode('supervised')} />
          Noisy (raw) images with clean ground truth of the same fields (supervised, as 3D-RCAN)
        </label>
        <label className="choice">
          <input type="radio" name="train-mode" checked={mode === 'noise2noise'} onChange={() => setMode('noise2noise')} />
          Two noisy recordings of each field, no clean image (Noise2Noise)
        </label>
        <label className="choice">
          <input type="radio" name="train-mode" checked={mode === 'blind-spot'} onChange={() => setMode('blind-spot')} />
          Only noisy images (blind-spot, Noise2Void-style: the network never sees the pixel it predicts)
        </label>
        <p className="muted small">
          The two self-supervised modes only remove noise that is independent from pixel to pixel (shot and read noise); they do not deblur. Same network, same
          settings: only what the network is trained to predict changes (<code>&quot;training_mode&quot;</code> in <code>npx rcan train</code>).
        </p>
      </fieldset>
      <fieldset>
        <legend>{mode === 'blind-spot' ? 'Noisy images' : 'Training pairs'}</legend>
        {samplePair ? (
          <label className="choice">
            <input type="checkbox" checked={useSample} onChange={(e) => setUseSample(e.target.checked)} />
            {mode === 'blind-spot' ? 'Use this preset\'s sample (a quick demonstration)' : 'Use this preset\'s sample and its ground truth as a single pair (a quick demonstration)'}
          </label>
        ) : null}
        {!useSample ? (
          <div className="restore-files">
            <div>
              <label htmlFor={rawId}>{mode === 'noise2noise' ? 'First recordings (TIFFs)' : mode === 'blind-spot' ? 'Noisy TIFFs' : 'Raw TIFFs'}</label>
              <input id={rawId} type="file" multiple accept=".tif,.tiff,image/tiff" onChange={(e) => setRawFiles([...(e.target.files ?? [])])} />
            </div>
            {mode !== 'blind-spot' ? (
              <div>
                <label htmlFor={gtId}>{mode === 'noise2noise' ? 'Second recordings (TIFFs, same names)' : 'Ground-truth TIFFs'}</label>
                <input id={gtId} type="file" multiple accept=".tif,.tiff,image/tiff" onChange={(e) => setGtFiles([...(e.target.files ?? [])])} />
              </div>
            ) : null}
          </div>
        ) : null}
        {!useSample && (rawFiles.length > 0 || gtFiles.length > 0) ? (
          <div aria-live="polite">
            <p className="small">
              {paired.pairs.length} pair{paired.pairs.length === 1 ? '' : 's'}: {paired.pairs.map((p) => (mode === 'blind-spot' ? p.raw.name : `${p.raw.name} ↔ ${p.gt.name}`)).join('; ') || 'none yet'}
            </p>
            {paired.pairs.length >= 2 ? (
              <label className="choice">
                <input type="checkbox" checked={holdOut} onChange={(e) => setHoldOut(e.target.checked)} />
                Hold out the last one ({paired.pairs.at(-1)!.raw.name}) for validation, so the plot can show over- or underfitting
              </label>
            ) : null}
            {paired.unmatchedRaw.length + paired.unmatchedGt.length > 0 ? (
              <p className="restore-error small">
                Without a partner (rename so the names match): {[...paired.unmatchedRaw, ...paired.unmatchedGt].map((f) => f.name).join(', ')}
              </p>
            ) : null}
          </div>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>Settings</legend>
        <label className="inline">
          Epochs
          <input type="number" min={1} max={200} value={epochs} onChange={(e) => setEpochs(Math.max(1, Math.min(200, Math.round(Number(e.target.value)) || 1)))} />
        </label>
        <label className="inline">
          Steps per epoch
          <input type="number" min={1} max={1000} value={steps} onChange={(e) => setSteps(Math.max(1, Math.min(1000, Math.round(Number(e.target.value)) || 1)))} />
        </label>
        {(['Z', 'Y', 'X'] as const).map((axis, i) => (
          <label key={axis} className="inline">
            Patch {axis}
            <input
              type="number"
              min={1}
              max={256}
              value={patch[i]}
              onChange={(e) => setPatch((p) => p.map((v, j) => (j === i ? Math.max(1, Math.min(256, Math.round(Number(e.target.value)) || 1)) : v)))}
            />
          </label>
        ))}
        <label className="inline">
          Early stopping after
          <input aria-label="Early stopping patience" type="number" min={0} max={200} value={patience} onChange={(e) => setPatience(Math.max(0, Math.min(200, Math.round(Number(e.target.value)) || 0)))} />
          epochs without improvement (0 = off)
        </label>
        <p className="muted small">Network: C=16, B=2, G=2, r=4 (small, for the browser). Patches are clipped to the smallest image; learning rate 1e-3, halved every epochs/4 epochs.</p>
      </fieldset>
      <div className="restore-actions">
        <button type="button" onClick={() => void start()} disabled={!ready || state.kind === 'running'}>
          Train
        </button>
        <button type="button" className="secondary" onClick={() => controller.current?.abort()} disabled={state.kind !== 'running'}>
          Cancel training
        </button>
      </div>
      <div className="restore-progress" aria-live="polite">
        <label htmlFor="train-progress-bar">Training progress</label>
        <progress id="train-progress-bar" max={100} value={percent} />
        <span data-testid="train-status">
          {state.kind === 'running'
            ? state.step === 0
              ? 'Reading the pairs…'
              : `epoch ${state.epoch}, ${state.phase === 'train' ? 'step' : 'validation'} ${state.step}/${state.steps}, loss ${Number.isFinite(state.loss) ? state.loss.toFixed(4) : '…'} (${percent}%) ${formatEta(state.etaSeconds)}`
            : state.kind === 'done'
              ? `Done in ${state.seconds.toFixed(0)} s; patch ${state.patchShape.join(' × ')}.`
              : state.kind === 'cancelled'
                ? 'Training cancelled.'
                : ''}
        </span>
      </div>
      {state.kind === 'error' ? (
        <p role="alert" className="restore-error">
          {state.message}
        </p>
      ) : null}
      {history.length > 0 ? <LossPlot history={history} /> : null}
      {history.length > 0 ? (
        <table className="restore-metrics">
          <caption>Loss per epoch (mean absolute error on normalized patches; lower is better)</caption>
          <thead>
            <tr>
              <th scope="col">Epoch</th>
              <th scope="col">Loss</th>
              {history.some((h) => h.values.val_loss !== undefined) ? <th scope="col">Validation loss</th> : null}
              <th scope="col">PSNR (dB)</th>
              <th scope="col">Learning rate</th>
              <th scope="col">Seconds</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.epoch}>
                <td>{h.epoch}</td>
                <td>{h.values.loss?.toFixed(4) ?? 'n/a'}</td>
                {h.values.val_loss !== undefined ? <td>{h.values.val_loss.toFixed(4)}</td> : null}
                <td>{h.values.psnr?.toFixed(2) ?? 'n/a'}</td>
                <td>{h.lr.toExponential(1)}</td>
                <td>{h.seconds.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {state.kind === 'done' ? <ModelDownloads files={state.files} /> : null}
    </section>
  );
}

/** The loss curves redrawn after every epoch, with the Fig. 9.6 diagnosis and the rule it used. */
function LossPlot({ history }: { history: readonly EpochLog[] }) {
  const points = history.map((h) => ({ epoch: h.epoch, train: h.values.loss ?? NaN, ...(h.values.val_loss !== undefined ? { val: h.values.val_loss } : {}) }));
  const diagnosis = diagnoseFit(points);
  return (
    <figure className="loss-plot" data-testid="loss-plot">
      {/* The SVG is generated from numbers only (text is XML-escaped), no user markup. */}
      <div dangerouslySetInnerHTML={{ __html: lossCurveSvg(points, { width: 520, height: 260 }) }} />
      <figcaption>
        <strong data-testid="fit-diagnosis">{diagnosis.summary}</strong> {diagnosis.advice}{' '}
        <span className="muted small">
          Rule: {diagnosis.rule}. See{' '}
          <a className="book-link" href={diagnosis.book.url} target="_blank" rel="noopener noreferrer" data-book-section={diagnosis.book.section}>
            §{diagnosis.book.section} Monitoring training and validation losses
          </a>{' '}
          (Fig. 9.6).
        </span>
      </figcaption>
    </figure>
  );
}

function ModelDownloads({ files }: { files: ModelFiles }) {
  const [urls, setUrls] = useState<{ name: string; url: string }[]>([]);
  useEffect(() => {
    const made = [
      { name: 'config.json', url: URL.createObjectURL(new Blob([files.configJson], { type: 'application/json' })) },
      { name: 'model.json', url: URL.createObjectURL(new Blob([files.modelJson], { type: 'application/json' })) },
      { name: 'weights.bin', url: URL.createObjectURL(new Blob([files.weightsBin], { type: 'application/octet-stream' })) },
    ];
    setUrls(made);
    return () => made.forEach((m) => URL.revokeObjectURL(m.url));
  }, [files]);
  return (
    <div className="card">
      <p>
        The model is ready and selected in the Restore section above. To keep it, save <code>config.json</code> in a folder such as <code>my-model/</code> and{' '}
        <code>model.json</code> with <code>weights.bin</code> in <code>my-model/checkpoint/</code>: that is the model-folder layout <code>npx rcan apply -m my-model</code>{' '}
        reads.
      </p>
      <ul className="model-downloads">
        {urls.map((u) => (
          <li key={u.name}>
            <a href={u.url} download={u.name}>
              Download {u.name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
