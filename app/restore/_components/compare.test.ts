import { describe, expect, it } from 'vitest';

import { differenceImage, lineProfile, profileSvg, sliceAbsMax } from './compare';

describe('baseline comparison helpers', () => {
  const shape = [2, 3, 4] as const;
  const data = Float32Array.from({ length: 24 }, (_, i) => i);

  it('reads a row of one slice and subtracts images', () => {
    expect(Array.from(lineProfile(data, shape, 1, 2))).toEqual([20, 21, 22, 23]);
    expect(Array.from(differenceImage(Float32Array.of(3, 1), Float32Array.of(1, 4)))).toEqual([2, -3]);
    expect(() => differenceImage(new Float32Array(2), new Float32Array(3))).toThrow(/2 and 3/);
    expect(sliceAbsMax(Float32Array.from(data, (v) => v - 5), shape, 0)).toBe(6);
  });

  it('plots one polyline per series with escaped labels', () => {
    const svg = profileSvg([
      { label: 'raw <a>', color: '#000', values: Float32Array.of(0, 1, 2) },
      { label: 'net', color: '#f00', values: Float32Array.of(2, 1, 0) },
    ]);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('raw &lt;a&gt;');
    expect(svg).not.toContain('<a>');
  });
});
