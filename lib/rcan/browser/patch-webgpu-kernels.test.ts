import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { collapsePadding } from './patch-webgpu-kernels';

// The WebGPU kernels themselves need a browser (test/e2e/restore-webgpu.spec.ts); the rank-4
// rewrite of a rank-5 pad is plain arithmetic, checked here against tfjs's own rank-5 pad on cpu.
describe('collapsePadding', () => {
  it('turns fastConv3d\'s z padding of [N, Z, Y, X, C] into a rank-4 pad with the same values', async () => {
    await tf.setBackend('cpu');
    const cases: Array<[number[], Array<[number, number]>]> = [
      [[1, 5, 4, 3, 2], [[0, 0], [1, 1], [0, 0], [0, 0], [0, 0]]],
      [[2, 3, 4, 3, 2], [[0, 0], [1, 2], [0, 0], [3, 0], [0, 0]]],
      [[1, 3, 4, 3, 2], [[0, 0], [1, 1], [1, 1], [1, 1], [0, 0]]],
    ];
    for (const [shape, paddings] of cases) {
      const collapsed = collapsePadding(shape, paddings);
      expect(collapsed?.shape).toHaveLength(4);
      const x = tf.range(0, shape.reduce((a, b) => a * b, 1)).reshape(shape);
      const direct = await tf.pad(x, paddings, -1).data();
      const viaRank4 = await tf.pad(x.reshape(collapsed!.shape), collapsed!.paddings, -1).data();
      expect(Array.from(viaRank4)).toEqual(Array.from(direct));
    }
  });

  it('gives up when every axis is padded (no merge keeps the values)', () => {
    expect(collapsePadding([2, 2, 2, 2, 2], [[1, 0], [1, 0], [1, 0], [1, 0], [1, 0]])).toBeUndefined();
  });

  it('merges the unpadded channel axis into X: [1, 10, 16, 16, 4] padded in Z becomes [1, 10, 16, 64]', () => {
    expect(collapsePadding([1, 10, 16, 16, 4], [[0, 0], [1, 1], [0, 0], [0, 0], [0, 0]])).toEqual({ shape: [1, 10, 16, 64], paddings: [[0, 0], [1, 1], [0, 0], [0, 0]] });
  });
});
