import { decode as decodeTiffPages, type TiffIfd } from 'tiff';

import { InputError } from '../util/errors';
import { parseImagejDescription, type ImagejMetadata } from './parse-imagej-description';
import { parseOmeXml, type OmeMetadata } from './parse-ome-xml';
import { inflateBounded, lzwDecodeBounded } from './decompress';
import { expandBits, readRawPage, samplesFromBytes, undoHorizontalDifferencing } from './read-raw-page';
import { scanTiff } from './scan-tiff';
import { normalizeUnit, type Dtype, type Spacing, type VolumeData } from './volume';

/** A decoded TIFF: every plane, plus what the file says about how the planes form a stack. */
export interface DecodedTiff {
  width: number;
  height: number;
  /** Number of 2D planes in `data`. */
  planes: number;
  /** 1 for grayscale; 3 or 4 for RGB(A), interleaved in `data`. */
  samplesPerPixel: number;
  /** Type of `data`. int8/int16/(u)int32/(u)int64/float64 files are converted to float32 (exact for int8/int16; 32/64-bit integers beyond ±2^24 are refused). */
  dtype: Dtype;
  /** Sample type stored in the file: `uint8`, `uint16`, `float32`, `int8`, `int16`, `int32`, `uint32`, `int64`, `uint64`, `float64` or `bit`. */
  sourceType: string;
  /** All planes, plane after plane, each Y then X (then samples) — X fastest. */
  data: VolumeData;
  /** How the planes divide into time points, slices and channels (`t * z * c === planes`). */
  dims: { t: number; z: number; c: number };
  /** Order of the plane axes from slowest to fastest: `TZC` for ImageJ, e.g. `CTZ` for OME `XYZTC`. */
  planeOrder: string;
  byteOrder: 'little' | 'big';
  compression: string;
  /** First page's ImageDescription, if any. */
  description?: string;
  imagej?: ImagejMetadata;
  ome?: OmeMetadata;
  /** Voxel size from ImageJ (`spacing=`, `unit=`, X/YResolution), OME PhysicalSize*, or cm-based resolution tags. */
  spacing?: Spacing;
}

/** Options for {@link decodeTiff}. */
export interface DecodeTiffOptions {
  /** How to name the file in error messages. @default 'input' */
  name?: string;
  /**
   * Refuse images with more samples than `limit` before any pixel data is decoded or allocated (a
   * small compressed file can declare gigabytes), with an InputError that ends with `reason`.
   */
  maxSamples?: { limit: number; reason: string };
  /**
   * Largest decoded pixel data accepted, in bytes; larger files are refused before anything is
   * allocated or inflated. @default DEFAULT_MAX_DECODED_BYTES (2 GiB)
   */
  maxDecodedBytes?: number;
}

/** Default {@link DecodeTiffOptions.maxDecodedBytes}: 2 GiB of samples. */
export const DEFAULT_MAX_DECODED_BYTES = 2 * 1024 ** 3;

const COMPRESSION_NAMES: Record<number, string> = { 1: 'none', 5: 'lzw', 8: 'deflate', 32946: 'deflate', 32773: 'packbits' };

/**
 * Decode a TIFF (8/16-bit integer or 32/64-bit float; either byte order; uncompressed, LZW, Deflate
 * or PackBits; strips or tiles; one or many pages) and read its ImageJ or OME stack layout.
 *
 * Memory: the result holds one copy of every sample; the `tiff` package holds a second copy of
 * LZW/Deflate pages while decoding.
 *
 * @param bytes - the whole file
 * @param options - file name for messages
 * @returns planes and layout; use {@link toSingleChannelVolume} or {@link toHyperstack} next
 * @throws InputError for anything that is not a readable TIFF, with the reason and a fix
 */
