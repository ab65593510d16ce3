/**
 * A download name from the two input names, e.g. `evaluation_truth-2d_vs_pred-2d.csv`.
 * @param truthName - Truth file name.
 * @param predName - Prediction file name.
 * @param ext - Extension without the dot.
 * @returns A name with only letters, digits, `.`, `_` and `-`.
 */
export function exportFileName(truthName: string, predName: string, ext: string): string {
  const base = (name: string) =>
    name
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'image';
  return `evaluation_${base(truthName)}_vs_${base(predName)}.${ext}`;
}
