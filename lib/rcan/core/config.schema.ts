import { z } from 'zod';
import { ConfigError } from '../../util/errors';
import { TRAINING_MODES } from './blind-spot';

/**
 * The 3D-RCAN training `config.json`: exactly the 17 keys of the original `train.py` (rcan-spec §2.2),
 * with the same types, bounds and defaults. Unknown keys are rejected, as the original's JSON schema
 * (`additionalProperties: false`) does, but with a did-you-mean hint.
 */

/** A raw/ground-truth pair of TIFF paths (`gt` may be left out only with `training_mode: "blind-spot"`). */
const ImagePairSchema = z.strictObject({ raw: z.string().min(1), gt: z.string().min(1).optional() });

/** Two folders of TIFFs; files are paired by name (the original pairs by sorted position). */
const DataDirSchema = z.strictObject({ raw: z.string().min(1), gt: z.string().min(1).optional() });

const int = (min: number) => z.number().int().min(min);

/** zod schema of a 3D-RCAN `config.json` with the original defaults applied. */
export const RcanConfigSchema = z
  .strictObject({
    training_data_dir: DataDirSchema.optional(),
    training_image_pairs: z.array(ImagePairSchema).min(1).optional(),
    validation_data_dir: DataDirSchema.optional(),
    validation_image_pairs: z.array(ImagePairSchema).min(1).optional(),
    // Default depends on the data: [16,256,256] for 3D, [256,256] for 2D (see defaultInputShape).
    input_shape: z.array(int(1)).min(2).max(3).optional(),
    num_channels: int(1).default(32),
    num_residual_blocks: int(1).default(3),
    num_residual_groups: int(1).default(5),
    channel_reduction: int(1).default(8),
    epochs: int(1).default(300),
    steps_per_epoch: int(1).default(256),
    data_augmentation: z.boolean().default(true),
    intensity_threshold: z.number().default(0.25),
    area_ratio_threshold: z.number().min(0).max(1).default(0.5),
    initial_learning_rate: z.number().min(1e-6).default(1e-4),
    loss: z.enum(['mae', 'mse']).default('mae'),
    metrics: z.array(z.enum(['psnr', 'ssim'])).default(['psnr']),
    // The one key that is not 3D-RCAN's (see EXTRA_CONFIG_KEYS): what the "gt" images are.
    training_mode: z.enum(TRAINING_MODES).default('supervised'),
  })
  .superRefine((config, ctx) => {
    if (config.training_mode !== 'blind-spot') {
      const missing = (where: string, list: readonly { gt?: string | undefined }[]) =>
        list.forEach((p, i) => {
          if (p.gt === undefined) {
            ctx.addIssue({ code: 'custom', path: [where, ...(where.endsWith('_pairs') ? [i] : [])], message: `"gt" is missing: ${config.training_mode} training needs ${config.training_mode === 'noise2noise' ? 'a second noisy recording of the same field' : 'a ground-truth image'} for every raw image (only "training_mode": "blind-spot" trains from raw images alone)` });
          }
        });
      missing('training_image_pairs', config.training_image_pairs ?? []);
      missing('validation_image_pairs', config.validation_image_pairs ?? []);
      if (config.training_data_dir) missing('training_data_dir', [config.training_data_dir]);
      if (config.validation_data_dir) missing('validation_data_dir', [config.validation_data_dir]);
    }
    if (config.training_data_dir === undefined && config.training_image_pairs === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          'training data missing: give "training_image_pairs" ([{"raw": …, "gt": …}]) or "training_data_dir" ({"raw": dir, "gt": dir}), or both',
      });
    }
    if (config.channel_reduction > config.num_channels) {
      // floor(C / r) = 0 channels in the attention bottleneck: the original fails while building the model.
      ctx.addIssue({
        code: 'custom',
        path: ['channel_reduction'],
        message: `must not exceed num_channels (${config.num_channels}), got ${config.channel_reduction}: the channel-attention bottleneck would have floor(${config.num_channels}/${config.channel_reduction}) = 0 channels`,
      });
    }
    if (config.input_shape !== undefined) {
      for (const problem of patchShapeProblems(config.input_shape, config)) {
        ctx.addIssue({ code: 'custom', path: ['input_shape'], message: problem });
      }
    }
  });

/** A validated 3D-RCAN training configuration with defaults applied. */
export type RcanConfig = z.infer<typeof RcanConfigSchema>;

/**
 * Keys this project adds to the original 17 (the original keys keep their meaning):
 * `training_mode`: "supervised" (default, 3D-RCAN: raw → ground truth) | "noise2noise" ("gt" is a
 * second noisy recording of the same field) | "blind-spot" (Noise2Void-style, raw images only; "gt"
 * may be omitted). A config with one of these keys is not readable by the original train.py.
 */
