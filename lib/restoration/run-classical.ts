import { createVolume, encodeTiff, minMaxNormalize, percentileNormalize, RCAN_CHANNEL_NAMES, rescaleToTarget, stackChannels, toBitDepth, type BitDepth, type Hyperstack, type Volume } from '../imaging';
import { evaluateRestoration, peakSignalNoiseRatio, type RestorationResult } from '../metrics';
import { InputError } from '../util/errors';
import type { Grid } from './convolve';
import { gaussianFilter } from './gaussian-filter';
import { medianFilter } from './median-filter';
import { richardsonLucy } from './richardson-lucy';

/** The classical baselines. */
export const CLASSICAL_METHODS = ['gaussian', 'median', 'richardson-lucy'] as const;
export type ClassicalMethod = (typeof CLASSICAL_METHODS)[number];

/** Candidate values tried against ground truth when the user does not fix a parameter. */
export const SEARCH_GRID = {
  sigma: [0.5, 0.75, 1, 1.5, 2, 3],
  radius: [1, 2],
  iterations: [2, 5, 10, 20, 30, 50],
} as const;

/** Parameters of one baseline; unset ones are searched against GT, or take their defaults. */
export interface ClassicalParams {
  /** Gaussian σ in voxels (same on every axis; Z skipped in 2D). @default 1 */
  sigma?: number;
  /** Median half-width in voxels. @default 1 */
  radius?: number;
  /** Richardson–Lucy iterations. @default 20 */
  iterations?: number;
  /** Richardson–Lucy TV weight. @default 0 */
  tvWeight?: number;
  /** PSF for Richardson–Lucy (sums to 1), required for that method. */
  psf?: Grid;
  /**
   * `--rescale` of `rcan apply`: fit the output to the GT by least squares (a·x + b) before scoring
   * and writing it. Deconvolution changes the intensity scale, so compare scale-free this way.
   */
  rescale?: boolean;
}

/** What one baseline did. */
export interface ClassicalRun {
  method: ClassicalMethod;
  /** The parameters used (after any search). */
  params: { sigma?: number; radius?: number; iterations?: number; tvWeight?: number };
  /** 'user' when given, 'search' when chosen by PSNR against GT, 'default' otherwise. */
  chosenBy: 'user' | 'search' | 'default';
  /** The candidates tried and their PSNR (only for a search). */
  search?: { value: number; psnr: number }[];
  /** Restored image in the normalized units of the input. */
  restored: Float32Array;
}

/** A short human label, e.g. "gaussian σ=1.5" or "richardson-lucy 20 it, TV 0.002". */
export function describeRun(run: Pick<ClassicalRun, 'method' | 'params'>): string {
  const p = run.params;
  if (run.method === 'gaussian') return `gaussian σ=${p.sigma}`;
  if (run.method === 'median') return `median r=${p.radius}`;
  return `richardson-lucy ${p.iterations} it${p.tvWeight ? `, TV ${p.tvWeight}` : ''}`;
}

/**
 * Run one classical baseline on a percentile-normalized image. With `groundTruth` (normalized the
 * same way) every parameter the user left unset is chosen from {@link SEARCH_GRID} by PSNR.
 * Richardson–Lucy runs on the image clipped at 0 (RL needs non-negative data).
 *
 * @param image - normalized raw, `[z, y, x]`
 * @param ndim - 2 or 3
 * @param method - which baseline
 * @param params - fixed parameters
 * @param groundTruth - normalized GT of the same size, enables the search
 * @throws InputError when Richardson–Lucy has no PSF
 */
