import { InputError } from '../util/errors';
import { decodePng, type DecodePngOptions } from './decode-png';
import { decodeTiff } from './decode-tiff';
import { toSingleChannelVolume, type ToSingleChannelVolumeOptions } from './to-single-channel-volume';
import type { Volume } from './volume';

/** Which decoder a file's first bytes call for. */
export type ImageFormat = 'tiff' | 'png';

/**
 * Identify a TIFF (`II*\0`, `MM\0*`, or the BigTIFF variants) or PNG by its magic bytes.
 *
 * @param bytes - at least the first 8 bytes of the file
 * @returns the format, or undefined when it is neither
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const b = bytes;
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && (b[2] === 42 || b[2] === 43) && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && (b[3] === 42 || b[3] === 43)))) {
    return 'tiff';
  }
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 8 && png.every((v, i) => b[i] === v)) return 'png';
  return undefined;
}

/**
 * Decode a TIFF or PNG, chosen by magic bytes (not by file name), into a single-channel volume.
 *
 * @param bytes - the whole file
 * @param options - name for messages; `rgb` is passed to {@link decodePng}
 * @returns a 2D or 3D single-channel volume
 * @throws InputError for other formats and for anything {@link decodeTiff}, {@link toSingleChannelVolume} or {@link decodePng} refuse
 */
export function decodeImage(bytes: Uint8Array, options: DecodePngOptions & Pick<ToSingleChannelVolumeOptions, 'purpose'> = {}): Volume {
  const name = options.name ?? 'input';
  const format = sniffImageFormat(bytes);
  if (format === 'tiff') return toSingleChannelVolume(decodeTiff(bytes, { name }), { name, ...(options.purpose ? { purpose: options.purpose } : {}) });
  if (format === 'png') return decodePng(bytes, options);
  const head = Array.from(bytes.subarray(0, 4), (v) => v.toString(16).padStart(2, '0')).join(' ');
  throw new InputError(`${name} is neither a TIFF nor a PNG (it starts with bytes ${head || 'nothing'}); export it as TIFF from Fiji (File › Save As › Tiff…)`);
}
