/**
 * Smallest and largest value of an array in one pass; NaN values are ignored (every comparison with
 * NaN is false). Returns null for an empty array or one with only NaN.
 */
export function minMax(data: ArrayLike<number>): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : null;
}
