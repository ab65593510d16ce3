import { InputError } from '../util/errors';
import type { DecodedTiff } from './decode-tiff';
import type { Volume } from './volume';

/** Options for {@link toSingleChannelVolume}. */
export interface ToSingleChannelVolumeOptions {
  /** How to name the file in error messages. @default 'input' */
  name?: string;
  /** What the volume is for, so refusals talk about it: restoring with 3D-RCAN or evaluating. @default 'restore' */
  purpose?: 'restore' | 'evaluate';
}

/**
 * Turn a decoded TIFF into the single-channel Z,Y,X (or Y,X) volume 3D-RCAN works on (spec §2.3, §3.6).
 *
 * Accepted: one plane (2D), or a stack whose planes are all slices, or all time points when there is
 * no Z axis (tifffile squeezes size-1 axes, so the original reads a T-only stack as Z, and ImageJ
 * often labels a plain stack as frames). A grayscale ImageJ stack that has only channels (no slices,
 * no frames) is read as Z too: that is what tifffile writes for a 3D array saved with `imagej=True`
 * and no axes (`channels=N`, `mode=grayscale`), and the original, which reads plain arrays, applies
 * such files as Z stacks (for `purpose: 'restore'` only; evaluation refuses them as multichannel). A
 * Fiji multichannel image (`mode=composite` or `color`) is always refused.
 * Refused with an actionable {@link InputError}: RGB(A),
 * more than one channel, and stacks with both several slices and several time points (4D).
 *
 * @param decoded - output of {@link decodeTiff}
 * @param options - file name for messages
 * @returns a volume sharing `decoded.data`; `ndim` is 2 for a single plane
 * @throws InputError for RGB, multi-channel or 4D input
 */
export function toSingleChannelVolume(decoded: DecodedTiff, options: ToSingleChannelVolumeOptions = {}): Volume {
  const name = options.name ?? 'input';
  const { t, z } = decoded.dims;
  const evaluate = options.purpose === 'evaluate';
  // Only the 3D-RCAN reader follows the original here; evaluation keeps channels apart (a 2D
  // two-channel `rcan apply` output is one such file, and must not be scored as two slices).
  const c = !evaluate && isChannelOnlyGrayscaleStack(decoded) ? 1 : decoded.dims.c;
  const source = decoded.imagej ? 'ImageJ hyperstack' : decoded.ome ? 'OME-TIFF' : 'TIFF';
  const fix = evaluate ? 'evaluation compares single-channel Z,Y,X (or Y,X) images' : '3D-RCAN needs a single-channel Z,Y,X stack';
  const each = evaluate ? 'evaluate each' : 'restore each';
  if (decoded.samplesPerPixel > 1) {
    throw new InputError(
      `${name} is an RGB image (${decoded.samplesPerPixel} samples per pixel); ${fix}: convert it in Fiji ` +
        `(Image › Type › 8-bit, or Image › Color › Split Channels and ${each})`,
    );
  }
  if (c > 1) {
    throw new InputError(
      `${name} has ${c} channels (${source} c=${c}); ${fix}: split channels in Fiji (Image › Color › Split Channels) and ${each}`,
    );
  }
  if (t > 1 && z > 1) {
    throw new InputError(
      `${name} is 4D (${source} with ${z} slices × ${t} time points); ${fix}: save each time point as its own file ` +
        `(Fiji: Image › Stacks › Tools › Reduce Dimensionality, or a macro over frames) and ${each}`,
    );
  }
  const depth = c === decoded.dims.c ? Math.max(t, z) : decoded.dims.c;
  const volume = {
    shape: [depth, decoded.height, decoded.width] as const,
    ndim: decoded.planes === 1 ? 2 : 3,
    dtype: decoded.dtype,
    data: decoded.data,
    ...(decoded.spacing ? { spacing: decoded.spacing } : {}),
  };
  return volume as Volume;
}

/** tifffile's `imwrite(…, imagej=True)` of a 3-D array without axes: channels only, grayscale mode. */
export function isChannelOnlyGrayscaleStack(decoded: DecodedTiff): boolean {
  const { t, z, c } = decoded.dims;
  const mode = decoded.imagej?.mode;
  return decoded.imagej !== undefined && c > 1 && z === 1 && t === 1 && (mode === undefined || mode === 'grayscale');
}
