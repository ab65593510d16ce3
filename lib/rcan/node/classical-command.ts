import { readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeTiff, rescaleToTarget, toSingleChannelVolume, type BitDepth, type Volume } from '../../imaging';
import {
  CLASSICAL_METHODS, classicalRestoreVolume, computePsf, describeRun, gaussianPsfFromSigma, formatRankingTable, metricShape, normalizePsf, rankAgainstTruth,
  type ClassicalMethod, type ClassicalRun, type Grid, type Ranking,
} from '../../restoration';
import { ConfigError, InputError } from '../../util/errors';
import { deserializeRcan } from '../core';
import { restoreVolume } from '../pipeline/restore-volume';
import type { CliIo } from './cli-io';
import { loadModelFolder } from './model-folder';
import { parseCommandArgs, parseNumberFlag, parseShapeFlag } from './parse-command-args';
import { CLASSICAL_HELP } from './classical-help';

export { CLASSICAL_HELP };


async function readVolume(file: string, what: string): Promise<Volume> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return toSingleChannelVolume(decodeTiff(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name: file }), { name: file });
}

async function canonical(p: string): Promise<string> {
  const absolute = path.resolve(p);
  return realpath(absolute).catch(async () => path.join(await realpath(path.dirname(absolute)).catch(() => path.dirname(absolute)), path.basename(absolute)));
}