export function decodeTiff(bytes: Uint8Array, options: DecodeTiffOptions = {}): DecodedTiff {
  const name = options.name ?? 'input';
  const layout = scanTiff(bytes, name);
  const ifds = guard(name, () => decodeTiffPages(bytes, { ignoreImageData: true }));
  const first = ifds[0];
  if (!first) throw new InputError(`${name} is a TIFF file with no images`);
  checkPages(name, ifds);

  // BitsPerSample defaults to 1 when absent (TIFF 6.0); Pillow omits it for bilevel images.
  const bits = bitsOf(first);
  const format = first.sampleFormat;
  const sourceType = sourceTypeOf(name, bits, format);
  const dtype: Dtype = sourceType === 'uint8' || sourceType === 'bit' ? 'uint8' : sourceType === 'uint16' ? 'uint16' : 'float32';
  const description = descriptionOf(first);
  const imagej = parseImagejDescription(description);
  const ome = imagej ? undefined : parseOmeXml(description);

  const { width, height, samplesPerPixel: spp } = first;
  const planeSize = width * height * spp;
  const planes = contiguousImagejPlanes(bytes, first, ifds.length, imagej) ?? ifds.length;
  if (options.maxSamples && planes * planeSize > options.maxSamples.limit) {
    throw new InputError(`${name} is too large here: ${planes} plane(s) of ${width} × ${height}${spp > 1 ? ` × ${spp} samples` : ''} (${formatCount(planes * planeSize)} voxels); ${options.maxSamples.reason}`);
  }
  // Our strip reader handles uncompressed, PackBits, LZW and Deflate strips (predictor 1, or 2 for
  // integers), with every strip's inflation bounded; the `tiff` package reads tiles and float predictors.
  const raw = !first.tiled && first.compression in COMPRESSION_NAMES && (first.predictor === 1 || (first.predictor === 2 && format !== 3 && bits >= 8));
  if (bits === 1 && !raw) throw new InputError(`${name} is a compressed or tiled 1-bit TIFF, which is not supported; save the mask as 8-bit (Fiji: Image › Type › 8-bit)`);
  // The `tiff` package cannot decode 32/64-bit integer samples, so only our strip reader can.
  const wideInt = WIDE_INTEGERS.has(sourceType);
  if (wideInt && !raw) {
    throw new InputError(`${name} stores ${bits}-bit integer samples with ${first.tiled ? 'tiles' : `${COMPRESSION_NAMES[first.compression] ?? first.compression} compression`}, which is not supported; save it uncompressed (tifffile: compression=None) or as 16-bit (Fiji: Image › Type › 16-bit)`);
  }
  checkDeclaredSize(name, bytes.length, (planes * planeSize * bits) / 8, first.compression, [first.width, first.height, planes], options.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES);
  if (first.tiled) checkTileSize(name, bytes.length, first, planes, options.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES);
  checkCompressedBlocks(name, bytes, ifds, !raw);
  const data = allocateFor(dtype, planes * planeSize, name);

  if (raw) {
    for (let p = 0; p < planes; p++) {
      const ifd = ifds.length === planes ? ifds[p]! : first;
      const shift = ifds.length === planes ? 0 : (p * planeSize * bits) / 8;
      const pageBytes = guard(name, () =>
        readRawPage(bytes, {
          width,
          height,
          samplesPerPixel: spp,
          bitsPerSample: bits,
          compression: ifd.compression as 1 | 5 | 8 | 32946 | 32773,
          rowsPerStrip: ifd.rowsPerStrip,
          stripOffsets: ifd.stripOffsets.map((o) => o + shift),
          stripByteCounts: ifds.length === planes ? (ifd.get('StripByteCounts') === undefined ? [] : ifd.stripByteCounts) : [],
        }),
      );
      const samples = bits === 1 ? expandBits(pageBytes, width * spp, height) : guard(name, () => samplesFromBytes(pageBytes, bits, format, layout.littleEndian));
      if (ifd.predictor === 2 && bits >= 8) undoHorizontalDifferencing(samples, width, spp);
      if (wideInt) checkExactInFloat32(name, samples, sourceType);
      copyPlane(data, samples, p * planeSize, ifd.type === 0 && dtype !== 'float32' ? 2 ** bits - 1 : 0);
    }
  } else {
    const decoded = guard(name, () => decodeTiffPages(bytes));
    for (const [p, ifd] of decoded.entries()) copyPlane(data, reinterpret(ifd.data, format), p * planeSize, 0);
  }

  const result: DecodedTiff = {
    width,
    height,
    planes,
    samplesPerPixel: spp,
    dtype,
    sourceType,
    data,
    ...planeLayout(planes, imagej, ome),
    byteOrder: layout.littleEndian ? 'little' : 'big',
    compression: COMPRESSION_NAMES[first.compression] ?? String(first.compression),
  };
  if (description !== undefined) result.description = description;
  if (imagej) result.imagej = imagej;
  if (ome) result.ome = ome;
  const spacing = spacingOf(first, imagej, ome);
  if (spacing) result.spacing = spacing;
  return result;
}

