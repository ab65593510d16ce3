// `navigator segment` end to end: real files in, a label TIFF out (checked with tifffile when present).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '@/lib/cli/navigator';
import { createVolume, decodeImage, encodeTiff } from '@/lib/imaging';
import { asLabelImage, evaluateSegmentation } from '@/lib/metrics';
import { texturedCellsSample } from '@/lib/segment';
import { hasPythonModules, needs, runPython } from '@/test/helpers/external-tools';
import { scriptedScribbles } from '@/test/helpers/scribbles';

const ROOT = new URL('../..', import.meta.url).pathname;
const SAMPLES = join(ROOT, 'public/samples/try');
const dir = mkdtempSync(join(tmpdir(), 'navigator-segment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tifffile = hasPythonModules(['tifffile', 'numpy']);

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['segment', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function f1(truthFile: string, predFile: string): number {
  const truth = decodeImage(new Uint8Array(readFileSync(truthFile)));
  const pred = decodeImage(new Uint8Array(readFileSync(predFile)));
  const shape = truth.ndim === 2 ? truth.shape.slice(1) : [...truth.shape];
  return evaluateSegmentation(asLabelImage({ data: truth.data, shape }, 'truth'), asLabelImage({ data: pred.data, shape }, 'pred'), { hausdorff: false, objects: false }).instance!.f1 ?? 0;
}

describe('navigator segment', () => {
  it('rung 1: Otsu + watershed on the bright-nuclei sample writes a 16-bit label TIFF and a settings file', async () => {
    const out = join(dir, 'nuclei-labels.tif');
    const settings = join(dir, 'otsu.json');
    const r = await run(['--method', 'otsu', join(SAMPLES, 'nuclei-2d.tif'), '-o', out, '--save-settings', settings]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ rung: 'classical', method: 'otsu', shape: [256, 256] });
    const labels = decodeImage(new Uint8Array(readFileSync(out)));
    expect(labels.dtype).toBe('uint16');
    expect(Math.max(...labels.data)).toBe(summary.objects);
    expect(f1(join(SAMPLES, 'nuclei-2d_gt.tif'), out)).toBeGreaterThanOrEqual(0.9);
    expect(JSON.parse(readFileSync(settings, 'utf8'))).toMatchObject({ format: 1, rung: 'classical', settings: { method: 'otsu' } });
    // No temporary file is left beside the outputs.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('repeats a run from its settings file and works on a 3D stack', async () => {
    const out = join(dir, 'nuclei3d-labels.tif');
    const r = await run(['--method', 'otsu', '--settings', join(dir, 'otsu.json'), join(SAMPLES, 'nuclei-3d.tif'), '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).shape).toEqual([24, 80, 80]);
    expect(f1(join(SAMPLES, 'nuclei-3d_gt.tif'), out)).toBeGreaterThanOrEqual(0.9);
  });

  it('rung 2: --method pixel with scribbles segments the textured cells and writes the probability map', async () => {
    const sample = texturedCellsSample();
    const { scribbles } = scriptedScribbles(sample);
    const scribbleFile = join(dir, 'scribbles.tif');
    writeFileSync(scribbleFile, encodeTiff(createVolume(scribbles, [256, 256])));
    const out = join(dir, 'textured-labels.tif');
    const prob = join(dir, 'textured-prob.tif');
    const r = await run(['--method', 'pixel', '--labels', scribbleFile, join(SAMPLES, 'textured-cells.tif'), '-o', out, '--probability', prob]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rung: 'pixel', classes: [1, 2] });
    expect(f1(join(SAMPLES, 'textured-cells_gt.tif'), out)).toBeGreaterThanOrEqual(0.8);
    const p = decodeImage(new Uint8Array(readFileSync(prob)));
    expect(p.dtype).toBe('float32');
    expect(p.data.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  describe.skipIf(!tifffile)(`label TIFF interop ${needs(tifffile, 'python3-tifffile')}`, () => {
    it('tifffile reads the labels with the same ids and shape', () => {
      const out = join(dir, 'nuclei-labels.tif');
      const [shape, dtype, max] = JSON.parse(
        runPython('import sys, json, tifffile; a = tifffile.imread(sys.argv[1]); print(json.dumps([list(a.shape), str(a.dtype), int(a.max())]))', [out]),
      );
      expect(shape).toEqual([256, 256]);
      expect(dtype).toBe('uint16');
      expect(max).toBe(Math.max(...decodeImage(new Uint8Array(readFileSync(out))).data));
    });
  });

  it.each([
    [['--method', 'otsu', 'missing.tif', '-o', 'x.tif'], 1, /cannot read input file missing\.tif: no such file/],
    [['--method', 'magic', 'a.tif', '-o', 'x.tif'], 2, /--method must be one of otsu, li, triangle, yen, mean, pixel/],
    [['--method', 'otsu', 'a.tif'], 2, /-o <labels\.tif> is required/],
    [['--method', 'pixel', join(SAMPLES, 'nuclei-2d.tif'), '-o', 'x.tif'], 2, /needs --labels/],
    [['--method', 'otsu', '--sigma=-1', 'a.tif', '-o', 'x.tif'], 2, /--sigma must be a number ≥ 0/],
  ] as const)('bad input %j exits %i with one line', async (args, code, message) => {
    const r = await run([...args]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('never overwrites its input, and refuses scribbles of another shape', async () => {
    const input = join(dir, 'copy.tif');
    writeFileSync(input, readFileSync(join(SAMPLES, 'nuclei-2d.tif')));
    const before = readFileSync(input);
    const same = await run(['--method', 'otsu', input, '-o', input]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/refusing to overwrite the input/);
    expect(readFileSync(input).equals(before)).toBe(true);
    const wrong = join(dir, 'wrong.tif');
    writeFileSync(wrong, encodeTiff(createVolume(new Uint8Array(64 * 64).fill(1), [64, 64])));
    const r = await run(['--method', 'pixel', '--labels', wrong, input, '-o', join(dir, 'never.tif')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/must match/);
    expect(existsSync(join(dir, 'never.tif'))).toBe(false);
  });
});
