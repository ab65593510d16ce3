/**
 * The original staircase schedule (rcan-spec §2.10), called like Keras' `LearningRateScheduler` with
 * the epoch about to start and the current rate: at 0-based epoch e, halve the current rate when
 * e ≠ 0 and e is a multiple of `floor(totalEpochs / 4)`; otherwise keep it. It is stateful through
 * `currentLr`, so 302 epochs halve four times (75, 150, 225, 300).
 *
 * Difference from the original: with fewer than 4 epochs the original divides by zero and crashes at
 * epoch 1; here the rate is never halved.
 * @param epoch - 0-based epoch about to start.
 * @param currentLr - The rate used in the previous epoch (the initial rate at epoch 0).
 * @param totalEpochs - The configured `epochs`.
 * @returns The rate for this epoch.
 */
export function lrSchedule(epoch: number, currentLr: number, totalEpochs: number): number {
  const period = Math.floor(totalEpochs / 4);
  if (period === 0 || epoch === 0 || epoch % period !== 0) return currentLr;
  return currentLr / 2;
}
