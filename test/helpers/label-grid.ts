// Tiny label images drawn as text, for hand-worked metric tests: one string per row, one digit per pixel.
import type { LabelImage } from '@/lib/metrics';

/** A 2D label image from rows of digits ('.' is background too). */
export function labelGrid(rows: string[]): LabelImage {
  const height = rows.length;
  const width = rows[0]!.length;
  const data = new Int32Array(height * width);
  rows.forEach((row, y) => {
    if (row.length !== width) throw new RangeError(`row ${y} has ${row.length} pixels, expected ${width}`);
    for (let x = 0; x < width; x++) data[y * width + x] = row[x] === '.' ? 0 : Number(row[x]);
  });
  return { data, shape: [height, width] };
}

/** A 3D label image from a stack of {@link labelGrid} slices. */
export function labelStack(slices: string[][]): LabelImage {
  const planes = slices.map(labelGrid);
  const [h, w] = planes[0]!.shape as [number, number];
  const data = new Int32Array(planes.length * h * w);
  planes.forEach((p, z) => data.set(p.data, z * h * w));
  return { data, shape: [planes.length, h, w] };
}

/** Deterministic pseudo-random numbers in [0, 1): lib/synth's mulberry32. */
export { mulberry32 as seededRandom } from '@/lib/synth';
