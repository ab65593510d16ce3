// Seconds per training step (batch 1, forward + backward + Adam) on the wasm backend for a few
// architectures and patch shapes, to size epochs and check the ETA. Prints figures; never fails on time.
// Run: npx tsx bench/rcan-train-step.ts [steps]
import * as tf from '@tensorflow/tfjs';
import { buildRcan, createRandom, trainRcan, type RcanArchitecture } from '../lib/rcan/core';
import { useWasmBackend } from '../lib/rcan/node/use-wasm-backend';

const steps = Number(process.argv[2] ?? 3);
const cases: { label: string; arch: RcanArchitecture; patch: number[] }[] = [
  { label: 'tiny C4 G1 B1', arch: { ndim: 3, numChannels: 4, numResidualBlocks: 1, numResidualGroups: 1, channelReduction: 2 }, patch: [8, 32, 32] },
  { label: 'config.json C32 G3 B3', arch: { ndim: 3, numChannels: 32, numResidualBlocks: 3, numResidualGroups: 3, channelReduction: 8 }, patch: [8, 32, 32] },
  { label: 'config.json C32 G3 B3', arch: { ndim: 3, numChannels: 32, numResidualBlocks: 3, numResidualGroups: 3, channelReduction: 8 }, patch: [8, 64, 64] },
];

await useWasmBackend();
for (const { label, arch, patch } of cases) {
  const shape = [patch[0]! + 2, patch[1]! + 8, patch[2]! + 8];
  const n = shape.reduce((a, b) => a * b, 1);
  const random = createRandom(1);
  const gt = Float32Array.from({ length: n }, () => random());
  const raw = gt.map((v) => v * 0.5 + 0.1 * random());
  const model = buildRcan(arch, { seed: 1 });
  const times: number[] = [];
  let last = performance.now();
  // One warm-up step (kernel compilation, allocation), then `steps` timed ones.
  await trainRcan(model, { training: [{ raw, gt, shape }] }, {
    patchShape: patch,
    epochs: 1,
    stepsPerEpoch: steps + 1,
    intensityThreshold: 0,
    onStep: () => {
      const now = performance.now();
      times.push((now - last) / 1000);
      last = now;
    },
  });
  const timed = times.slice(1);
  const mean = timed.reduce((a, b) => a + b, 0) / timed.length;
  console.log(`${label}, patch ${patch.join('x')}: ${mean.toFixed(3)} s/step (${timed.length} steps, ${tf.getBackend()}, ${model.countParams()} params)`);
  model.dispose();
}
