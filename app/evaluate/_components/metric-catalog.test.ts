import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { METRIC_IDS, METRICS, parseMetricParam, ROW_NOTES } from './metric-catalog';

describe('parseMetricParam', () => {
  it('finds a known id, ignoring case', () => {
    const p = parseMetricParam('F1');
    expect(p.type === 'metric' && p.metric.name).toBe('F1 score');
  });

  it('names the valid ids for an unknown one', () => {
    expect(parseMetricParam(['bogus'])).toEqual({
      type: 'unknown',
      message: 'unknown metric "bogus"; choose one of f1, ap, pq, iou, dice, hausdorff, mse, nrmse, psnr, ssim',
    });
  });

  it('treats a missing or empty parameter as none', () => {
    expect(parseMetricParam(undefined)).toEqual({ type: 'none' });
    expect(parseMetricParam('')).toEqual({ type: 'none' });
  });
});

describe('METRICS', () => {
  it('covers every id once and points at existing glossary entries', () => {
    expect(METRICS.map((m) => m.id).sort()).toEqual([...METRIC_IDS].sort());
    for (const m of METRICS) {
      const entry = JSON.parse(readFileSync(join(process.cwd(), 'knowledge/glossary', `${m.glossary}.json`), 'utf8')) as { id: string };
      expect(entry.id).toBe(m.glossary);
    }
  });

  it('includes every metric the wizard can recommend', () => {
    for (const id of ['f1', 'iou', 'hausdorff', 'dice', 'psnr', 'ssim']) expect(METRIC_IDS).toContain(id);
  });
});

describe('ROW_NOTES', () => {
  it('points at existing glossary entries', () => {
    for (const note of Object.values(ROW_NOTES)) {
      if (note.glossary === null) continue;
      expect(readFileSync(join(process.cwd(), 'knowledge/glossary', `${note.glossary}.json`), 'utf8')).toContain(`"id": "${note.glossary}"`);
    }
  });
});
