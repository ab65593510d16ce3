import * as tf from '@tensorflow/tfjs';
import { abortError } from '../../util/errors';
import { blindSpotMask, DEFAULT_BLIND_SPOT_FRACTION, type TrainingMode } from './blind-spot';
import { createRandom, type Random } from './create-random';
import { computeLoss, type LossName } from './losses';
import { lrSchedule } from './lr-schedule';
import { METRICS, type MetricName } from './metrics';
import type { RcanModel } from './model';
import { PatchSampler, type PatchPair, type TrainingPair } from './patch-sampler';
import { loadOptimizerState, saveOptimizerState, type OptimizerStateFiles } from './optimizer-state';
import { checkpointName } from './select-best-checkpoint';

/** Normalized image pairs to train on; without validation pairs the training loss is monitored. */
export interface TrainData {
  training: readonly TrainingPair[];
  validation?: readonly TrainingPair[];
}

/** Progress after one optimisation or validation step. */
export interface TrainStepInfo {
  /** 1-based epoch. */
  epoch: number;
  /** 1-based step inside the epoch's phase. */
  step: number;
  phase: 'train' | 'validation';
  /** Steps of this phase per epoch. */
  steps: number;
  /** Loss of this step. */
  loss: number;
  /** Seconds since training started. */
  elapsedSeconds: number;
  /** Estimated seconds left for the whole run, from the mean time per step so far. */
  etaSeconds: number;
  /** Fraction of all steps (training and validation, all epochs) done, 0–1. */
  fraction: number;
}

/** One epoch's log, with Keras-style keys: `loss`, `psnr`, `val_loss`, `val_psnr`, … */
export interface TrainEpochLog {
  /** 1-based epoch, as in checkpoint names. */
  epoch: number;
  /** Learning rate used in this epoch. */
  lr: number;
  /** Means over the epoch's steps: `loss`, each metric, and their `val_` versions. */
  values: Record<string, number>;
  /** Name of the monitored quantity: `val_loss`, or `loss` without validation data. */
  monitor: 'loss' | 'val_loss';
  /** True when the monitored value improved on every earlier epoch (a checkpoint was offered). */
  improved: boolean;
  /** Wall-clock seconds of this epoch. */
  seconds: number;
}

/** An improved model, offered to be saved as `name` (e.g. `weights_012_0.02345678`). */
export interface TrainCheckpoint {
  epoch: number;
  monitor: 'loss' | 'val_loss';
  value: number;
  name: string;
  model: RcanModel;
  /** Adam's state at this point, to store beside the weights (resumable checkpoints). */
  optimizerState: () => Promise<OptimizerStateFiles>;
}

/** Where a run stands after an epoch: enough to resume it (`resume` option). */
export interface TrainEpochState {
  /** Epochs done (1-based number of the epoch just finished). */
  epoch: number;
  /** Learning rate used in that epoch. */
  lr: number;
  best?: { epoch: number; value: number };
  model: RcanModel;
  optimizerState: () => Promise<OptimizerStateFiles>;
}

/** Continue a run from a {@link TrainEpochState} that was saved. */
export interface TrainResume {
  epochsDone: number;
  learningRate: number;
  best?: { epoch: number; value: number };
  optimizerState: OptimizerStateFiles;
}

