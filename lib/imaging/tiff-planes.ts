import { InputError } from '../util/errors';
import { planeLayout, voxelSpacing, type DecodedTiff } from './decode-tiff';
import { inflateBounded, lzwDecodeBounded } from './decompress';
import { parseImagejDescription } from './parse-imagej-description';
import { parseOmeXml } from './parse-ome-xml';
import { samplesFromBytes, undoHorizontalDifferencing } from './read-raw-page';
import { unpackBits } from './unpack-bits';
import type { Dtype, VolumeData } from './volume';

/**
 * Random access to a file's bytes: the reader asks for small ranges (IFDs, one plane's strips) and
 * never for the whole file. Node: `lib/rcan/node/file-source.ts`; a browser `File` could use `slice`.
 */
export interface RandomAccessSource {
  /** File size in bytes. */
  readonly size: number;
  /** Exactly `length` bytes from `offset` (the reader checks bounds before asking). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** What a {@link TiffPlaneReader} knows before reading any pixel: `DecodedTiff` without `data`. */
export type TiffPlaneInfo = Omit<DecodedTiff, 'data'>;

/** A TIFF opened for plane-by-plane reading. */
export interface TiffPlaneReader {
  readonly info: TiffPlaneInfo;
  /** True for BigTIFF (version 43). */
  readonly bigTiff: boolean;
  /**
   * Decode plane `p` (0-based, file order: the order `decodeTiff` puts planes in `data`) into a new
   * array of `info.dtype`, with the same sample conversions as `decodeTiff`.
   */
  readPlane(p: number): Promise<VolumeData>;
}

/**
 * Thrown by {@link openTiffPlanes} for valid TIFFs this reader does not stream (tiles with a
 * predictor, 1-bit or 32/64-bit integer samples, pages that differ, …): the caller decodes the file
 * whole instead (`decodeTiff`), which reads them or refuses them with its own message.
 */
export class NotStreamableError extends Error {
  override name = 'NotStreamableError';
}

interface Page {
  width: number;
  height: number;
  bits: number;
  format: number;
  spp: number;
  compression: number;
  predictor: number;
  photometric: number;
  planar: number;
  rowsPerStrip: number;
  offsets: number[];
  counts: number[] | undefined;
  tileWidth: number | undefined;
  tileHeight: number | undefined;
  description: string | undefined;
  xResolution: number | undefined;
  yResolution: number | undefined;
  resolutionUnit: number | undefined;
}

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };
const MAX_PAGES = 1_000_000;
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Largest single plane accepted (bytes of samples), so a corrupt width × height cannot allocate gigabytes. */
const MAX_PLANE_BYTES = 2 ** 31 - 1;
const COMPRESSION_NAMES: Record<number, string> = { 1: 'none', 5: 'lzw', 8: 'deflate', 32946: 'deflate', 32773: 'packbits' };
const SOURCE_TYPES: Record<string, string> = { '8/1': 'uint8', '8/2': 'int8', '16/1': 'uint16', '16/2': 'int16', '32/3': 'float32', '64/3': 'float64' };

/**
 * Open a TIFF or BigTIFF for random access by plane: the header and the IFD chain are read once
 * (tag values only, a few kilobytes per page); each {@link TiffPlaneReader.readPlane} then reads
 * just that plane's strips or tiles. Memory is one plane at a time, whatever the file's size.
 *
 * Reads: classic and BigTIFF, either byte order; strips or tiles; uncompressed, LZW, Deflate or
 * PackBits (horizontal predictor on strips); 8/16-bit integer and 32/64-bit float samples, with
 * `decodeTiff`'s conversions (int8/int16/float64 → float32, WhiteIsZero inverted); ImageJ stacks
 * stored as one IFD with `images=N` contiguous planes (how ImageJ writes stacks over 4 GB); the
 * ImageJ/OME layout and voxel size as `decodeTiff` reports them.
 *
 * @param source - random access to the file
 * @param options - file name for messages
 * @returns the reader
 * @throws InputError for a file that is not a TIFF or is damaged (bounds and loops checked);
 *   NotStreamableError for a valid TIFF this reader leaves to `decodeTiff`
 */
