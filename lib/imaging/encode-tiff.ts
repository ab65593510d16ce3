import { minMax } from '../util/min-max';
import { bytesPerSample, type Dtype, type Hyperstack, type Spacing, type Volume } from './volume';
import { createTiffStream, type TiffStream } from './tiff-stream';
import type { VolumeData } from './volume';
import { CLASSIC_TIFF_MAX_BYTES, writeClassicTiff, type TiffTag } from './write-classic-tiff';

/** Options for {@link encodeTiff}. */
export interface EncodeTiffOptions {
  /**
   * Container layout, as 3D-RCAN's `-f/--output_tiff_format` (spec §3.10):
   * `imagej` = ImageJ hyperstack, planes in Z, C order; `ome` = OME-XML (2003 "FC" schema), planes in
   * XYZTC order (all Z of channel 0, then channel 1, …).
   * @default 'imagej'
   */
  format?: 'imagej' | 'ome';
  /**
   * ImageJ only: write the voxel size (X/YResolution as pixels per unit, `unit=` and `spacing=`) when
   * the image carries one. 3D-RCAN drops it (spec §3.10); keeping it is this project's choice, so a
   * restored stack keeps its calibration in Fiji. Set false for the original's output.
   * @default true
   */
  spacing?: boolean;
  /**
   * ImageJ only: add `min=`/`max=` (the data range) to the description, as ImageJ itself does for 16-
   * and 32-bit stacks, so Fiji opens with a display range covering every slice instead of the first
   * one's. tifffile (and so 3D-RCAN) does not write them.
   * @default false
   */
  displayRange?: boolean;
  /** OME only: channel names. @default the stack's `channelNames`, else Raw, Restored, Ground Truth */
  channelNames?: readonly string[];
  /** OME only: the `Image` element's `Name`. @default 'Unnamed' */
  imageName?: string;
  /**
   * Write a BigTIFF (64-bit offsets; tifffile reads it). Only `true` changes {@link encodeTiff}; an
   * image over 4 GiB cannot be one Uint8Array, so stream it with {@link encodeTiffStream} instead,
   * which picks BigTIFF by itself past 4 GiB. X/YResolution tags are not written in BigTIFF files
   * (the ImageJ description keeps `unit=` and `spacing=`).
   * @default false
   */
  bigTiff?: boolean;
}

/** {@link encodeTiff} as a stream: `head`, then `plane(planeData(i))` for i < count, then `tail()`. */
export interface EncodedTiffStream extends TiffStream {
  /** Number of pages. */
  readonly count: number;
  /** The samples of page i, in the container's page order. */
  planeData(i: number): VolumeData;
}

/**
 * The same file as {@link encodeTiff}, written front to back with one plane in memory at a time:
 * classic TIFF up to 4 GiB, BigTIFF beyond (or when `bigTiff` is true).
 * @param image - volume or (Z, C, Y, X) hyperstack
 * @param options - as encodeTiff
 * @returns the pieces to write in order
 */
export function encodeTiffStream(image: Volume | Hyperstack, options: EncodeTiffOptions = {}): EncodedTiffStream {
  const stack = asHyperstack(image);
  const [z, c, y, x] = stack.shape;
  const plane = y * x;
  if (stack.data.length !== z * c * plane) throw new RangeError(`shape [${stack.shape.join(', ')}] needs ${z * c * plane} samples, got ${stack.data.length}`);
  const slice = (zi: number, ci: number) => stack.data.subarray((zi * c + ci) * plane, (zi * c + ci + 1) * plane);
  const ome = options.format === 'ome';
  const spacing = !ome && options.spacing !== false ? stack.spacing : undefined;
  const description = ome ? omeDescription(stack, options) : imagejDescription(stack, spacing, options.displayRange === true);
  const stream = createTiffStream({ width: x, height: y, dtype: stack.dtype, count: z * c, description, bigTiff: options.bigTiff === true ? true : 'auto', imagejContiguous: !ome });
  return {
    ...stream,
    plane: stream.plane,
    tail: stream.tail,
    count: z * c,
    planeData: (i) => (ome ? slice(i % z, Math.floor(i / z)) : slice(Math.floor(i / c), i % c)),
  };
}

/** The shape and metadata of a hyperstack to write plane by plane with {@link createHyperstackTiffStream}. */
export interface HyperstackLayout {
  /** (Z, C, Y, X). */
  shape: readonly [number, number, number, number];
  dtype: Dtype;
  ndim: 2 | 3;
  spacing?: Spacing;
  channelNames?: readonly string[];
}

/** A {@link TiffStream} for a hyperstack whose planes are produced one by one, in any order. */
export interface HyperstackTiffStream extends TiffStream {
  /** Number of pages (Z × C). */
  readonly count: number;
  /** Page index of slice z, channel c: ImageJ interleaves channels per slice, OME (XYZTC) lists each channel's slices. */
  pageOf(z: number, c: number): number;
  /** Byte offset of a page's pixel data in the file (pages are back to back after `head`). */
  offsetOf(page: number): number;
}

