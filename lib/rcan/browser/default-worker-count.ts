/**
 * The tile pool size the /restore page starts with: one worker per logical core, at most 4 (each
 * worker holds its own copy of the model, and beyond the core count workers only compete).
 * @param hardwareConcurrency - `navigator.hardwareConcurrency` (0 or undefined when the browser hides it)
 * @returns `Math.min(hardwareConcurrency || 2, 4)`
 */
export function defaultWorkerCount(hardwareConcurrency: number | undefined = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency): number {
  return Math.max(1, Math.min(hardwareConcurrency || 2, 4));
}
