// `npm run bench -- rcan-apply`: the `rcan apply` CLI against the original 3D-RCAN on the case of
// issue 13: a 32×256×256 uint16 stack, default architecture (C32 G5 B3 r8), blocks 16×128×128, default
// overlap. Each configuration is one `rcan apply` process timed by GNU time (wall, CPU, peak RSS);
// the original's figures come from bench/rcan-apply-original.json (measured outside the project).
// Prints ONE JSON object on stdout. Configurations: argv, e.g. `onnx:2 tfjs:1` (default: all four).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeTiff, encodeTiff } from '../lib/imaging';
import { createRandom } from '../lib/rcan/core';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.join(here, '..');
const dir = path.join(here, '.cache', 'rcan-apply');
const original = JSON.parse(readFileSync(path.join(here, 'rcan-apply-original.json'), 'utf8')) as { wall_s: number; cpu_s: number; cpu_s_range: number[]; peak_rss_gb: number };
const [Z, Y, X] = [32, 256, 256];
const log = (text: string) => process.stderr.write(`${text}\n`);
const configs = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['onnx:1', 'onnx:2', 'tfjs:1', 'tfjs:2']).map((c) => {
  const [engine, workers] = c.split(':');
  if ((engine !== 'onnx' && engine !== 'tfjs') || !/^\d+$/.test(workers ?? '')) throw new Error(`bad configuration ${c}; use engine:workers, e.g. onnx:2`);
  return { engine, workers: Number(workers) };
});

mkdirSync(dir, { recursive: true });
const input = path.join(dir, 'input.tif');
if (!existsSync(input)) {
  // Seeded blobs plus noise, like a fluorescence stack; the content does not change the speed.
  const random = createRandom(13);
  const data = new Uint16Array(Z * Y * X);
  const blobs = Array.from({ length: 60 }, () => [random() * Z, random() * Y, random() * X, 2 + random() * 6]);
  for (let z = 0; z < Z; z++) for (let y = 0; y < Y; y++) for (let x = 0; x < X; x++) {
    let v = 100;
    for (const [bz, by, bx, r] of blobs) v += 2000 * Math.exp(-((z - bz!) ** 2 + (y - by!) ** 2 + (x - bx!) ** 2) / (r! * r!));
    data[(z * Y + y) * X + x] = Math.min(65535, Math.round(v + random() * 200));
  }
  writeFileSync(input, encodeTiff({ shape: [Z, Y, X], ndim: 3, dtype: 'uint16', data }));
}
const model = path.join(dir, 'model');
if (!existsSync(path.join(model, 'config.json'))) {
  const config = path.join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ num_channels: 32, num_residual_blocks: 3, num_residual_groups: 5, channel_reduction: 8, input_shape: [16, 128, 128] }));
  execFileSync(process.execPath, [path.join(root, 'scripts/rcan.mjs'), 'init', '-c', config, '-o', model, '--seed', '1'], { stdio: 'inherit' });
}

const loadavg = () => os.loadavg().map((l) => Math.round(l * 10) / 10);
const results: Record<string, unknown>[] = [];
const outputs: Record<string, Float32Array> = {};
for (const { engine, workers } of configs) {
  const out = path.join(dir, `out-${engine}-${workers}.tif`);
  log(`rcan apply --engine ${engine} --workers ${workers} (load ${loadavg().join(' ')})…`);
  const load = loadavg()[0];
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, path.join(root, 'scripts/rcan.mjs'), 'apply', '-m', model, '-i', input, '-o', out, '-B', '16,128,128', '--engine', engine, '--workers', String(workers)], { encoding: 'utf8' });
  const line = r.stderr.split('\n').find((l) => l.startsWith('TIME '));
  if (r.status !== 0 || !line) {
    results.push({ engine, workers, error: r.stderr.trim().split('\n').slice(-3).join(' | ') });
    continue;
  }
  const [wall, user, sys, maxKb] = line.slice(5).split(' ').map(Number) as [number, number, number, number];
  const cpu = user + sys;
  const decoded = decodeTiff(new Uint8Array(readFileSync(out)));
  const restored = new Float32Array(Z * Y * X);
  // ImageJ hyperstack (Z, C=2, Y, X): channel 1 is the restored image.
  const plane = Y * X;
  for (let z = 0; z < Z; z++) restored.set((decoded.data as Float32Array).subarray((z * 2 + 1) * plane, (z * 2 + 2) * plane), z * plane);
  outputs[`${engine}:${workers}`] = restored;
  const entry = {
    engine,
    workers,
    wall_s: wall,
    cpu_s: Math.round(cpu * 10) / 10,
    voxels_per_s: Math.round((Z * Y * X) / wall),
    peak_rss_gb: Math.round((maxKb / 1e6) * 100) / 100,
    throughput_vs_original: Math.round((original.wall_s / wall) * 100) / 100,
    cpu_time_vs_original: Math.round((original.cpu_s / cpu) * 100) / 100,
    memory_vs_original: Math.round((maxKb / 1e6 / original.peak_rss_gb) * 100) / 100,
    load_average_before: load,
  };
  results.push(entry);
  log(JSON.stringify(entry)); // each run as it finishes, in case a later one is stopped
}
const keys = Object.keys(outputs);
let maxDiff: number | null = null;
if (keys.length > 1) {
  maxDiff = 0;
  for (const k of keys.slice(1)) for (let i = 0; i < Z * Y * X; i++) maxDiff = Math.max(maxDiff, Math.abs(outputs[k]![i]! - outputs[keys[0]!]![i]!));
}
console.log(JSON.stringify({
  benchmark: 'rcan-apply',
  volume: [Z, Y, X],
  block: [16, 128, 128],
  architecture: 'C32 G5 B3 r8',
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, load_average_after: loadavg() },
  original,
  runs: results,
  max_abs_difference_between_runs: maxDiff,
  notes: 'ratios > 1 mean faster (throughput, CPU time) or < 1 smaller (memory) than the original; CPU seconds are less sensitive to other load than wall time',
}));