export function runClassical(image: Grid, ndim: 2 | 3, method: ClassicalMethod, params: ClassicalParams = {}, groundTruth?: Float32Array): ClassicalRun {
  const shape = metricShape(image.shape, ndim);
  const score = (data: ArrayLike<number>) => {
    const values = Float32Array.from(data);
    return peakSignalNoiseRatio({ data: groundTruth!, shape }, { data: params.rescale ? rescaleToTarget(values, groundTruth!).data : values, shape });
  };
  if (method === 'gaussian') {
    if (params.sigma !== undefined || !groundTruth) {
      const sigma = params.sigma ?? 1;
      return { method, params: { sigma }, chosenBy: params.sigma !== undefined ? 'user' : 'default', restored: gaussianFilter(image, sigma, ndim) };
    }
    return searchGrid(method, 'sigma', SEARCH_GRID.sigma, (sigma) => gaussianFilter(image, sigma, ndim), score);
  }
  if (method === 'median') {
    if (params.radius !== undefined || !groundTruth) {
      const radius = params.radius ?? 1;
      return { method, params: { radius }, chosenBy: params.radius !== undefined ? 'user' : 'default', restored: medianFilter(image, radius, ndim) };
    }
    return searchGrid(method, 'radius', SEARCH_GRID.radius, (radius) => medianFilter(image, radius, ndim), score);
  }
  if (!params.psf) throw new InputError('richardson-lucy needs a PSF: a measured one (--psf psf.tif) or a computed one (--psf-model widefield|confocal with --na, --wavelength, --ri)');
  const positive = new Float32Array(image.data.length);
  for (let i = 0; i < positive.length; i++) positive[i] = Math.max(0, image.data[i]!);
  const tvWeight = params.tvWeight ?? 0;
  const input = { shape: image.shape, data: positive };
  if (params.iterations !== undefined || !groundTruth) {
    const iterations = params.iterations ?? 20;
    const restored = Float32Array.from(richardsonLucy(input, params.psf, { iterations, tvWeight }));
    return { method, params: { iterations, tvWeight }, chosenBy: params.iterations !== undefined ? 'user' : 'default', restored };
  }
  // One run to the largest count, scoring the snapshots: RL's iterations are nested.
  const wanted = new Set<number>(SEARCH_GRID.iterations);
  const search: { value: number; psnr: number }[] = [];
  let best: { iterations: number; psnr: number; data: Float32Array } | undefined;
  richardsonLucy(input, params.psf, {
    iterations: Math.max(...SEARCH_GRID.iterations),
    tvWeight,
    onIteration: (it, estimate) => {
      if (!wanted.has(it)) return;
      const data = Float32Array.from(estimate);
      const psnr = score(data);
      search.push({ value: it, psnr });
      if (!best || psnr > best.psnr) best = { iterations: it, psnr, data };
    },
  });
  return { method, params: { iterations: best!.iterations, tvWeight }, chosenBy: 'search', search, restored: best!.data };
}

function searchGrid(
  method: ClassicalMethod,
  key: 'sigma' | 'radius',
  values: readonly number[],
  run: (value: number) => Float32Array,
  score: (data: Float32Array) => number,
): ClassicalRun {
  const search: { value: number; psnr: number }[] = [];
  let best: { value: number; psnr: number; data: Float32Array } | undefined;
  for (const value of values) {
    const data = run(value);
    const psnr = score(data);
    search.push({ value, psnr });
    if (!best || psnr > best.psnr) best = { value, psnr, data };
  }
  return { method, params: { [key]: best!.value }, chosenBy: 'search', search, restored: best!.data };
}

/** Metric shape: `[y, x]` for 2D, `[z, y, x]` for 3D. */
export function metricShape(shape: readonly [number, number, number], ndim: 2 | 3): number[] {
  return ndim === 2 ? [shape[1], shape[2]] : [...shape];
}

/** One row of a comparison table. */
export interface RankedRow {
  /** 'raw', 'network' or a baseline label from {@link describeRun}. */
  name: string;
  kind: 'raw' | 'baseline' | 'network';
  metrics: RestorationResult;
}

/** Rows sorted by PSNR (best first), and a plain sentence when a baseline beats the network. */
export interface Ranking {
  rows: RankedRow[];
  /** Present when a network row exists and a baseline has a higher PSNR or SSIM. */
  baselineWins?: string;
}

/**
 * Score raw, each baseline and (optionally) the network against the normalized GT and rank them by
 * PSNR. When a baseline beats the network on PSNR or SSIM, `baselineWins` says so in one sentence.
 */
