// `navigator evaluate`: read two images, pick segmentation or restoration metrics, print JSON.
// File reading lives here so lib/metrics stays pure.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { assertFiniteVolume, decodeImage, type Volume } from '../imaging';
import {
  asLabelImage,
  detectEvaluationMode,
  evaluateRestoration,
  evaluateSegmentation,
  type MetricImage,
  type NrmseNormalization,
} from '../metrics';
import { ConfigError, InputError } from '../util/errors';
import { EXIT, printJson, type CliIo } from './io';

/** Usage text printed by `--help` and after usage errors. */
export const EVALUATE_USAGE = `usage: navigator evaluate --truth <file> --pred <file> [options]

Compare a prediction with its ground truth (TIFF or PNG) and print the scores as JSON.

  --truth <file>        ground-truth image (labels or intensities)
  --pred <file>         predicted image, same shape
  --mode <m>            segmentation | restoration | auto (default auto: non-negative integer,
                        few distinct values, piecewise constant → segmentation)
  --iou <t>             IoU threshold for matching objects, in (0, 1] (default 0.5)
  --matching <m>        optimal | greedy (default optimal)
  --kind <k>            instance | semantic label images (default instance)
  --voxel <z,y,x>       voxel size for physical Hausdorff distances (y,x for 2D)
  --no-objects          leave out the per-object table
  --no-components       keep a binary mask as one object (default: each connected blob is one)
  --no-hausdorff        skip the boundary Hausdorff distances (much faster in 3D)
  --data-range <r>      signal range for PSNR/SSIM (default truth max - min)
  --nrmse <n>           euclidean | min-max | mean (default euclidean)
  -h, --help            show this help
`;

/**
 * Run `navigator evaluate` with the given arguments (without the command name).
 * @param argv - Arguments, e.g. `['--truth', 'a.tif', '--pred', 'b.tif']`.
 * @param io - Output writers (`processIo` from `./io`, or buffers in tests).
 * @returns Exit code: 0 ok, 2 usage error, 1 anything else; errors are printed as one line, never thrown.
 */
export async function runEvaluate(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseEvaluateArgs(argv);
    if (args.help) {
      io.stdout(EVALUATE_USAGE);
      return EXIT.ok;
    }
    // Both files are read at once, but when both are bad the truth's problem is reported first, every
    // time (Promise.all would report whichever read failed sooner).
    const [truthRead, predRead] = await Promise.allSettled([readImage(args.truth, 'truth'), readImage(args.pred, 'prediction')]);
    if (truthRead.status === 'rejected') throw truthRead.reason;
    if (predRead.status === 'rejected') throw predRead.reason;
    const truthVolume = truthRead.value;
    const predVolume = predRead.value;
    const truth = toMetricImage(truthVolume);
    const pred = toMetricImage(predVolume);
    if (truth.shape.join() !== pred.shape.join()) {
      throw new InputError(
        `truth ${args.truth} has shape [${truth.shape.join(', ')}] but prediction ${args.pred} has shape ` +
          `[${pred.shape.join(', ')}]; both must have the same shape (z, y, x)`,
      );
    }
    const detected =
      args.mode === 'auto' ? detectEvaluationMode(truth, pred) : { mode: args.mode, reason: '--mode given' };
    const files = { truth: args.truth, pred: args.pred, modeReason: detected.reason };
    let result: object;
    if (detected.mode === 'segmentation') {
      result = evaluateSegmentation(asLabelImage(truth, 'truth'), asLabelImage(pred, 'prediction'), {
        iouThreshold: args.iou,
        matching: args.matching,
        kind: args.kind,
        voxelSize: args.voxel,
        objects: args.objects,
        hausdorff: args.hausdorff,
        binaryAsComponents: args.components,
      });
    } else {
      result = evaluateRestoration(truth, pred, { dataRange: args.dataRange, nrmseNormalization: args.nrmse });
    }
    printJson(io, { ...files, ...result });
    return EXIT.ok;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ConfigError) {
      io.stderr(`navigator evaluate: ${message.split('\n')[0]} (see navigator evaluate --help)\n`);
      return EXIT.usage;
    }
    io.stderr(`navigator evaluate: ${message.split('\n')[0]}\n`);
    return EXIT.failure;
  }
}

