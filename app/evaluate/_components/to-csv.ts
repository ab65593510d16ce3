import type { ObjectRow } from '@/lib/metrics';

import type { EvaluationReport } from './evaluate-pair';
import { summaryRows } from './summary-rows';

/**
 * The report as CSV: a `metric,value,unit` summary block, a blank line, then the per-object table
 * (segmentation) with one column per centroid axis. Numbers keep full precision; empty cells mean
 * undefined or not applicable.
 * @param report - Result of `evaluatePair`.
 * @returns CSV text with `\n` line ends.
 */
export function toCsv(report: EvaluationReport): string {
  const lines = [row(['metric', 'value', 'unit'])];
  lines.push(row(['truth_file', report.truth, '']), row(['prediction_file', report.pred, '']), row(['mode', report.mode, '']));
  if (report.mode === 'segmentation') {
    lines.push(row(['iou_threshold', report.iouThreshold, '']), row(['matching', report.matching, '']));
  }
  for (const r of summaryRows(report)) lines.push(row([r.key, r.value, r.unit]));
  if (report.mode === 'segmentation' && report.objects) {
    const axes = report.shape.length === 3 ? ['z', 'y', 'x'] : ['y', 'x'];
    lines.push('');
    lines.push(
      row([
        'status', 'truth_id', 'pred_id', 'iou', 'truth_size', 'pred_size',
        ...axes.map((a) => `truth_centroid_${a}`), ...axes.map((a) => `pred_centroid_${a}`), 'hausdorff', 'hd95',
      ]),
    );
    for (const o of report.objects) lines.push(objectLine(o, axes.length));
  }
  return `${lines.join('\n')}\n`;
}

function objectLine(o: ObjectRow, n: number): string {
  const c = (v: number[] | null) => Array.from({ length: n }, (_, i) => v?.[i] ?? null);
  return row([o.status, o.truthId, o.predId, o.iou, o.truthSize, o.predSize, ...c(o.truthCentroid), ...c(o.predCentroid), o.hausdorff, o.hd95]);
}

function row(cells: (string | number | null)[]): string {
  return cells.map(cell).join(',');
}

// RFC 4180: quote cells holding a comma, quote or line break, doubling inner quotes.
function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
