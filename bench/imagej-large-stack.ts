/**
 * `npm run bench -- imagej-large-stack`: proves that an ImageJ-format output past 4 GiB (the layout
 * `rcan apply` writes then: ImageJ's one-IFD large-stack layout) opens in ImageJ 1.x and tifffile
 * with the planes beyond 4 GiB in place. Too big for CI (a 4.3 GB file), so it lives here.
 *
 * The file is sparse: the header, the first and the last slices are written, the rest is a hole
 * (reads as zeros), so it takes seconds and almost no disk. ImageJ opens it as a virtual stack
 * (`File > Import > TIFF Virtual Stack`, which reads the planes it shows) and reports the pixels;
 * tifffile memory-maps it. Prints JSON; exits 1 when a reader disagrees. Needs `xvfb-run imagej` and
 * /usr/bin/python3 with tifffile (test-time tools; the product does not need them).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createHyperstackTiffStream } from '../lib/imaging/encode-tiff';
import { CLASSIC_TIFF_MAX_BYTES } from '../lib/imaging/write-classic-tiff';

const [Z, C, Y, X] = [260, 2, 2048, 2048]; // 4.36 GB of uint16
const dir = mkdtempSync(join(tmpdir(), 'imagej-large-'));
const file = join(dir, 'large.tif');
const valueAt = (z: number, c: number, i: number) => (z * 7 + c * 1000 + i) % 60000;

try {
  const stream = createHyperstackTiffStream({ shape: [Z, C, Y, X], dtype: 'uint16', ndim: 3, channelNames: ['Raw', 'Restored'] }, { format: 'imagej' });
  const fd = openSync(file, 'w');
  const put = (bytes: Uint8Array, at: number) => {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, at + done);
  };
  put(stream.head, 0);
  for (const z of [0, Z - 1]) for (let c = 0; c < C; c++) put(stream.plane(Uint16Array.from({ length: Y * X }, (_, i) => valueAt(z, c, i))), stream.offsetOf(stream.pageOf(z, c)));
  ftruncateSync(fd, stream.size);
  closeSync(fd);
  const lastOffset = stream.offsetOf(stream.pageOf(Z - 1, C - 1));

  // ImageJ 1.x: virtual stack, last slice, last channel; pixels (0,0) and (5,3) (flat index 3*X+5).
  const result = join(dir, 'ij.txt');
  const macro = join(dir, 'ij.ijm');
  writeFileSync(macro, [`run("TIFF Virtual Stack...", "open=[${file}]");`, 'getDimensions(w, h, c, s, f);', `Stack.setPosition(${C}, ${Z}, 1);`, `File.saveString("" + w + " " + h + " " + c + " " + s + " " + getPixel(0, 0) + " " + getPixel(5, 3), "${result}");`, 'close();'].join('\n'));
  const ij = spawnSync('xvfb-run', ['-a', '/usr/bin/imagej', '-b', macro], { encoding: 'utf8', timeout: 300_000 });
  let imagej: number[] | string;
  try {
    imagej = readFileSync(result, 'utf8').trim().split(' ').map(Number);
  } catch {
    imagej = `no result (exit ${ij.status}): ${ij.stderr.slice(-300)}`;
  }
  const expectImagej = [X, Y, C, Z, valueAt(Z - 1, C - 1, 0), valueAt(Z - 1, C - 1, 3 * X + 5)];

  const py = spawnSync('/usr/bin/python3', ['-c', 'import sys, json, tifffile\nwith tifffile.TiffFile(sys.argv[1]) as t:\n    big, ij, n = t.is_bigtiff, t.is_imagej, len(t.pages)\na = tifffile.memmap(sys.argv[1])\nprint(json.dumps({"bigtiff": big, "imagej": ij, "pages": n, "shape": list(a.shape), "last": [int(a[-1, -1, 0, 0]), int(a[-1, -1, 3, 5])]}))', file], { encoding: 'utf8' });
  const tifffile = py.status === 0 ? (JSON.parse(py.stdout) as { shape: number[]; last: number[] }) : `failed: ${py.stderr.slice(-300)}`;
  const ok =
    JSON.stringify(imagej) === JSON.stringify(expectImagej) &&
    typeof tifffile === 'object' &&
    JSON.stringify(tifffile.shape) === JSON.stringify([Z, C, Y, X]) &&
    JSON.stringify(tifffile.last) === JSON.stringify(expectImagej.slice(4));
  console.log(JSON.stringify({ benchmark: 'imagej-large-stack', shape: [Z, C, Y, X], bytes: stream.size, over4GiB: stream.size > CLASSIC_TIFF_MAX_BYTES, bigTiff: stream.bigTiff, lastPlaneOffset: lastOffset, imagej, expectImagej, tifffile, ok }, null, 1));
  if (!ok) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
