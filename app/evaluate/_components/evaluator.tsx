'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

import type { EvaluatePairResult } from './evaluate-pair';

import { DropZone } from './drop-zone';
import { EvaluateSettings, type SettingsState } from './evaluate-settings';
import type { MetricId } from './metric-catalog';
import { parseSettings } from './parse-settings';
import { Results } from './results';
import { useEvaluation } from './use-evaluation';

const STAGE_TEXT = { reading: 'reading the files…', decoding: 'decoding the images…', computing: 'computing the scores…', overlay: 'drawing the overlay…' } as const;

/**
 * The evaluate tool: two file inputs, settings, and the results. The server page passes the metric
 * names and explanations already rendered with glossary links, so this client component needs no
 * knowledge base.
 */
export function Evaluator({
  names,
  explanations,
  notes,
  highlight,
}: {
  names: Record<MetricId, ReactNode>;
  explanations: Record<MetricId, ReactNode>;
  notes: Record<string, ReactNode>;
  highlight: MetricId | null;
}) {
  const [truth, setTruth] = useState<File | null>(null);
  const [pred, setPred] = useState<File | null>(null);
  const [settings, setSettings] = useState<SettingsState>({ mode: 'auto', iou: '0.5', voxel: ['', '', ''], matching: 'optimal', components: true, hausdorff: true });
  const { state, run, cancel } = useEvaluation();
  const parsed = parseSettings(settings);
  // The last two finished results, so a restoration result can be compared with the one before it.
  const history = useRef<{ shown: EvaluatePairResult | null; previous: EvaluatePairResult | null }>({ shown: null, previous: null });
  if (state.status === 'done' && history.current.shown !== state.result) {
    history.current = { shown: state.result, previous: history.current.shown };
  }

  // Score as soon as both files are there, and again (after a short pause) when a setting changes.
  useEffect(() => {
    const options = parseSettings(settings);
    if (!truth || !pred || 'error' in options) return;
    const timer = setTimeout(() => void run(truth, pred, options.options), 250);
    return () => clearTimeout(timer);
  }, [truth, pred, settings, run]);

  useEffect(() => {
    if (state.status === 'done' && highlight) document.getElementById(`result-${highlight}`)?.scrollIntoView({ block: 'center' });
  }, [state.status, highlight]);

  return (
    <div className="evaluator">
      <div className="drop-zones">
        <DropZone label="Ground truth" hint="Label image, binary mask or high-quality reference (TIFF or PNG)" file={truth} onFile={setTruth} testId="truth-input" />
        <DropZone label="Prediction" hint="The tool's label image, mask or restored image, same size as the ground truth" file={pred} onFile={setPred} testId="pred-input" />
      </div>
      <EvaluateSettings value={settings} onChange={setSettings} />
      {'error' in parsed ? (
        <p className="error" role="alert">
          {parsed.error}
        </p>
      ) : null}
      <div className="eval-status" aria-live="polite" data-testid="eval-status">
        {state.status === 'idle' && (!truth || !pred) ? <p className="muted">Choose both files to see the scores. They stay on this machine.</p> : null}
        {state.status === 'running' ? (
          <p className="running">
            <span className="spinner" aria-hidden="true" /> Computing: {STAGE_TEXT[state.stage]}{' '}
            <button type="button" className="secondary small" onClick={cancel}>
              Cancel
            </button>
          </p>
        ) : null}
        {state.status === 'error' ? (
          <p className="error" role="alert" data-testid="eval-error">
            {state.message}
          </p>
        ) : null}
      </div>
      {state.status === 'done' ? (
        <Results
          result={state.result}
          ms={state.ms}
          names={names}
          explanations={explanations}
          notes={notes}
          highlight={highlight}
          previous={history.current.previous}
          onSwitchMode={(mode) => setSettings((s) => ({ ...s, mode }))}
        />
      ) : null}
    </div>
  );
}