/** Options of {@link trainRcan}; defaults are the original `config.json` defaults. */
export interface TrainRcanOptions {
  /** Patch (= model input) shape, ZYX or YX. */
  patchShape: readonly number[];
  /** @default 300 */
  epochs?: number;
  /** Training steps per epoch, also the validation steps. @default 256 */
  stepsPerEpoch?: number;
  /** Adam learning rate at epoch 1; halved every ⌊epochs/4⌋ epochs. @default 1e-4 */
  initialLearningRate?: number;
  /** @default 'mae' */
  loss?: LossName;
  /** @default ['psnr'] */
  metrics?: readonly MetricName[];
  /** @default true */
  augment?: boolean;
  /** @default 0.25 */
  intensityThreshold?: number;
  /** @default 0.5 */
  areaRatioThreshold?: number;
  /** Seed of the training sampler; the validation sampler uses a seed derived from it. @default 0 */
  seed?: number;
  /** Cancels between steps; `trainRcan` then rejects with an AbortError. */
  signal?: AbortSignal;
  onStep?: (info: TrainStepInfo) => void;
  onEpochEnd?: (log: TrainEpochLog) => void | Promise<void>;
  /** Called when the monitored loss improves; save the model here. Earlier checkpoints stay. */
  onCheckpoint?: (checkpoint: TrainCheckpoint) => void | Promise<void>;
  /** Patch-sampling warnings (no patch passed the foreground filter). */
  onWarning?: (message: string) => void;
  /**
   * What the pairs mean (the `training_mode` config key):
   * - `supervised`: raw → clean GT, as 3D-RCAN;
   * - `noise2noise`: raw and "gt" are two noisy recordings of the same field; each patch is used in a
   *   random direction (A→B or B→A), and the network learns their common, noise-free signal;
   * - `blind-spot`: only noisy images (gt is ignored); Noise2Void-style masking, loss on masked voxels.
   * Metrics (psnr, ssim) always compare the prediction with the target, i.e. with a noisy image in the
   * two self-supervised modes. @default 'supervised'
   */
  trainingMode?: TrainingMode;
  /** Blind-spot mode: share of voxels masked per patch. @default 0.02 */
  blindSpotFraction?: number;
  /** Stop when the monitored loss has not improved for this many epochs (book §9.3.5.3 "patience"). */
  earlyStoppingPatience?: number;
  /**
   * Continue a saved run: the model must already hold the saved weights; Adam's moments and step
   * count, the learning rate and the best value are restored, and epochs continue at `epochsDone + 1`.
   * Patch sampling restarts from a seed derived from (seed, epochsDone), so a resumed run is not
   * bit-identical to an uninterrupted one.
   */
  resume?: TrainResume;
  /** Called after every epoch (after `onEpochEnd`) with what a resume needs. */
  onEpochState?: (state: TrainEpochState) => void | Promise<void>;
}

/** One prepared training example: input, target and (blind-spot) the mask the loss is taken over. */
interface Example {
  x: Float32Array;
  y: Float32Array;
  shape: readonly number[];
  mask?: Float32Array;
}

/** Turn a sampled patch pair into an example for the training mode. */
function prepareExample(patch: PatchPair, mode: TrainingMode, random: Random, fraction: number): Example {
  const shape = patch.raw.shape;
  if (mode === 'noise2noise') {
    return random() < 0.5 ? { x: patch.raw.data, y: patch.gt.data, shape } : { x: patch.gt.data, y: patch.raw.data, shape };
  }
  if (mode === 'blind-spot') {
    const { input, mask } = blindSpotMask(patch.raw.data, shape, fraction, random);
    return { x: input, y: patch.raw.data, shape, mask };
  }
  return { x: patch.raw.data, y: patch.gt.data, shape };
}

/** What {@link trainRcan} returns. */
export interface TrainRcanResult {
  /** The epochs run by this call (after `resume.epochsDone` when resuming). */
  history: TrainEpochLog[];
  /** Set when early stopping ended the run. */
  stoppedEarly?: { epoch: number; bestEpoch: number };
  /** The best monitored value and its epoch, if any epoch had a finite value. */
  best?: { epoch: number; value: number };
}

/**
 * Train a 3D-RCAN in place, after the original `train.py` (rcan-spec §2.6–§2.12): batch size 1,
 * `stepsPerEpoch` random (filtered, augmented) patches per epoch, Adam (β1 0.9, β2 0.999, ε 1e-7),
 * staircase LR halving, validation on the same kind of random patches, and a checkpoint offered
 * whenever the monitored loss improves. Every step runs inside `tf.tidy`, so no tensor outlives it.
 *
 * Differences from the original: seeded and reproducible, trains on CPU/wasm, fewer than 4 epochs
 * work, and the epoch loss is the mean of the epoch's step losses (Keras prints the same running mean).
 * @param model - Built with trainable variables; its weights are updated.
 * @param data - Normalized training (and optional validation) pairs.
 * @param options - Patch shape, schedule, loss, callbacks, `AbortSignal`.
 * @returns The per-epoch history and the best monitored value.
 * @throws DOMException named AbortError when `signal` aborts.
 */