/** 32- and 64-bit integer samples (label images) become float32, exact only up to 2^24 in magnitude. */
const WIDE_INTEGERS = new Set(['int32', 'uint32', 'int64', 'uint64']);
const FLOAT32_EXACT = 2 ** 24;

/** Refuse integer labels that float32 would round (two labels could merge into one). */
function checkExactInFloat32(name: string, samples: ArrayLike<number>, sourceType: string): void {
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    if (v > FLOAT32_EXACT || v < -FLOAT32_EXACT) {
      throw new InputError(`${name} stores the ${sourceType} value ${v}, beyond ±${FLOAT32_EXACT} (2^24), the largest read exactly; renumber the labels from 1 (skimage.segmentation.relabel_sequential) or save them as uint16/uint32`);
    }
  }
}

/** Run a step of the `tiff` package or our readers and turn any throw into a one-line InputError. */
function guard<T>(name: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/Unsupported Compression/i.test(message)) {
      throw new InputError(`${name} uses an unsupported TIFF compression (${message.replace(/^Unsupported Compression:\s*/i, '')}); re-save it uncompressed or with LZW/Deflate (Fiji: File › Save As › Tiff…)`);
    }
    if (/predictor/i.test(message)) {
      throw new InputError(`${name} uses an unsupported TIFF predictor (${message}); re-save it without a predictor`);
    }
    throw new InputError(`${name} is truncated or corrupt: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  }
}

function checkPages(name: string, ifds: readonly TiffIfd[]): void {
  const first = ifds[0]!;
  const key = (i: TiffIfd) => `${i.width}x${i.height}, ${i.samplesPerPixel} sample(s) of ${bitsOf(i)} bits, format ${i.sampleFormat}`;
  for (const [p, ifd] of ifds.entries()) {
    if (key(ifd) !== key(first)) {
      throw new InputError(`${name} is not a stack: page 1 is ${key(first)} but page ${p + 1} is ${key(ifd)}; save the images as separate files or as one stack of equal pages`);
    }
    if (ifd.compression !== first.compression && (ifd.compression === 32773 || first.compression === 32773)) {
      throw new InputError(`${name} mixes PackBits and other compressions across pages; re-save it uncompressed`);
    }
    if (ifd.samplesPerPixel > 1 && ifd.planarConfiguration === 2) {
      throw new InputError(`${name} is a planar RGB image (${ifd.samplesPerPixel} samples per pixel stored as separate planes), which is not supported; a single-channel Z,Y,X stack is needed: convert it in Fiji (Image › Type › 8-bit, or Image › Color › Split Channels)`);
    }
    if (![0, 1, 2, 3].includes(ifd.type)) {
      throw new InputError(`${name} has photometric interpretation ${ifd.type} (e.g. CMYK or YCbCr), which is not supported; convert it to grayscale in Fiji (Image › Type › 8-bit or 16-bit)`);
    }
    if (ifd.compression === 32773 && ifd.predictor !== 1) {
      throw new InputError(`${name} combines PackBits with a predictor, which is not supported; re-save it uncompressed`);
    }
    if (!(ifd.compression in COMPRESSION_NAMES)) {
      throw new InputError(`${name} uses TIFF compression ${ifd.compression}, which is not supported; re-save it uncompressed or with LZW/Deflate (Fiji: File › Save As › Tiff…)`);
    }
  }
}

function sourceTypeOf(name: string, bits: number, format: number): string {
  // 32-bit integers are label images (tifffile writes int32 masks by default). They become float32,
  // which holds every integer up to 2^24 = 16,777,216 exactly: far more labels than an image has.
  const types: Record<string, string> = { '1/1': 'bit', '8/1': 'uint8', '8/2': 'int8', '16/1': 'uint16', '16/2': 'int16', '32/1': 'uint32', '32/2': 'int32', '32/3': 'float32', '64/1': 'uint64', '64/2': 'int64', '64/3': 'float64' };
  const type = types[`${bits}/${format}`];
  if (type) return type;
  const kind = format === 3 ? 'float' : format === 2 ? 'signed integer' : 'unsigned integer';
  throw new InputError(`${name} has ${bits}-bit ${kind} samples, which are not supported; convert it to 8-bit, 16-bit or 32-bit float in Fiji (Image › Type)`);
}

function descriptionOf(ifd: TiffIfd): string | undefined {
  const value: unknown = ifd.imageDescription;
  // The `tiff` package splits ASCII values at NULs; tifffile pads ImageJ descriptions with NULs.
  if (Array.isArray(value)) return value.filter((s) => typeof s === 'string' && s !== '').join('\n') || undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * ImageJ writes stacks over 4 GB with a single IFD and `images=N`, the planes following each other
 * from the first strip. Read that layout when the file is uncompressed and long enough.
 */
function contiguousImagejPlanes(bytes: Uint8Array, first: TiffIfd, pages: number, imagej: ImagejMetadata | undefined): number | undefined {
  const images = imagej?.images;
  if (pages !== 1 || !images || images <= 1 || first.compression !== 1 || first.tiled) return undefined;
  const planeBytes = (first.width * first.height * first.samplesPerPixel * bitsOf(first)) / 8;
  const start = first.stripOffsets[0] ?? 0;
  return start + images * planeBytes <= bytes.length ? images : undefined;
}

/** How a TIFF's pages map to T, Z and C (ImageJ, then OME, else pages are Z); shared with the plane reader. */
export function planeLayout(planes: number, imagej: ImagejMetadata | undefined, ome: OmeMetadata | undefined): Pick<DecodedTiff, 'dims' | 'planeOrder'> {
  if (imagej) {
    const c = imagej.channels ?? 1;
    const t = imagej.frames ?? 1;
    const z = imagej.slices ?? planes / (c * t);
    if (Number.isInteger(z) && c * z * t === planes) return { dims: { t, z, c }, planeOrder: 'TZC' };
  }
  if (ome && ome.sizeC * ome.sizeZ * ome.sizeT === planes) {
    const order = ome.dimensionOrder.slice(2).split('').reverse().join('');
    return { dims: { t: ome.sizeT, z: ome.sizeZ, c: ome.sizeC }, planeOrder: order };
  }
  // No usable metadata: a plain multi-page TIFF is read as a Z stack, as tifffile.imread does.
  return { dims: { t: 1, z: planes, c: 1 }, planeOrder: 'TZC' };
}

function spacingOf(ifd: TiffIfd, imagej: ImagejMetadata | undefined, ome: OmeMetadata | undefined): Spacing | undefined {
  return voxelSpacing({ xResolution: ifd.xResolution, yResolution: ifd.yResolution, resolutionUnit: ifd.get('ResolutionUnit') }, imagej, ome);
}

/**
 * The voxel size a TIFF records, by the rules of {@link decodeTiff} (shared with the plane reader):
 * ImageJ's description with X/YResolution, else OME-XML, else centimetre-based resolution tags.
 */
export function voxelSpacing(res: { xResolution: unknown; yResolution: unknown; resolutionUnit: unknown }, imagej: ImagejMetadata | undefined, ome: OmeMetadata | undefined): Spacing | undefined {
  const xr = Number(res.xResolution);
  const yr = Number(res.yResolution);
  const hasRes = Number.isFinite(xr) && xr > 0 && Number.isFinite(yr) && yr > 0;
  if (imagej) {
    // ImageJ stores pixels per unit in X/YResolution, the unit and the Z step in the description;
    // it omits `spacing=` when the Z step is 1.
    if (!imagej.unit || /^(pixel|pixels)?$/i.test(imagej.unit) || !hasRes) return undefined;
    return { x: 1 / xr, y: 1 / yr, z: imagej.spacing ?? 1, unit: normalizeUnit(imagej.unit) };
  }
  if (ome) {
    if (ome.physicalSizeX === undefined || ome.physicalSizeY === undefined) return undefined;
    return { x: ome.physicalSizeX, y: ome.physicalSizeY, z: ome.physicalSizeZ ?? 1, unit: normalizeUnit(ome.physicalSizeUnit ?? 'µm') };
  }
  // Plain TIFF: only centimetre-based resolution is trusted; inch values are usually a 72-dpi default.
  if (hasRes && res.resolutionUnit === 3) return { x: 1e4 / xr, y: 1e4 / yr, z: 1, unit: 'µm' };
  return undefined;
}

/**
 * Refuse sizes the file cannot hold before allocating them: a corrupt width or height could
 * otherwise ask for gigabytes. Uncompressed data need every byte; Deflate cannot expand more than
 * about 1032:1, and we allow LZW/PackBits the same bound.
 */
function checkDeclaredSize(name: string, fileBytes: number, declaredBytes: number, compression: number, [w, h, planes]: number[], maxBytes: number): void {
  if (declaredBytes > maxBytes) {
    throw new InputError(`${name} is too large to load here: it declares ${planes} plane(s) of ${w} × ${h} (${declaredBytes} bytes of pixels), over the ${maxBytes}-byte limit; crop it or split it into smaller stacks`);
  }
  const limit = compression === 1 ? fileBytes : fileBytes * 1100;
  if (declaredBytes > limit) {
    throw new InputError(`${name} is truncated or corrupt: it declares ${planes} plane(s) of ${w} × ${h} (${declaredBytes} bytes of pixels) but the file has only ${fileBytes} bytes`);
  }
}

function formatCount(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e8 ? 0 : 1)} million` : String(n);
}