export function rankAgainstTruth(truth: Float32Array, shape: number[], entries: { name: string; kind: RankedRow['kind']; data: Float32Array }[]): Ranking {
  const rows = entries.map((e) => ({ name: e.name, kind: e.kind, metrics: evaluateRestoration({ data: truth, shape }, { data: e.data, shape }) }));
  const psnr = (r: RankedRow) => r.metrics.psnr ?? Infinity;
  rows.sort((a, b) => psnr(b) - psnr(a));
  const network = rows.find((r) => r.kind === 'network');
  if (!network) return { rows };
  const better = rows.filter((r) => r.kind === 'baseline' && (psnr(r) > psnr(network) || (r.metrics.ssim ?? -Infinity) > (network.metrics.ssim ?? Infinity)));
  if (better.length === 0) return { rows };
  const b = better[0]!;
  const fmt = (x: number | null, d: number) => (x === null ? '∞' : x.toFixed(d));
  return {
    rows,
    baselineWins: `A classical baseline beats the network here: ${b.name} scores PSNR ${fmt(b.metrics.psnr, 2)} dB / SSIM ${fmt(b.metrics.ssim, 3)} against the network's ${fmt(network.metrics.psnr, 2)} dB / ${fmt(network.metrics.ssim, 3)}. Prefer the simpler method unless the network is better on what you measure.`,
  };
}

/** Format a ranking as a Markdown table (PSNR dB, SSIM, NRMSE). */
export function formatRankingTable(ranking: Ranking): string {
  const fmt = (x: number | null, d: number) => (x === null ? '—' : x.toFixed(d));
  const lines = ['| rank | output | PSNR (dB) | SSIM | NRMSE |', '|---|---|---|---|---|'];
  ranking.rows.forEach((r, i) => lines.push(`| ${i + 1} | ${r.name} | ${fmt(r.metrics.psnr, 2)} | ${fmt(r.metrics.ssim, 3)} | ${fmt(r.metrics.nrmse, 3)} |`));
  return lines.join('\n');
}

/** Options of {@link classicalRestoreVolume}; the normalisation flags are `rcan apply`'s. */
export interface ClassicalRestoreOptions extends ClassicalParams {
  method: ClassicalMethod;
  groundTruth?: Volume;
  pMin?: number;
  pMax?: number;
  normalizeOutputRange?: boolean;
  bitDepth?: BitDepth;
  format?: 'imagej' | 'ome';
}

/** Result of {@link classicalRestoreVolume}. */
export interface ClassicalRestoreResult {
  bytes: Uint8Array;
  stack: Hyperstack;
  run: ClassicalRun;
  rawNorm: Float32Array;
  gtNorm?: Float32Array;
  gtDiscarded: boolean;
}

/**
 * The `rcan apply` layout for a classical baseline: percentile-normalize the raw (and GT), run the
 * baseline → channels [raw (normalized), restored(, GT)] → optional min–max → bit depth → TIFF.
 */
export function classicalRestoreVolume(raw: Volume, options: ClassicalRestoreOptions): ClassicalRestoreResult {
  const pMin = options.pMin ?? 2;
  const pMax = options.pMax ?? 99.9;
  const rawNorm = percentileNormalize(raw.data, pMin, pMax);
  let gtNorm: Float32Array | undefined;
  let gtDiscarded = false;
  const gt = options.groundTruth;
  if (gt) {
    if (gt.ndim === raw.ndim && gt.shape.join() === raw.shape.join()) gtNorm = percentileNormalize(gt.data, pMin, pMax);
    else gtDiscarded = true;
  }
  if (options.method === 'richardson-lucy' && options.psf && raw.ndim === 2 && options.psf.shape[0] > 1) {
    throw new InputError(`the image is 2D but the PSF has ${options.psf.shape[0]} planes; give a 2D PSF (or a computed one)`);
  }
  const run = runClassical({ shape: raw.shape, data: rawNorm }, raw.ndim, options.method, options, gtNorm);
  if (options.rescale && gtNorm) run.restored = rescaleToTarget(run.restored, gtNorm).data;
  const channels = [rawNorm, run.restored, ...(gtNorm ? [gtNorm] : [])];
  const finalChannels = options.normalizeOutputRange ? channels.map((c) => minMaxNormalize(c)) : channels;
  const bits = options.bitDepth ?? 32;
  const volumes = finalChannels.map((c) => createVolume(toBitDepth(c, bits), raw.shape, { ndim: raw.ndim, ...(raw.spacing ? { spacing: raw.spacing } : {}) }));
  const stack = stackChannels(volumes, RCAN_CHANNEL_NAMES.slice(0, volumes.length));
  return { bytes: encodeTiff(stack, { format: options.format ?? 'imagej' }), stack, run, rawNorm, ...(gtNorm ? { gtNorm } : {}), gtDiscarded };
}