export async function trainRcan(model: RcanModel, data: TrainData, options: TrainRcanOptions): Promise<TrainRcanResult> {
  const epochs = options.epochs ?? 300;
  const steps = options.stepsPerEpoch ?? 256;
  const lossName = options.loss ?? 'mae';
  const metricNames = [...(options.metrics ?? ['psnr'])];
  const startEpoch = options.resume?.epochsDone ?? 0;
  if (!Number.isInteger(startEpoch) || startEpoch < 0) throw new RangeError(`resume.epochsDone must be an integer ≥ 0, got ${startEpoch}`);
  // A resumed run draws fresh patches: derive the seeds from the epoch it starts at.
  const seed = startEpoch === 0 ? (options.seed ?? 0) : ((options.seed ?? 0) ^ Math.imul(startEpoch, 0x9e3779b1)) >>> 0;
  const { signal } = options;
  const patience = options.earlyStoppingPatience;
  if (patience !== undefined && (!Number.isInteger(patience) || patience < 1)) throw new RangeError(`early-stopping patience must be an integer ≥ 1, got ${patience}`);
  if (metricNames.includes('ssim') && options.patchShape.some((d) => d < 11)) {
    throw new RangeError(
      `the ssim metric needs every patch dimension ≥ 11, got [${options.patchShape.join(', ')}]: use a larger patch or the psnr metric`,
    );
  }
  const samplerOptions = {
    patchShape: options.patchShape,
    augment: options.augment ?? true,
    intensityThreshold: options.intensityThreshold ?? 0.25,
    areaRatioThreshold: options.areaRatioThreshold ?? 0.5,
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  };
  const trainSampler = new PatchSampler(data.training, { ...samplerOptions, seed });
  const hasValidation = (data.validation?.length ?? 0) > 0;
  const validationSampler = hasValidation
    ? new PatchSampler(data.validation ?? [], { ...samplerOptions, seed: (seed ^ 0x5bd1e995) >>> 0 })
    : undefined;
  const monitor = hasValidation ? 'val_loss' : 'loss';
  const variables = model.variables();
  const mode = options.trainingMode ?? 'supervised';
  const fraction = options.blindSpotFraction ?? DEFAULT_BLIND_SPOT_FRACTION;
  // Separate streams, so supervised runs draw exactly the patches they drew before this option existed.
  const trainModeRandom = createRandom((seed ^ 0x27d4eb2f) >>> 0);
  const validationModeRandom = createRandom((seed ^ 0x165667b1) >>> 0);

  // Keras 2.2.4 Adam updates w -= lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε), i.e. ε is added to the
  // uncorrected √v; tfjs adds ε to the bias-corrected √v̂. The two differ only while
  // √v is comparable to 1e-7 (the first steps of tiny gradients) and agree once v has grown.
  let lr = options.resume?.learningRate ?? options.initialLearningRate ?? 1e-4;
  const optimizer = tf.train.adam(lr, 0.9, 0.999, 1e-7);
  if (options.resume) {
    try {
      await loadOptimizerState(optimizer, options.resume.optimizerState, variables);
    } catch (error) {
      optimizer.dispose();
      throw error;
    }
  }
  const optimizerState = () => saveOptimizerState(optimizer);
  const setLearningRate = (value: number) => {
    // tfjs reads `learningRate` on every applyGradients; it is protected only in the typings.
    (optimizer as unknown as { learningRate: number }).learningRate = value;
  };

  const totalUnits = Math.max(1, (epochs - startEpoch) * steps * (hasValidation ? 2 : 1));
  let doneUnits = 0;
  const start = now();
  const history: TrainEpochLog[] = [];
  let best: { epoch: number; value: number } | undefined = options.resume?.best;
  let stoppedEarly: { epoch: number; bestEpoch: number } | undefined;

  const report = (epoch: number, step: number, phase: TrainStepInfo['phase'], loss: number) => {
    doneUnits++;
    const elapsedSeconds = (now() - start) / 1000;
    options.onStep?.({
      epoch,
      step,
      phase,
      steps,
      loss,
      elapsedSeconds,
      etaSeconds: (elapsedSeconds / doneUnits) * (totalUnits - doneUnits),
      fraction: doneUnits / totalUnits,
    });
  };

  try {
    for (let e = startEpoch; e < epochs; e++) {
      const epochStart = now();
      lr = lrSchedule(e, lr, epochs);
      setLearningRate(lr);
      const sums = new Map<string, number>();
      const accumulate = (key: string, value: number) => sums.set(key, (sums.get(key) ?? 0) + value);

      for (let s = 0; s < steps; s++) {
        await checkpointForAbort(signal);
        const values = trainStep(model, variables, optimizer, prepareExample(trainSampler.next(), mode, trainModeRandom, fraction), lossName, metricNames);
        accumulate('loss', values[0] ?? NaN);
        metricNames.forEach((m, i) => accumulate(m, values[i + 1] ?? NaN));
        report(e + 1, s + 1, 'train', values[0] ?? NaN);
      }
      if (validationSampler) {
        for (let s = 0; s < steps; s++) {
          await checkpointForAbort(signal);
          const values = evaluateStep(model, prepareExample(validationSampler.next(), mode, validationModeRandom, fraction), lossName, metricNames);
          accumulate('val_loss', values[0] ?? NaN);
          metricNames.forEach((m, i) => accumulate(`val_${m}`, values[i + 1] ?? NaN));
          report(e + 1, s + 1, 'validation', values[0] ?? NaN);
        }
      }

      const logValues: Record<string, number> = {};
      for (const [key, sum] of sums) logValues[key] = sum / steps;
      const value = logValues[monitor] ?? NaN;
      // Keras ModelCheckpoint(save_best_only) in "min" mode: strictly lower than every earlier value.
      const improved = Number.isFinite(value) && (best === undefined || value < best.value);
      if (improved) {
        best = { epoch: e + 1, value };
        await options.onCheckpoint?.({ epoch: e + 1, monitor, value, name: checkpointName(e + 1, value), model, optimizerState });
      }
      const log: TrainEpochLog = { epoch: e + 1, lr, values: logValues, monitor, improved, seconds: (now() - epochStart) / 1000 };
      history.push(log);
      await options.onEpochEnd?.(log);
      await options.onEpochState?.({ epoch: e + 1, lr, ...(best ? { best } : {}), model, optimizerState });
      if (patience !== undefined && best !== undefined && e + 1 - best.epoch >= patience && e + 1 < epochs) {
        stoppedEarly = { epoch: e + 1, bestEpoch: best.epoch };
        break;
      }
    }
  } finally {
    optimizer.dispose();
  }
  return { history, ...(best ? { best } : {}), ...(stoppedEarly ? { stoppedEarly } : {}) };
}

