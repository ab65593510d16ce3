// `navigator segment`: the book's first two rungs (§9.2.2) on a TIFF/PNG, the same lib/segment code
// the /try page runs. File reading and atomic writing live here so lib/segment stays pure.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeImage, type Volume } from '../imaging';
import {
  encodeLabelTiff,
  encodeProbabilityTiff,
  runClassical,
  runPixelClassifier,
  settingsJson,
  THRESHOLD_METHODS,
  toFloatImage,
  type ClassicalSettings,
  type PixelSettings,
  type RunSettings,
} from '../segment';
import { ConfigError, InputError } from '../util/errors';
import { EXIT, printJson, type CliIo } from './io';

export const SEGMENT_USAGE = `usage: navigator segment --method <m> [options] <in.tif> -o <labels.tif>

Segment a 2D image or 3D stack (TIFF or PNG) into objects and write a label image (0 background,
1…N one id per object; 16-bit, or 32-bit float above 65,535 objects). Prints a JSON summary.

  --method <m>          otsu | li | triangle | yen | mean (rung 1: threshold + watershed)
                        pixel (rung 2: random-forest pixel classifier; needs --labels)
  --labels <file>       scribbles, same shape as the input: 0 unlabelled, 1 background,
                        2 objects, 3 and up further classes
  -o, --output <file>   the label TIFF to write (never one of the inputs)
  --probability <file>  (pixel) also write P(objects) as a 32-bit float TIFF
  --settings <file>     read settings from a JSON file written by --save-settings or /try
  --save-settings <f>   write the settings used as JSON, to repeat the run
  --sigma <px>          Gaussian smoothing before thresholding (default 1; 0 = none)
  --background <b>      none | rolling-ball | top-hat (default none)
  --radius <px>         rolling-ball / top-hat radius (default 25)
  --dark                objects are darker than the background
  --seed-spacing <px>   minimum distance between watershed seeds (default 5)
  --min-size <px>       drop objects smaller than this many pixels/voxels (default 10)
  --no-watershed        keep each connected blob as one object
  --scales <list>       (pixel) filter-bank σ values, e.g. 0.7,1.6,3.5,5,10
  --trees <n>           (pixel) random-forest trees (default 32)
  -h, --help            show this help
`;

/**
 * Run `navigator segment`.
 * @returns 0 ok, 2 usage error, 1 unreadable input or failed write; errors are one line, never thrown
 */
export async function runSegment(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseSegmentArgs(argv);
    if (args.help) {
      io.stdout(SEGMENT_USAGE);
      return EXIT.ok;
    }
    const inputs = [args.input, args.labels].filter((p): p is string => !!p).map((p) => resolve(p));
    for (const out of [args.output, args.probability, args.saveSettings]) {
      if (out && inputs.includes(resolve(out))) throw new ConfigError(`refusing to overwrite the input ${out}; choose another output name`);
    }
    const saved = args.settingsFile ? await readSettings(args.settingsFile) : undefined;
    const volume = await readImage(args.input, 'input');
    const image = toFloatImage(volume);
    const started = performance.now();
    let run: RunSettings;
    let summary: Record<string, unknown>;
    let labelsBytes: Uint8Array;
    let probabilityBytes: Uint8Array | undefined;
    if (args.method === 'pixel') {
      if (!args.labels) throw new ConfigError('--method pixel needs --labels <scribbles.tif> (0 unlabelled, 1 background, 2 objects)');
      const scribbles = await readImage(args.labels, 'scribbles');
      if (scribbles.shape.join() !== volume.shape.join()) {
        throw new InputError(`scribbles ${args.labels} have shape [${scribbles.shape.join(', ')}] but the input has [${volume.shape.join(', ')}]; they must match`);
      }
      const settings: Partial<PixelSettings> = { ...(saved?.rung === 'pixel' ? saved.settings : {}), ...args.pixel };
      const result = runRange(() => runPixelClassifier(image, scribbles.data, settings));
      run = { format: 1, rung: 'pixel', settings: result.settings };
      labelsBytes = encodeLabelTiff(result.labels, volume.spacing);
      if (args.probability) probabilityBytes = encodeProbabilityTiff(result.probability, image.shape, image.ndim, volume.spacing);
      summary = { objects: result.labels.count, classes: result.classValues, medianSize: median(result.sizes) };
    } else {
      if (args.probability) throw new ConfigError('--probability is only for --method pixel');
      const settings: Partial<ClassicalSettings> = { ...(saved?.rung === 'classical' ? saved.settings : {}), ...args.classical, method: args.method };
      const integer = volume.dtype !== 'float32';
      const result = runRange(() => runClassical(image, settings, undefined, integer));
      run = { format: 1, rung: 'classical', settings: result.settings };
      labelsBytes = encodeLabelTiff(result.labels, volume.spacing);
      summary = { objects: result.labels.count, threshold: result.threshold, medianSize: median(result.sizes) };
    }
    await writeAtomically(args.output, labelsBytes);
    if (args.probability && probabilityBytes) await writeAtomically(args.probability, probabilityBytes);
    if (args.saveSettings) await writeAtomically(args.saveSettings, new TextEncoder().encode(settingsJson(run)));
    printJson(io, {
      input: args.input,
      output: args.output,
      shape: volume.ndim === 2 ? volume.shape.slice(1) : [...volume.shape],
      rung: run.rung,
      method: args.method,
      ...summary,
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
      settings: run.settings,
    });
    return EXIT.ok;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    if (error instanceof ConfigError) {
      io.stderr(`navigator segment: ${message} (see navigator segment --help)\n`);
      return EXIT.usage;
    }
    io.stderr(`navigator segment: ${message}\n`);
    return EXIT.failure;
  }
}

