import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { evaluatePair } from './evaluate-pair';
import { toCsv } from './to-csv';

const dir = join(process.cwd(), 'test/fixtures/evaluate');
const file = (name: string, as = name) => ({ bytes: new Uint8Array(readFileSync(join(dir, name))), name: as });

describe('toCsv', () => {
  it('writes the summary block, a blank line and one row per object', () => {
    const csv = toCsv(evaluatePair(file('truth-2d.tif'), file('pred-2d.tif')).report);
    const [summary, objects] = csv.trimEnd().split('\n\n') as [string, string];
    const metrics = new Map(summary.split('\n').map((l) => l.split(',') as [string, string, string]).map(([k, v]) => [k, v]));
    expect(metrics.get('f1')).toBe('0.6');
    expect(Number(metrics.get('iou'))).toBeCloseTo(320 / 680, 12);
    expect(metrics.get('tp')).toBe('3');
    const lines = objects.split('\n');
    expect(lines[0]).toBe('status,truth_id,pred_id,iou,truth_size,pred_size,truth_centroid_y,truth_centroid_x,pred_centroid_y,pred_centroid_x,hausdorff,hd95');
    // 5 truth squares (3 TP, 2 FN) then 2 unmatched predictions.
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['TP', 'TP', 'FN', 'FN', 'TP', 'FP', 'FP']);
    // Square 1: 10×10 at (4..13, 4..13), centroid 8.5; exact match, so IoU 1 and distance 0.
    expect(lines[1]).toBe('TP,1,7,1,100,100,8.5,8.5,8.5,8.5,0,0');
    // Square 4 is missed: prediction columns are empty.
    expect(lines[4]).toBe('FN,4,,,100,,28.5,8.5,,,,');
  });

  it('quotes file names that hold commas or quotes', () => {
    const csv = toCsv(evaluatePair(file('gt-ramp.tif', 'gt, "final".tif'), file('raw-ramp.tif')).report);
    expect(csv.split('\n')[1]).toBe('truth_file,"gt, ""final"".tif",');
    expect(csv).toContain('\nmse,9,\n');
  });
});