/**
 * The `tiff` package walks every pixel of every whole tile, inside the image or not, so the padded
 * size (whole tiles) bounds its work: a 1 × 1 image with 2^20 × 2^20 tiles would loop 10^12 times
 * (found by the fuzz harness). Refuse zero or absurd tile sizes before decoding.
 */
function checkTileSize(name: string, fileBytes: number, ifd: TiffIfd, planes: number, maxBytes: number): void {
  const tw = ifd.tileWidth ?? 0;
  const th = ifd.tileHeight ?? 0;
  if (!(tw > 0 && th > 0)) throw new InputError(`${name} is corrupt: its tiles are ${tw} × ${th} pixels`);
  const padded = Math.ceil(ifd.width / tw) * tw * Math.ceil(ifd.height / th) * th * ifd.samplesPerPixel * Math.max(1, bitsOf(ifd) / 8) * planes;
  const limit = Math.min(maxBytes, ifd.compression === 1 ? fileBytes : fileBytes * 1100);
  if (padded > limit) {
    throw new InputError(`${name} is truncated or corrupt: its ${tw} × ${th} tiles cover ${padded} bytes of pixels for a ${ifd.width} × ${ifd.height} image, more than ${limit} this file can hold or this reader accepts`);
  }
}

/**
 * Bound the inflation work before any block is inflated. Each compressed strip or tile must lie in
 * the file, and together they may not use more bytes than the file has: strips that share one blob
 * multiply the work (the decompression bomb of issue 14). When `verify` is set (blocks the `tiff`
 * package will decode, which inflates without a bound), every block is first inflated with a cap of
 * its declared size, so a block that inflates further is refused before the package sees it.
 */
