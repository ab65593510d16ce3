// `npm run bench -- conv3d`: GFLOP/s of one 32→32 3×3×3 'same' conv layer on a 16×64×64 block for
// tfjs conv3d (wasm, cpu), the project's factorized conv (wasm), onnxruntime-web (wasm) and
// onnxruntime-node, all single-threaded; then whole-model voxels/s through the CLI's worker pool.
// Prints ONE JSON object on stdout. onnxruntime is installed on demand into bench/.ort (gitignored,
// never in package.json); a runtime that cannot load is reported as null with the reason.
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyTiled, buildRcan, fastConv3d, serializeRcan } from '../lib/rcan/core';
import { createTilePool } from '../lib/rcan/node/create-tile-pool';
import { onnxConv3dModel } from './lib/onnx-conv3d-model';

const [Z, Y, X, C] = [16, 64, 64, 32];
const FLOP = 2 * Z * Y * X * C * C * 27; // multiply-adds ×2, bias ignored
const log = (text: string) => process.stderr.write(`${text}\n`);

/** Median seconds of `fn` over runs after one warm-up, stopping after ~budget seconds. */
async function time(fn: () => Promise<void>, budget = 3, maxRuns = 7): Promise<number> {
  await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxRuns && (times.length === 0 || (performance.now() - start) / 1000 < budget)) {
    const t = performance.now();
    await fn();
    times.push((performance.now() - t) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const gflops = (seconds: number) => Math.round((FLOP / seconds / 1e9) * 100) / 100;

const rng = (() => {
  let s = 1;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
})();
const xData = Float32Array.from({ length: Z * Y * X * C }, rng);
const wData = Float32Array.from({ length: 27 * C * C }, () => rng() * 0.1);
const bData = Float32Array.from({ length: C }, rng);

async function tfjsLayer(backend: 'wasm' | 'cpu', impl: 'tfjs' | 'project'): Promise<number> {
  await tf.setBackend(backend);
  const x = tf.tensor5d(xData, [1, Z, Y, X, C]);
  const w = tf.tensor5d(wData, [3, 3, 3, C, C]);
  const b = tf.tensor1d(bData);
  const run = async () => {
    const y = impl === 'tfjs' ? tf.tidy(() => tf.add(tf.conv3d(x, w, 1, 'same'), b)) : fastConv3d(x, w, b);
    await y.data();
    y.dispose();
  };
  // The stock conv3d takes seconds per call: time it once after the warm-up.
  const seconds = await time(run, impl === 'tfjs' ? 0 : 3, impl === 'tfjs' ? 1 : 7);
  tf.dispose([x, w, b]);
  return seconds;
}

/** ONNX layout: input NCDHW, weight [Cout, Cin, kz, ky, kx]. */
function onnxInputs(): { x: Float32Array; w: Float32Array; model: Uint8Array } {
  const x = new Float32Array(xData.length);
  for (let z = 0; z < Z; z++) for (let y = 0; y < Y; y++) for (let xx = 0; xx < X; xx++) for (let c = 0; c < C; c++) {
    x[((c * Z + z) * Y + y) * X + xx] = xData[(((z * Y + y) * X + xx) * C) + c]!;
  }
  const w = new Float32Array(wData.length);
  for (let k = 0; k < 27; k++) for (let ci = 0; ci < C; ci++) for (let co = 0; co < C; co++) w[(co * C + ci) * 27 + k] = wData[(k * C + ci) * C + co]!;
  return { x, w, model: onnxConv3dModel([1, C, Z, Y, X], w, bData) };
}

const ortDir = path.resolve('bench/.ort');
function ensureOrt(): void {
  if (existsSync(path.join(ortDir, 'node_modules/onnxruntime-web')) && existsSync(path.join(ortDir, 'node_modules/onnxruntime-node'))) return;
  log('installing onnxruntime-web and onnxruntime-node into bench/.ort (not package.json)…');
  execFileSync('npm', ['install', '--prefix', ortDir, '--ignore-scripts', '--no-save', 'onnxruntime-web', 'onnxruntime-node'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

interface OrtLike {
  env: { wasm: { numThreads: number; wasmPaths?: string; proxy?: boolean } };
  InferenceSession: { create(model: Uint8Array, options?: Record<string, unknown>): Promise<{ inputNames: string[]; run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown }>>; release?: () => Promise<void> }> };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => unknown;
}

/** Load one onnxruntime package and return a single-call runner plus an accuracy check. */
async function ortRunner(pkg: 'onnxruntime-web' | 'onnxruntime-node', check: Float32Array): Promise<{ run: () => Promise<void>; maxAbsDiff: number; release: () => Promise<void> }> {
  const require = createRequire(path.join(ortDir, 'package.json'));
  const entry = require.resolve(pkg);
  const ort = (await import(pathToFileURL(entry).href)) as OrtLike & { default?: OrtLike };
  const api: OrtLike = ort.InferenceSession ? ort : ort.default!;
  if (pkg === 'onnxruntime-web') {
    api.env.wasm.numThreads = 1;
    api.env.wasm.wasmPaths = `${pathToFileURL(path.join(path.dirname(entry), '/')).href}`;
  }
  const { x, model } = onnxInputs();
  const session = await api.InferenceSession.create(model, pkg === 'onnxruntime-node' ? { intraOpNumThreads: 1, interOpNumThreads: 1, executionProviders: ['cpu'] } : { executionProviders: ['wasm'] });
  const input = new api.Tensor('float32', x, [1, C, Z, Y, X]);
  let out: Float32Array = new Float32Array();
  const run = async () => {
    out = (await session.run({ X: input })).Y!.data as Float32Array;
  };
  await run();
  // Compare with the project's conv (NDHWC) so a wrong model cannot look fast.
  let maxAbsDiff = 0;
  for (let z = 0; z < Z; z++) for (let y = 0; y < Y; y += 7) for (let xx = 0; xx < X; xx += 5) for (let c = 0; c < C; c++) {
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(out[((c * Z + z) * Y + y) * X + xx]! - check[(((z * Y + y) * X + xx) * C) + c]!));
  }
  return { run, maxAbsDiff, release: async () => { await session.release?.(); } };
}

async function modelThroughput(workers: number): Promise<{ voxels_per_s: number; seconds: number; workers: number }> {
  const model = buildRcan({ ndim: 3, numChannels: 32, numResidualBlocks: 3, numResidualGroups: 5, channelReduction: 8 }, { seed: 1 });
  const files = serializeRcan(model);
  model.dispose();
  const pool = await createTilePool({ files, workers });
  const shape = [Z, 2 * Y, 2 * X];
  const volume = { shape, data: Float32Array.from({ length: shape[0]! * shape[1]! * shape[2]! }, () => Math.random()) };
  try {
    // Warm up every worker once, then time 4 blocks with no overlap (every voxel predicted once).
    await Promise.all(Array.from({ length: workers }, () => pool.predict(new Float32Array(Z * Y * X), [Z, Y, X])));
    const t = performance.now();
    await applyTiled(pool.predict, volume, { blockShape: [Z, Y, X], overlap: [0, 0, 0], concurrency: pool.size });
    const seconds = (performance.now() - t) / 1000;
    return { voxels_per_s: Math.round(volume.data.length / seconds), seconds: Math.round(seconds * 100) / 100, workers };
  } finally {
    await pool.close();
  }
}

const require = createRequire(import.meta.url);
setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);
setThreadsCount(1);

const result: Record<string, unknown> = {
  benchmark: 'conv3d',
  layer: { input: [1, Z, Y, X, C], kernel: [3, 3, 3, C, C], gflop_per_call: FLOP / 1e9 },
  threads: 1,
  machine: { cpus: os.availableParallelism(), model: os.cpus()[0]?.model ?? 'unknown', node: process.version },
};
const layers: Record<string, number | null> = {};
const notes: Record<string, string> = {};

const check = await (async () => {
  await tf.setBackend('wasm');
  const y = fastConv3d(tf.tensor5d(xData, [1, Z, Y, X, C]), tf.tensor5d(wData, [3, 3, 3, C, C]), tf.tensor1d(bData));
  return (await y.data()) as Float32Array;
})();
log('tfjs conv3d (wasm)…');
layers.tfjs_conv3d_wasm = gflops(await tfjsLayer('wasm', 'tfjs'));
log('tfjs conv3d (cpu)…');
layers.tfjs_conv3d_cpu = gflops(await tfjsLayer('cpu', 'tfjs'));
await tf.setBackend('wasm');

// The fast runtimes are timed round-robin (one call each per round, 7 rounds, median), so changing
// load on the shared machine hits them alike and their ratio is fair.
const runners: Record<string, () => Promise<void>> = {};
const releases: (() => Promise<void>)[] = [];
{
  const x = tf.tensor5d(xData, [1, Z, Y, X, C]);
  const w = tf.tensor5d(wData, [3, 3, 3, C, C]);
  const b = tf.tensor1d(bData);
  runners.project_conv_wasm = async () => {
    const y = fastConv3d(x, w, b);
    await y.data();
    y.dispose();
  };
  releases.push(async () => tf.dispose([x, w, b]));
}
for (const [name, pkg] of [['ort_web_wasm', 'onnxruntime-web'], ['ort_node', 'onnxruntime-node']] as const) {
  try {
    ensureOrt();
    log(`${pkg}…`);
    const runner = await ortRunner(pkg, check);
    runners[name] = runner.run;
    releases.push(runner.release);
    notes[name] = `max |difference| to project conv ${runner.maxAbsDiff.toExponential(1)}`;
  } catch (error) {
    layers[name] = null;
    notes[name] = `skipped: ${(error as Error).message.split('\n')[0]}`;
  }
}
log(`round-robin timing of ${Object.keys(runners).join(', ')}…`);
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(runners).map((k) => [k, []]));
for (const run of Object.values(runners)) await run();
for (let round = 0; round < 7; round++) {
  for (const [name, run] of Object.entries(runners)) {
    const t = performance.now();
    await run();
    samples[name]!.push((performance.now() - t) / 1000);
  }
}
for (const [name, times] of Object.entries(samples)) {
  times.sort((a, b) => a - b);
  layers[name] = gflops(times[Math.floor(times.length / 2)]!);
}
for (const release of releases) await release();
result.gflops = layers;
result.notes = notes;
const p = layers.project_conv_wasm!;
result.ratios = {
  project_vs_tfjs_conv3d_wasm: Math.round((p / layers.tfjs_conv3d_wasm!) * 10) / 10,
  project_vs_ort_web_wasm: layers.ort_web_wasm ? Math.round((p / layers.ort_web_wasm) * 100) / 100 : null,
};

// Default model: 36 convs 32→32 plus head and output, 2·27·Cin·Cout FLOP per voxel each.
const flopPerVoxel = 2 * 27 * (1 * 32 + 36 * 32 * 32 + 32 * 1);
const predicted1 = (p * 1e9) / flopPerVoxel;
// In-process, interleaved with the layer timing so machine load affects both alike.
const inProcess = await (async () => {
  await tf.setBackend('wasm');
  const model = buildRcan({ ndim: 3, numChannels: 32, numResidualBlocks: 3, numResidualGroups: 5, channelReduction: 8 }, { seed: 1 });
  const block = tf.randomUniform([1, Z, Y, X, 1], 0, 1, 'float32', 2);
  const ratios: number[] = [];
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const layerSeconds = await tfjsLayer('wasm', 'project');
    const t = performance.now();
    const y = model.predict(block);
    await y.data();
    y.dispose();
    const seconds = (performance.now() - t) / 1000;
    const predictedSeconds = (layerSeconds * flopPerVoxel) / (2 * 27 * 32 * 32);
    ratios.push(predictedSeconds / seconds);
    best = Math.max(best, (Z * Y * X) / seconds);
  }
  block.dispose();
  model.dispose();
  ratios.sort((a, b) => a - b);
  return { voxels_per_s: Math.round(best), efficiency: Math.round(ratios[1]! * 100) / 100 };
})();
const cores = os.availableParallelism();
log('whole model, in process and 1 worker…');
const one = await modelThroughput(1);
log(`whole model, ${cores} workers…`);
const many = cores > 1 ? await modelThroughput(cores) : one;
result.model = {
  config: 'default (C32 G5 B3 r8), block 16x64x64, no overlap',
  flop_per_voxel: flopPerVoxel,
  predicted_voxels_per_s_per_worker: Math.round(predicted1),
  model_voxels_per_s_1_worker: one.voxels_per_s,
  model_voxels_per_s: many.voxels_per_s,
  workers: many.workers,
  model_voxels_per_s_in_process: inProcess.voxels_per_s,
  efficiency_in_process_interleaved: inProcess.efficiency,
  efficiency_1_worker: Math.round((one.voxels_per_s / predicted1) * 100) / 100,
  efficiency_pool: Math.round((many.voxels_per_s / (predicted1 * many.workers)) * 100) / 100,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
