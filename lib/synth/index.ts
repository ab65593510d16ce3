// lib/synth: seeded, pure generators of test and demo images (no tfjs, no I/O, no imports from lib/).
export { createRng, mulberry32, type Rng } from './rng';
export { blobs, filaments, spheres, type FilamentOptions, type PhantomOptions } from './phantoms';
export { labelImage, type LabelImageOptions, type LabelObject } from './label-image';
export { gaussianBlur, gaussianKernel1d, gaussianPsf, type Sigma } from './psf';
export { cameraNoise, gaussianNoise, poissonNoise, type CameraOptions } from './noise';
export { restorationPair, type RestorationPair, type RestorationPairOptions } from './restoration-pair';
export type { ShapeInput, SynthVolume } from './types';
