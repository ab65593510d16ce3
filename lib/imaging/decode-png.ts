import { decode } from 'fast-png';

import { InputError } from '../util/errors';
import type { Volume } from './volume';

/** Options for {@link decodePng}. */
export interface DecodePngOptions {
  /** How to name the file in error messages. @default 'input' */
  name?: string;
  /**
   * What to do with a colour (RGB/RGBA) PNG whose channels differ somewhere:
   * `refuse` throws an InputError; `labels` gives every distinct colour its own label, numbered
   * 1, 2, … in raster order of first appearance, with black (0,0,0) as background 0 — the usual
   * encoding of colour-coded instance masks. Colour PNGs whose R = G = B everywhere are always read
   * as grayscale.
   * @default 'refuse'
   */
  rgb?: 'refuse' | 'labels';
  /** Largest decoded image accepted, in bytes (checked from the header before decoding). @default 2 GiB */
  maxDecodedBytes?: number;
}

/** Samples per pixel of each PNG colour type. */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Refuse a PNG whose header declares more pixels than the file can hold (zlib inflates at most
 * ~1032:1) or than `maxBytes`, before fast-png allocates them (a mutated header asked for 1 GB;
 * found by the fuzz harness).
 */
function checkPngHeader(bytes: Uint8Array, name: string, maxBytes: number): void {
  // Signature (8), IHDR length (4), "IHDR" (4), width, height, depth, colour type.
  if (bytes.length < 26 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const depth = bytes[24]!;
  const channels = PNG_CHANNELS[bytes[25]!] ?? 4;
  const declared = width * height * channels * Math.max(1, depth / 8);
  const limit = Math.min(maxBytes, bytes.length * 1100);
  if (declared > limit) {
    throw new InputError(`${name} is not a readable PNG: its header declares ${width} × ${height} pixels (${declared} bytes), more than the file can hold or this reader accepts (${limit} bytes)`);
  }
}

/**
 * Decode a PNG (typically a label image for evaluation) into a 2D {@link Volume}.
 *
 * Rules: grayscale 1/2/4/8-bit → uint8 with the stored values (no rescaling, so labels stay labels);
 * 16-bit → uint16; palette (indexed) → the palette indices; alpha channels are ignored; colour
 * follows `options.rgb`.
 *
 * @param bytes - the whole file
 * @param options - name for messages and the colour rule
 * @returns a 2D volume (`ndim: 2`, shape `[1, height, width]`)
 * @throws InputError for corrupt files, colour images under `rgb: 'refuse'`, or more than 65535 colours
 */
export function decodePng(bytes: Uint8Array, options: DecodePngOptions = {}): Volume {
  const name = options.name ?? 'input';
  checkPngHeader(bytes, name, options.maxDecodedBytes ?? 2 * 1024 ** 3);
  let png: ReturnType<typeof decode>;
  try {
    png = decode(bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(`${name} is not a readable PNG: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  }
  const { width, height, channels, depth } = png;
  const samples = depth < 8 ? unpack(png.data as Uint8Array, width * channels, height, depth) : png.data;
  const shape = [1, height, width] as const;
  const n = width * height;
  const gray = depth === 16 ? new Uint16Array(n) : new Uint8Array(n);
  const colour = png.palette === undefined && channels >= 3;
  let equal = true;
  for (let i = 0; i < n; i++) {
    const base = i * channels;
    gray[i] = samples[base]!;
    if (colour && (samples[base + 1] !== samples[base] || samples[base + 2] !== samples[base])) equal = false;
  }
  if (colour && !equal) {
    if (options.rgb !== 'labels') {
      throw new InputError(
        `${name} is a colour PNG (${channels === 4 ? 'RGBA' : 'RGB'}) with differing channels; a label image must be ` +
          'grayscale (one integer label per pixel): save the mask as 8- or 16-bit grayscale, or pass rgb: "labels" to number its colours',
      );
    }
    return { shape, ndim: 2, dtype: 'uint16', data: colourLabels(samples, n, channels, name) } as Volume;
  }
  return { shape, ndim: 2, dtype: gray instanceof Uint16Array ? 'uint16' : 'uint8', data: gray } as Volume;
}

function colourLabels(samples: ArrayLike<number>, n: number, channels: number, name: string): Uint16Array {
  const ids = new Map<number, number>([[0, 0]]);
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const b = i * channels;
    // Exact key for 8- and 16-bit colours: r·2^32 + g·2^16 + b stays below 2^53.
    const key = samples[b]! * 2 ** 32 + samples[b + 1]! * 2 ** 16 + samples[b + 2]!;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      if (id > 65535) throw new InputError(`${name} has more than 65535 distinct colours; it does not look like a label image`);
      ids.set(key, id);
    }
    out[i] = id;
  }
  return out;
}

/** fast-png keeps 1/2/4-bit samples packed, rows padded to whole bytes; spread them to one per byte. */
function unpack(packed: Uint8Array, samplesPerRow: number, rows: number, depth: number): Uint8Array {
  const out = new Uint8Array(samplesPerRow * rows);
  const rowBytes = Math.ceil((samplesPerRow * depth) / 8);
  const mask = (1 << depth) - 1;
  for (let r = 0; r < rows; r++) {
    for (let s = 0; s < samplesPerRow; s++) {
      const bit = s * depth;
      const byte = packed[r * rowBytes + (bit >> 3)]!;
      out[r * samplesPerRow + s] = (byte >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}
