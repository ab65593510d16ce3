/**
 * Decompress one PackBits (TIFF compression 32773) run-length strip. The `tiff` package does not
 * support PackBits, which ImageJ and some microscope software still write.
 *
 * Each header byte n (as int8): 0…127 copies the next n+1 bytes; −127…−1 repeats the next byte
 * 1−n times; −128 is a no-op.
 *
 * @param input - the compressed strip
 * @param expected - the uncompressed strip length; decoding stops once it is reached
 * @returns the uncompressed bytes, exactly `expected` long
 * @throws RangeError when the data run out before `expected` bytes were produced
 */
export function unpackBits(input: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  let i = 0;
  let o = 0;
  while (o < expected) {
    if (i >= input.length) throw new RangeError(`PackBits data ended after ${o} of ${expected} bytes`);
    const n = (input[i++]! << 24) >> 24;
    if (n >= 0) {
      const len = Math.min(n + 1, expected - o);
      if (i + len > input.length) throw new RangeError(`PackBits data ended after ${o} of ${expected} bytes`);
      out.set(input.subarray(i, i + len), o);
      i += n + 1;
      o += len;
    } else if (n !== -128) {
      if (i >= input.length) throw new RangeError(`PackBits data ended after ${o} of ${expected} bytes`);
      const len = Math.min(1 - n, expected - o);
      out.fill(input[i++]!, o, o + len);
      o += len;
    }
  }
  return out;
}
