// Decompression bombs and the bounded strip reader (issue 14). Each hostile file here decoded (slowly,
// or into wrong data) before the bounds existed.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { craftTiff, deflateBombTiff, stripPage, T } from '../../test/fuzz/craft-tiff';
import { hasPythonModules, needs, runPython, skipWithout } from '../../test/helpers/external-tools';
import { InputError } from '../util/errors';
import { inflateBounded, InflateLimitError, lzwDecodeBounded } from './decompress';
import { decodePng } from './decode-png';
import { decodeTiff } from './decode-tiff';

function refusal(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).not.toMatch(/\n/);
    return error as InputError;
  }
  throw new Error('expected an InputError, the file was decoded');
}

describe('decompression bombs', () => {
  it('refuses strips that all point at one blob before inflating any of them', () => {
    const bomb = deflateBombTiff({ strips: 40 });
    expect(bomb.length).toBeLessThan(60_000);
    expect(refusal(() => decodeTiff(bomb, { name: 'bomb.tif' })).message).toMatch(/^bomb\.tif is corrupt: its compressed strips reference more bytes \(\d+\) than the file holds \(\d+\), so they overlap/);
  });

  it('refuses a single strip that inflates past the bytes it should hold', () => {
    // 100 × 10 pixels declared, one strip inflating to 20 MB.
    const blob = zlibSync(new Uint8Array(20e6), { level: 9 });
    const file = craftTiff([blob], [stripPage({ width: 100, height: 10, compression: 8, rowsPerStrip: 10, offsets: [-1], counts: [blob.length] })]);
    expect(refusal(() => decodeTiff(file)).message).toMatch(/strip 0 inflates to more than the 1000 bytes it should hold/);
  });

  it('refuses a tile that inflates past its size (tiles go through the tiff package after this check)', () => {
    const blob = zlibSync(new Uint8Array(20e6), { level: 9 });
    const file = craftTiff([blob], [[
      { tag: T.width, type: 4, values: [16] }, { tag: T.height, type: 4, values: [16] }, { tag: T.bits, type: 3, values: [8] },
      { tag: T.compression, type: 3, values: [8] }, { tag: T.photometric, type: 3, values: [1] }, { tag: T.spp, type: 3, values: [1] },
      { tag: T.tileWidth, type: 4, values: [16] }, { tag: T.tileLength, type: 4, values: [16] },
      { tag: T.tileOffsets, type: 4, values: [-1] }, { tag: T.tileByteCounts, type: 4, values: [blob.length] },
    ]]);
    expect(refusal(() => decodeTiff(file)).message).toMatch(/tile 0 of page 1 inflates to more than the 256 bytes/);
  });

  it('refuses a tag claiming 2^30 values before the tiff package allocates them (found by the fuzz harness)', () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../test/fixtures/imaging/u8-le.tif', import.meta.url))).slice();
    const view = new DataView(bytes.buffer);
    const ifd = view.getUint32(4, true);
    // Entry 0's count: 2^30 values of its type, far past the end of the file.
    view.setUint32(ifd + 2 + 4, 2 ** 30, true);
    const before = process.memoryUsage().arrayBuffers;
    expect(refusal(() => decodeTiff(bytes)).message).toMatch(/tag \d+ of page 1 claims \d+ bytes of values at byte \d+ but the file has \d+/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50e6);
  });

  it('refuses a 1 × 1 image with 2^20 × 2^20 tiles instead of looping 10^12 times (found by the fuzz harness)', () => {
    const file = craftTiff([new Uint8Array(410)], [[
      { tag: T.width, type: 4, values: [1] }, { tag: T.height, type: 4, values: [1] }, { tag: T.bits, type: 3, values: [16] },
      { tag: T.compression, type: 3, values: [1] }, { tag: T.photometric, type: 3, values: [1] }, { tag: T.spp, type: 3, values: [1] },
      { tag: T.tileWidth, type: 4, values: [1 << 20] }, { tag: T.tileLength, type: 4, values: [1 << 20] },
      { tag: T.tileOffsets, type: 4, values: [-1] }, { tag: T.tileByteCounts, type: 4, values: [410] },
    ]]);
    expect(refusal(() => decodeTiff(file)).message).toMatch(/its 1048576 × 1048576 tiles cover \d+ bytes of pixels for a 1 × 1 image/);
  });

  it('refuses a declared size over maxDecodedBytes before allocating', () => {
    const bomb = deflateBombTiff({ strips: 4, blobMegabytes: 1 });
    expect(refusal(() => decodeTiff(bomb, { maxDecodedBytes: 100_000 })).message).toMatch(/too large to load here: .* over the 100000-byte limit/);
  });
});

