// `npm run bench -- rcan-train-memory`: peak tfjs tensor memory (tf.profile) and process RSS of two
// training steps (forward, backward, Adam) of the default model (C32 G5 B3 r8) on an 8×64×64 patch,
// wasm backend. One activation = 8·64·64·32 floats = 4.2 MB. Prints one JSON line per step.
import * as tf from '@tensorflow/tfjs';
import { buildRcan } from '../lib/rcan/core';
import { useWasmBackend } from '../lib/rcan/node/use-wasm-backend';
await useWasmBackend();
const model = buildRcan({ ndim: 3, numChannels: 32, numResidualBlocks: 3, numResidualGroups: 5, channelReduction: 8 }, { seed: 1 });
const opt = tf.train.adam(1e-4);
const x = tf.randomUniform([1, 8, 64, 64, 1]); const y = tf.randomUniform([1, 8, 64, 64, 1]);
const act = 8 * 64 * 64 * 32 * 4;
for (let s = 0; s < 2; s++) {
  const p = await tf.profile(() => { const l = opt.minimize(() => tf.mean(tf.abs(tf.sub(model.apply(x), y))) as tf.Scalar, true, model.variables()); l?.dispose(); });
  console.log(JSON.stringify({ step: s, peak_tensor_mb: Math.round(p.peakBytes / 1e6), peak_in_activations: +(p.peakBytes / act).toFixed(1), rss_mb: Math.round(process.memoryUsage().rss / 1e6), kernels: p.kernels.length }));
}
