// The restoration presets of /restore: where a preset id (from the wizard's recommendation or a link)
// becomes a runner configuration. This mapping lives in app/ on purpose (ARCHITECTURE.md): lib/rcan
// knows nothing of presets, and lib/knowledge/lib/wizard know nothing of the runner.

/**
 * The preset ids, in the order of the book's 3D-RCAN tutorials (Appendix A.3–A.6), then the two
 * self-supervised denoising routes (the same network trained in another mode, book §6.2.1).
 */
export const RESTORE_PRESET_IDS = ['denoise', 'deconvolution', 'deaberration', 'resolution', 'denoise-n2v', 'denoise-n2n'] as const;

/** A preset id. */
export type RestorePresetId = (typeof RESTORE_PRESET_IDS)[number];

/** Everything /restore needs to run a preset. */
export interface RestorePreset {
  id: RestorePresetId;
  /** Human name, e.g. "Denoising". */
  title: string;
  /** One paragraph: what the preset does, in this project's words. */
  summary: string;
  /** What the raw image of a training pair looks like, and what its ground truth is. */
  trainingPairs: string;
  /** Section of the book's appendix tutorial. */
  bookSection: string;
  /** URL of the demo model's checkpoint folder (`model.json`, `weights.bin`); its `config.json` is one level up. */
  modelUrl: string;
  /** The sample stack and its ground truth. */
  sampleUrl: string;
  sampleGroundTruthUrl: string;
  /** Default block shape (Z, Y, X) for the apply. */
  blockShape: [number, number, number];
  /** Default overlap per axis; 3D-RCAN's default is max(1, d // 8). */
  overlap: [number, number, number];
  /** Normalization percentiles, 3D-RCAN's defaults. */
  pMin: number;
  pMax: number;
  /** The demo model folder under /models/ (the preset id unless the preset borrows another's). */
  demoModel: string;
  /** How the training section trains by default (`training_mode`). */
  trainingMode: 'supervised' | 'noise2noise' | 'blind-spot';
}

// Blocks of 8x64x64 keep memory small in a browser tab and finish one block in well under a second
// with the demo models; overlap follows 3D-RCAN's max(1, d // 8) rule.
const COMMON = { blockShape: [8, 64, 64] as [number, number, number], overlap: [1, 8, 8] as [number, number, number], pMin: 2, pMax: 99.9, trainingMode: 'supervised' as const };

