// Build TIFF files tag by tag, including ones no honest writer produces (strips sharing one blob,
// absurd sizes, offsets past the end). Used by the hostile-input tests and the fuzz generator.
import { zlibSync } from 'fflate';

/** One IFD entry: tag code, TIFF type (3 SHORT, 4 LONG, 2 ASCII, 5 RATIONAL) and values. */
export interface CraftTag {
  tag: number;
  type: 2 | 3 | 4 | 5;
  values: readonly number[] | string;
}

/** Tag codes used below. */
export const T = {
  width: 256, height: 257, bits: 258, compression: 259, photometric: 262, description: 270,
  stripOffsets: 273, spp: 277, rowsPerStrip: 278, stripByteCounts: 279, planar: 284,
  predictor: 317, tileWidth: 322, tileLength: 323, tileOffsets: 324, tileByteCounts: 325, sampleFormat: 339,
} as const;

const SIZE: Record<number, number> = { 2: 1, 3: 2, 4: 4, 5: 8 };

/**
 * Lay out a little-endian classic TIFF: header, then the data blobs, then the IFDs in order.
 * Tags whose values are `{ blob: i }` references are resolved to the blob's offset.
 *
 * @param blobs - raw data blocks (strips, tiles), placed after the header
 * @param pages - per page, its tags; a value `-(i + 1)` in StripOffsets/TileOffsets means "offset of blob i"
 * @param options - `loop` makes the last IFD point back at the first
 */
export function craftTiff(blobs: readonly Uint8Array[], pages: readonly CraftTag[][], options: { loop?: boolean } = {}): Uint8Array {
  const blobOffsets: number[] = [];
  let offset = 8;
  for (const b of blobs) {
    blobOffsets.push(offset);
    offset += b.length + (b.length % 2);
  }
  // Size of each IFD with its out-of-line values.
  const ifdStart: number[] = [];
  for (const tags of pages) {
    ifdStart.push(offset);
    let extra = 0;
    for (const t of tags) {
      const bytes = (typeof t.values === 'string' ? t.values.length + 1 : t.values.length) * SIZE[t.type]!;
      if (bytes > 4) extra += bytes + (bytes % 2);
    }
    offset += 2 + tags.length * 12 + 4 + extra;
  }
  const out = new Uint8Array(offset);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49]);
  view.setUint16(2, 42, true);
  view.setUint32(4, ifdStart[0] ?? 0, true);
  blobs.forEach((b, i) => out.set(b, blobOffsets[i]));
  pages.forEach((tags, p) => {
    const start = ifdStart[p]!;
    const sorted = [...tags].sort((a, b) => a.tag - b.tag);
    view.setUint16(start, sorted.length, true);
    let extraAt = start + 2 + sorted.length * 12 + 4;
    sorted.forEach((t, i) => {
      const at = start + 2 + i * 12;
      const values = typeof t.values === 'string' ? [...new TextEncoder().encode(`${t.values}\0`)] : t.values.map((v) => (v < 0 && (t.tag === T.stripOffsets || t.tag === T.tileOffsets) ? blobOffsets[-v - 1]! : v));
      const count = t.type === 5 ? values.length / 2 : values.length;
      view.setUint16(at, t.tag, true);
      view.setUint16(at + 2, t.type, true);
      view.setUint32(at + 4, count, true);
      const bytes = values.length * (t.type === 5 ? 4 : SIZE[t.type]!);
      let where = at + 8;
      if (bytes > 4) {
        view.setUint32(at + 8, extraAt, true);
        where = extraAt;
        extraAt += bytes + (bytes % 2);
      }
      values.forEach((v, k) => {
        if (t.type === 2) view.setUint8(where + k, v);
        else if (t.type === 3) view.setUint16(where + 2 * k, v, true);
        else view.setUint32(where + 4 * k, v >>> 0, true);
      });
    });
    const next = p + 1 < pages.length ? ifdStart[p + 1]! : options.loop ? ifdStart[0]! : 0;
    view.setUint32(start + 2 + sorted.length * 12, next, true);
  });
  return out;
}

/** The basic tags of a grayscale strip page. */
export function stripPage(o: { width: number; height: number; bits?: number; format?: number; compression?: number; rowsPerStrip: number; offsets: number[]; counts: number[]; extra?: CraftTag[] }): CraftTag[] {
  return [
    { tag: T.width, type: 4, values: [o.width] },
    { tag: T.height, type: 4, values: [o.height] },
    { tag: T.bits, type: 3, values: [o.bits ?? 8] },
    { tag: T.compression, type: 3, values: [o.compression ?? 1] },
    { tag: T.photometric, type: 3, values: [1] },
    { tag: T.stripOffsets, type: 4, values: o.offsets },
    { tag: T.spp, type: 3, values: [1] },
    { tag: T.rowsPerStrip, type: 4, values: [o.rowsPerStrip] },
    { tag: T.stripByteCounts, type: 4, values: o.counts },
    { tag: T.sampleFormat, type: 3, values: [o.format ?? 1] },
    ...(o.extra ?? []),
  ];
}

/**
 * The decompression bomb of issue 14: `strips` strips of `width × rowsPerStrip` 8-bit pixels, every
 * one pointing at the same Deflate blob that inflates to `blobMegabytes` MB of zeros.
 */
export function deflateBombTiff(o: { width?: number; rowsPerStrip?: number; strips?: number; blobMegabytes?: number } = {}): Uint8Array {
  const width = o.width ?? 1000;
  const rowsPerStrip = o.rowsPerStrip ?? 100;
  const strips = o.strips ?? 400;
  const blob = zlibSync(new Uint8Array((o.blobMegabytes ?? 50) * 1e6), { level: 9 });
  return craftTiff([blob], [stripPage({
    width, height: rowsPerStrip * strips, compression: 8, rowsPerStrip,
    offsets: Array(strips).fill(-1), counts: Array(strips).fill(blob.length),
  })]);
}