export async function openTiffPlanes(source: RandomAccessSource, options: { name?: string } = {}): Promise<TiffPlaneReader> {
  const name = options.name ?? 'input';
  const size = source.size;
  if (size < 8) throw new InputError(`${name} is not a TIFF file: it has only ${size} bytes, a TIFF header alone needs 8`);
  const header = await source.read(0, Math.min(16, size));
  const hv = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const order = hv.getUint16(0, false);
  if (order !== 0x4949 && order !== 0x4d4d) throw new InputError(`${name} is not a TIFF file: it does not start with "II" or "MM"`);
  const le = order === 0x4949;
  const version = hv.getUint16(2, le);
  if (version !== 42 && version !== 43) throw new InputError(`${name} is not a TIFF file: version field is ${version}, expected 42 (or 43 for BigTIFF)`);
  const big = version === 43;
  const damaged = (what: string) => new InputError(`${name} is truncated or corrupt: ${what} (the file has ${size} bytes)`);
  if (big && (header.length < 16 || hv.getUint16(4, le) !== 8)) throw damaged('its BigTIFF header is incomplete or uses offsets other than 8 bytes');
  const safe = (v: bigint): number => {
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged('an offset is beyond 2^53');
    return Number(v);
  };
  const readAt = async (offset: number, length: number, what: string): Promise<DataView> => {
    if (offset < 0 || offset + length > size) throw damaged(`${what} lies at bytes ${offset}–${offset + length}`);
    const bytes = await source.read(offset, length);
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };

  const pages: Page[] = [];
  const seen = new Set<number>();
  let next = big ? safe(hv.getBigUint64(8, le)) : hv.getUint32(4, le);
  if (next === 0) throw new InputError(`${name} is a TIFF file with no images (first IFD offset is 0)`);
  while (next !== 0) {
    if (seen.has(next)) throw new InputError(`${name} is corrupt: its list of pages loops back to byte ${next}`);
    seen.add(next);
    if (pages.length >= MAX_PAGES) throw new InputError(`${name} is corrupt: more than ${MAX_PAGES} pages`);
    const countView = await readAt(next, big ? 8 : 2, `page ${pages.length + 1}'s IFD`);
    const n = big ? safe(countView.getBigUint64(0, le)) : countView.getUint16(0, le);
    const entrySize = big ? 20 : 12;
    const ifdBytes = (big ? 8 : 2) + n * entrySize + (big ? 8 : 4);
    const ifd = await readAt(next, ifdBytes, `page ${pages.length + 1}'s IFD`);
    const tags = new Map<number, number[] | string>();
    for (let k = 0; k < n; k++) {
      const e = (big ? 8 : 2) + k * entrySize;
      const code = ifd.getUint16(e, le);
      const type = ifd.getUint16(e + 2, le);
      const count = big ? safe(ifd.getBigUint64(e + 4, le)) : ifd.getUint32(e + 4, le);
      const unit = TYPE_SIZE[type];
      if (unit === undefined || !WANTED.has(code)) continue;
      const bytes = unit * count;
      const inline = bytes <= (big ? 8 : 4);
      const valueOffset = e + (big ? 12 : 8);
      const values = inline ? ifd : await readAt(big ? safe(ifd.getBigUint64(valueOffset, le)) : ifd.getUint32(valueOffset, le), bytes, `tag ${code} of page ${pages.length + 1}`);
      const base = inline ? valueOffset : 0;
      if (type === 2) {
        const chars = new Uint8Array(values.buffer, values.byteOffset + base, count);
        tags.set(code, new TextDecoder('latin1').decode(chars).replace(/\0+$/, ''));
        continue;
      }
      const out: number[] = new Array<number>(count);
      for (let i = 0; i < count; i++) {
        const p = base + i * unit;
        out[i] = type === 1 || type === 7 ? values.getUint8(p)
          : type === 3 ? values.getUint16(p, le)
          : type === 4 || type === 13 ? values.getUint32(p, le)
          : type === 16 ? safe(values.getBigUint64(p, le))
          : type === 5 ? values.getUint32(p, le) / values.getUint32(p + 4, le)
          : NaN;
      }
      tags.set(code, out);
    }
    pages.push(toPage(tags, name, pages.length + 1));
    const nextAt = (big ? 8 : 2) + n * entrySize;
    next = big ? safe(ifd.getBigUint64(nextAt, le)) : ifd.getUint32(nextAt, le);
  }

  const first = pages[0]!;
  const sourceType = SOURCE_TYPES[`${first.bits}/${first.format}`];
  if (!sourceType) throw new NotStreamableError(`${first.bits}-bit samples of format ${first.format}`);
  const key = (p: Page) => `${p.width}x${p.height}/${p.bits}/${p.format}/${p.spp}/${p.compression}/${p.predictor}/${p.photometric}/${p.tileWidth}x${p.tileHeight}`;
  for (const p of pages) if (key(p) !== key(first)) throw new NotStreamableError('pages differ in size, type or storage');
  if (!(first.compression in COMPRESSION_NAMES)) throw new NotStreamableError(`compression ${first.compression}`);
  if (first.spp > 1 && first.planar === 2) throw new NotStreamableError('planar RGB');
  if (![0, 1, 2, 3].includes(first.photometric)) throw new NotStreamableError(`photometric ${first.photometric}`);
  if (first.predictor !== 1 && (first.predictor !== 2 || first.format === 3 || first.tileWidth !== undefined || first.compression === 32773)) {
    throw new NotStreamableError(`predictor ${first.predictor}`);
  }
  const dtype: Dtype = sourceType === 'uint8' ? 'uint8' : sourceType === 'uint16' ? 'uint16' : 'float32';
  const { width, height, spp, bits } = first;
  if (!(width > 0 && height > 0)) throw damaged(`its pages are ${width} × ${height} pixels`);
  const rowBytes = width * spp * (bits / 8);
  const planeBytes = rowBytes * height;
  if (planeBytes > MAX_PLANE_BYTES) throw new InputError(`${name} has planes of ${width} × ${height} (${planeBytes} bytes), over the ${MAX_PLANE_BYTES}-byte limit for one plane`);
  const tiled = first.tileWidth !== undefined;
  if (tiled && !(first.tileWidth! > 0 && first.tileHeight! > 0 && first.tileWidth! * first.tileHeight! * spp * (bits / 8) <= MAX_PLANE_BYTES)) {
    throw damaged(`its tiles are ${first.tileWidth} × ${first.tileHeight} pixels`);
  }

  const description = first.description;
  const imagej = parseImagejDescription(description);
  const ome = imagej ? undefined : parseOmeXml(description);
  // ImageJ's layout for stacks over 4 GB: one IFD, `images=N`, planes back to back from the first strip.
  let planes = pages.length;
  let contiguous = false;
  if (pages.length === 1 && imagej?.images !== undefined && imagej.images > 1 && first.compression === 1 && !tiled) {
    const start = first.offsets[0] ?? 0;
    if (start + imagej.images * planeBytes <= size) {
      planes = imagej.images;
      contiguous = true;
    }
  }
  // Bounds of every uncompressed strip/tile are checked here, once, so readPlane cannot run off the file.
  const blockBytes = tiled ? first.tileWidth! * first.tileHeight! * spp * (bits / 8) : Math.min(first.rowsPerStrip || height, height) * rowBytes;
  for (const [i, p] of pages.entries()) {
    const expectBlocks = tiled ? Math.ceil(width / first.tileWidth!) * Math.ceil(height / first.tileHeight!) : Math.ceil(height / Math.min(first.rowsPerStrip || height, height));
    if (p.offsets.length < expectBlocks) throw damaged(`page ${i + 1} lists ${p.offsets.length} ${tiled ? 'tiles' : 'strips'}, its size needs ${expectBlocks}`);
    if (p.compression !== 1 && (p.counts === undefined || p.counts.length < p.offsets.length)) throw damaged(`page ${i + 1} has compressed blocks without byte counts`);
    for (const [k, offset] of p.offsets.entries()) {
      const length = p.compression !== 1 ? p.counts![k]! : tiled ? blockBytes : Math.min(blockBytes, planeBytes - k * blockBytes);
      if (length <= 0) continue;
      const end = offset + length + (contiguous ? (planes - 1) * planeBytes : 0);
      if (end > size) throw damaged(`${tiled ? 'tile' : 'strip'} ${k} of page ${i + 1} needs bytes up to ${end}`);
    }
  }

  // decodeTiff's bounds on work per file: uncompressed pixels must all be in the file; compressed
  // blocks may not reference more bytes than the file holds (blobs shared by many strips are how
  // decompression bombs are built), and inflate at most ~1100:1.
  const declared = planes * planeBytes;
  if (first.compression === 1 && declared > size) throw damaged(`it declares ${planes} plane(s) of ${width} × ${height} (${declared} bytes of pixels)`);
  if (first.compression !== 1) {
    let referenced = 0;
    for (const p of pages) for (let k = 0; k < p.offsets.length; k++) referenced += p.counts![k]!;
    if (referenced > size) throw new InputError(`${name} is corrupt: its compressed ${tiled ? 'tile' : 'strip'}s reference more bytes (${referenced}) than the file holds (${size}), so they overlap; this is how decompression bombs are built, refusing to inflate it`);
    if (declared > size * 1100) throw damaged(`it declares ${planes} plane(s) of ${width} × ${height} (${declared} bytes of pixels), more than its compressed data can hold`);
  }

  const layout = planeLayout(planes, imagej, ome);
  const spacing = voxelSpacing(first, imagej, ome);
  const info: TiffPlaneInfo = {
    width, height, planes, samplesPerPixel: spp, dtype, sourceType, ...layout,
    byteOrder: le ? 'little' : 'big', compression: COMPRESSION_NAMES[first.compression]!,
    ...(description !== undefined ? { description } : {}), ...(imagej ? { imagej } : {}), ...(ome ? { ome } : {}), ...(spacing ? { spacing } : {}),
  };
  const invertMax = first.photometric === 0 && dtype !== 'float32' ? 2 ** bits - 1 : 0;

  const inflate = (page: Page, k: number, data: Uint8Array, cap: number): Uint8Array => {
    try {
      if (page.compression === 32773) return unpackBits(data, cap);
      return page.compression === 5 ? lzwDecodeBounded(data, cap) : inflateBounded(data, cap);
    } catch (error) {
      throw new InputError(`${name} is corrupt: ${tiled ? 'tile' : 'strip'} ${k} ${(error as Error).message}`);
    }
  };

  const readRaw = async (p: number): Promise<Uint8Array> => {
    const page = contiguous ? first : pages[p]!;
    const shift = contiguous ? p * planeBytes : 0;
    if (!tiled && page.compression === 1) {
      const rowsPerStrip = Math.min(page.rowsPerStrip || height, height);
      const stripBytes = rowsPerStrip * rowBytes;
      // Strips back to back (the usual layout): one read for the whole plane.
      const start = page.offsets[0]! + shift;
      if (page.offsets.every((o, k) => k * stripBytes >= planeBytes || o === page.offsets[0]! + k * stripBytes)) return copy(await source.read(start, planeBytes));
      const out = new Uint8Array(planeBytes);
      for (let k = 0, written = 0; written < planeBytes; k++) {
        const want = Math.min(stripBytes, planeBytes - written);
        out.set(await source.read(page.offsets[k]! + shift, want), written);
        written += want;
      }
      return out;
    }
    if (!tiled) {
      const rowsPerStrip = Math.min(page.rowsPerStrip || height, height);
      const cap = rowsPerStrip * rowBytes;
      const out = new Uint8Array(planeBytes);
      for (let k = 0, written = 0; written < planeBytes; k++) {
        const want = Math.min(cap, planeBytes - written);
        const strip = inflate(page, k, await source.read(page.offsets[k]!, page.counts![k]!), page.compression === 32773 ? want : cap);
        if (strip.length < want) throw new InputError(`${name} is corrupt: strip ${k} of plane ${p + 1} inflates to ${strip.length} bytes, expected ${want}`);
        out.set(strip.subarray(0, want), written);
        written += want;
      }
      return out;
    }
    const tw = page.tileWidth!;
    const th = page.tileHeight!;
    const pixelBytes = spp * (bits / 8);
    const tileBytes = tw * th * pixelBytes;
    const across = Math.ceil(width / tw);
    const out = new Uint8Array(planeBytes);
    for (let k = 0; k < across * Math.ceil(height / th); k++) {
      const raw = page.compression === 1 ? await source.read(page.offsets[k]!, tileBytes) : await source.read(page.offsets[k]!, page.counts![k]!);
      const tile = page.compression === 1 ? raw : inflate(page, k, raw, tileBytes);
      if (tile.length < tileBytes) throw new InputError(`${name} is corrupt: tile ${k} of plane ${p + 1} holds ${tile.length} bytes, expected ${tileBytes}`);
      const x0 = (k % across) * tw;
      const y0 = Math.floor(k / across) * th;
      const w = Math.min(tw, width - x0) * pixelBytes;
      for (let y = 0; y < th && y0 + y < height; y++) out.set(tile.subarray(y * tw * pixelBytes, y * tw * pixelBytes + w), (y0 + y) * rowBytes + x0 * pixelBytes);
    }
    return out;
  };

  return {
    info,
    bigTiff: big,
    async readPlane(p: number): Promise<VolumeData> {
      if (!(Number.isInteger(p) && p >= 0 && p < planes)) throw new RangeError(`plane ${p} is outside 0…${planes - 1}`);
      const raw = await readRaw(p);
      const samples = le === HOST_LITTLE_ENDIAN && bits === 16 && first.format === 1 ? new Uint16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2)
        : le === HOST_LITTLE_ENDIAN && bits === 32 && first.format === 3 ? new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4)
        : samplesFromBytes(raw, bits, first.format, le);
      if (first.predictor === 2) undoHorizontalDifferencing(samples, width, spp);
      const n = width * height * spp;
      if (invertMax === 0 && ((dtype === 'uint8' && samples instanceof Uint8Array) || (dtype === 'uint16' && samples instanceof Uint16Array) || (dtype === 'float32' && samples instanceof Float32Array))) return samples;
      const out = dtype === 'uint8' ? new Uint8Array(n) : dtype === 'uint16' ? new Uint16Array(n) : new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = invertMax > 0 ? invertMax - samples[i]! : samples[i]!;
      return out;
    },
  };
}