/** Settings problems found by lib/segment (RangeError) are usage errors here. */
function runRange<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RangeError) throw new ConfigError(error.message);
    throw error;
  }
}

interface SegmentArgs {
  help: boolean;
  input: string;
  output: string;
  method: (typeof THRESHOLD_METHODS)[number] | 'pixel';
  labels?: string;
  probability?: string;
  settingsFile?: string;
  saveSettings?: string;
  classical: Partial<ClassicalSettings>;
  pixel: Partial<PixelSettings>;
}

function parseSegmentArgs(argv: string[]): SegmentArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        method: { type: 'string' },
        labels: { type: 'string' },
        output: { type: 'string', short: 'o' },
        probability: { type: 'string' },
        settings: { type: 'string' },
        'save-settings': { type: 'string' },
        sigma: { type: 'string' },
        background: { type: 'string' },
        radius: { type: 'string' },
        dark: { type: 'boolean' },
        'seed-spacing': { type: 'string' },
        'min-size': { type: 'string' },
        'no-watershed': { type: 'boolean' },
        scales: { type: 'string' },
        trees: { type: 'string' },
      },
    });
  } catch (error) {
    const text = (error as Error).message;
    throw new ConfigError(text.charAt(0).toLowerCase() + text.slice(1).split('\n')[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true } as SegmentArgs;
  if (positionals.length !== 1) throw new ConfigError(`give exactly one input image, got ${positionals.length}`);
  if (!values.output) throw new ConfigError('-o <labels.tif> is required');
  const methods = [...THRESHOLD_METHODS, 'pixel'] as const;
  if (!values.method || !(methods as readonly string[]).includes(values.method)) {
    throw new ConfigError(`--method must be one of ${methods.join(', ')}; got '${values.method ?? ''}'`);
  }
  const num = (flag: string, v: string | undefined, min = 0): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!(Number.isFinite(n) && n >= min)) throw new ConfigError(`${flag} must be a number ≥ ${min}, got '${v}'`);
    return n;
  };
  const background = values.background;
  if (background !== undefined && !['none', 'rolling-ball', 'top-hat'].includes(background)) {
    throw new ConfigError(`--background must be none, rolling-ball or top-hat; got '${background}'`);
  }
  const shared = strip({
    seedSpacing: num('--seed-spacing', values['seed-spacing'], 1),
    minSize: num('--min-size', values['min-size']),
    watershed: values['no-watershed'] ? false : undefined,
  });
  const scales = values.scales?.split(',').map(Number);
  if (scales && scales.some((s) => !(s > 0))) throw new ConfigError(`--scales must be positive numbers separated by commas, got '${values.scales}'`);
  return {
    help: false,
    input: positionals[0]!,
    output: values.output,
    method: values.method as SegmentArgs['method'],
    labels: values.labels,
    probability: values.probability,
    settingsFile: values.settings,
    saveSettings: values['save-settings'],
    classical: strip({
      ...shared,
      sigma: num('--sigma', values.sigma),
      background: background as ClassicalSettings['background'] | undefined,
      backgroundRadius: num('--radius', values.radius, 1),
      brightObjects: values.dark ? false : undefined,
    }),
    pixel: strip({ ...shared, scales, trees: num('--trees', values.trees, 1) }),
  };
}

function strip<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function readSettings(path: string): Promise<RunSettings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError(`cannot read settings file ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`settings file ${path} is not valid JSON`);
  }
  const run = json as Partial<RunSettings>;
  if (run.format !== 1 || (run.rung !== 'classical' && run.rung !== 'pixel') || typeof run.settings !== 'object') {
    throw new ConfigError(`settings file ${path} is not a segment settings file (expected format 1, rung classical or pixel)`);
  }
  return run as RunSettings;
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
  return decodeImage(bytes, { name: `${name} ${path}` });
}

/** Write to a temporary file beside the target, then rename it into place. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new InputError(`cannot write ${path}: ${(error as { code?: string }).code ?? (error as Error).message}`);
  }
}

function median(values: Int32Array): number | null {
  if (values.length === 0) return null;
  const sorted = Int32Array.from(values).sort();
  return sorted[Math.floor(sorted.length / 2)]!;
}