/**
 * The file {@link encodeTiff} writes for a hyperstack (same ImageJ or OME description, voxel size
 * and resolution tags; past 4 GiB, ImageJ's one-IFD large-stack layout for ImageJ files and BigTIFF
 * for OME files), described without its pixels, so a caller producing
 * planes one at a time writes `head`, each plane at `offsetOf(pageOf(z, c))`, then `tail()`.
 * `displayRange` is not available (it needs every value first).
 * @param layout - shape, dtype, voxel size, channel names
 * @param options - format, spacing, BigTIFF choice, image name
 * @returns the stream plan
 */
export function createHyperstackTiffStream(layout: HyperstackLayout, options: Omit<EncodeTiffOptions, 'displayRange'> = {}): HyperstackTiffStream {
  const [z, c, y, x] = layout.shape;
  const stack = { shape: layout.shape, ndim: layout.ndim, dtype: layout.dtype, data: new Uint8Array(0), ...(layout.spacing ? { spacing: layout.spacing } : {}), ...(layout.channelNames ? { channelNames: layout.channelNames } : {}) } as unknown as Hyperstack;
  const ome = options.format === 'ome';
  const spacing = !ome && options.spacing !== false ? layout.spacing : undefined;
  const description = ome ? omeDescription(stack, options) : imagejDescription(stack, spacing, false);
  const resolution = spacing ? { x: toRational(1 / spacing.x), y: toRational(1 / spacing.y) } : undefined;
  // ImageJ hyperstacks past 4 GiB use ImageJ's own large-stack layout (ImageJ 1.x cannot read BigTIFF);
  // OME files become BigTIFF.
  const stream = createTiffStream({ width: x, height: y, dtype: layout.dtype, count: z * c, description, bigTiff: options.bigTiff === true ? true : 'auto', imagejContiguous: !ome, ...(resolution ? { resolution } : {}) });
  const planeBytes = x * y * bytesPerSample(layout.dtype);
  return {
    ...stream,
    plane: stream.plane,
    tail: stream.tail,
    count: z * c,
    pageOf: (zi, ci) => (ome ? ci * z + zi : zi * c + ci),
    offsetOf: (page) => stream.head.length + page * planeBytes,
  };
}

/** 3D-RCAN's channel names, in output order (spec §3.10). */
export const RCAN_CHANNEL_NAMES = ['Raw', 'Restored', 'Ground Truth'] as const;

/**
 * Encode a volume or a (Z, C, Y, X) hyperstack as a little-endian, uncompressed, classic TIFF that
 * ImageJ/Fiji and tifffile read as a hyperstack — the layout 3D-RCAN's `apply.py` writes.
 *
 * @param image - a single-channel volume (written with channels = 1) or a hyperstack
 * @param options - container format and metadata choices
 * @returns the file bytes
 * @throws RangeError when the file would exceed the 4 GiB classic-TIFF limit, or data and shape disagree
 * @example
 * const bytes = encodeTiff(stackChannels([rawNorm, restored], ['Raw', 'Restored']));
 */
export function encodeTiff(image: Volume | Hyperstack, options: EncodeTiffOptions = {}): Uint8Array {
  if (options.bigTiff === true) {
    const stream = encodeTiffStream(image, options);
    const out = new Uint8Array(stream.size);
    out.set(stream.head, 0);
    let offset = stream.head.length;
    for (let i = 0; i < stream.count; i++) {
      const bytes = stream.plane(stream.planeData(i));
      out.set(bytes, offset);
      offset += bytes.length;
    }
    out.set(stream.tail(), offset + (offset % 2));
    return out;
  }
  const stack = asHyperstack(image);
  const [z, c, y, x] = stack.shape;
  const plane = y * x;
  // A shape over the classic-TIFF limit is reported by the writer (before it allocates anything).
  if (stack.data.length !== z * c * plane && z * c * plane * bytesPerSample(stack.dtype) <= CLASSIC_TIFF_MAX_BYTES) {
    throw new RangeError(`shape [${stack.shape.join(', ')}] needs ${z * c * plane} samples, got ${stack.data.length}`);
  }
  const slice = (zi: number, ci: number) => stack.data.subarray((zi * c + ci) * plane, (zi * c + ci + 1) * plane);

  if (options.format === 'ome') {
    const description = omeDescription(stack, options);
    return writeClassicTiff({
      width: x,
      height: y,
      dtype: stack.dtype,
      count: z * c,
      // XYZTC with T = 1: page = c * Z + z.
      plane: (i) => slice(i % z, Math.floor(i / z)),
      tags: (i) => (i === 0 ? [{ code: 270, type: 'ascii', value: description }] : []),
    });
  }

  const spacing = options.spacing !== false ? stack.spacing : undefined;
  const description = imagejDescription(stack, spacing, options.displayRange === true);
  const resolution = spacing ? resolutionTags(spacing) : [];
  return writeClassicTiff({
    width: x,
    height: y,
    dtype: stack.dtype,
    count: z * c,
    plane: (i) => slice(Math.floor(i / c), i % c),
    tags: (i) => (i === 0 ? [{ code: 270, type: 'ascii', value: description }, ...resolution] : resolution),
  });
}