async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  try {
    await writeFile(temp, bytes);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new InputError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** `out.tif` → `out.gaussian.tif` when several methods run. */
export function outputFor(output: string, method: ClassicalMethod, several: boolean): string {
  if (!several) return output;
  const ext = path.extname(output);
  return `${output.slice(0, output.length - ext.length)}.${method}${ext || '.tif'}`;
}

function parseMethods(text: string): ClassicalMethod[] {
  if (text === 'all') return [...CLASSICAL_METHODS];
  const methods = text.split(',').map((s) => s.trim());
  const bad = methods.filter((m) => !(CLASSICAL_METHODS as readonly string[]).includes(m));
  if (bad.length > 0) throw new ConfigError(`unknown --method ${bad.join(', ')}; choose from ${CLASSICAL_METHODS.join(', ')} or all`);
  return [...new Set(methods)] as ClassicalMethod[];
}

/**
 * `rcan classical`: Gaussian / median / Richardson–Lucy baselines with `rcan apply`'s layout, and
 * with ground truth a ranking of raw, baselines and (with -m) the network.
 * @returns exit code
 */
export async function runClassicalCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('classical', argv, {
    method: { type: 'string' },
    input: { type: 'string', short: 'i' },
    output: { type: 'string', short: 'o' },
    ground_truth: { type: 'string', short: 'g' },
    model_dir: { type: 'string', short: 'm' },
    block_shape: { type: 'string', short: 'B' },
    sigma: { type: 'string' },
    radius: { type: 'string' },
    iterations: { type: 'string' },
    tv: { type: 'string' },
    psf: { type: 'string' },
    'psf-model': { type: 'string' },
    'psf-sigma': { type: 'string' },
    na: { type: 'string' },
    wavelength: { type: 'string' },
    ri: { type: 'string' },
    voxel: { type: 'string' },
    bpp: { type: 'string', short: 'b' },
    p_min: { type: 'string' },
    p_max: { type: 'string' },
    normalize_output_range_between_zero_and_one: { type: 'boolean' },
    rescale: { type: 'boolean' },
    output_tiff_format: { type: 'string', short: 'f' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(CLASSICAL_HELP);
    return 0;
  }
  const missing = (['method', 'input', 'output'] as const).filter((k) => !values[k]);
  if (missing.length > 0) throw new ConfigError(`missing ${missing.map((k) => `--${k}`).join(', ')}; rcan classical needs --method, -i and -o (see \`rcan classical --help\`)`);
  const methods = parseMethods(values.method!);
  const bpp = values.bpp ?? '32';
  if (!['8', '16', '32'].includes(bpp)) throw new ConfigError(`-b/--bpp must be 8, 16 or 32, got "${bpp}"`);
  const format = values.output_tiff_format ?? 'imagej';
  if (format !== 'imagej' && format !== 'ome') throw new ConfigError(`-f/--output_tiff_format must be imagej or ome, got "${format}"`);
  if (values.rescale && !values.ground_truth) throw new ConfigError('--rescale fits outputs to the ground truth; give -g too');
  if (values.rescale && values.normalize_output_range_between_zero_and_one) throw new ConfigError('--rescale and --normalize_output_range_between_zero_and_one cannot be used together; choose one');
  if (values.model_dir && !values.ground_truth) throw new ConfigError('-m/--model_dir ranks the network against ground truth; give -g too');
  if (values.psf && values['psf-model']) throw new ConfigError('give either --psf (measured) or --psf-model (computed), not both');
  const psfModel = values['psf-model'];
  if (psfModel !== undefined && psfModel !== 'widefield' && psfModel !== 'confocal' && psfModel !== 'gaussian') throw new ConfigError(`--psf-model must be widefield, confocal or gaussian, got "${psfModel}"`);
  if (methods.includes('richardson-lucy') && !values.psf && !psfModel) {
    throw new ConfigError('richardson-lucy needs a PSF: --psf psf.tif (measured) or --psf-model widefield|confocal --na NA --wavelength NM');
  }
  if (psfModel === 'gaussian' && values['psf-sigma'] === undefined) throw new ConfigError('--psf-model gaussian needs --psf-sigma Z,Y,X (voxels)');
  if (psfModel && psfModel !== 'gaussian' && (values.na === undefined || values.wavelength === undefined)) throw new ConfigError('--psf-model needs --na and --wavelength (nm)');
  const num = (flag: string, v: string | undefined, min: number, max: number, int = false) => (v === undefined ? undefined : parseNumberFlag(flag, v, min, max, int));
  const sigma = num('--sigma', values.sigma, 0, 100);
  const radius = num('--radius', values.radius, 1, 20, true);
  const iterations = num('--iterations', values.iterations, 1, 10000, true);
  const tvWeight = num('--tv', values.tv, 0, 0.5);
  const pMin = num('--p_min', values.p_min, 0, 100) ?? 2;
  const pMax = num('--p_max', values.p_max, 0, 100) ?? 99.9;

  const several = methods.length > 1;
  const outputs = methods.map((m) => outputFor(values.output!, m, several));
  const inputs = new Map<string, string>();
  for (const p of [values.input, values.ground_truth, values.psf]) if (p) inputs.set(await canonical(p), p);
  for (const out of outputs) {
    const c = await canonical(out);
    if (inputs.has(c)) throw new ConfigError(`output ${out} is the input file ${inputs.get(c)}; refusing to overwrite an input, choose another -o`);
  }

  const raw = await readVolume(values.input!, 'input');
  const groundTruth = values.ground_truth ? await readVolume(values.ground_truth, 'ground truth') : undefined;
  let psf: Grid | undefined;
  if (values.psf) {
    const measured = await readVolume(values.psf, 'PSF');
    if (measured.ndim !== raw.ndim) throw new InputError(`the PSF ${values.psf} is ${measured.ndim}D but the image is ${raw.ndim}D; give a ${raw.ndim}D PSF`);
    try {
      psf = normalizePsf({ shape: measured.shape, data: measured.data });
    } catch (error) {
      throw new InputError(`PSF ${values.psf}: ${(error as Error).message}`);
    }
  } else if (psfModel === 'gaussian') {
    const sig = values['psf-sigma']!.split(',').map(Number);
    if (sig.length !== raw.ndim || sig.some((v) => !(v >= 0) || v > 20)) throw new ConfigError(`--psf-sigma must be ${raw.ndim} numbers in [0, 20] voxels (${raw.ndim === 3 ? 'Z,Y,X' : 'Y,X'}), got "${values['psf-sigma']}"`);
    const [sz, sy, sx] = raw.ndim === 3 ? sig : [0, sig[0]!, sig[1]!];
    psf = gaussianPsfFromSigma({ z: sz!, y: sy!, x: sx! });
  } else if (psfModel) {
    let voxel: number[] | undefined = values.voxel === undefined ? undefined : values.voxel.split(',').map(Number);
    if (voxel && (voxel.length !== raw.ndim || voxel.some((v) => !(v > 0)))) throw new ConfigError(`--voxel must be ${raw.ndim} positive numbers in µm (${raw.ndim === 3 ? 'Z,Y,X' : 'Y,X'}), got "${values.voxel}"`);
    if (!voxel && raw.spacing && /µm|um|micron/i.test(raw.spacing.unit)) voxel = raw.ndim === 3 ? [raw.spacing.z, raw.spacing.y, raw.spacing.x] : [raw.spacing.y, raw.spacing.x];
    if (!voxel) throw new ConfigError(`${values.input} records no voxel size in µm; give --voxel ${raw.ndim === 3 ? 'Z,Y,X' : 'Y,X'} (µm)`);
    const [vz, vy, vx] = raw.ndim === 3 ? voxel : [1, voxel[0]!, voxel[1]!];
    try {
      const computed = computePsf({ kind: psfModel, na: Number(values.na), wavelengthNm: Number(values.wavelength), refractiveIndex: values.ri === undefined ? 1.515 : Number(values.ri), voxelUm: { z: vz!, y: vy!, x: vx! } }, raw.ndim);
      io.stderr(`Computed ${psfModel} PSF (Gaussian approximation): sigma z,y,x = ${[computed.sigmaVoxels.z, computed.sigmaVoxels.y, computed.sigmaVoxels.x].map((s) => s.toFixed(2)).join(', ')} voxels, kernel ${computed.shape.join('x')}\n`);
      psf = computed;
    } catch (error) {
      throw new ConfigError(`--psf-model: ${(error as Error).message}`);
    }
  }

  const runs: { run: ClassicalRun; output: string }[] = [];
  let rawNorm: Float32Array | undefined;
  let gtNorm: Float32Array | undefined;
  for (const [i, method] of methods.entries()) {
    io.stderr(`Running ${method}\n`);
    const result = classicalRestoreVolume(raw, {
      method,
      ...(groundTruth ? { groundTruth } : {}),
      ...(sigma !== undefined ? { sigma } : {}),
      ...(radius !== undefined ? { radius } : {}),
      ...(iterations !== undefined ? { iterations } : {}),
      ...(tvWeight !== undefined ? { tvWeight } : {}),
      ...(psf ? { psf } : {}),
      pMin,
      pMax,
      rescale: Boolean(values.rescale),
      normalizeOutputRange: Boolean(values.normalize_output_range_between_zero_and_one),
      bitDepth: Number(bpp) as BitDepth,
      format,
    });
    if (i === 0 && result.gtDiscarded) io.stderr('Ground truth image discarded due to image shape mismatch\n');
    rawNorm = result.rawNorm;
    gtNorm = result.gtNorm;
    io.stderr(`  ${describeRun(result.run)} (${result.run.chosenBy === 'search' ? 'chosen by PSNR against the ground truth' : result.run.chosenBy})\n`);
    io.stderr(`Saving output image to ${outputs[i]}\n`);
    await writeAtomically(outputs[i]!, result.bytes);
    runs.push({ run: result.run, output: outputs[i]! });
  }

  let ranking: Ranking | undefined;
  if (gtNorm && rawNorm) {
    const entries: { name: string; kind: 'raw' | 'baseline' | 'network'; data: Float32Array }[] = [
      { name: 'raw (normalized)', kind: 'raw', data: values.rescale ? rescaleToTarget(rawNorm, gtNorm).data : rawNorm },
      ...runs.map((r) => ({ name: describeRun(r.run), kind: 'baseline' as const, data: r.run.restored })),
    ];
    if (values.model_dir) {
      const folder = await loadModelFolder(values.model_dir, { trainable: false });
      const model = deserializeRcan(folder.files, { trainable: false });
      folder.model.dispose();
      try {
        const blockShape = values.block_shape ? parseShapeFlag('-B/--block_shape', values.block_shape, 1) : folder.config?.input_shape;
        if (!blockShape) throw new ConfigError(`${values.model_dir} has no config.json with input_shape; give the block shape with -B`);
        io.stderr(`Applying model ${folder.checkpointDir}\n`);
        const net = await restoreVolume(model, raw, { blockShape, pMin, pMax, ...(groundTruth ? { groundTruth } : {}), rescale: Boolean(values.rescale) });
        entries.push({ name: `network (${path.basename(path.resolve(values.model_dir))})`, kind: 'network' as const, data: net.restored });
      } finally {
        model.dispose();
      }
    }
    ranking = rankAgainstTruth(gtNorm, metricShape(raw.shape, raw.ndim), entries);
  }
  if (values.json) {
    const json = {
      input: values.input,
      ground_truth: values.ground_truth ?? null,
      baselines: runs.map(({ run, output }) => ({ method: run.method, output, params: run.params, chosen_by: run.chosenBy, ...(run.search ? { search: run.search } : {}) })),
      ...(ranking ? { ranking: ranking.rows.map((r) => ({ name: r.name, kind: r.kind, psnr: r.metrics.psnr, ssim: r.metrics.ssim, nrmse: r.metrics.nrmse })), baseline_wins: ranking.baselineWins ?? null } : {}),
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else if (ranking) {
    io.stdout(`${formatRankingTable(ranking)}\n${values.rescale ? '(every output fitted to the ground truth by a*x+b before scoring)\n' : ''}`);
    if (ranking.baselineWins) io.stdout(`\n${ranking.baselineWins}\n`);
    io.stdout('\nScores are against the ground truth after percentile normalization. A higher score does not prove that fine structure is real: networks can invent plausible detail (hallucination), so inspect the difference image.\n');
  }
  return 0;
}
