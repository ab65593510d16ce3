// Outputs shared by the /try page and `navigator segment`: label and probability TIFFs (ImageJ
// layout, readable by Fiji and tifffile) and the settings JSON that repeats a run.
import { createVolume, encodeTiff, type Spacing } from '../imaging';
import type { ClassicalSettings } from './classical';
import type { PixelSettings } from './pixel-classifier';
import type { Labels, Shape3 } from './types';

function volumeShape(shape: Shape3, ndim: 2 | 3): readonly [number, number] | Shape3 {
  return ndim === 2 ? [shape[1], shape[2]] : shape;
}

/**
 * The label image as TIFF: 16-bit up to 65,535 objects, else 32-bit float (exact to 2^24 ids, which
 * ImageJ and tifffile read as numbers). 0 is background.
 */
export function encodeLabelTiff(labels: Labels, spacing?: Spacing): Uint8Array {
  const data = labels.count <= 65535 ? Uint16Array.from(labels.data) : Float32Array.from(labels.data);
  return encodeTiff(createVolume(data, volumeShape(labels.shape, labels.ndim), spacing ? { spacing } : {}));
}

/** A probability map (0…1) as a 32-bit float TIFF. */
export function encodeProbabilityTiff(probability: Float32Array, shape: Shape3, ndim: 2 | 3, spacing?: Spacing): Uint8Array {
  return encodeTiff(createVolume(probability, volumeShape(shape, ndim), spacing ? { spacing } : {}), { displayRange: true });
}

/** The settings file of a run: which rung and every setting (the method is in the settings of rung 1). */
export type RunSettings =
  | { format: 1; rung: 'classical'; settings: ClassicalSettings }
  | { format: 1; rung: 'pixel'; settings: PixelSettings };

/** Settings as pretty JSON text. */
export function settingsJson(run: RunSettings): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
