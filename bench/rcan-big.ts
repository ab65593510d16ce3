// `npm run bench -- rcan-big` (or `npx tsx bench/rcan-big.ts [Z] [Y] [X] [--channels=4] [--workers=2] [--keep]`): issue 13's "any
// size" demo. Generates a Z×Y×X uint16 stack (default 400×2048×2048, 3.4 GB) to a temporary file
// plane by plane (never whole in memory), applies a SMALL fresh model (C4 G1 B1 r2, or C8 with
// `--channels=8`, written by `rcan init`) with `rcan apply --engine onnx -B 16,256,256 -b 16` (the z-slab streaming path; the
// 16-bit output of 2 channels passes 4 GiB, so it is written in ImageJ's one-IFD large-stack layout,
// which ImageJ 1.x opens; before 2026-12-06 09:50 it was a BigTIFF), timed by GNU time (wall, CPU, peak
// RSS of the rcan process), then checks the output with Debian's tifffile (shape, dtype, BigTIFF,
// ImageJ axes) and checks the raw channel of the first and last slices against numpy: the
// percentiles of the whole input from a per-plane histogram, normalization and 16-bit conversion
// done in numpy. Then the restored channel of the first and last slices against a reference: the
// whole-volume `applyTiled` (same engine) on just the slab of input planes those slices' blocks read
// (the first row of blocks, the last row), normalized with numpy's percentiles. Temporary files are
// deleted unless --keep. `--check=DIR` runs only the checks on DIR/input.tif, DIR/output.tif and
// DIR/model (a kept run). Prints ONE JSON object.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTiffStream, normalizeWith, openTiffPlanes, toBitDepth } from '../lib/imaging';
import { applyTiled, createRandom, planTiles } from '../lib/rcan/core';
import { openFileSource } from '../lib/rcan/node/file-source';
import { readCheckpointFiles, resolveModelFolder } from '../lib/rcan/node/model-folder';
import { createOnnxPool } from '../lib/rcan/node/onnx/create-onnx-pool';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.join(here, '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const workersArg = args.find((a) => a.startsWith('--workers='));
const workers = workersArg ? Number(workersArg.slice(10)) : 2;
const channelsArg = args.find((a) => a.startsWith('--channels='));
// C4 by default (the recorded run: 42 min on a loaded 2-core machine); --channels=8 is ~3.7x the convolution work.
const channels = channelsArg ? Number(channelsArg.slice(11)) : 4;
const [Z, Y, X] = [Number(args.filter((a) => !a.startsWith('--'))[0] ?? 400), Number(args.filter((a) => !a.startsWith('--'))[1] ?? 2048), Number(args.filter((a) => !a.startsWith('--'))[2] ?? 2048)];
const log = (text: string) => process.stderr.write(`${text}\n`);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rcan-big-'));
const input = path.join(tmp, 'input.tif');
const output = path.join(tmp, 'output.tif');
const loadavg = () => os.loadavg().map((l) => Math.round(l * 10) / 10);

const PY_CHECK = `
import json, sys, numpy, tifffile
inp, out = sys.argv[1], sys.argv[2]
counts = numpy.zeros(65536, numpy.int64)
with tifffile.TiffFile(inp) as t:
    first = t.pages[0].asarray(); last = t.pages[len(t.pages) - 1].asarray()
    for p in t.pages: counts += numpy.bincount(p.asarray().ravel(), minlength=65536)
n = int(counts.sum()); cum = numpy.cumsum(counts)
def order(k): return int(numpy.searchsorted(cum, k, side='right'))
def pct(q):
    v = (n - 1) * (q / 100.0); lo = int(numpy.floor(v)); t = v - lo
    a, b = order(lo), order(min(lo + 1, n - 1)); d = b - a
    return b - d * (1 - t) if t >= 0.5 else a + d * t
low, high = pct(2.0), pct(99.9)
def expect(x):
    v = ((x.astype(numpy.float64) - low) / (high - low + 1e-6)).astype(numpy.float32)
    v = numpy.float32(65535) * v
    return numpy.clip(v, 0, 65535).astype(numpy.uint16)
with tifffile.TiffFile(out) as t:
    s = t.series[0]
    # Memory-mapped, so only the planes read are loaded; works for ImageJ's one-IFD large-stack layout
    # (what an ImageJ-format output past 4 GiB is) and for BigTIFF alike.
    a = tifffile.memmap(out)
    raw0 = numpy.asarray(a[0, 0]); rest0 = numpy.asarray(a[0, 1])
    rawL = numpy.asarray(a[-1, 0]); restL = numpy.asarray(a[-1, 1])
    res = {"bigtiff": t.is_bigtiff, "imagej": t.is_imagej, "shape": list(s.shape), "axes": s.axes, "dtype": str(s.dtype), "pages": len(t.pages),
           "low": low, "high": high,
           "raw_first_equal": bool((raw0 == expect(first)).all()), "raw_last_equal": bool((rawL == expect(last)).all()),
           "restored_first_mean": float(rest0.mean()), "restored_last_mean": float(restL.mean())}
print(json.dumps(res))
`;

const BLOCK = [16, 256, 256];

/** tifffile reads the output; numpy checks the raw channel of the first and last slices. */
function tifffileCheck(input: string, output: string): Record<string, unknown> & { low: number; high: number } {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', PY_CHECK, input, output], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Record<string, unknown> & { low: number; high: number };
}

/**
 * The restored channel of the first and last slices, recomputed by the whole-volume `applyTiled` on
 * only the input planes of the first and of the last row of blocks (planes a row's blocks read:
 * from its first plane, block depth deep, clipped), normalized with `low`/`high`: the slices only
 * those rows touch must come out bit-identical.
 */
async function referenceCheck(input: string, output: string, modelDir: string, low: number, high: number) {
  const source = await openFileSource(input);
  const outSource = await openFileSource(output);
  const files = await readCheckpointFiles((await resolveModelFolder(modelDir)).checkpointDir);
  const pool = await createOnnxPool({ files, workers });
  try {
    const reader = await openTiffPlanes(source);
    const outReader = await openTiffPlanes(outSource);
    const [depth, height, width] = [reader.info.planes, reader.info.height, reader.info.width];
    const plan = planTiles([depth, height, width], BLOCK);
    const lastRow = (plan.counts[0]! - 1) * plan.step[0]!;
    const result: Record<string, unknown> = {};
    for (const [label, z0, z] of [['first', 0, 0], ['last', lastRow, depth - 1]] as const) {
      const z1 = Math.min(z0 + BLOCK[0]!, depth);
      const plane = height * width;
      const data = new Float32Array((z1 - z0) * plane);
      for (let k = z0; k < z1; k++) data.set(normalizeWith(await reader.readPlane(k), low, high, new Float32Array(plane)), (k - z0) * plane);
      const restored = await applyTiled(pool.predict, { shape: [z1 - z0, height, width], data }, { blockShape: BLOCK, concurrency: 1 });
      const expected = toBitDepth(restored.data.subarray((z - z0) * plane, (z - z0 + 1) * plane), 16);
      const got = await outReader.readPlane(2 * z + 1);
      let differ = 0;
      let maxDiff = 0;
      for (let i = 0; i < plane; i++) {
        const d = Math.abs(got[i]! - expected[i]!);
        if (d > 0) differ++;
        maxDiff = Math.max(maxDiff, d);
      }
      result[`${label}_slice_restored`] = { z, slab: [z0, z1], voxels_differing: differ, max_abs_diff: maxDiff };
    }
    return result;
  } finally {
    await pool.close();
    await source.close();
    await outSource.close();
  }
}

const checkArg = args.find((a) => a.startsWith('--check='));
if (checkArg) {
  const kept = checkArg.slice(8);
  const tf = tifffileCheck(path.join(kept, 'input.tif'), path.join(kept, 'output.tif'));
  const reference = await referenceCheck(path.join(kept, 'input.tif'), path.join(kept, 'output.tif'), path.join(kept, 'model'), tf.low, tf.high);
  console.log(JSON.stringify({ benchmark: 'rcan-big --check', dir: kept, tifffile: tf, reference }));
  rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}

try {
  // 1. The input, streamed: header, Z planes, IFDs. Seeded blobs (separable Gaussians) plus noise.
  const t0 = Date.now();
  const stream = createTiffStream({ width: X, height: Y, dtype: 'uint16', count: Z, description: `ImageJ=1.11a\nimages=${Z}\nslices=${Z}\nhyperstack=true\nmode=grayscale\n` });
  const fd = openSync(input, 'w');
  let position = 0;
  const put = (bytes: Uint8Array) => {
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
    position += bytes.length;
  };
  put(stream.head);
  const random = createRandom(2026);
  const blobs = Array.from({ length: 40 }, () => ({ z: random() * Z, y: random() * Y, x: random() * X, r: 6 + random() * 30, a: 500 + random() * 3000 }));
  const plane = new Uint16Array(Y * X);
  const gy = new Float32Array(Y);
  const gx = new Float32Array(X);
  for (let z = 0; z < Z; z++) {
    for (let i = 0; i < plane.length; i++) plane[i] = 100 + Math.floor(random() * 200);
    for (const b of blobs) {
      const wz = Math.exp(-((z - b.z) ** 2) / (b.r * b.r));
      if (wz < 1e-3) continue;
      for (let y = 0; y < Y; y++) gy[y] = Math.exp(-((y - b.y) ** 2) / (b.r * b.r));
      for (let x = 0; x < X; x++) gx[x] = Math.exp(-((x - b.x) ** 2) / (b.r * b.r));
      const y0 = Math.max(0, Math.floor(b.y - 4 * b.r));
      const y1 = Math.min(Y, Math.ceil(b.y + 4 * b.r));
      const x0 = Math.max(0, Math.floor(b.x - 4 * b.r));
      const x1 = Math.min(X, Math.ceil(b.x + 4 * b.r));
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) plane[y * X + x] = Math.min(65535, plane[y * X + x]! + b.a * wz * gy[y]! * gx[x]!);
    }
    put(stream.plane(plane));
  }
  if (position % 2 === 1) put(new Uint8Array(1));
  put(stream.tail());
  closeSync(fd);
  const inputBytes = statSync(input).size;
  log(`input ${Z}x${Y}x${X} uint16, ${(inputBytes / 1e9).toFixed(2)} GB, written in ${((Date.now() - t0) / 1000).toFixed(1)} s (generator RSS ${(process.memoryUsage().rss / 1e9).toFixed(2)} GB)`);

  // 2. A small fresh model, written by the project's own model writer (`rcan init`).
  const config = path.join(tmp, 'config.json');
  writeFileSync(config, JSON.stringify({ num_channels: channels, num_residual_groups: 1, num_residual_blocks: 1, channel_reduction: Math.max(1, channels / 2), input_shape: [16, 256, 256] }));
  const model = path.join(tmp, 'model');
  execFileSync(process.execPath, [path.join(root, 'scripts/rcan.mjs'), 'init', '-c', config, '-o', model, '--seed', '1'], { stdio: 'ignore' });

  // 3. rcan apply, timed.
  const loadBefore = loadavg();
  log(`rcan apply --engine onnx --workers ${workers} -B 16,256,256 -b 16 (load ${loadBefore.join(' ')})…`);
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, path.join(root, 'scripts/rcan.mjs'), 'apply', '-m', model, '-i', input, '-o', output, '-B', BLOCK.join(','), '-b', '16', '--engine', 'onnx', '--workers', String(workers)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('TIME '));
  if (r.status !== 0 || !line) throw new Error(`rcan apply failed: ${r.stderr.trim().split('\n').slice(-4).join(' | ')}`);
  const [wall, user, sys, maxKb] = line.slice(5).split(' ').map(Number) as [number, number, number, number];
  const outputBytes = statSync(output).size;
  log(`apply: ${wall} s wall, ${(user + sys).toFixed(0)} CPU-s, peak RSS ${(maxKb / 1e6).toFixed(2)} GB; output ${(outputBytes / 1e9).toFixed(2)} GB`);

  // 4. The output through tifffile, the raw channel against numpy, the restored channel against slabs.
  const tifffile = tifffileCheck(input, output);
  const reference = await referenceCheck(input, output, model, tifffile.low, tifffile.high);
  console.log(JSON.stringify({
    benchmark: 'rcan-big',
    volume: [Z, Y, X],
    input_dtype: 'uint16',
    input_gb: Math.round(inputBytes / 1e7) / 100,
    output_gb: Math.round(outputBytes / 1e7) / 100,
    architecture: `C${channels} G1 B1 r${Math.max(1, channels / 2)} (fresh, rcan init --seed 1)`,
    engine: `onnx, ${workers} intra-op threads`,
    block: [16, 256, 256],
    overlap: [2, 32, 32],
    bit_depth: 16,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, load_average_before: loadBefore, load_average_after: loadavg() },
    wall_s: wall,
    cpu_s: Math.round((user + sys) * 10) / 10,
    voxels_per_s: Math.round((Z * Y * X) / wall),
    peak_rss_gb: Math.round((maxKb / 1e6) * 100) / 100,
    tifffile,
    reference,
  }));
} finally {
  if (!keep) rmSync(tmp, { recursive: true, force: true });
  else log(`kept ${tmp}`);
}