interface EvaluateArgs {
  help: boolean;
  truth: string;
  pred: string;
  mode: 'auto' | 'segmentation' | 'restoration';
  iou: number;
  matching: 'optimal' | 'greedy';
  kind: 'instance' | 'semantic';
  voxel?: number[];
  objects: boolean;
  hausdorff: boolean;
  components: boolean;
  dataRange?: number;
  nrmse: NrmseNormalization;
}

function parseEvaluateArgs(argv: string[]): EvaluateArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        truth: { type: 'string' },
        pred: { type: 'string' },
        mode: { type: 'string', default: 'auto' },
        iou: { type: 'string', default: '0.5' },
        matching: { type: 'string', default: 'optimal' },
        kind: { type: 'string', default: 'instance' },
        voxel: { type: 'string' },
        'no-objects': { type: 'boolean' },
        'no-hausdorff': { type: 'boolean' },
        'no-components': { type: 'boolean' },
        'data-range': { type: 'string' },
        nrmse: { type: 'string', default: 'euclidean' },
      },
    }));
  } catch (error) {
    throw new ConfigError(lowerFirst((error as Error).message));
  }
  if (values.help) return { help: true } as EvaluateArgs;
  if (!values.truth || !values.pred) {
    throw new ConfigError('both --truth <file> and --pred <file> are required');
  }
  const mode = oneOf('--mode', values.mode, ['auto', 'segmentation', 'restoration'] as const);
  const iou = Number(values.iou);
  if (!(iou > 0 && iou <= 1)) throw new ConfigError(`--iou must be a number in (0, 1], got '${values.iou}'`);
  let voxel: number[] | undefined;
  if (values.voxel !== undefined) {
    voxel = values.voxel.split(',').map(Number);
    if (!(voxel.length === 2 || voxel.length === 3) || voxel.some((v) => !(Number.isFinite(v) && v > 0))) {
      throw new ConfigError(`--voxel must be z,y,x (or y,x) positive numbers, got '${values.voxel}'`);
    }
  }
  let dataRange: number | undefined;
  if (values['data-range'] !== undefined) {
    dataRange = Number(values['data-range']);
    if (!(Number.isFinite(dataRange) && dataRange > 0)) {
      throw new ConfigError(`--data-range must be a positive number, got '${values['data-range']}'`);
    }
  }
  return {
    help: false,
    truth: values.truth,
    pred: values.pred,
    mode,
    iou,
    matching: oneOf('--matching', values.matching, ['optimal', 'greedy'] as const),
    kind: oneOf('--kind', values.kind, ['instance', 'semantic'] as const),
    voxel,
    objects: !values['no-objects'],
    hausdorff: !values['no-hausdorff'],
    components: !values['no-components'],
    dataRange,
    nrmse: oneOf('--nrmse', values.nrmse, ['euclidean', 'min-max', 'mean'] as const),
  };
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (allowed.includes(value as T)) return value as T;
  throw new ConfigError(`${flag} must be ${allowed.join(', ')}; got '${value}'`);
}

async function readImage(path: string, name: string): Promise<Volume> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new InputError(`cannot read ${name} file ${path}: ${why}`);
  }
  const volume = decodeImage(bytes, { name: `${name} ${path}`, rgb: 'labels', purpose: 'evaluate' });
  assertFiniteVolume(volume, `${name} ${path}`, 'every metric would be undefined');
  return volume;
}

/** A Volume's `[z, y, x]` becomes `[y, x]` for 2D images, as lib/metrics expects. */
function toMetricImage(volume: Volume): MetricImage {
  const shape = volume.ndim === 2 ? volume.shape.slice(1) : [...volume.shape];
  return { data: volume.data, shape };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).split('\n')[0];
}
