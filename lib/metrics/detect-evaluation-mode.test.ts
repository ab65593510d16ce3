import { describe, expect, it } from 'vitest';
import { labelGrid, seededRandom } from '@/test/helpers/label-grid';
import { asLabelImage, detectEvaluationMode } from './detect-evaluation-mode';

describe('detectEvaluationMode', () => {
  const labels = labelGrid(['0000000000', '0111002220', '0111002220', '0000000000', '0333300000']);

  it('calls piecewise-constant integer images with few values segmentation', () => {
    expect(detectEvaluationMode(labels, labels).mode).toBe('segmentation');
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
