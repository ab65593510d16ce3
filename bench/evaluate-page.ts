// Benchmark of the evaluate page's worker job (decode both TIFFs, score, build the overlay) and of
// the main-thread work left on the page (CSV export, painting one overlay slice). Prints one JSON object.
// Run: npx tsx bench/evaluate-page.ts
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

import { evaluatePair } from '../app/evaluate/_components/evaluate-pair';
import { paintOverlay } from '../app/evaluate/_components/paint-overlay';
import { toCsv } from '../app/evaluate/_components/to-csv';
import { createVolume, encodeTiff } from '../lib/imaging';
import { labelPair } from './support/label-phantoms';

function time<T>(fn: () => T): { seconds: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { seconds: Number(((performance.now() - t0) / 1000).toFixed(3)), value };
}

// 2048 × 2048 labels with about 2,000 objects, as in bench/evaluate.ts; uint16 TIFFs as a user would drop them.
const pair = labelPair([1, 2048, 2048], 2030, [8, 20], 1, 1);
const tif = (data: ArrayLike<number>) => encodeTiff(createVolume(Uint16Array.from(data), [2048, 2048]));
const truth = { bytes: tif(pair.truth), name: 'truth.tif' };
const pred = { bytes: tif(pair.pred), name: 'pred.tif' };
const stages: Record<string, number> = {};
let last = performance.now();
let stage = 'start';
const job = time(() =>
  evaluatePair(truth, pred, {}, (next) => {
    const now = performance.now();
    stages[stage] = Number(((now - last) / 1000).toFixed(3));
    stage = next;
    last = now;
  }),
);
stages[stage] = Number(((performance.now() - last) / 1000).toFixed(3));
const report = job.value.report;
const csv = time(() => toCsv(report));
const paint = time(() => paintOverlay(job.value.overlay!.classes, job.value.overlay!.shape, 0));
console.log(
  JSON.stringify(
    {
      benchmark: 'evaluate-page',
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      shape: [2048, 2048],
      truthObjects: report.mode === 'segmentation' ? report.truthObjects : null,
      workerJobSeconds: job.seconds,
      workerStageSeconds: stages,
      csvSeconds: csv.seconds,
      csvBytes: csv.value.length,
      paintSliceSeconds: paint.seconds,
    },
    null,
    2,
  ),
);
