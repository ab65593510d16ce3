// Benchmark of scoring /try results against a few drawn outlines (lib/metrics/partial-truth.ts), beside
// the full-ground-truth evaluateSegmentation on the same labels; prints one JSON object.
// Run: npx tsx bench/outlines.ts   (or npm run bench -- outlines).
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { evaluateSegmentation, scoreOutlines, type Outline } from '../lib/metrics';
import { labelPair } from './support/label-phantoms';

/** Median wall time of `runs` calls, in ms. */
function median(fn: () => unknown, runs = 5): number {
  fn(); // warm-up (JIT)
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return Number(t[Math.floor(runs / 2)]!.toFixed(2));
}

/** `count` freehand-like lassos (120 vertices, radius 12–30 px) spread over a plane. */
function lassos(count: number, width: number, height: number, slice = 0): Outline[] {
  return Array.from({ length: count }, (_, k) => {
    const cx = ((k * 0.618034) % 1) * (width - 80) + 40;
    const cy = ((k * 0.381966 + 0.1) % 1) * (height - 80) + 40;
    const r = 12 + (k % 7) * 3;
    const points = Array.from({ length: 120 }, (_, i) => {
      const a = (2 * Math.PI * i) / 120;
      const wobble = 1 + 0.08 * Math.sin(5 * a + k);
      return [cx + r * wobble * Math.cos(a), cy + r * wobble * Math.sin(a)] as const;
    });
    return { points, slice };
  });
}

const results: Record<string, unknown> = { benchmark: 'outlines', node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length };
{
  const { truth, pred } = labelPair([1, 2048, 2048], 2030, [8, 20], 1, 1);
  const shape = [2048, 2048];
  results.plane2048 = {
    outlines5Ms: median(() => scoreOutlines(pred, shape, lassos(5, 2048, 2048))),
    outlines50Ms: median(() => scoreOutlines(pred, shape, lassos(50, 2048, 2048))),
    fullGroundTruthMs: median(() => evaluateSegmentation({ data: truth, shape }, { data: pred, shape }, { hausdorff: false, objects: false }), 3),
  };
}
{
  const { pred } = labelPair([64, 512, 512], 600, [6, 14], 2, 2);
  results.stack64x512x512 = { outlines20OnOneSliceMs: median(() => scoreOutlines(pred, [64, 512, 512], lassos(20, 512, 512, 32))) };
}
console.log(JSON.stringify(results, null, 2));
