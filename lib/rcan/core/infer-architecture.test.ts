import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferArchitecture } from './infer-architecture';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Kernel shapes written out from the layer table of rcan-spec §1.3, independently of model.ts.
function specShapes(C: number, B: number, G: number, r: number): number[][] {
  const k = (cin: number, cout: number) => [3, 3, 3, cin, cout];
  const p = (cin: number, cout: number) => [1, 1, 1, cin, cout];
  const shapes = [k(1, C)];
  for (let g = 0; g < G; g++) {
    for (let b = 0; b < B; b++) shapes.push(k(C, C), k(C, C), p(C, Math.floor(C / r)), p(Math.floor(C / r), C));
    if (G > 1) shapes.push(k(C, C));
  }
  shapes.push(k(C, C), k(C, 1));
  return shapes;
}

describe('inferArchitecture', () => {
  it('recovers the default and the example configs (68, 42, 108 and 15 convs)', () => {
    const cases = [
      [32, 3, 5, 8, 68],
      [32, 3, 3, 8, 42],
      [32, 5, 5, 8, 108],
      [32, 3, 1, 8, 15],
      [8, 1, 2, 4, 13],
    ] as const;
    for (const [C, B, G, r, count] of cases) {
      const shapes = specShapes(C, B, G, r);
      expect(shapes).toHaveLength(count);
      expect(inferArchitecture(shapes)).toEqual({ ndim: 3, numChannels: C, numResidualBlocks: B, numResidualGroups: G, channelReduction: r });
    }
  });

  it('finds an r that rebuilds the same graph when C is not a multiple of r', () => {
    const arch = inferArchitecture(specShapes(10, 1, 2, 3));
    expect(Math.floor(10 / arch.channelReduction)).toBe(3);
  });

  it('reads 2D kernels', () => {
    const shapes = specShapes(8, 1, 2, 4).map((s) => s.slice(1));
    expect(inferArchitecture(shapes).ndim).toBe(2);
  });

  it('explains files that are not a 3D-RCAN', () => {
    expect(() => inferArchitecture([])).toThrow(/no convolution kernels/);
    expect(() => inferArchitecture([[5, 5, 5, 1, 8]])).toThrow(/3×3\(×3\) or 1×1/);
    expect(() => inferArchitecture(specShapes(8, 1, 2, 4).slice(0, -1))).toThrow(RangeError);
    expect(() => inferArchitecture([[3, 3, 3, 2, 8], ...specShapes(8, 1, 2, 4).slice(1)])).toThrow(/1 input channel/);
  });
});
