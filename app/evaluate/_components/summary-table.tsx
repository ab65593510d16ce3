'use client';

import type { ReactNode } from 'react';

import { METRICS, shortName, type MetricId } from './metric-catalog';
import { fmt, type SummaryRow } from './summary-rows';

/** The headline scores, one row each, with the metric's plain explanation beside its value. */
export function SummaryTable({
  rows,
  names,
  explanations,
  notes,
  highlight,
}: {
  rows: SummaryRow[];
  names: Record<MetricId, ReactNode>;
  explanations: Record<MetricId, ReactNode>;
  /** Server-rendered notes for rows that are not metrics, keyed by row key (see ROW_NOTES). */
  notes: Record<string, ReactNode>;
  highlight: MetricId | null;
}) {
  // The explanation is shown once per metric, on its first row.
  const explained = new Set<MetricId>();
  return (
    <table className="eval-summary" data-testid="summary-table">
      <caption className="visually-hidden">Summary scores</caption>
      <thead>
        <tr>
          <th scope="col">Score</th>
          <th scope="col">Value</th>
          <th scope="col">What it means</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const first = r.metric !== null && !explained.has(r.metric);
          if (r.metric) explained.add(r.metric);
          const hi = r.metric !== null && r.metric === highlight;
          return (
            <tr key={r.key} id={first ? `result-${r.metric}` : undefined} className={hi ? 'highlight' : undefined} data-highlighted={hi ? 'true' : undefined}>
              <th scope="row">
                {first && r.metric ? <Label label={r.label} metric={r.metric} name={names[r.metric]} /> : r.label}
                {hi && first ? <span className="tag">suggested</span> : null}
              </th>
              <td className="num" data-metric-key={r.key} data-value={r.value === null ? '' : String(r.value)}>
                {r.value === null ? <span className="muted">{r.nullText ?? '—'}</span> : `${fmt(r.value)}${r.unit ? ` ${r.unit}` : ''}`}
              </td>
              <td className="explain">{first && r.metric ? explanations[r.metric] : (notes[r.key] ?? null)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The row label with the metric's glossary link: in place when the label starts with the name, else after it. */
function Label({ label, metric, name }: { label: string; metric: MetricId; name: ReactNode }) {
  const info = METRICS.find((m) => m.id === metric);
  const short = info ? shortName(info) : '';
  if (short && label.startsWith(short)) {
    return (
      <>
        {name}
        {label.slice(short.length)}
      </>
    );
  }
  return (
    <>
      {label}
      <span className="metric-term"> ({name})</span>
    </>
  );
}