/** The loss of an example: over all voxels, or only the masked ones (blind-spot). */
function exampleLoss(lossName: LossName, y: tf.Tensor, prediction: tf.Tensor, mask: tf.Tensor | undefined): tf.Scalar {
  if (!mask) return computeLoss(lossName, y, prediction);
  return tf.tidy(() => {
    const diff = tf.sub(prediction, y);
    const error = lossName === 'mae' ? tf.abs(diff) : tf.square(diff);
    return tf.div(tf.sum(tf.mul(error, mask)), tf.sum(mask)) as tf.Scalar;
  });
}

/** One optimisation step on one example; returns [loss, ...metrics] as numbers. */
function trainStep(
  model: RcanModel,
  variables: tf.Variable[],
  optimizer: tf.Optimizer,
  example: Example,
  lossName: LossName,
  metricNames: readonly MetricName[],
): number[] {
  const results = tf.tidy(() => {
    const x = toBatch(example.x, example.shape);
    const y = toBatch(example.y, example.shape);
    const mask = example.mask ? toBatch(example.mask, example.shape) : undefined;
    let prediction: tf.Tensor | undefined;
    const { value, grads } = tf.variableGrads(() => {
      // Keep the prediction past variableGrads' own tidy so the metrics need no second forward pass.
      prediction = tf.keep(model.apply(x));
      return exampleLoss(lossName, y, prediction, mask);
    }, variables);
    const pred = prediction as tf.Tensor;
    try {
      optimizer.applyGradients(grads);
      return [value, ...metricNames.map((m) => METRICS[m](y, pred))];
    } finally {
      pred.dispose();
    }
  });
  return readAndDispose(results);
}

/** Loss and metrics of the current model on one example, without updating it. */
function evaluateStep(model: RcanModel, example: Example, lossName: LossName, metricNames: readonly MetricName[]): number[] {
  const results = tf.tidy(() => {
    const x = toBatch(example.x, example.shape);
    const y = toBatch(example.y, example.shape);
    const mask = example.mask ? toBatch(example.mask, example.shape) : undefined;
    const pred = model.apply(x);
    return [exampleLoss(lossName, y, pred, mask), ...metricNames.map((m) => METRICS[m](y, pred))];
  });
  return readAndDispose(results);
}

function toBatch(data: Float32Array, shape: readonly number[]): tf.Tensor {
  return tf.tensor(data, [1, ...shape, 1]);
}

function readAndDispose(tensors: tf.Tensor[]): number[] {
  const values = tensors.map((t) => t.dataSync()[0] ?? NaN);
  tf.dispose(tensors);
  return values;
}

// Give the event loop a turn so an abort (a timer, a worker message, Ctrl-C) can land between steps.
async function checkpointForAbort(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  if (signal?.aborted) throw abortError('training was cancelled');
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
