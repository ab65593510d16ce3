import { percentileNormalize } from '../../imaging';
import { InputError } from '../../util/errors';
import { buildRcan, patchShapeProblems, serializeRcan, trainRcan, type RcanModelFiles, type TrainingPair } from '../core';
import type { EpochLog, FilePair, ModelFiles, ToWorkerParsed } from './protocol';
import { toVolume } from './run-restore';

type TrainStart = Extract<ToWorkerParsed, { type: 'train.start' }>;

/** Progress after one training or validation step. */
export interface TrainProgress {
  epoch: number;
  step: number;
  steps: number;
  phase: 'train' | 'validation';
  loss: number;
  fraction: number;
  etaSeconds: number;
}

/** Options for {@link runTrain}. */
export interface RunTrainOptions {
  signal?: AbortSignal;
  onProgress?: (progress: TrainProgress) => void;
  onEpoch?: (log: EpochLog) => void;
}

/**
 * The work behind a `train.start` message: decode and normalize the pairs (percentiles 2 and 99.9,
 * as `rcan train`), clip the patch shape to the smallest image, train with `trainRcan`, and return
 * the best checkpoint as model-folder files.
 * @param message - the validated `train.start` message
 * @param options - cancellation and progress callbacks
 * @returns the model files, the history, the patch shape used, and the buffers to transfer
 * @throws InputError for unusable files; AbortError when cancelled
 */
export async function runTrain(message: TrainStart, options: RunTrainOptions = {}): Promise<{ model: ModelFiles; history: EpochLog[]; patchShape: number[]; transfer: ArrayBuffer[] }> {
  const { settings } = message;
  const training = message.training.map(decodePair);
  const validation = (message.validation ?? []).map(decodePair);
  const all = [...training, ...validation];
  const ndim = training[0]!.shape.length;
  const mixed = all.find((p) => p.shape.length !== ndim);
  if (mixed) throw new InputError(`${mixed.name} is ${mixed.shape.length}D but the first pair is ${ndim}D; train on images of one dimensionality`);
  const requested = settings.patchShape.length === ndim ? settings.patchShape : ndim === 2 ? settings.patchShape.slice(-2) : [Math.min(8, ...all.map((p) => p.shape[0]!)), ...settings.patchShape.slice(-2)];
  const patchShape = requested.map((d, axis) => Math.min(d, ...all.map((p) => p.shape[axis]!)));
  // 90° rotations swap Y and X, so augmentation needs a square patch; otherwise train without it.
  const augment = patchShapeProblems(patchShape, { data_augmentation: true, metrics: ['psnr'] }).length === 0;
  const architecture = {
    ndim: ndim as 2 | 3,
    numChannels: settings.numChannels,
    numResidualBlocks: settings.numResidualBlocks,
    numResidualGroups: settings.numResidualGroups,
    channelReduction: Math.min(settings.channelReduction, settings.numChannels),
  };
  const model = buildRcan(architecture, { seed: settings.seed });
  let best: RcanModelFiles | undefined;
  const history: EpochLog[] = [];
  try {
    await trainRcan(model, validation.length > 0 ? { training, validation } : { training }, {
      patchShape,
      epochs: settings.epochs,
      stepsPerEpoch: settings.stepsPerEpoch,
      initialLearningRate: settings.initialLearningRate,
      augment,
      // The foreground filter of 3D-RCAN rejects most patches of sparse images; be lenient here.
      areaRatioThreshold: 0.05,
      seed: settings.seed,
      trainingMode: settings.trainingMode,
      ...(settings.earlyStoppingPatience !== undefined ? { earlyStoppingPatience: settings.earlyStoppingPatience } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onStep: (s) => options.onProgress?.({ epoch: s.epoch, step: s.step, steps: s.steps, phase: s.phase, loss: s.loss, fraction: s.fraction, etaSeconds: s.etaSeconds }),
      onCheckpoint: (checkpoint) => {
        best = serializeRcan(checkpoint.model);
      },
      onEpochEnd: (log) => {
        const entry: EpochLog = { epoch: log.epoch, lr: log.lr, values: log.values, improved: log.improved, seconds: log.seconds };
        history.push(entry);
        options.onEpoch?.(entry);
      },
    });
    best ??= serializeRcan(model);
  } finally {
    model.dispose();
  }
  const config = {
    input_shape: patchShape,
    num_channels: architecture.numChannels,
    num_residual_blocks: architecture.numResidualBlocks,
    num_residual_groups: architecture.numResidualGroups,
    channel_reduction: architecture.channelReduction,
    epochs: settings.epochs,
    steps_per_epoch: settings.stepsPerEpoch,
    data_augmentation: augment,
    area_ratio_threshold: 0.05,
    initial_learning_rate: settings.initialLearningRate,
    ...(settings.trainingMode !== 'supervised' ? { training_mode: settings.trainingMode } : {}),
  };
  const weightsBin = best.weightsBin.buffer.byteLength === best.weightsBin.byteLength ? (best.weightsBin.buffer as ArrayBuffer) : (best.weightsBin.slice().buffer as ArrayBuffer);
  return {
    model: { configJson: `${JSON.stringify(config, null, 2)}\n`, modelJson: best.modelJson, weightsBin },
    history,
    patchShape,
    transfer: [weightsBin],
  };
}

function decodePair(pair: FilePair): TrainingPair {
  const raw = toVolume({ kind: 'tiff', bytes: pair.raw, name: pair.name });
  const gt = toVolume({ kind: 'tiff', bytes: pair.gt, name: `${pair.name} (ground truth)` });
  if (raw.shape.join() !== gt.shape.join()) {
    throw new InputError(`raw ${pair.name} has shape [${raw.shape.join(', ')}] but its ground truth has [${gt.shape.join(', ')}]; a pair must have identical shapes`);
  }
  const shape = raw.ndim === 2 ? [raw.shape[1], raw.shape[2]] : [...raw.shape];
  return { raw: percentileNormalize(raw.data), gt: percentileNormalize(gt.data), shape, name: pair.name };
}