function asHyperstack(image: Volume | Hyperstack): Hyperstack {
  if (image.shape.length === 4) return image as Hyperstack;
  const [z, y, x] = (image as Volume).shape;
  return { ...image, shape: [z, 1, y, x] } as Hyperstack;
}

/** The description tifffile writes for `imwrite(..., imagej=True)`, plus optional calibration and range. */
function imagejDescription(stack: Hyperstack, spacing: Spacing | undefined, displayRange: boolean): string {
  const [z, c] = stack.shape;
  const lines = ['ImageJ=1.11a', `images=${z * c}`];
  if (c > 1) lines.push(`channels=${c}`);
  if (z > 1) lines.push(`slices=${z}`);
  lines.push('hyperstack=true', 'mode=grayscale');
  if (spacing) {
    lines.push(`unit=${imagejUnit(spacing.unit)}`);
    if (stack.ndim === 3) lines.push(`spacing=${spacing.z}`);
  }
  if (displayRange) {
    const [min, max] = finiteRange(stack.data);
    lines.push(`min=${formatNumber(min)}`, `max=${formatNumber(max)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** ImageJ spells µm "micron" and escapes other non-ASCII characters as \uXXXX. */
function imagejUnit(unit: string): string {
  if (unit === 'µm' || unit === 'μm' || unit === 'um') return 'micron';
  return unit.replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

function resolutionTags(spacing: Spacing): TiffTag[] {
  return [
    { code: 282, type: 'rational', value: [toRational(1 / spacing.x)] },
    { code: 283, type: 'rational', value: [toRational(1 / spacing.y)] },
    { code: 296, type: 'short', value: [1] }, // ResolutionUnit none: ImageJ keeps the unit in the description
  ];
}

/** Pixels-per-unit as an unsigned rational, with a denominator of up to 10^6 as ImageJ writes it. */
function toRational(value: number): [number, number] {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`voxel size must be positive and finite, got resolution ${value}`);
  let den = 1_000_000;
  while (den > 1 && value * den > 0xffffffff) den = Math.floor(den / 10);
  const num = Math.min(0xffffffff, Math.max(1, Math.round(value * den)));
  return [num, den];
}

function finiteRange(data: ArrayLike<number>): [number, number] {
  const r = minMax(data);
  return r ? [r.min, r.max] : [0, 0];
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

/**
 * OME-XML in the legacy 2003 "FC" schema, as 3D-RCAN writes it (spec §3.10): `ChannelInfo` names,
 * `Pixels DimensionOrder="XYZTC"`, PixelType Uint8/Uint16/Float, one `TiffData` covering all planes.
 * Voxel size is not written: where the FC schema keeps it is unknown to us, and the original omits it.
 */
function omeDescription(stack: Hyperstack, options: EncodeTiffOptions): string {
  const [z, c, y, x] = stack.shape;
  const names = options.channelNames ?? stack.channelNames ?? RCAN_CHANNEL_NAMES;
  const pixelType = { uint8: 'Uint8', uint16: 'Uint16', float32: 'Float' }[stack.dtype];
  const lsid = 'urn:lsid:ome.xsd:';
  const pixelsId = `${lsid}Pixels:1`;
  const channels = Array.from({ length: c }, (_, i) =>
    [
      `    <ChannelInfo ID="${lsid}ChannelInfo:${i + 1}" Name="${xml(names[i] ?? `Channel ${i + 1}`)}">`,
      `      <ChannelComponent Pixels="${pixelsId}" Index="${i}"/>`,
      '    </ChannelInfo>',
    ].join('\n'),
  );
  return [
    '<OME xmlns="http://www.openmicroscopy.org/XMLschemas/OME/FC/ome.xsd">',
    `  <Image ID="${lsid}Image:1" Name="${xml(options.imageName ?? 'Unnamed')}">`,
    ...channels,
    `    <Pixels ID="${pixelsId}" DimensionOrder="XYZTC" PixelType="${pixelType}" BigEndian="false"` +
      ` SizeX="${x}" SizeY="${y}" SizeZ="${z}" SizeC="${c}" SizeT="1">`,
    `      <TiffData IFD="0" NumPlanes="${z * c}"/>`,
    '    </Pixels>',
    '  </Image>',
    '</OME>',
    '',
  ].join('\n');
}

function xml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);
}