describe('PNG headers', () => {
  it('refuses a header declaring more pixels than the file can hold before fast-png allocates them (found by the fuzz harness)', () => {
    const png = new Uint8Array(readFileSync(new URL('../../test/fixtures/imaging/labels-u8.png', import.meta.url))).slice();
    new DataView(png.buffer).setUint32(16, 40_000);
    new DataView(png.buffer).setUint32(20, 25_000);
    const before = process.memoryUsage().arrayBuffers;
    expect(refusal(() => decodePng(png, { name: 'mask.png' })).message).toMatch(/^mask\.png is not a readable PNG: its header declares 40000 × 25000 pixels/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50e6);
  });
});

describe('bounded decompressors', () => {
  it('inflateBounded stops at the cap and returns exact data below it', () => {
    const data = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 251);
    expect(Array.from(inflateBounded(zlibSync(data), 5000))).toEqual(Array.from(data));
    expect(() => inflateBounded(zlibSync(data), 4999)).toThrow(InflateLimitError);
  });

  it('lzwDecodeBounded reads the LZW fixtures and stops at the cap', () => {
    // 'ABABABA' style input is covered by the u8/u16 LZW fixtures in decode-tiff.test.ts; here: the cap.
    // Codes (9 bits, MSB first): clear, 'a', 'a', 258 ('aa'), EOI.
    const bits = [256, 97, 97, 258, 257].map((c) => c.toString(2).padStart(9, '0')).join('');
    const bytes = Uint8Array.from({ length: Math.ceil(bits.length / 8) }, (_, i) => parseInt(bits.slice(8 * i, 8 * i + 8).padEnd(8, '0'), 2));
    expect(new TextDecoder().decode(lzwDecodeBounded(bytes, 100))).toBe('aaaa');
    expect(() => lzwDecodeBounded(bytes, 3)).toThrow(InflateLimitError);
  });
});

const PY = hasPythonModules(['tifffile', 'numpy']);
describe.skipIf(skipWithout(PY, 'python3-tifffile'))(`predictor 2 strips through the bounded reader ${needs(PY, 'python3-tifffile')}`, () => {
  it('reads Deflate + horizontal differencing written by tifffile (uint16 and int8, several strips)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bombs-'));
    runPython(`
import sys, numpy as np, tifffile
a = (np.arange(60).reshape(3, 4, 5) * 1000 + 7).astype(np.uint16)
tifffile.imwrite(sys.argv[1] + '/u16.tif', a, compression='zlib', predictor=True, photometric='minisblack', metadata=None)
b = (np.arange(60).reshape(3, 4, 5) - 30).astype(np.int8)
tifffile.imwrite(sys.argv[1] + '/i8.tif', b, compression='zlib', predictor=True, photometric='minisblack', metadata=None, rowsperstrip=2)
`, [dir]);
    const u16 = decodeTiff(new Uint8Array(readFileSync(path.join(dir, 'u16.tif'))));
    expect(Array.from(u16.data)).toEqual(Array.from({ length: 60 }, (_, i) => i * 1000 + 7));
    const i8 = decodeTiff(new Uint8Array(readFileSync(path.join(dir, 'i8.tif'))));
    expect(Array.from(i8.data)).toEqual(Array.from({ length: 60 }, (_, i) => i - 30));
  });
});
