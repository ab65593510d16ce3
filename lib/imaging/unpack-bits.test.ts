import { describe, expect, it } from 'vitest';

import { unpackBits } from './unpack-bits';

describe('unpackBits', () => {
  it('decodes the example of the TIFF 6.0 specification (section 9)', () => {
    const packed = [0xfe, 0xaa, 0x02, 0x80, 0x00, 0x2a, 0xfd, 0xaa, 0x03, 0x80, 0x00, 0x2a, 0x22, 0xf7, 0xaa];
    const unpacked = [
      0xaa, 0xaa, 0xaa, 0x80, 0x00, 0x2a, 0xaa, 0xaa, 0xaa, 0xaa, 0x80, 0x00, 0x2a, 0x22,
      0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
    ];
    expect(Array.from(unpackBits(new Uint8Array(packed), unpacked.length))).toEqual(unpacked);
  });

  it('skips the −128 no-op header', () => {
    expect(Array.from(unpackBits(new Uint8Array([0x80, 0x00, 0x05]), 1))).toEqual([5]);
  });

  it('throws a RangeError when the data run out', () => {
    expect(() => unpackBits(new Uint8Array([0x05, 1, 2]), 6)).toThrow(RangeError);
  });
});
