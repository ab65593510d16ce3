import type { MetricId } from './metric-catalog';
import type { EvaluationReport } from './evaluate-pair';

/** One line of the summary table and of the CSV summary block. */
export interface SummaryRow {
  /** Stable machine key, e.g. `f1` or `hausdorff_hd95`; the CSV uses it. */
  key: string;
  /** The catalog metric this row belongs to (for the explanation and highlighting), if any. */
  metric: MetricId | null;
  label: string;
  /** Null when undefined (no objects, infinite distance, image too small). */
  value: number | null;
  /** 'px', the physical unit hint, 'dB' or ''. */
  unit: string;
  /** Shown when `value` is null. */
  nullText?: string;
}

/**
 * Flatten a report into the rows of the summary table, in the page's reading order.
 * @param report - Result of `evaluatePair` (or the CLI's JSON).
 * @returns Rows; segmentation rows need instance mode for the object scores.
 */
export function summaryRows(report: EvaluationReport): SummaryRow[] {
  if (report.mode === 'restoration') {
    return [
      { key: 'mse', metric: 'mse', label: 'MSE', value: report.mse, unit: '' },
      { key: 'nrmse', metric: 'nrmse', label: `NRMSE (${report.nrmseNormalization})`, value: report.nrmse, unit: '', nullText: 'undefined (all-zero truth)' },
      { key: 'psnr', metric: 'psnr', label: `PSNR (data range ${fmt(report.dataRange)})`, value: report.psnr, unit: 'dB', nullText: 'infinite (identical images)' },
      { key: 'ssim', metric: 'ssim', label: 'SSIM', value: report.ssim, unit: '', nullText: report.ssimNote ?? 'not computed' },
    ];
  }
  const dist = report.distanceUnit === 'pixel' ? 'px' : 'units';
  const t = report.iouThreshold;
  const rows: SummaryRow[] = [];
  const inst = report.instance;
  if (inst) {
    rows.push(
      { key: 'f1', metric: 'f1', label: `F1 at IoU ${t}`, value: inst.f1, unit: '', nullText: 'undefined (no objects)' },
      { key: 'precision', metric: null, label: 'Precision', value: inst.precision, unit: '', nullText: 'undefined (no predictions)' },
      { key: 'recall', metric: null, label: 'Recall', value: inst.recall, unit: '', nullText: 'undefined (no truth objects)' },
      { key: 'tp', metric: null, label: 'True positives (matched)', value: inst.tp, unit: '' },
      { key: 'fp', metric: null, label: 'False positives (extra predictions)', value: inst.fp, unit: '' },
      { key: 'fn', metric: null, label: 'False negatives (missed objects)', value: inst.fn, unit: '' },
      { key: 'ap', metric: 'ap', label: `AP at IoU ${t}`, value: inst.averagePrecision, unit: '', nullText: 'undefined (no objects)' },
      { key: 'ap_mean', metric: 'ap', label: 'Mean AP, IoU 0.5–0.95', value: report.averagePrecision?.mean ?? null, unit: '', nullText: 'undefined (no objects)' },
      { key: 'pq', metric: 'pq', label: `Panoptic quality at IoU ${t}`, value: inst.panopticQuality, unit: '', nullText: 'undefined (no objects)' },
      { key: 'sq', metric: 'pq', label: 'Segmentation quality (mean IoU of matches)', value: inst.segmentationQuality, unit: '', nullText: 'undefined (no matches)' },
    );
  }
  rows.push(
    { key: 'iou', metric: 'iou', label: 'Foreground IoU', value: report.pixel.iou, unit: '', nullText: 'undefined (both masks empty)' },
    { key: 'dice', metric: 'dice', label: 'Foreground Dice', value: report.pixel.dice, unit: '', nullText: 'undefined (both masks empty)' },
  );
  const hd = report.hausdorff;
  if (hd) {
    rows.push(
      { key: 'hausdorff', metric: 'hausdorff', label: 'Hausdorff distance, whole mask', value: hd.mask.hausdorff, unit: dist, nullText: 'infinite (one mask is empty)' },
      { key: 'hausdorff_hd95', metric: 'hausdorff', label: 'HD95, whole mask', value: hd.mask.hd95, unit: dist, nullText: 'infinite (one mask is empty)' },
    );
    if (inst) {
      rows.push({ key: 'hausdorff_matched_mean', metric: 'hausdorff', label: 'Hausdorff distance, mean over matched objects', value: hd.matchedMean?.hausdorff ?? null, unit: dist, nullText: 'undefined (no matches)' });
    }
  }
  if (inst) {
    rows.push(
      { key: 'splits', metric: null, label: 'Split truth objects', value: report.splitMerge?.splits ?? null, unit: '' },
      { key: 'merges', metric: null, label: 'Merged predicted objects', value: report.splitMerge?.merges ?? null, unit: '' },
    );
  }
  return rows;
}

/** Four significant decimals for scores, integers as they are. */
export function fmt(value: number | null): string {
  if (value === null) return '—';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(1) : value.toFixed(4);
}
