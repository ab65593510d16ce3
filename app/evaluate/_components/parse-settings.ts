import type { EvaluatePairOptions } from './evaluate-pair';
import type { SettingsState } from './evaluate-settings';

/**
 * Turn the form's text fields into evaluation options.
 * @param s - The form state.
 * @returns The options, or a one-line message naming the bad field and the fix.
 */
export function parseSettings(s: SettingsState): { options: EvaluatePairOptions } | { error: string } {
  const iou = Number(s.iou);
  if (s.iou.trim() === '' || !(iou > 0 && iou <= 1)) return { error: `the IoU threshold must be a number above 0 and at most 1, got "${s.iou}"` };
  const filled = s.voxel.map((v) => v.trim());
  let voxelSize: number[] | undefined;
  if (filled.some((v) => v !== '')) {
    // An empty z is fine for 2D images: it is ignored there, and 1 is the natural default for a stack.
    const values = filled.map((v, i) => (v === '' && i === 0 ? 1 : Number(v)));
    const bad = values.findIndex((v, i) => (filled[i] === '' && i > 0) || !(Number.isFinite(v) && v > 0));
    if (bad >= 0) return { error: `voxel size ${'zyx'[bad]} must be a positive number, got "${filled[bad]}"; fill in y and x (and z for stacks) or leave all three empty` };
    voxelSize = values;
  }
  return { options: { mode: s.mode, iouThreshold: iou, matching: s.matching, voxelSize, components: s.components, hausdorff: s.hausdorff } };
}