/** Tags the reader needs; others are skipped without reading their values. */
const WANTED = new Set([256, 257, 258, 259, 262, 270, 273, 277, 278, 279, 282, 283, 284, 296, 317, 322, 323, 324, 325, 339]);

function toPage(tags: Map<number, number[] | string>, name: string, index: number): Page {
  const num = (code: number, fallback?: number): number => {
    const v = tags.get(code);
    const value = Array.isArray(v) ? v[0] : undefined;
    if (value === undefined || Number.isNaN(value)) {
      if (fallback === undefined) throw new InputError(`${name} is truncated or corrupt: page ${index} lacks tag ${code}`);
      return fallback;
    }
    return value;
  };
  const list = (code: number): number[] | undefined => {
    const v = tags.get(code);
    return Array.isArray(v) ? v : undefined;
  };
  const tiled = tags.has(322) || tags.has(324);
  const description = tags.get(270);
  const bitsList = list(258);
  const optional = (code: number) => (Array.isArray(tags.get(code)) ? num(code) : undefined);
  return {
    width: num(256),
    height: num(257),
    bits: bitsList?.[0] ?? 1,
    format: num(339, 1),
    spp: num(277, 1),
    compression: num(259, 1),
    predictor: num(317, 1),
    photometric: num(262, 1),
    planar: num(284, 1),
    rowsPerStrip: num(278, 0),
    offsets: (tiled ? list(324) : list(273)) ?? [],
    counts: tiled ? list(325) : list(279),
    tileWidth: tiled ? num(322) : undefined,
    tileHeight: tiled ? num(323) : undefined,
    description: typeof description === 'string' ? description : undefined,
    xResolution: optional(282),
    yResolution: optional(283),
    resolutionUnit: optional(296),
  };
}

/** A read may return a view of a shared buffer; sample conversion needs its own aligned bytes. */
function copy(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}
