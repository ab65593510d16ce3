import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVolume, encodeTiff } from '../imaging';
import { runEvaluate } from './evaluate-command';

const dir = mkdtempSync(join(tmpdir(), 'evaluate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Write a uint16 or float32 TIFF fixture and return its path. */
function tiff(name: string, data: Uint16Array | Float32Array, shape: [number, number] | [number, number, number]): string {
  const path = join(dir, name);
  writeFileSync(path, encodeTiff(createVolume(data, shape)));
  return path;
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runEvaluate(argv, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

// 2D labels, 20×30: 8×8 truth squares 1 and 2; the prediction has square 1 exact (as id 7) and misses 2.
const truthLabels = new Uint16Array(600);
const predLabels = new Uint16Array(600);
for (let y = 2; y <= 9; y++) {
  for (let x = 2; x <= 9; x++) {
    truthLabels[y * 30 + x] = 1;
    predLabels[y * 30 + x] = 7;
    truthLabels[y * 30 + x + 12] = 2;
  }
}
const truthTif = tiff('truth.tif', truthLabels, [20, 30]);
const predTif = tiff('pred.tif', predLabels, [20, 30]);

describe('runEvaluate', () => {
  it('detects label TIFFs and prints segmentation scores as JSON', async () => {
    const { code, out, err } = await run(['--truth', truthTif, '--pred', predTif]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.mode).toBe('segmentation');
    expect(r.shape).toEqual([20, 30]);
    expect(r.instance).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 });
    expect(r.objects[0]).toMatchObject({ truthId: 1, predId: 7, iou: 1, status: 'TP' });
    expect(r.modeReason).toContain('label images');
  });

  it('scores float TIFF stacks as restoration, with a 3D SSIM window', async () => {
    const shape: [number, number, number] = [12, 14, 15];
    const n = 12 * 14 * 15;
    const truth = Float32Array.from({ length: n }, (_, i) => Math.sin(i / 7) * 50 + 60);
    const pred = Float32Array.from(truth, (v, i) => v + ((i * 7919) % 13) / 13 - 0.5);
    const t = tiff('truth3d.tif', truth, shape);
    const p = tiff('pred3d.tif', pred, shape);
    const { code, out } = await run(['--truth', t, '--pred', p, '--data-range', '120']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r).toMatchObject({ mode: 'restoration', shape, dataRange: 120, ssimWindow: 'volume' });
    expect(r.ssim).toBeGreaterThan(0.9);
    expect(r.ssim).toBeLessThan(1);
  });

  it('forces restoration metrics on label files with --mode', async () => {
    const { code, out } = await run(['--truth', truthTif, '--pred', predTif, '--mode', 'restoration']);
    expect(code).toBe(0);
    // Every differing pixel is a 2 vs 0 (64 pixels) or 1 vs 7 (64 pixels): MSE = (64·4 + 64·36) / 600.
    expect(JSON.parse(out).mse).toBeCloseTo((64 * 4 + 64 * 36) / 600, 12);
  });

  it('names both shapes when they differ and exits 1', async () => {
    const other = tiff('other.tif', new Uint16Array(30), [5, 6]);
    const { code, err } = await run(['--truth', truthTif, '--pred', other]);
    expect(code).toBe(1);
    expect(err).toMatch(/shape \[20, 30\] but prediction .*other\.tif has shape \[5, 6\]/);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with a one-line message for usage errors', async () => {
    const bad = await run(['--truth', truthTif, '--pred', predTif, '--iou', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--iou must be a number in (0, 1], got '1.5'");
    expect((await run(['--truth', truthTif])).code).toBe(2);
    expect((await run(['--bogus'])).code).toBe(2);
  });

  it('passes --voxel, --matching and --iou through to the metrics', async () => {
    const { code, out } = await run(['--truth', truthTif, '--pred', predTif, '--voxel', '0.5,0.25', '--matching', 'greedy', '--iou', '0.7']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r).toMatchObject({ voxelSize: [0.5, 0.25], distanceUnit: 'physical', matching: 'greedy', iouThreshold: 0.7 });
    expect(r.voxelVolume).toBe(0.125);
    const bad = await run(['--truth', truthTif, '--pred', predTif, '--voxel', '1,x,1']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--voxel must be z,y,x (or y,x) positive numbers, got '1,x,1'");
  });

  it('prints usage with --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('usage: navigator evaluate');
  });

  it('exits 1 for a missing file', async () => {
    const { code, err } = await run(['--truth', join(dir, 'nope.tif'), '--pred', predTif]);
    expect(code).toBe(1);
    expect(err).toContain('no such file');
  });
});
