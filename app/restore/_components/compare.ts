// Pure helpers of the baseline comparison on /restore: the worker protocol, line profiles,
// difference images and the profile plot (an SVG string built from numbers only).
import type { ClassicalMethod } from '@/lib/restoration';

/** The PSF for Richardson–Lucy, as the page lets one describe it. */
export type PsfChoice =
  | { kind: 'gaussian'; sigma: { z: number; y: number; x: number } }
  | { kind: 'widefield' | 'confocal'; na: number; wavelengthNm: number; refractiveIndex: number; voxelUm: { z: number; y: number; x: number } };

/** One baseline to run; an unset parameter is searched against GT (or takes its default). */
export interface BaselineRequest {
  method: ClassicalMethod;
  sigma?: number;
  radius?: number;
  iterations?: number;
  tvWeight?: number;
}

/** Page → worker. */
export interface BaselineJob {
  shape: [number, number, number];
  ndim: 2 | 3;
  raw: Float32Array;
  groundTruth?: Float32Array;
  network: Float32Array;
  baselines: BaselineRequest[];
  psf?: PsfChoice;
  /** Fit every output (raw, baselines, network) to the GT by a·x+b before scoring. */
  rescale: boolean;
}

/** One row of the ranking, plain data. */
export interface RankedScore {
  name: string;
  kind: 'raw' | 'baseline' | 'network';
  psnr: number | null;
  ssim: number | null;
  nrmse: number | null;
}

/** Worker → page. */
export type BaselineReply =
  | {
      ok: true;
      runs: { label: string; method: ClassicalMethod; chosenBy: string; restored: Float32Array }[];
      ranking?: RankedScore[];
      baselineWins?: string;
      psfNote?: string;
    }
  | { ok: false; message: string };

/** Values along X at slice z, row y. */
export function lineProfile(data: Float32Array, shape: readonly [number, number, number], z: number, y: number): Float32Array {
  const [, Y, X] = shape;
  const start = (z * Y + y) * X;
  return data.slice(start, start + X);
}

/** a − b, voxel by voxel. */
export function differenceImage(a: Float32Array, b: Float32Array): Float32Array {
  if (a.length !== b.length) throw new RangeError(`cannot subtract images of ${a.length} and ${b.length} voxels`);
  return Float32Array.from(a, (v, i) => v - b[i]!);
}

/** Largest |value| in slice z (for a symmetric colour scale). */
export function sliceAbsMax(data: Float32Array, shape: readonly [number, number, number], z: number): number {
  const n = shape[1] * shape[2];
  let m = 0;
  for (let i = z * n; i < (z + 1) * n; i++) m = Math.max(m, Math.abs(data[i]!));
  return m || 1;
}

/** Line profiles as an SVG plot (one polyline per series). */
export function profileSvg(series: readonly { label: string; color: string; values: Float32Array }[], width = 520, height = 220): string {
  const m = { left: 48, right: 12, top: 12, bottom: 40 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const all = series.flatMap((s) => Array.from(s.values)).filter(Number.isFinite);
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const span = hi - lo || 1;
  const n = Math.max(1, (series[0]?.values.length ?? 1) - 1);
  const sx = (i: number) => m.left + (i / n) * pw;
  const sy = (v: number) => m.top + ph - ((v - lo) / span) * ph;
  const esc = (t: string) => t.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
  const lines = series.map(
    (s) => `<polyline fill="none" stroke="${esc(s.color)}" stroke-width="1.5" points="${Array.from(s.values, (v, i) => `${sx(i).toFixed(1)},${sy(v).toFixed(1)}`).join(' ')}"/>`,
  );
  const legend = series.map((s, i) => `<text x="${m.left + i * 120}" y="${height - 8}" fill="${esc(s.color)}">${esc(s.label)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11" role="img" aria-label="line profile">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<line x1="${m.left}" y1="${m.top + ph}" x2="${m.left + pw}" y2="${m.top + ph}" stroke="#444"/>`,
    `<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${m.top + ph}" stroke="#444"/>`,
    `<text x="${m.left - 4}" y="${m.top + 8}" text-anchor="end">${hi.toFixed(2)}</text>`,
    `<text x="${m.left - 4}" y="${m.top + ph}" text-anchor="end">${lo.toFixed(2)}</text>`,
    `<text x="${m.left + pw / 2}" y="${m.top + ph + 14}" text-anchor="middle">x (pixels)</text>`,
    ...lines,
    ...legend,
    '</svg>',
  ].join('\n');
}
