/**
 * The controlled vocabularies of the knowledge base, without zod, so client code (the wizard,
 * the recommender) can use them without bundling the schema library. `schema.ts` builds enums from them.
 */

export const CATEGORY_IDS = ['manual-annotation', 'classical', 'pixel-classification', 'pretrained-dl', 'finetuned-dl', 'scratch-dl'] as const;

export const TASKS = [
  'binary-segmentation',
  'semantic-segmentation',
  'instance-segmentation',
  'panoptic-segmentation',
  'object-detection',
  'tracking',
  'classification',
  'measurement',
  'annotation',
  'denoising',
  'deconvolution',
  'illumination-correction',
  'stitching',
  'deaberration',
  'resolution-enhancement',
  'visualization',
  'workflow-automation',
  'model-sharing',
  'tool-discovery',
  'community-help',
  'data-sharing',
  'evaluation',
  'training-deployment',
  'label-free-prediction',
  'skeleton-analysis',
] as const;

export const DIMENSIONS = ['2d', '3d', 'time'] as const;

export const INTERFACES = ['desktop-gui', 'web-app', 'plugin', 'notebook', 'cli', 'python-api', 'java-api', 'website'] as const;

export const OPERATING_SYSTEMS = ['windows', 'macos', 'linux', 'browser'] as const;

export const TOOL_KINDS = ['application', 'plugin', 'library', 'platform', 'model-repository', 'index', 'community', 'data-repository', 'metrics', 'commercial-suite', 'method', 'framework', 'infrastructure'] as const;

export const RESTORATION_TASKS = ['denoising', 'deconvolution', 'deaberration', 'resolution-enhancement', 'illumination-correction'] as const;

export const DATA_NEEDS = ['paired-low-high', 'noisy-only', 'two-noisy-acquisitions', 'known-psf', 'cross-modality-pairs', 'synthetic-pairs', 'none-pretrained'] as const;

export const RUNNER_PRESETS = ['denoise', 'deconvolution', 'deaberration', 'resolution', 'denoise-n2v', 'denoise-n2n'] as const;

/**
 * What a pre-trained model was trained to find (the wizard's `objects` question uses the same ids):
 * nuclei; whole cells; bacteria; yeast (finer kinds of whole cells: a model listing `whole-cells` also
 * covers them, one listing `bacteria` or `yeast` covers only those); organoids or spheroids; organelles,
 * foci or spots; tissue regions; filaments or vessels; whole organisms (embryos, worms, larvae); other.
 */
export const OBJECT_TYPES = ['nuclei', 'whole-cells', 'bacteria', 'yeast', 'organoids', 'organelles', 'tissue-regions', 'filaments', 'organisms', 'active-cells', 'other'] as const;

/**
 * Imaging modality a pre-trained model was trained on (the wizard's `modality` question uses the
 * same ids): fluorescence; brightfield; phase contrast or DIC; stained histology (H&E, IHC);
 * electron microscopy; multiplexed imaging (imaging mass cytometry, multiplexed IF); other.
 */
export const MODALITIES = ['fluorescence', 'brightfield', 'phase-contrast', 'histology', 'electron', 'multiplexed', 'other'] as const;

/**
 * Kinds of electron microscopy (the wizard's `em-kind` question uses the same ids, plus "not sure"):
 * cryo-EM and cryo-electron tomography of frozen, unstained samples; volume EM of stained,
 * resin-embedded samples (FIB-SEM, serial block-face SEM, serial sections, tomograms of sections);
 * single 2D micrographs (TEM of thin sections, SEM of surfaces, cells or particles). Their images
 * differ so much that a model trained on one rarely transfers to another.
 */
export const ELECTRON_KINDS = ['cryo', 'volume', 'micrographs'] as const;
