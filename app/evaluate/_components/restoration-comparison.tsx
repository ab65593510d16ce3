'use client';

import type { RestorationResult } from '@/lib/metrics';

import type { EvaluationReport } from './evaluate-pair';
import { fmt } from './summary-rows';

type RestorationReport = Extract<EvaluationReport, RestorationResult>;

const ROWS: { key: 'mse' | 'nrmse' | 'psnr' | 'ssim'; label: string; higherIsBetter: boolean }[] = [
  { key: 'mse', label: 'MSE', higherIsBetter: false },
  { key: 'nrmse', label: 'NRMSE', higherIsBetter: false },
  { key: 'psnr', label: 'PSNR (dB)', higherIsBetter: true },
  { key: 'ssim', label: 'SSIM', higherIsBetter: true },
];

/**
 * Two restoration results against the same ground truth side by side, e.g. the raw image and the
 * restored one, so the gain of the restoration is visible.
 */
export function RestorationComparison({ before, after }: { before: RestorationReport; after: RestorationReport }) {
  return (
    <section aria-labelledby="compare-heading" data-testid="restoration-comparison">
      <h3 id="compare-heading">Compared with your previous image</h3>
      <p className="muted">Both against the ground truth {after.truth}. The data range is each run&apos;s own ({fmt(before.dataRange)} and {fmt(after.dataRange)}).</p>
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">Score</th>
            <th scope="col">{before.pred} (previous)</th>
            <th scope="col">{after.pred} (this one)</th>
            <th scope="col">Which is closer to the truth</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => {
            // A null PSNR means identical images: infinitely good, not missing.
            const a = r.key === 'psnr' && before.psnr === null ? Infinity : before[r.key];
            const b = r.key === 'psnr' && after.psnr === null ? Infinity : after[r.key];
            const verdict = a === null || b === null || a === b ? 'same or undefined' : (b > a) === r.higherIsBetter ? 'this one' : 'previous';
            return (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{a === Infinity ? '∞ (identical)' : fmt(a)}</td>
                <td>{b === Infinity ? '∞ (identical)' : fmt(b)}</td>
                <td>{verdict}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
