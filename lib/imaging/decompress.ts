import { Inflate } from 'fflate';

/**
 * Decompression that stops as soon as the output would pass `cap` bytes. A strip or tile never
 * needs more than its declared size, so a block that inflates further is refused before the extra
 * bytes are produced: the work per file stays proportional to the pixels it declares, whatever the
 * compressed data claim (decompression bombs, issue 14).
 */

/** Thrown (as RangeError) when a block would inflate past its cap. */
export class InflateLimitError extends RangeError {
  override name = 'InflateLimitError';
}

/** Bytes of compressed input fed to the inflater at a time; each can inflate to ≤ ~1 MB. */
const CHUNK = 1024;

/**
 * Inflate zlib-wrapped (TIFF compression 8/32946) or raw Deflate data, at most `cap` bytes.
 *
 * @param data - compressed block
 * @param cap - largest acceptable output
 * @returns the inflated bytes (may be shorter than `cap`)
 * @throws InflateLimitError when the output would pass `cap`; Error for corrupt data
 */
export function inflateBounded(data: Uint8Array, cap: number): Uint8Array {
  let input = data;
  // zlib header: CM = 8 (deflate) and the 16-bit header is a multiple of 31.
  if (data.length >= 2 && (data[0]! & 0x0f) === 8 && ((data[0]! << 8) | data[1]!) % 31 === 0) input = data.subarray(2);
  const parts: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > cap) throw new InflateLimitError(`inflates to more than the ${cap} bytes it should hold`);
    if (chunk.length > 0) parts.push(chunk);
    if (final) done = true;
  });
  for (let at = 0; at < input.length && !done; at += CHUNK) {
    const end = Math.min(at + CHUNK, input.length);
    // The zlib trailer (Adler-32) follows the final block; once the stream says final we stop.
    inflater.push(input.subarray(at, end), end === input.length);
  }
  return concat(parts, total);
}

/**
 * Decode TIFF LZW (MSB-first codes, early change), at most `cap` bytes.
 *
 * @param data - compressed block
 * @param cap - largest acceptable output
 * @returns the decoded bytes
 * @throws InflateLimitError when the output would pass `cap`; RangeError for an invalid code
 */
export function lzwDecodeBounded(data: Uint8Array, cap: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, cap));
  // Each table entry: previous entry, its last byte, its length.
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const length = new Uint16Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    length[i] = 1;
  }
  let next = 258;
  let width = 9;
  let written = 0;
  let old = -1;
  let bitPos = 0;
  const totalBits = data.length * 8;
  const emit = (code: number): number => {
    const len = length[code]!;
    if (written + len > cap) throw new InflateLimitError(`inflates to more than the ${cap} bytes it should hold`);
    let c = code;
    for (let k = len - 1; k >= 0; k--) {
      out[written + k] = suffix[c]!;
      c = prefix[c]!;
    }
    const first = out[written]!;
    written += len;
    return first;
  };
  while (bitPos + width <= totalBits) {
    // Read `width` bits, most significant first.
    let code = 0;
    for (let b = 0; b < width; b++) {
      const pos = bitPos + b;
      code = (code << 1) | ((data[pos >> 3]! >> (7 - (pos & 7))) & 1);
    }
    bitPos += width;
    if (code === 257) break;
    if (code === 256) {
      next = 258;
      width = 9;
      old = -1;
      continue;
    }
    if (old === -1) {
      if (code > 255) throw new RangeError(`invalid LZW code ${code} after a clear code`);
      emit(code);
      old = code;
      continue;
    }
    let first: number;
    if (code < next) {
      first = emit(code);
    } else if (code === next) {
      // KwKwK case: the string of `old` plus its own first byte.
      const start = written;
      emit(old);
      if (written + 1 > cap) throw new InflateLimitError(`inflates to more than the ${cap} bytes it should hold`);
      out[written++] = out[start]!;
      first = out[start]!;
    } else {
      throw new RangeError(`invalid LZW code ${code} (table has ${next} entries)`);
    }
    if (next < 4096) {
      prefix[next] = old;
      suffix[next] = first;
      length[next] = Math.min(65535, length[old]! + 1);
      next++;
    }
    old = code;
    // Early change: widen one code before the table fills the current width.
    if (next + 1 >= 1 << width && width < 12) width++;
  }
  return out.subarray(0, written);
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
