/**
 * `numerator / denominator`, or null when the denominator is 0: a score with nothing to count is
 * undefined, and null survives `JSON.stringify` where NaN would not.
 * @param numerator - Top.
 * @param denominator - Bottom.
 * @returns The quotient, or null for a zero denominator.
 */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