function checkCompressedBlocks(name: string, bytes: Uint8Array, ifds: readonly TiffIfd[], verify: boolean): void {
  let referenced = 0;
  for (const [p, ifd] of ifds.entries()) {
    if (ifd.compression === 1) continue;
    const offsets: readonly number[] = (ifd.tiled ? ifd.tileOffsets : ifd.stripOffsets) ?? [];
    const counts: readonly number[] = (ifd.tiled ? ifd.tileByteCounts : ifd.get('StripByteCounts') === undefined ? [] : ifd.stripByteCounts) ?? [];
    const what = ifd.tiled ? 'tile' : 'strip';
    if (counts.length < offsets.length) throw new InputError(`${name} is corrupt: page ${p + 1} has ${offsets.length} compressed ${what}s but only ${counts.length} byte counts`);
    for (const [k, offset] of offsets.entries()) {
      const count = counts[k]!;
      if (offset + count > bytes.length) throw new InputError(`${name} is truncated or corrupt: ${what} ${k} of page ${p + 1} needs bytes up to ${offset + count} but the file has ${bytes.length}`);
      referenced += count;
    }
    if (referenced > bytes.length) {
      throw new InputError(`${name} is corrupt: its compressed ${what}s reference more bytes (${referenced}) than the file holds (${bytes.length}), so they overlap; this is how decompression bombs are built, refusing to inflate it`);
    }
    if (!verify || ifd.compression === 32773) continue;
    const bytesPer = Math.max(1, bitsOf(ifd) / 8) * ifd.samplesPerPixel;
    const cap = ifd.tiled ? (ifd.tileWidth ?? 0) * (ifd.tileHeight ?? 0) * bytesPer : ifd.width * Math.min(ifd.rowsPerStrip, ifd.height) * bytesPer;
    for (const [k, offset] of offsets.entries()) {
      const block = bytes.subarray(offset, offset + counts[k]!);
      try {
        if (ifd.compression === 5) lzwDecodeBounded(block, cap);
        else inflateBounded(block, cap);
      } catch (error) {
        throw new InputError(`${name} is corrupt: ${what} ${k} of page ${p + 1} ${(error as Error).message}`);
      }
    }
  }
}