/** The four presets. */
export const RESTORE_PRESETS: Readonly<Record<RestorePresetId, RestorePreset>> = {
  denoise: {
    id: 'denoise',
    title: 'Denoising',
    summary:
      'Removes the grainy shot and camera noise of images taken with little light (short exposure, low laser power) while trying to keep the real structures. The model learned the difference between a noisy and a clean view of the same sample.',
    trainingPairs: 'raw: the same field imaged with low light; ground truth: imaged with high light (or averaged frames).',
    bookSection: 'A.3',
    modelUrl: '/models/denoise/checkpoint/',
    sampleUrl: '/samples/denoise.tif',
    sampleGroundTruthUrl: '/samples/denoise_gt.tif',
    demoModel: 'denoise',
    ...COMMON,
  },
  deconvolution: {
    id: 'deconvolution',
    title: 'Deconvolution',
    summary:
      'Sharpens images blurred by the microscope’s point spread function, so that small structures look more compact and neighbours separate. The model learned to map blurred images to the result of a careful deconvolution or a sharper imaging mode.',
    trainingPairs: 'raw: the acquired, blurred stack; ground truth: the same stack after classical deconvolution or from a sharper microscope.',
    bookSection: 'A.4',
    modelUrl: '/models/deconvolution/checkpoint/',
    sampleUrl: '/samples/deconvolution.tif',
    sampleGroundTruthUrl: '/samples/deconvolution_gt.tif',
    demoModel: 'deconvolution',
    ...COMMON,
  },
  deaberration: {
    id: 'deaberration',
    title: 'Aberration correction',
    summary:
      'Undoes the lopsided, depth-dependent blur that appears when the optics or the sample bend light unevenly (for example deep in tissue or with a refractive-index mismatch). The model learned from pairs with and without that distortion.',
    trainingPairs: 'raw: stacks with the aberration; ground truth: the same region imaged with correction (e.g. adaptive optics).',
    bookSection: 'A.5',
    modelUrl: '/models/deaberration/checkpoint/',
    sampleUrl: '/samples/deaberration.tif',
    sampleGroundTruthUrl: '/samples/deaberration_gt.tif',
    demoModel: 'deaberration',
    ...COMMON,
  },
  resolution: {
    id: 'resolution',
    title: 'Resolution enhancement',
    summary:
      'Predicts finer detail than the raw image resolves, as if it had been taken with a higher-resolution method. The input must already be sampled on the output grid; the model fills in detail it learned from pairs of low- and high-resolution images.',
    trainingPairs: 'raw: a lower-resolution acquisition, resampled to the target grid; ground truth: the higher-resolution acquisition of the same region.',
    bookSection: 'A.6',
    modelUrl: '/models/resolution/checkpoint/',
    sampleUrl: '/samples/resolution.tif',
    sampleGroundTruthUrl: '/samples/resolution_gt.tif',
    demoModel: 'resolution',
    ...COMMON,
  },
  'denoise-n2v': {
    id: 'denoise-n2v',
    title: 'Denoising from noisy images only (blind-spot)',
    summary:
      'For when no clean image of the sample can be taken: the network is trained on the noisy images themselves. A few pixels of each patch are hidden and predicted from their neighbours; structure can be predicted that way, independent noise cannot, so the network learns to output the structure (the Noise2Void idea). Train it in the section below with your own noisy stacks; the Restore section runs the supervised denoising demo model for comparison until you have trained one.',
    trainingPairs: 'only noisy images; no ground truth is needed. Noise must be independent from pixel to pixel (shot and read noise, not stripes).',
    bookSection: '6.2.1',
    modelUrl: '/models/denoise/checkpoint/',
    sampleUrl: '/samples/denoise.tif',
    sampleGroundTruthUrl: '/samples/denoise_gt.tif',
    demoModel: 'denoise',
    ...COMMON,
    trainingMode: 'blind-spot',
  },
  'denoise-n2n': {
    id: 'denoise-n2n',
    title: 'Denoising from two noisy recordings (Noise2Noise)',
    summary:
      'For when two quick, noisy recordings of the same still field can be taken but no clean one: the network learns to predict one recording from the other. Their noise is independent, so the only thing it can learn is the shared structure. Train it in the section below with pairs of recordings; the Restore section runs the supervised denoising demo model for comparison until you have trained one.',
    trainingPairs: 'raw: one noisy recording; "ground truth": a second noisy recording of the same field (same name), taken right after, with the sample unchanged.',
    bookSection: '6.2.1',
    modelUrl: '/models/denoise/checkpoint/',
    sampleUrl: '/samples/denoise.tif',
    sampleGroundTruthUrl: '/samples/denoise_gt.tif',
    demoModel: 'denoise',
    ...COMMON,
    trainingMode: 'noise2noise',
  },
};

/** Result of {@link parsePresetParam}. */
export type PresetParam = { status: 'ok'; preset: RestorePreset } | { status: 'missing' } | { status: 'invalid'; value: string; message: string };

/**
 * Read the `?preset=` search parameter.
 * @param value - the raw parameter (Next gives a string, an array for repeats, or undefined)
 * @returns the preset, `missing`, or `invalid` with a message naming the valid choices
 */
export function parsePresetParam(value: string | string[] | undefined): PresetParam {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === '') return { status: 'missing' };
  const id = raw.trim().toLowerCase();
  if ((RESTORE_PRESET_IDS as readonly string[]).includes(id)) return { status: 'ok', preset: RESTORE_PRESETS[id as RestorePresetId] };
  const choices = new Intl.ListFormat('en', { type: 'disjunction' }).format([...RESTORE_PRESET_IDS]);
  return { status: 'invalid', value: raw, message: `“${raw}” is not a restoration preset; choose ${choices}.` };
}
