'use client';

import type { ReactNode } from 'react';

import { ApCurve } from './ap-curve';
import { downloadFile } from '../../_components/download-file';
import type { EvaluatePairResult } from './evaluate-pair';
import { exportFileName } from './export-file-name';
import { METRICS, type MetricId } from './metric-catalog';
import { ObjectTable } from './object-table';
import { OverlayView } from './overlay-view';
import { RestorationComparison } from './restoration-comparison';
import { summaryRows } from './summary-rows';
import { SummaryTable } from './summary-table';
import { toCsv } from './to-csv';

/** Everything shown once an evaluation has finished. */
export function Results({
  result,
  ms,
  names,
  explanations,
  notes,
  highlight,
  previous,
  onSwitchMode,
}: {
  result: EvaluatePairResult;
  ms: number;
  names: Record<MetricId, ReactNode>;
  explanations: Record<MetricId, ReactNode>;
  notes: Record<string, ReactNode>;
  highlight: MetricId | null;
  /** The previous result, shown beside a restoration result scored against the same truth. */
  previous: EvaluatePairResult | null;
  onSwitchMode: (mode: 'segmentation' | 'restoration') => void;
}) {
  const { report, overlay } = result;
  const csv = () => downloadFile(toCsv(report), exportFileName(report.truth, report.pred, 'csv'), 'text/csv');
  const json = () => downloadFile(`${JSON.stringify(report, null, 2)}\n`, exportFileName(report.truth, report.pred, 'json'), 'application/json');
  const other = report.mode === 'segmentation' ? 'restoration' : 'segmentation';
  const wanted = METRICS.find((m) => m.id === highlight);
  return (
    <section className="eval-results" aria-labelledby="results-heading" data-testid="results" data-mode={report.mode}>
      <h2 id="results-heading">Results</h2>
      <p className="mode-line">
        Scored as <strong>{report.mode === 'segmentation' ? 'label images (instance segmentation)' : 'intensity images (restoration)'}</strong>: {report.modeReason}.{' '}
        <button type="button" className="secondary small" onClick={() => onSwitchMode(other)}>
          Score as {other === 'segmentation' ? 'label images' : 'intensities'} instead
        </button>
      </p>
      <p className="muted">
        {report.truth} vs {report.pred}, shape [{report.shape.join(' × ')}], computed in {(ms / 1000).toFixed(2)} s on this machine.
      </p>
      {wanted && wanted.family !== report.mode ? (
        <p className="note" role="note">
          You asked about {wanted.name}, which applies to {wanted.family} images; these files were scored as {report.mode}.
        </p>
      ) : null}
      <SummaryTable rows={summaryRows(report)} names={names} explanations={explanations} notes={notes} highlight={highlight} />
      <p className="exports">
        <button type="button" onClick={csv} data-testid="download-csv">
          Download CSV
        </button>{' '}
        <button type="button" className="secondary" onClick={json} data-testid="download-json">
          Download JSON
        </button>
      </p>
      {report.mode === 'segmentation' && report.averagePrecision ? (
        <>
          <h3 id="result-curve">How the scores change with the IoU threshold</h3>
          <ApCurve rows={report.averagePrecision.thresholds} chosen={report.iouThreshold} />
        </>
      ) : null}
      {report.mode === 'segmentation' && overlay && report.instance ? (
        <>
          <h3>Where the objects were found, added or missed</h3>
          <OverlayView classes={overlay.classes} shape={overlay.shape} counts={report.instance} />
        </>
      ) : null}
      {report.mode === 'segmentation' && report.objects ? (
        <>
          <h3>Every object</h3>
          <ObjectTable rows={report.objects} unit={report.distanceUnit === 'pixel' ? 'px' : 'units'} onDownloadAll={csv} />
        </>
      ) : null}
      {report.mode === 'restoration' && previous?.report.mode === 'restoration' && previous.report.truth === report.truth && previous.report.pred !== report.pred ? (
        <RestorationComparison before={previous.report} after={report} />
      ) : null}
      {report.mode === 'restoration' ? (
        <p className="muted">
          To see what a restoration gained, score the raw image against the same ground truth too (swap the prediction file; the two results are then shown side by side): the restored image should have lower MSE and NRMSE and higher PSNR and SSIM.
        </p>
      ) : null}
    </section>
  );
}