function allocateFor(dtype: Dtype, length: number, name: string): VolumeData {
  try {
    return dtype === 'uint8' ? new Uint8Array(length) : dtype === 'uint16' ? new Uint16Array(length) : new Float32Array(length);
  } catch {
    throw new InputError(`${name} is too large to load here (${length} samples of ${dtype}); crop it or split it into smaller stacks`);
  }
}

/** The `tiff` package reads signed samples as unsigned; view them with the right sign. */
function reinterpret(data: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; length: number }, format: number): ArrayLike<number> {
  if (format !== 2) return data;
  if (data instanceof Uint8Array) return new Int8Array(data.buffer, data.byteOffset, data.length);
  if (data instanceof Uint16Array) return new Int16Array(data.buffer, data.byteOffset, data.length);
  return data;
}

/** Copy one plane into the output; `invertMax > 0` flips WhiteIsZero data (v → invertMax − v). */
function copyPlane(out: VolumeData, samples: ArrayLike<number>, offset: number, invertMax: number): void {
  if (invertMax === 0 && ((out instanceof Uint8Array && samples instanceof Uint8Array) || (out instanceof Uint16Array && samples instanceof Uint16Array) || out instanceof Float32Array)) {
    (out as Float32Array).set(samples, offset);
    return;
  }
  for (let i = 0; i < samples.length; i++) out[offset + i] = invertMax > 0 ? invertMax - samples[i]! : samples[i]!;
}

function bitsOf(ifd: TiffIfd): number {
  return ifd.get('BitsPerSample') === undefined ? 1 : ifd.bitsPerSample;
}
