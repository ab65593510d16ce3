// The restoration presets of /restore: where a preset id (from the wizard's recommendation or a link)
// becomes a runner configuration. This mapping lives in app/ on purpose (ARCHITECTURE.md): lib/rcan
// knows nothing of presets, and lib/knowledge/lib/wizard know nothing of the runner.

/** The preset ids, in the order of the book's 3D-RCAN tutorials (Appendix A.3–A.6). */
export const RESTORE_PRESET_IDS = ['denoise', 'deconvolution', 'deaberration', 'resolution'] as const;

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
}

// Blocks of 8x64x64 keep memory small in a browser tab and finish one block in well under a second
// with the demo models; overlap follows 3D-RCAN's max(1, d // 8) rule.
const COMMON = { blockShape: [8, 64, 64] as [number, number, number], overlap: [1, 8, 8] as [number, number, number], pMin: 2, pMax: 99.9 };

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
    ...COMMON,
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
