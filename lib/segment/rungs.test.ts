// The acceptance test for the bundled samples: rung 1 (threshold + watershed) works on bright
// nuclei and fails on textured cells; rung 2 (pixel classifier) succeeds on the textured cells from at
// most 20 scripted scribble strokes. Scores come from lib/metrics.
import { describe, expect, it } from 'vitest';
import { evaluateSegmentation } from '@/lib/metrics';
import { runClassical } from './classical';
import { runPixelClassifier } from './pixel-classifier';
import { brightNucleiSample, texturedCellsSample, type Sample } from './samples';
import { toFloatImage, type Labels } from './types';
import { scriptedScribbles } from '@/test/helpers/scribbles';

function f1(sample: Sample, labels: Labels): number {
  const shape = sample.ndim === 2 ? [sample.shape[1], sample.shape[2]] : [...sample.shape];
  const result = evaluateSegmentation({ data: sample.truth, shape }, { data: labels.data, shape }, { hausdorff: false, objects: false });
  return result.instance!.f1 ?? 0;
}

describe('the bundled samples and the first two rungs', () => {
  const nuclei = brightNucleiSample();
  const textured = texturedCellsSample();

  it('rung 1 (Otsu + watershed) segments the bright nuclei (F1 ≥ 0.9)', () => {
    const result = runClassical(toFloatImage({ shape: nuclei.shape, ndim: nuclei.ndim, data: nuclei.image }), { method: 'otsu' });
    expect(f1(nuclei, result.labels)).toBeGreaterThanOrEqual(0.9);
  });

  it.each(['otsu', 'li', 'triangle', 'yen', 'mean'] as const)('rung 1 with %s fails on the textured cells (F1 < 0.5)', (method) => {
    const image = toFloatImage({ shape: textured.shape, ndim: 2, data: textured.image });
    for (const background of ['none', 'rolling-ball'] as const) {
      const result = runClassical(image, { method, background });
      expect(f1(textured, result.labels), `${method}, background ${background}`).toBeLessThan(0.5);
    }
  });

  it('rung 2 (pixel classifier) reaches F1 ≥ 0.8 on the textured cells from ≤ 20 scribble strokes', () => {
    const { scribbles, strokes } = scriptedScribbles(textured);
    expect(strokes).toBeLessThanOrEqual(20);
    expect(strokes).toBeGreaterThanOrEqual(15);
    const image = toFloatImage({ shape: textured.shape, ndim: 2, data: textured.image });
    const result = runPixelClassifier(image, scribbles);
    const score = f1(textured, result.labels);
    expect(score).toBeGreaterThanOrEqual(0.8);
    // The probability map is a probability.
    expect(result.probability.every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  it('rung 1 runs in 3D and finds the nuclei of the 3D sample', () => {
    const stack = brightNucleiSample([24, 80, 80]);
    const result = runClassical(toFloatImage({ shape: stack.shape, ndim: 3, data: stack.image }), { method: 'otsu' });
    expect(f1(stack, result.labels)).toBeGreaterThanOrEqual(0.9);
  });
});
