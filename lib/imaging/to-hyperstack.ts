import { InputError } from '../util/errors';
import type { DecodedTiff } from './decode-tiff';
import { allocate, type Hyperstack } from './volume';

/**
 * Rearrange a decoded multi-channel TIFF (ImageJ hyperstack or OME-TIFF, any plane order) into a
 * (Z, C, Y, X) {@link Hyperstack}, e.g. to read back a restoration result with its raw/GT channels.
 *
 * @param decoded - output of {@link decodeTiff}
 * @param options - file name for messages
 * @returns a new hyperstack; channel names come from OME metadata when present
 * @throws InputError for RGB input or when both Z and T are larger than 1
 */
export function toHyperstack(decoded: DecodedTiff, options: { name?: string } = {}): Hyperstack {
  const name = options.name ?? 'input';
  if (decoded.samplesPerPixel > 1) {
    throw new InputError(`${name} is an RGB image (${decoded.samplesPerPixel} samples per pixel); convert it to grayscale channels first (Fiji: Image › Color › Split Channels)`);
  }
  const { t, z, c } = decoded.dims;
  if (t > 1 && z > 1) {
    throw new InputError(`${name} has ${z} slices × ${t} time points; save each time point as its own file`);
  }
  const depth = Math.max(t, z);
  const plane = decoded.width * decoded.height;
  const size: Record<string, number> = { T: t, Z: z, C: c };
  const order = decoded.planeOrder.split('');
  const out = allocate(decoded.dtype, decoded.data.length);
  for (let p = 0; p < decoded.planes; p++) {
    // Unravel the plane index over the file's axis order (slowest first).
    const index: Record<string, number> = {};
    let rest = p;
    for (let k = order.length - 1; k >= 0; k--) {
      const axis = order[k]!;
      index[axis] = rest % size[axis]!;
      rest = Math.floor(rest / size[axis]!);
    }
    const zi = Math.max(index.Z ?? 0, index.T ?? 0);
    out.set(decoded.data.subarray(p * plane, (p + 1) * plane), (zi * c + (index.C ?? 0)) * plane);
  }
  const names = decoded.ome?.channelNames;
  const stack = {
    shape: [depth, c, decoded.height, decoded.width] as const,
    ndim: depth === 1 && !(decoded.imagej?.slices || decoded.imagej?.frames) ? 2 : 3,
    dtype: decoded.dtype,
    data: out,
    ...(decoded.spacing ? { spacing: decoded.spacing } : {}),
    ...(names && names.length === c ? { channelNames: names } : {}),
  };
  return stack as Hyperstack;
}
