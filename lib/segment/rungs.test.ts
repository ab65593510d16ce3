// The acceptance test for the bundled samples: rung 1 (threshold + watershed) works on bright
// nuclei and fails on textured cells; rung 2 (pixel classifier) succeeds on the textured cells from at
// most 20 scripted scribble strokes. Scores come from lib/metrics.
import { describe, expect, it } from 'vitest';
import { evaluateSegmentation } from '@/lib/metrics';
import { runClassical } from './classical';
import { runPixelClassifier, SCRIBBLE } from './pixel-classifier';
import { brightNucleiSample, texturedCellsSample, type Sample } from './samples';
import { toFloatImage, type Labels } from './types';

function f1(sample: Sample, labels: Labels): number {
  const shape = sample.ndim === 2 ? [sample.shape[1], sample.shape[2]] : [...sample.shape];
  const result = evaluateSegmentation({ data: sample.truth, shape }, { data: labels.data, shape }, { hausdorff: false, objects: false });
  return result.instance!.f1 ?? 0;
}

/** Paint a straight stroke of brush radius 1 from (y0, x0) to (y1, x1). */
function stroke(scribbles: Uint8Array, width: number, height: number, [y0, x0]: [number, number], [y1, x1]: [number, number], value: number): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(y1 - y0, x1 - x0)));
  for (let s = 0; s <= steps; s++) {
    const y = Math.round(y0 + ((y1 - y0) * s) / steps);
    const x = Math.round(x0 + ((x1 - x0) * s) / steps);
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const yy = y + dy;
        const xx = x + dx;
        if (yy >= 0 && yy < height && xx >= 0 && xx < width) scribbles[yy * width + xx] = value;
      }
    }
  }
}

/**
 * A user's scribbles, scripted: 10 strokes across the middle of 10 objects (value 2) and 10 strokes
 * in background spots at least 4 pixels from any object (value 1). Uses the truth only to aim.
 */
function scriptedScribbles(sample: Sample): { scribbles: Uint8Array; strokes: number } {
  const [, H, W] = sample.shape;
  const scribbles = new Uint8Array(H * W);
  let strokes = 0;
  // Object centres and radii from the truth.
  const sums = new Map<number, [number, number, number]>();
  sample.truth.forEach((l, i) => {
    if (l === 0) return;
    const s = sums.get(l) ?? [0, 0, 0];
    s[0] += Math.floor(i / W);
    s[1] += i % W;
    s[2]++;
    sums.set(l, s);
  });
  for (const [, [sy, sx, n]] of [...sums].slice(0, 10)) {
    const cy = sy / n;
    const cx = sx / n;
    const r = Math.sqrt(n / Math.PI);
    stroke(scribbles, W, H, [cy, cx - 0.6 * r], [cy, cx + 0.6 * r], SCRIBBLE.foreground);
    strokes++;
  }
  // Background: 20-pixel horizontal strokes on a coarse grid, where nothing is within 4 pixels.
  const clear = (y: number, x0: number, x1: number) => {
    for (let y2 = y - 4; y2 <= y + 4; y2++) {
      for (let x = x0 - 4; x <= x1 + 4; x++) if (y2 < 0 || y2 >= H || x < 0 || x >= W || sample.truth[y2 * W + x] !== 0) return false;
    }
    return true;
  };
  for (let y = 8; y < H - 8 && strokes < 20; y += 23) {
    for (let x = 8 + (y % 3) * 30; x + 20 < W - 8 && strokes < 20; x += 70) {
      if (!clear(y, x, x + 20)) continue;
      stroke(scribbles, W, H, [y, x], [y, x + 20], SCRIBBLE.background);
      strokes++;
    }
  }
  return { scribbles, strokes };
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
