import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/test/helpers/label-grid';
import { linearSumAssignment } from './linear-sum-assignment';

describe('linearSumAssignment', () => {
  it('finds the cheapest assignment of a worked 3×3 example', () => {
    // Rows take columns 1, 0, 2 for cost 1 + 2 + 2 = 5 (scipy's documented example).
    const cost = Float64Array.of(4, 1, 3, 2, 0, 5, 3, 2, 2);
    expect([...linearSumAssignment(cost, 3, 3)]).toEqual([1, 0, 2]);
  });

  it.each([
    [3, 3],
    [3, 5],
    [5, 3],
    [4, 4],
  ])('matches exhaustive search on random %i×%i matrices', (rows, cols) => {
    const rand = seededRandom(rows * 10 + cols);
    for (let trial = 0; trial < 20; trial++) {
      const cost = Float64Array.from({ length: rows * cols }, () => Math.round(rand() * 20) - 10);
      const got = linearSumAssignment(cost, rows, cols);
      const total = [...got].reduce((s, c, r) => s + (c < 0 ? 0 : cost[r * cols + c]!), 0);
      expect(new Set([...got].filter((c) => c >= 0)).size).toBe(Math.min(rows, cols));
      expect(total).toBe(bruteForceMin(cost, rows, cols));
    }
  });
});

function bruteForceMin(cost: Float64Array, rows: number, cols: number): number {
  let best = Infinity;
  const used = new Array<boolean>(cols).fill(false);
  const n = Math.min(rows, cols);
  // Assign each row to a distinct column, allowing rows to stay unassigned when rows > cols.
  const go = (r: number, assigned: number, sum: number): void => {
    if (r === rows) {
      if (assigned === n) best = Math.min(best, sum);
      return;
    }
    if (rows - r - 1 >= n - assigned) go(r + 1, assigned, sum);
    for (let c = 0; c < cols; c++) {
      if (used[c]) continue;
      used[c] = true;
      go(r + 1, assigned + 1, sum + cost[r * cols + c]!);
      used[c] = false;
    }
  };
  go(0, 0, 0);
  return best;
}
