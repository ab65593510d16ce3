// Plain-language labels for the restoration vocabularies of lib/knowledge/schema.ts.

/** What each data situation means for the person at the microscope. */
export const DATA_NEED_LABELS: Readonly<Record<string, string>> = {
  'paired-low-high': 'Pairs of the same field: a low-quality image and a high-quality one',
  'noisy-only': 'Only the noisy images themselves',
  'two-noisy-acquisitions': 'Two independent noisy images of the same field',
  'known-psf': 'A known point spread function (measured or computed)',
  'cross-modality-pairs': 'Matching images of the same sample taken with two imaging methods',
  'synthetic-pairs': 'Simulated training pairs made from a model of the microscope',
  'none-pretrained': 'Nothing of your own: a pretrained model is used as is',
};

/** Readable names of the method families. */
export const FAMILY_LABELS: Readonly<Record<string, string>> = {
  classical: 'Classical (no training)',
  'supervised-dl': 'Supervised deep learning',
  'self-supervised-dl': 'Self-supervised deep learning',
  'physics-informed-dl': 'Physics-informed deep learning',
  'cross-modality-dl': 'Cross-modality deep learning',
};

/** Readable names of the failure-mode kinds. */
export const FAILURE_LABELS: Readonly<Record<string, string>> = {
  hallucination: 'Hallucination',
  'over-smoothing': 'Over-smoothing',
  'tiling-seams': 'Tiling seams',
  artefacts: 'Artefacts',
  'noise-amplification': 'Noise amplification',
  'domain-shift': 'Domain shift',
  other: 'Other',
};

/** Heading and one-sentence introduction of each restoration task, in this site's words. */
export const TASK_INTROS: Readonly<Record<string, { title: string; intro: string }>> = {
  denoising: { title: 'Denoising', intro: 'Remove the random speckle that comes from counting few photons, so that faint structures can be seen and measured.' },
  deconvolution: { title: 'Deconvolution', intro: 'Undo part of the blur the optics add, by reversing the effect of the point spread function.' },
  deaberration: { title: 'Deaberration', intro: 'Correct distortions caused by the sample or by imperfect optics, which make the blur vary across the image.' },
  'resolution-enhancement': { title: 'Resolution enhancement', intro: 'Predict finer detail than the acquisition recorded, for example from a lower-resolution modality.' },
  'illumination-correction': { title: 'Illumination correction', intro: 'Even out brightness that varies across the field of view, between tiles or between frames, before intensities are compared or tiles are joined.' },
};

/** What each 3D-RCAN runner preset does, for the "Run it here" sentence. */
export const RUNNER_LABELS: Readonly<Record<string, string>> = {
  denoise: 'denoising',
  deconvolution: 'deconvolution',
  deaberration: 'deaberration',
  resolution: 'resolution enhancement',
  'denoise-n2v': 'denoising trained on your noisy images alone (blind-spot)',
  'denoise-n2n': 'denoising trained on two noisy recordings (Noise2Noise)',
};
