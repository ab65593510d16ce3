// Benchmark of lib/metrics on the sizes BioImage Navigator promises; prints one JSON object.
// Run: npx tsx bench/evaluate.ts   (or npm run bench -- evaluate). Add --quick for a smaller 3D case.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { evaluateRestoration, evaluateSegmentation, overlapTable } from '../lib/metrics';
import { labelPair, mulberry32 } from './support/label-phantoms';

const quick = process.argv.includes('--quick');

// Wall time is what a user waits; CPU time is steadier on a shared machine (this one has 2 cores).
function time<T>(fn: () => T): { seconds: number; cpuSeconds: number; value: T } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = fn();
  const c = process.cpuUsage(c0);
  return {
    seconds: Number(((performance.now() - t0) / 1000).toFixed(3)),
    cpuSeconds: Number(((c.user + c.system) / 1e6).toFixed(3)),
    value,
  };
}

const results: Record<string, unknown> = {
  benchmark: 'evaluate',
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
};

// 2D: 2048 × 2048 labels, 2,000 objects of radius 8–20 px.
{
  const shape: [number, number, number] = [1, 2048, 2048];
  const gen = time(() => labelPair(shape, 2030, [8, 20], 1, 1));
  const truth = { data: gen.value.truth, shape: [2048, 2048] };
  const pred = { data: gen.value.pred, shape: [2048, 2048] };
  const table = time(() => overlapTable(truth, pred));
  const noHd = time(() => evaluateSegmentation(truth, pred, { hausdorff: false }));
  const full = time(() => evaluateSegmentation(truth, pred));
  const greedy = time(() => evaluateSegmentation(truth, pred, { matching: 'greedy' }));
  results.segmentation2d = {
    shape: [2048, 2048],
    truthObjects: full.value.truthObjects,
    predObjects: full.value.predObjects,
    generateSeconds: gen.seconds,
    overlapTableSeconds: table.seconds,
    evaluateWithoutHausdorffSeconds: noHd.seconds,
    evaluateSeconds: full.seconds,
    evaluateCpuSeconds: full.cpuSeconds,
    evaluateGreedySeconds: greedy.seconds,
    targetSeconds: 2,
    scores: {
      f1: full.value.instance!.f1,
      meanAp: full.value.averagePrecision!.mean,
      pq: full.value.instance!.panopticQuality,
      splits: full.value.splitMerge!.splits,
      merges: full.value.splitMerge!.merges,
      maskHd95: full.value.hausdorff!.mask.hd95,
    },
  };
}

// 3D: 256 × 512 × 512 labels (z voxels 2× deeper), and a float32 restoration pair of the same size.
{
  const shape: [number, number, number] = quick ? [64, 256, 256] : [256, 512, 512];
  const count = quick ? 300 : 2000;
  const gen = time(() => labelPair(shape, count, [6, 14], 2, 2));
  const truth = { data: gen.value.truth, shape };
  const pred = { data: gen.value.pred, shape };
  const noHd = time(() => evaluateSegmentation(truth, pred, { voxelSize: [2, 1, 1], hausdorff: false }));
  const full = time(() => evaluateSegmentation(truth, pred, { voxelSize: [2, 1, 1] }));
  results.segmentation3d = {
    shape,
    truthObjects: full.value.truthObjects,
    predObjects: full.value.predObjects,
    generateSeconds: gen.seconds,
    evaluateWithoutHausdorffSeconds: noHd.seconds,
    evaluateSeconds: full.seconds,
    evaluateCpuSeconds: full.cpuSeconds,
    targetSeconds: 20,
    scores: { f1: full.value.instance!.f1, meanAp: full.value.averagePrecision!.mean, maskHd95: full.value.hausdorff!.mask.hd95 },
  };

  const rand = mulberry32(3);
  const n = truth.data.length;
  const t = new Float32Array(n);
  const p = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = truth.data[i]! === 0 ? 100 : 400 + (truth.data[i]! % 7) * 50;
    t[i] = v;
    p[i] = v + (rand() - 0.5) * 60;
  }
  const restore = time(() => evaluateRestoration({ data: t, shape }, { data: p, shape }));
  results.restoration3d = {
    shape,
    evaluateSeconds: restore.seconds,
    evaluateCpuSeconds: restore.cpuSeconds,
    targetSeconds: 20,
    scores: { psnr: restore.value.psnr, ssim: restore.value.ssim },
  };
}

console.log(JSON.stringify(results, null, 2));
