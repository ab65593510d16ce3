// lib/rcan/browser: the restoration runner for web pages. The worker entry (rcan.worker.ts) is not
// exported; the client creates it.
export { createRestoreClient } from './client';
export type {
  CallControl, CreateRestoreClientOptions, ImageSource, RestoreClient, RestoreProgressEvent, RestoreRequest,
  LoadRequest, TrainOutcome, TrainPair, TrainProgressEvent, WorkerLike,
} from './client';
export { defaultWorkerCount } from './default-worker-count';
export { probeWebGpu, webGpuLabel, type WebGpuProbe } from './probe-webgpu';
export { BYTES_PER_VOXEL, deviceRestoreBudget, fileCertainlyTooLarge, restoreBudget, type RestoreBudget } from './restore-budget';
export { pairFilesByName } from './pair-files-by-name';
export type { NamedFile, PairedFiles } from './pair-files-by-name';
export {
  deserializeError, FromWorkerSchema, MAX_TILE_WORKERS, parseMessage, serializeError, ToWorkerSchema,
  type BackendPreference, type EpochLog, type FromWorker, type ImageInput, type LoadedImage, type ModelFiles, type ModelSource, type RestoreOptions, type RestoreResult, type Scores, type ToWorker, type TrainSettings,
} from './protocol';
// Pure helpers for the training panel (no tfjs): modes and the Fig. 9.6 diagnosis and plot.
export { TRAINING_MODES, type TrainingMode } from '../core/blind-spot';
export { diagnoseFit, lossCurveSvg, FIT_RULES, type FitDiagnosis, type LossPoint } from '../core/diagnose-fit';
