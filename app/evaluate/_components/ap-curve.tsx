'use client';

import type { InstanceScores } from '@/lib/metrics';

const W = 360;
const H = 200;
const M = { left: 40, right: 12, top: 12, bottom: 36 };

/** AP (TP / (TP + FP + FN)) and F1 against the IoU threshold, as a small inline SVG with a data table. */
export function ApCurve({ rows, chosen }: { rows: InstanceScores[]; chosen: number }) {
  if (rows.length === 0) return null;
  const lo = rows[0]!.threshold;
  const hi = rows[rows.length - 1]!.threshold;
  const x = (t: number) => M.left + ((t - lo) / (hi - lo || 1)) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - v * (H - M.top - M.bottom);
  const line = (pick: (r: InstanceScores) => number | null) =>
    rows.filter((r) => pick(r) !== null).map((r) => `${x(r.threshold).toFixed(1)},${y(pick(r)!).toFixed(1)}`).join(' ');
  return (
    <figure className="ap-curve">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-labelledby="ap-title ap-desc" data-testid="ap-curve">
        <title id="ap-title">Average precision and F1 against the IoU threshold</title>
        <desc id="ap-desc">
          {rows.map((r) => `IoU ${r.threshold.toFixed(2)}: AP ${r.averagePrecision?.toFixed(3) ?? 'undefined'}`).join('; ')}
        </desc>
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={M.left - 6} y={y(v) + 4} textAnchor="end" className="tick">
              {v}
            </text>
          </g>
        ))}
        {rows.map((r, i) =>
          i % 2 === 0 ? (
            <text key={r.threshold} x={x(r.threshold)} y={H - M.bottom + 16} textAnchor="middle" className="tick">
              {r.threshold.toFixed(2).replace(/0$/, '')}
            </text>
          ) : null,
        )}
        <text x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle" className="axis">
          IoU threshold
        </text>
        {chosen >= lo && chosen <= hi ? <line x1={x(chosen)} x2={x(chosen)} y1={M.top} y2={H - M.bottom} className="chosen" /> : null}
        <polyline points={line((r) => r.f1)} className="f1-line" />
        <polyline points={line((r) => r.averagePrecision)} className="ap-line" />
        {rows.map((r) =>
          r.averagePrecision === null ? null : <circle key={r.threshold} cx={x(r.threshold)} cy={y(r.averagePrecision)} r={3} className="ap-dot" />,
        )}
      </svg>
      <figcaption>
        <span className="key ap">solid: AP</span> <span className="key f1">dashed: F1</span>
        {chosen >= lo && chosen <= hi ? <span className="key chosen"> dotted: your threshold ({chosen})</span> : null}
      </figcaption>
      <details>
        <summary>Values</summary>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">IoU</th>
              <th scope="col">TP</th>
              <th scope="col">FP</th>
              <th scope="col">FN</th>
              <th scope="col">AP</th>
              <th scope="col">F1</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.threshold}>
                <td>{r.threshold.toFixed(2)}</td>
                <td>{r.tp}</td>
                <td>{r.fp}</td>
                <td>{r.fn}</td>
                <td>{r.averagePrecision?.toFixed(4) ?? '—'}</td>
                <td>{r.f1?.toFixed(4) ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