export const EXTRA_CONFIG_KEYS: readonly string[] = ['training_mode'];

/** The 17 keys of the original `config.json`, in the original's order. */
export const RCAN_CONFIG_KEYS: readonly string[] = Object.keys(RcanConfigSchema.shape).filter((k) => !EXTRA_CONFIG_KEYS.includes(k));

/**
 * The patch shape `train.py` uses when `input_shape` is absent.
 * @param ndim - 3 for ZYX volumes, 2 for YX images.
 * @returns `[16, 256, 256]` or `[256, 256]`.
 */
export function defaultInputShape(ndim: 2 | 3): number[] {
  return ndim === 3 ? [16, 256, 256] : [256, 256];
}

/**
 * The patch-shape traps of the original, explained (rcan-spec §2.5, §2.9, §6.5). Used on the configured
 * `input_shape` and again after it has been clipped to the smallest image.
 * @param shape - Patch shape, ZYX or YX.
 * @param config - Only `data_augmentation` and `metrics` are read.
 * @returns One message per problem; empty when the shape is usable.
 */
export function patchShapeProblems(
  shape: readonly number[],
  config: Pick<RcanConfig, 'data_augmentation' | 'metrics'>,
): string[] {
  const problems: string[] = [];
  const y = shape[shape.length - 2];
  const x = shape[shape.length - 1];
  if (config.data_augmentation && y !== x) {
    problems.push(
      `the Y and X patch sizes must be equal when data_augmentation is on (90° rotations swap them), got [${shape.join(', ')}]: set input_shape with equal Y and X, or set "data_augmentation": false`,
    );
  }
  if (config.metrics.includes('ssim') && shape.some((d) => d < 11)) {
    problems.push(
      `the "ssim" metric needs every patch dimension ≥ 11 (11-voxel Gaussian window, valid convolution), got [${shape.join(', ')}]: enlarge input_shape or use "metrics": ["psnr"]`,
    );
  }
  return problems;
}

/**
 * Validate a parsed `config.json` and apply the original defaults.
 *
 * Differences from the original, on purpose: an unknown key names the closest valid key, and a
 * `channel_reduction` larger than `num_channels` is reported here instead of crashing later. `epochs`
 * below 4 is accepted: with 2 or 3 epochs the original computes `e mod (epochs // 4)` from the second
 * epoch on and crashes (1 epoch never reaches that check); here the learning rate is simply never
 * halved (see `lrSchedule`).
 * @param json - The parsed JSON value.
 * @returns The configuration with defaults filled in.
 * @throws ConfigError with one `path: message` line per problem.
 */
export function parseRcanConfig(json: unknown): RcanConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError(
      `config must be a JSON object with keys such as "training_data_dir", got ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}`,
    );
  }
  const lines: string[] = [];
  for (const key of Object.keys(json)) {
    if (!RCAN_CONFIG_KEYS.includes(key) && !EXTRA_CONFIG_KEYS.includes(key)) lines.push(unknownKeyMessage(key));
  }
  if (lines.length > 0) throw new ConfigError(lines.join('\n'));
  const result = RcanConfigSchema.safeParse(json);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'config';
    lines.push(`${where}: ${issue.message}`);
  }
  throw new ConfigError(lines.join('\n'));
}

function unknownKeyMessage(key: string): string {
  const known: Record<string, string> = {
    validation_split: 'validation data are given with "validation_data_dir" or "validation_image_pairs"',
    batch_size: 'the batch size is always 1 (the original uses one sample per GPU)',
    residual_scaling: 'residual scaling is fixed at 1 by train.py',
    seed: 'pass --seed to "rcan train" instead',
    p_min: 'training always normalizes with percentiles 2 and 99.9',
    p_max: 'training always normalizes with percentiles 2 and 99.9',
  };
  let best = '';
  let bestDistance = Infinity;
  for (const candidate of [...RCAN_CONFIG_KEYS, ...EXTRA_CONFIG_KEYS]) {
    const distance = levenshtein(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A key that contains a valid one (channel_reduction_ratio) is a near miss however long the suffix.
  const containing = RCAN_CONFIG_KEYS.find((k) => key.includes(k));
  const suggestion = bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : containing;
  const parts = [`unknown key "${key}"`];
  if (known[key]) parts.push(`(${known[key]})`);
  if (suggestion) parts.push(`— did you mean "${suggestion}"?`);
  return `${key}: ${parts.join(' ')} valid keys: ${RCAN_CONFIG_KEYS.join(', ')}`;
}

/**
 * Edit distance between two strings (insertions, deletions, substitutions).
 * @returns The Levenshtein distance.
 */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
