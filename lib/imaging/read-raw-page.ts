import { inflateBounded, lzwDecodeBounded } from './decompress';
import { unpackBits } from './unpack-bits';

/** The strip layout of one uncompressed or PackBits page, as read from its IFD. */
export interface RawPageLayout {
  width: number;
  height: number;
  samplesPerPixel: number;
  /** 1, 8, 16, 32 or 64; 1-bit rows are padded to whole bytes. */
  bitsPerSample: number;
  /** 1 (none), 5 (LZW), 8 or 32946 (Deflate) or 32773 (PackBits). */
  compression: 1 | 5 | 8 | 32946 | 32773;
  rowsPerStrip: number;
  stripOffsets: readonly number[];
  stripByteCounts: readonly number[];
}

/**
 * Read the uncompressed bytes of one strip-organized page (none, PackBits, LZW or Deflate).
 * Compressed strips are inflated to at most one strip's worth of bytes: a strip that would inflate
 * further is refused before the extra bytes exist (decompression bombs).
 *
 * @param bytes - the whole file
 * @param page - strip layout of the page
 * @returns `height` rows of `ceil(width * samplesPerPixel * bitsPerSample / 8)` bytes, in file byte order
 * @throws RangeError when a strip lies outside the file or holds too few bytes
 */
export function readRawPage(bytes: Uint8Array, page: RawPageLayout): Uint8Array {
  const rowBytes = Math.ceil((page.width * page.samplesPerPixel * page.bitsPerSample) / 8);
  const total = rowBytes * page.height;
  const rowsPerStrip = Math.min(page.rowsPerStrip || page.height, page.height);
  const out = new Uint8Array(total);
  let written = 0;
  for (let s = 0; s < page.stripOffsets.length && written < total; s++) {
    const offset = page.stripOffsets[s]!;
    const want = Math.min(rowsPerStrip * rowBytes, total - written);
    // Some writers omit StripByteCounts for uncompressed data; the strip is then exactly `want` long.
    const count = page.stripByteCounts[s] ?? want;
    if (offset + Math.min(count, page.compression === 1 ? want : count) > bytes.length) {
      throw new RangeError(`strip ${s} needs bytes up to ${offset + count} but the file has ${bytes.length}`);
    }
    if (page.compression === 1) {
      if (count < want) throw new RangeError(`strip ${s} holds ${count} bytes, expected ${want}`);
      out.set(bytes.subarray(offset, offset + want), written);
    } else if (page.compression === 32773) {
      out.set(unpackBits(bytes.subarray(offset, offset + count), want), written);
    } else {
      const cap = rowsPerStrip * rowBytes;
      const data = bytes.subarray(offset, offset + count);
      let strip: Uint8Array;
      try {
        strip = page.compression === 5 ? lzwDecodeBounded(data, cap) : inflateBounded(data, cap);
      } catch (error) {
        throw new RangeError(`strip ${s} ${(error as Error).message}`);
      }
      if (strip.length < want) throw new RangeError(`strip ${s} inflates to ${strip.length} bytes, expected ${want}`);
      out.set(strip.subarray(0, want), written);
    }
    written += want;
  }
  if (written < total) throw new RangeError(`the strips hold ${written} of the ${total} bytes the page needs`);
  return out;
}

/**
 * Spread 1-bit samples (rows padded to whole bytes, most significant bit first) to one byte each.
 *
 * @param raw - packed rows
 * @param samplesPerRow - width × samples per pixel
 * @param rows - number of rows
 * @returns 0/1 values
 */
export function expandBits(raw: Uint8Array, samplesPerRow: number, rows: number): Uint8Array {
  const out = new Uint8Array(samplesPerRow * rows);
  const rowBytes = Math.ceil(samplesPerRow / 8);
  for (let r = 0; r < rows; r++) {
    for (let s = 0; s < samplesPerRow; s++) out[r * samplesPerRow + s] = (raw[r * rowBytes + (s >> 3)]! >> (7 - (s & 7))) & 1;
  }
  return out;
}

/**
 * Convert raw sample bytes in file byte order to a typed array.
 *
 * @param raw - sample bytes
 * @param bitsPerSample - 8, 16, 32 or 64 (64: float or integer)
 * @param sampleFormat - 1 unsigned, 2 signed, 3 float
 * @param littleEndian - file byte order
 * @returns Uint8/Int8/Uint16/Int16/Float32/Float64 array
 * @throws RangeError for other combinations
 */
export function samplesFromBytes(
  raw: Uint8Array,
  bitsPerSample: number,
  sampleFormat: number,
  littleEndian: boolean,
): Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const key = `${bitsPerSample}/${sampleFormat}`;
  switch (key) {
    case '8/1':
      return raw;
    case '8/2':
      return new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    case '16/1':
    case '16/2': {
      const n = raw.byteLength / 2;
      const out = sampleFormat === 1 ? new Uint16Array(n) : new Int16Array(n);
      for (let i = 0; i < n; i++) out[i] = sampleFormat === 1 ? view.getUint16(2 * i, littleEndian) : view.getInt16(2 * i, littleEndian);
      return out;
    }
    case '32/1':
    case '32/2': {
      const n = raw.byteLength / 4;
      const out = sampleFormat === 1 ? new Uint32Array(n) : new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = sampleFormat === 1 ? view.getUint32(4 * i, littleEndian) : view.getInt32(4 * i, littleEndian);
      return out;
    }
    case '32/3': {
      const n = raw.byteLength / 4;
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, littleEndian);
      return out;
    }
    case '64/1':
    case '64/2': {
      // 64-bit integer labels (scikit-image's default): exact as doubles up to 2^53; the caller
      // refuses values its output type cannot hold.
      const n = raw.byteLength / 8;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(sampleFormat === 1 ? view.getBigUint64(8 * i, littleEndian) : view.getBigInt64(8 * i, littleEndian));
      return out;
    }
    case '64/3': {
      const n = raw.byteLength / 8;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(8 * i, littleEndian);
      return out;
    }
    default:
      throw new RangeError(`unsupported sample type: ${bitsPerSample}-bit, SampleFormat ${sampleFormat}`);
  }
}

/**
 * Undo TIFF predictor 2 (horizontal differencing) in place: each sample is stored as the difference
 * to the sample `samplesPerPixel` to its left in the same row. Integer arrays wrap as the file did.
 *
 * @param samples - one page, rows of `width * samplesPerPixel` samples
 * @param width - pixels per row
 * @param samplesPerPixel - interleaved samples per pixel
 */
export function undoHorizontalDifferencing(samples: { length: number; [i: number]: number }, width: number, samplesPerPixel: number): void {
  const rowLength = width * samplesPerPixel;
  for (let row = 0; row + rowLength <= samples.length; row += rowLength) {
    for (let i = samplesPerPixel; i < rowLength; i++) samples[row + i] = samples[row + i]! + samples[row + i - samplesPerPixel]!;
  }
}
