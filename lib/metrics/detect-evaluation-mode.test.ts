import { describe, expect, it } from 'vitest';
import { labelGrid, seededRandom } from '@/test/helpers/label-grid';
import { asLabelImage, detectEvaluationMode } from './detect-evaluation-mode';

describe('detectEvaluationMode', () => {
  it('calls piecewise-constant integer images with few values segmentation', () => {
    // Three 10-pixel-wide rectangles: 2 of every 11 foreground pairs on a row cross an edge.
    const data = new Uint16Array(40 * 40);
    for (let y = 0; y < 40; y++)
      for (let x = 0; x < 40; x++) {
        if (y > 2 && y < 15 && x > 2 && x < 13) data[y * 40 + x] = 1;
        if (y > 2 && y < 15 && x > 20 && x < 31) data[y * 40 + x] = 2;
        if (y > 20 && y < 35 && x > 5 && x < 16) data[y * 40 + x] = 3;
      }
    const labels = { data, shape: [40, 40] };
    expect(detectEvaluationMode(labels, labels).mode).toBe('segmentation');
    // Objects 3 pixels wide are mostly edge: the guess gives up (callers offer --mode).
    const tiny = labelGrid(['0000000000', '0111002220', '0111002220', '0000000000']);
    expect(detectEvaluationMode(tiny, tiny).mode).toBe('restoration');
  });

  it('does not count a zero background as evidence of labels', () => {
    const rand = seededRandom(9);
    const data = Uint8Array.from({ length: 64 * 64 }, (_, i) => (i % 64 < 40 ? 0 : 1 + Math.floor(rand() * 200)));
    expect(detectEvaluationMode({ data, shape: [64, 64] }, { data, shape: [64, 64] }).mode).toBe('restoration');
  });

  it('calls a noisy 8-bit image restoration although it holds integers', () => {
    const rand = seededRandom(5);
    const img = { data: Uint8Array.from({ length: 64 * 64 }, () => Math.floor(rand() * 40)), shape: [64, 64] };
    const r = detectEvaluationMode(img, img);
    expect(r.mode).toBe('restoration');
    expect(r.reason).toContain('too few equal neighbours');
  });

  it('calls images with fractional values restoration', () => {
    const img = { data: Float32Array.of(0, 0.5, 1, 1), shape: [2, 2] };
    expect(detectEvaluationMode(img, img)).toEqual({
      mode: 'restoration',
      reason: 'truth holds 0.5, not a non-negative integer label',
    });
  });
});

describe('asLabelImage', () => {
  it('turns integral float labels into Int32 and refuses fractions', () => {
    const out = asLabelImage({ data: Float32Array.of(0, 3, 70000), shape: [1, 3] });
    expect(out.data).toEqual(Int32Array.of(0, 3, 70000));
    expect(() => asLabelImage({ data: Float32Array.of(0.5), shape: [1, 1] }, 'truth')).toThrow(
      'truth must hold non-negative integer labels for segmentation metrics, found 0.5',
    );
  });
});
