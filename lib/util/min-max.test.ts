import { describe, expect, it } from 'vitest';

import { minMax } from './min-max';

describe('minMax', () => {
  it('finds both extremes in one pass', () => {
    expect(minMax(new Float32Array([3, -2, 7, 0]))).toEqual({ min: -2, max: 7 });
    expect(minMax(new Uint16Array([5]))).toEqual({ min: 5, max: 5 });
  });

  it('ignores NaN and returns null when nothing is left', () => {
    expect(minMax([NaN, 1, NaN, 4])).toEqual({ min: 1, max: 4 });
    expect(minMax([NaN])).toBeNull();
    expect(minMax([])).toBeNull();
  });
});
