import { bytesPerSample, type Dtype, type VolumeData } from './volume';

/** One extra tag for {@link writeClassicTiff}: ASCII text, SHORTs, LONGs or RATIONALs. */
export type TiffTag =
  | { code: number; type: 'ascii'; value: string }
  | { code: number; type: 'short' | 'long'; value: readonly number[] }
  | { code: number; type: 'rational'; value: readonly (readonly [number, number])[] };

/** Input for {@link writeClassicTiff}. */
export interface ClassicTiffPlanes {
  width: number;
  height: number;
  dtype: Dtype;
  /** Number of pages. */
  count: number;
  /** The samples of page `i` (length `width * height`). */
  plane: (i: number) => VolumeData;
  /** Extra tags for page `i`, e.g. ImageDescription on page 0 and resolution on every page. */
  tags: (i: number) => readonly TiffTag[];
}

/** Largest file a classic TIFF can address: offsets are unsigned 32-bit. */
export const CLASSIC_TIFF_MAX_BYTES = 2 ** 32 - 1;

const TYPE_CODE = { ascii: 2, short: 3, long: 4, rational: 5 } as const;
const TYPE_SIZE = { ascii: 1, short: 2, long: 4, rational: 8 } as const;

/**
 * Write a little-endian, uncompressed, classic (32-bit offset) TIFF with one single-strip IFD per plane.
 *
 * Layout: header, IFD 0 and its values, then the pixel data of *all* planes back to back, then IFDs
 * 1…n−1. ImageJ reads stacks by taking the first strip offset and assuming the planes follow each
 * other, so the pixel data must be contiguous; tifffile uses the same layout.
 *
 * @param input - planes, size, dtype and per-page tags
 * @returns the file bytes
 * @throws RangeError when the file would exceed 4 GiB (classic TIFF; BigTIFF is not written)
 */
export function writeClassicTiff(input: ClassicTiffPlanes): Uint8Array {
  const { width, height, dtype, count } = input;
  const bps = bytesPerSample(dtype);
  const planeBytes = width * height * bps;
  const ifdSizes = Array.from({ length: count }, (_, i) => ifdSize(baseTags(input, i, 0, planeBytes)));
  const dataStart = align(8 + (ifdSizes[0] ?? 0));
  const dataEnd = dataStart + planeBytes * count;
  let total = align(dataEnd);
  for (let i = 1; i < count; i++) total = align(total + ifdSizes[i]!);
  if (total > CLASSIC_TIFF_MAX_BYTES) {
    throw new RangeError(
      `the TIFF would be ${(total / 2 ** 30).toFixed(2)} GiB, over the 4 GiB limit of classic TIFF; ` +
        'write a lower bit depth (-b 16 or -b 8), fewer channels, or split the stack',
    );
  }

  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49]);
  view.setUint16(2, 42, true);
  view.setUint32(4, 8, true);

  const ifdOffsets: number[] = [8];
  let cursor = align(dataEnd);
  for (let i = 1; i < count; i++) {
    ifdOffsets.push(cursor);
    cursor = align(cursor + ifdSizes[i]!);
  }
  for (let i = 0; i < count; i++) {
    const tags = baseTags(input, i, dataStart + i * planeBytes, planeBytes);
    writeIfd(view, ifdOffsets[i]!, tags, ifdOffsets[i + 1] ?? 0);
    writePlane(out, view, dataStart + i * planeBytes, input.plane(i));
  }
  return out;
}

function baseTags(input: ClassicTiffPlanes, i: number, stripOffset: number, planeBytes: number): TiffTag[] {
  const tags: TiffTag[] = [
    { code: 256, type: 'long', value: [input.width] },
    { code: 257, type: 'long', value: [input.height] },
    { code: 258, type: 'short', value: [bytesPerSample(input.dtype) * 8] },
    { code: 259, type: 'short', value: [1] }, // no compression
    { code: 262, type: 'short', value: [1] }, // BlackIsZero
    { code: 273, type: 'long', value: [stripOffset] },
    { code: 277, type: 'short', value: [1] },
    { code: 278, type: 'long', value: [input.height] }, // one strip per plane
    { code: 279, type: 'long', value: [planeBytes] },
    { code: 339, type: 'short', value: [input.dtype === 'float32' ? 3 : 1] },
    ...input.tags(i),
  ];
  return tags.sort((a, b) => a.code - b.code);
}

function valueBytes(tag: TiffTag): number {
  const n = tag.type === 'ascii' ? tag.value.length + 1 : tag.value.length;
  return n * TYPE_SIZE[tag.type];
}

function ifdSize(tags: readonly TiffTag[]): number {
  let size = 2 + tags.length * 12 + 4;
  for (const tag of tags) if (valueBytes(tag) > 4) size += align(valueBytes(tag));
  return size;
}

function writeIfd(view: DataView, offset: number, tags: readonly TiffTag[], next: number): void {
  view.setUint16(offset, tags.length, true);
  let extra = offset + 2 + tags.length * 12 + 4;
  for (const [k, tag] of tags.entries()) {
    const entry = offset + 2 + k * 12;
    const n = tag.type === 'ascii' ? tag.value.length + 1 : tag.value.length;
    view.setUint16(entry, tag.code, true);
    view.setUint16(entry + 2, TYPE_CODE[tag.type], true);
    view.setUint32(entry + 4, n, true);
    const size = valueBytes(tag);
    let at = entry + 8;
    if (size > 4) {
      view.setUint32(entry + 8, extra, true);
      at = extra;
      extra += align(size);
    }
    writeValue(view, at, tag);
  }
  view.setUint32(offset + 2 + tags.length * 12, next, true);
}

function writeValue(view: DataView, at: number, tag: TiffTag): void {
  if (tag.type === 'ascii') {
    for (let i = 0; i < tag.value.length; i++) {
      const code = tag.value.charCodeAt(i);
      if (code > 127) throw new RangeError(`TIFF ASCII tag ${tag.code} must be 7-bit ASCII, found character code ${code}`);
      view.setUint8(at + i, code);
    }
    view.setUint8(at + tag.value.length, 0);
  } else if (tag.type === 'rational') {
    tag.value.forEach(([num, den], i) => {
      view.setUint32(at + 8 * i, num, true);
      view.setUint32(at + 8 * i + 4, den, true);
    });
  } else {
    tag.value.forEach((v, i) => (tag.type === 'short' ? view.setUint16(at + 2 * i, v, true) : view.setUint32(at + 4 * i, v, true)));
  }
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function writePlane(out: Uint8Array, view: DataView, offset: number, plane: VolumeData): void {
  if (plane instanceof Uint8Array || HOST_LITTLE_ENDIAN) {
    out.set(new Uint8Array(plane.buffer, plane.byteOffset, plane.byteLength), offset);
  } else if (plane instanceof Uint16Array) {
    for (let i = 0; i < plane.length; i++) view.setUint16(offset + 2 * i, plane[i]!, true);
  } else {
    for (let i = 0; i < plane.length; i++) view.setFloat32(offset + 4 * i, plane[i]!, true);
  }
}

/** Word-align offsets, as the TIFF specification asks. */
function align(n: number): number {
  return n + (n % 2);
}
