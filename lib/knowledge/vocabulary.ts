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
] as const;

export const DIMENSIONS = ['2d', '3d', 'time'] as const;

export const INTERFACES = ['desktop-gui', 'web-app', 'plugin', 'notebook', 'cli', 'python-api', 'java-api', 'website'] as const;

export const OPERATING_SYSTEMS = ['windows', 'macos', 'linux', 'browser'] as const;

export const TOOL_KINDS = ['application', 'plugin', 'library', 'platform', 'model-repository', 'index', 'community', 'data-repository', 'metrics', 'commercial-suite', 'method'] as const;

export const RESTORATION_TASKS = ['denoising', 'deconvolution', 'deaberration', 'resolution-enhancement'] as const;

export const DATA_NEEDS = ['paired-low-high', 'noisy-only', 'two-noisy-acquisitions', 'known-psf', 'cross-modality-pairs', 'synthetic-pairs', 'none-pretrained'] as const;

export const RUNNER_PRESETS = ['denoise', 'deconvolution', 'deaberration', 'resolution'] as const;
