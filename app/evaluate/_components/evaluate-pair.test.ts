import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { runEvaluate } from '@/lib/cli/evaluate-command';

import { evaluatePair } from './evaluate-pair';
import { OVERLAY_CLASS } from './overlay-classes';

const dir = join(process.cwd(), 'test/fixtures/evaluate');
const file = (name: string) => ({ bytes: new Uint8Array(readFileSync(join(dir, name))), name });

async function cli(truth: string, pred: string): Promise<Record<string, unknown>> {
  let out = '';
  const code = await runEvaluate(['--truth', join(dir, truth), '--pred', join(dir, pred)], { stdout: (t) => (out += t), stderr: () => {} });
  expect(code).toBe(0);
  return JSON.parse(out) as Record<string, unknown>;
}

describe('evaluatePair', () => {
  it('gives the hand-worked scores of the 2D label fixtures (see test/fixtures/evaluate/README.md)', () => {
    const { report } = evaluatePair(file('truth-2d.tif'), file('pred-2d.tif'));
    if (report.mode !== 'segmentation') throw new Error('expected segmentation');
    expect(report.instance).toMatchObject({ tp: 3, fp: 2, fn: 2 });
    expect(report.instance?.f1).toBeCloseTo(0.6, 12);
    expect(report.pixel.iou).toBeCloseTo(320 / 680, 12);
    expect(report.pixel.dice).toBeCloseTo(0.64, 12);
  });

  it('reports the same numbers as navigator evaluate for the same files', async () => {
    for (const [t, p] of [['truth-2d.tif', 'pred-2d.tif'], ['gt-ramp.tif', 'raw-ramp.tif'], ['truth-3d.tif', 'pred-3d.tif']] as const) {
      const { report } = evaluatePair(file(t), file(p));
      const expected = await cli(t, p);
      const { truth: _t, pred: _p, modeReason: _r, ...fromPage } = report;
      const { truth: _t2, pred: _p2, modeReason: _r2, ...fromCli } = expected;
      expect(JSON.parse(JSON.stringify(fromPage))).toEqual(fromCli);
    }
  });

  it('builds an overlay with the matched, extra and missed objects of the fixtures', () => {
    const { overlay } = evaluatePair(file('truth-2d.tif'), file('pred-2d.tif'));
    expect(overlay?.shape).toEqual([1, 64, 64]);
    const at = (y: number, x: number) => overlay!.classes[y * 64 + x];
    expect(at(8, 8)).toBe(OVERLAY_CLASS.tp); // square 1, exact match
    expect(at(28, 8)).toBe(OVERLAY_CLASS.fn); // square 4, missing
    expect(at(48, 48)).toBe(OVERLAY_CLASS.fp); // the extra prediction
    expect(at(60, 2)).toBe(OVERLAY_CLASS.background);
  });

  it('splits binary PNG masks into blobs and colours the overlay by blob', async () => {
    const { report, overlay } = evaluatePair(file('truth-mask.png'), file('pred-mask.png'));
    if (report.mode !== 'segmentation') throw new Error('expected segmentation');
    expect(report.componentsLabelled).toEqual({ truth: true, pred: true });
    // Same squares as the label fixtures, so the same hand-worked counts.
    expect(report.instance).toMatchObject({ tp: 3, fp: 2, fn: 2 });
    const at = (y: number, x: number) => overlay!.classes[y * 64 + x];
    expect([at(8, 8), at(28, 8), at(48, 48)]).toEqual([OVERLAY_CLASS.tp, OVERLAY_CLASS.fn, OVERLAY_CLASS.fp]);
    const { truth: _t, pred: _p, modeReason: _r, ...fromPage } = report;
    const { truth: _t2, pred: _p2, modeReason: _r2, ...fromCli } = await cli('truth-mask.png', 'pred-mask.png');
    expect(JSON.parse(JSON.stringify(fromPage))).toEqual(fromCli);
  });

  it('leaves out the Hausdorff distances when asked', () => {
    const { report } = evaluatePair(file('truth-2d.tif'), file('pred-2d.tif'), { hausdorff: false });
    expect(report.mode === 'segmentation' && report.hausdorff).toBeUndefined();
  });

  it('keeps a binary mask as one object when asked', () => {
    const { report } = evaluatePair(file('truth-mask.png'), file('pred-mask.png'), { components: false });
    expect(report.mode === 'segmentation' && [report.truthObjects, report.predObjects]).toEqual([1, 1]);
  });

  it('names both shapes when they differ', () => {
    expect(() => evaluatePair(file('truth-2d.tif'), file('pred-48x64.tif'))).toThrow(
      'truth truth-2d.tif has shape [64, 64] but prediction pred-48x64.tif has shape [48, 64]; both must have the same shape (z, y, x)',
    );
  });

  it('refuses a file that is not an image with a one-line InputError', () => {
    expect(() => evaluatePair(file('truth-2d.tif'), file('not-an-image.txt'))).toThrow(/^prediction not-an-image\.txt is neither a TIFF nor a PNG/);
  });

  it('uses restoration metrics when the mode is forced', () => {
    const { report, overlay } = evaluatePair(file('truth-2d.tif'), file('pred-2d.tif'), { mode: 'restoration' });
    expect(report.mode).toBe('restoration');
    expect(overlay).toBeNull();
  });
});

describe('evaluatePair on hostile inputs (issues 10, 14)', () => {
  it('refuses NaN voxels and talks about evaluation for multi-channel files', async () => {
    const { createVolume, encodeTiff, stackChannels } = await import('@/lib/imaging');
    const data = new Float32Array(4 * 5).map((_, i) => i);
    data[7] = NaN;
    const nan = { bytes: encodeTiff(createVolume(data, [4, 5])), name: 'nan.tif' };
    const ok = { bytes: encodeTiff(createVolume(new Float32Array(20).map((_, i) => i), [4, 5])), name: 'ok.tif' };
    expect(() => evaluatePair(ok, nan)).toThrow(/^prediction nan\.tif has 1 NaN or infinite voxel\(s\) \(first at z,y,x = 0,1,2\); every metric would be undefined/);
    const plane = createVolume(new Uint16Array(20), [4, 5]);
    const two = { bytes: encodeTiff(stackChannels([plane, plane], ['a', 'b'])), name: 'two.tif' };
    expect(() => evaluatePair(two, two)).toThrow(/evaluation compares single-channel .* evaluate each/);
  });
});
