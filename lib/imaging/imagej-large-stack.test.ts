import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasImagej, hasPythonModules, needs, runImagejMacro, runPython, skipWithout } from '../../test/helpers/external-tools';
import { decodeTiff } from './decode-tiff';
import { createHyperstackTiffStream } from './encode-tiff';
import { createTiffStream } from './tiff-stream';
import { CLASSIC_TIFF_MAX_BYTES } from './write-classic-tiff';

// ImageJ hyperstacks past 4 GiB are written in ImageJ's own large-stack layout (one IFD before the
// pixels, `images=N`), because ImageJ 1.x cannot read BigTIFF. A small stack forced into that layout
// stands in for a large one; the planner is checked on a real 4+ GiB shape without writing it.

const dir = mkdtempSync(join(tmpdir(), 'imagej-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const [Z, C, Y, X] = [4, 2, 6, 7];
const description = `ImageJ=1.11a\nimages=${Z * C}\nchannels=${C}\nslices=${Z}\nhyperstack=true\nmode=grayscale\n`;
const valueAt = (page: number, i: number) => (page * 131 + i * 7) % 65536;

function contiguousFile(): { bytes: Uint8Array; headLength: number } {
  const s = createTiffStream({ width: X, height: Y, dtype: 'uint16', count: Z * C, description, imagejContiguous: 'always', resolution: { x: [2, 1], y: [2, 1] } });
  const out = new Uint8Array(s.size);
  out.set(s.head, 0);
  for (let p = 0; p < Z * C; p++) out.set(s.plane(Uint16Array.from({ length: X * Y }, (_, i) => valueAt(p, i))), s.head.length + p * X * Y * 2);
  expect(s.tail().length).toBe(0);
  expect(s.bigTiff).toBe(false);
  return { bytes: out, headLength: s.head.length };
}

describe('ImageJ large-stack layout', () => {
  it('is a classic TIFF with one IFD before the pixels; our decoder reads every plane from images=N', () => {
    const { bytes, headLength } = contiguousFile();
    const view = new DataView(bytes.buffer);
    expect(view.getUint16(2, true)).toBe(42);
    expect(view.getUint32(4, true)).toBe(8);
    expect(headLength).toBe(bytes.length - Z * C * X * Y * 2);
    const decoded = decodeTiff(bytes);
    expect(decoded.planes).toBe(Z * C);
    for (const p of [0, 5, Z * C - 1]) expect(Array.from(decoded.data.slice(p * X * Y, p * X * Y + 4))).toEqual([0, 1, 2, 3].map((i) => valueAt(p, i)));
  });

  it('the planner picks it for an ImageJ hyperstack past 4 GiB (pixels beyond 4 GiB, the IFD below) and BigTIFF for OME', () => {
    const shape = [300, 2, 2048, 2048] as const; // 4.7 GiB of uint16
    const imagej = createHyperstackTiffStream({ shape, dtype: 'uint16', ndim: 3 }, { format: 'imagej' });
    expect(imagej.size).toBeGreaterThan(CLASSIC_TIFF_MAX_BYTES);
    expect(imagej.bigTiff).toBe(false);
    expect(imagej.tail().length).toBe(0);
    const head = new DataView(imagej.head.buffer, imagej.head.byteOffset, imagej.head.byteLength);
    expect(head.getUint32(4, true)).toBe(8);
    expect(imagej.offsetOf(imagej.count - 1)).toBeGreaterThan(CLASSIC_TIFF_MAX_BYTES);
    const ome = createHyperstackTiffStream({ shape, dtype: 'uint16', ndim: 3 }, { format: 'ome' });
    expect(ome.bigTiff).toBe(true);
    // Under 4 GiB nothing changes: one IFD per page, after the pixels.
    const small = createHyperstackTiffStream({ shape: [4, 2, 64, 64], dtype: 'uint16', ndim: 3 }, { format: 'imagej' });
    expect(small.tail().length).toBeGreaterThan(0);
  });

  const tifffile = hasPythonModules(['tifffile', 'numpy']);
  it.skipIf(skipWithout(tifffile, 'python3-tifffile'))(`tifffile reads it as a (Z, C, Y, X) ImageJ hyperstack ${needs(tifffile, 'python3-tifffile')}`, () => {
    const file = join(dir, 'stack.tif');
    writeFileSync(file, contiguousFile().bytes);
    const out = JSON.parse(runPython('import sys, json, tifffile\nwith tifffile.TiffFile(sys.argv[1]) as t:\n    a = t.asarray()\n    print(json.dumps({"imagej": t.is_imagej, "shape": list(a.shape), "last": int(a[-1, -1, 0, 3])}))', [file])) as { imagej: boolean; shape: number[]; last: number };
    expect(out).toEqual({ imagej: true, shape: [Z, C, Y, X], last: valueAt(Z * C - 1, 3) });
  });

  const imagej = hasImagej();
  it.skipIf(skipWithout(imagej, 'imagej and xvfb'))(`ImageJ 1.x opens it as a hyperstack with every plane in place ${needs(imagej, 'headless ImageJ (xvfb-run imagej)')}`, () => {
    const file = join(dir, 'ij.tif');
    const result = join(dir, 'ij.txt');
    writeFileSync(file, contiguousFile().bytes);
    const macro = join(dir, 'ij.ijm');
    writeFileSync(macro, [`open("${file}");`, 'getDimensions(w, h, c, s, f);', `Stack.setPosition(${C}, ${Z}, 1);`, `File.saveString("" + w + " " + h + " " + c + " " + s + " " + getPixel(3, 0), "${result}");`, 'close();'].join('\n'));
    const run = runImagejMacro(macro);
    let text: string;
    try {
      text = readFileSync(result, 'utf8');
    } catch {
      throw new Error(`ImageJ wrote no result (exit ${run.status}): ${run.stderr}`);
    }
    expect(text.trim().split(' ').map(Number)).toEqual([X, Y, C, Z, valueAt(Z * C - 1, 3)]);
  });
});
