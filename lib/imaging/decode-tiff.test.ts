import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { createRng } from '../synth';
import { InputError } from '../util/errors';
import { decodeImage } from './decode-image';
import { decodeTiff } from './decode-tiff';
import { encodeTiff } from './encode-tiff';
import { createVolume } from './volume';
import { toHyperstack } from './to-hyperstack';
import { toSingleChannelVolume } from './to-single-channel-volume';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../test/fixtures/imaging/${name}`, import.meta.url))));

/** The fixture formulas from test/fixtures/README.md, recomputed here. */
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const U8 = range(60).map((i) => (3 * i) % 256);
const U16 = range(60).map((i) => 1000 * i + 7);
const F32 = range(60).map((i) => (i - 30) / 8);

function expectInputError(run: () => unknown, pattern: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InputError);
  expect((caught as Error).message).toMatch(pattern);
  // One line, no stack in the message.
  expect((caught as Error).message).not.toMatch(/\n|\bat .*\.(js|ts):\d+/);
}

describe('decodeTiff', () => {
  it.each([
    ['u8-le.tif', 'uint8', 'little', 'none', U8],
    ['u16-le.tif', 'uint16', 'little', 'none', U16],
    ['u16-be.tif', 'uint16', 'big', 'none', U16],
    ['f32-le.tif', 'float32', 'little', 'none', F32],
    ['f32-be.tif', 'float32', 'big', 'none', F32],
    ['u16-deflate.tif', 'uint16', 'little', 'deflate', U16],
    ['f32-deflate-be.tif', 'float32', 'big', 'deflate', F32],
    ['u8-lzw.tif', 'uint8', 'little', 'lzw', U8],
    ['u16-lzw.tif', 'uint16', 'little', 'lzw', U16],
  ])('reads %s as a %s Z=3 stack (%s-endian, compression %s)', (name, dtype, order, compression, expected) => {
    const decoded = decodeTiff(fixture(name));
    expect(decoded.dtype).toBe(dtype);
    expect(decoded.byteOrder).toBe(order);
    expect(decoded.compression).toBe(compression);
    expect([decoded.planes, decoded.height, decoded.width]).toEqual([3, 4, 5]);
    expect(Array.from(decoded.data)).toEqual(expected);
    const volume = toSingleChannelVolume(decoded);
    expect(volume.shape).toEqual([3, 4, 5]);
    expect(volume.ndim).toBe(3);
  });

  it('reads PackBits strips, which the tiff package does not support', () => {
    const decoded = decodeTiff(fixture('u8-packbits.tif'));
    expect(decoded.compression).toBe('packbits');
    const expected: number[] = [];
    for (let z = 0; z < 3; z++) for (let y = 0; y < 4; y++) for (let x = 0; x < 40; x++) expected.push(x < 30 ? 10 * z + y : 100 + x - 30);
    expect(Array.from(decoded.data)).toEqual(expected);
  });

  it('reads tiled pages', () => {
    const decoded = decodeTiff(fixture('u16-tiled.tif'));
    expect([decoded.planes, decoded.height, decoded.width]).toEqual([2, 32, 48]);
    expect(Array.from(decoded.data)).toEqual(range(2 * 32 * 48).map((i) => i % 65536));
  });

  it('converts signed 16-bit samples to float32 with their sign', () => {
    const decoded = decodeTiff(fixture('i16-le.tif'));
    expect(decoded.sourceType).toBe('int16');
    expect(decoded.dtype).toBe('float32');
    expect(Array.from(decoded.data)).toEqual(range(60).map((i) => 100 * i - 3000));
  });

  it('reads 32-bit integer label images (the tifffile default for masks) exactly, in both byte orders', () => {
    const signed = decodeTiff(fixture('i32-labels-le.tif'));
    expect(signed.sourceType).toBe('int32');
    expect(signed.dtype).toBe('float32');
    expect(Array.from(signed.data)).toEqual(range(60).map((i) => 70001 * i - 500000));
    const unsigned = decodeTiff(fixture('u32-labels-be.tif'));
    expect(unsigned.sourceType).toBe('uint32');
    expect(unsigned.byteOrder).toBe('big');
    expect(Array.from(unsigned.data)).toEqual(range(60).map((i) => 70001 * i));
  });

  it('reads Deflate-compressed 32-bit integer labels through the bounded strip reader', () => {
    const labels = decodeTiff(fixture('i32-deflate.tif'));
    expect(labels.sourceType).toBe('int32');
    expect(labels.compression).toBe('deflate');
    expect(Array.from(labels.data)).toEqual(range(60));
  });

  it('reads a bilevel (1-bit) mask with byte-padded rows and no BitsPerSample tag', () => {
    const decoded = decodeTiff(fixture('mask-1bit.tif'));
    expect(decoded.sourceType).toBe('bit');
    expect(Array.from(decoded.data)).toEqual(range(40).map((i) => (i % 3 === 0 ? 1 : 0)));
  });

  it('reads a single page as a 2D image', () => {
    const volume = toSingleChannelVolume(decodeTiff(fixture('u16-2d.tif')));
    expect(volume.ndim).toBe(2);
    expect(volume.shape).toEqual([1, 4, 5]);
    expect(Array.from(volume.data)).toEqual(U16.slice(0, 20));
  });

  it('reads ImageJ hyperstack metadata and voxel size', () => {
    const decoded = decodeTiff(fixture('imagej-zcyx-u16.tif'));
    expect(decoded.imagej).toMatchObject({ images: 6, channels: 2, slices: 3, hyperstack: true, spacing: 0.5, unit: 'um' });
    expect(decoded.dims).toEqual({ t: 1, z: 3, c: 2 });
    expect(decoded.spacing).toEqual({ x: 0.25, y: 0.25, z: 0.5, unit: 'µm' });
    const stack = toHyperstack(decoded);
    expect(stack.shape).toEqual([3, 2, 4, 5]);
    expect(Array.from(stack.data)).toEqual(range(120).map((i) => 10 * i));
  });

  it('reads an ImageJ single-channel float stack', () => {
    const volume = toSingleChannelVolume(decodeTiff(fixture('imagej-zyx-f32.tif')));
    expect(volume.shape).toEqual([3, 4, 5]);
    expect(Array.from(volume.data)).toEqual(F32);
  });

  it('reads a frames-only ImageJ stack as Z, as tifffile.imread squeezes it', () => {
    const volume = toSingleChannelVolume(decodeTiff(fixture('imagej-tyx-u8.tif')));
    expect(volume.shape).toEqual([3, 4, 5]);
    expect(Array.from(volume.data)).toEqual(U8);
  });

  it('reads the planes of a one-IFD ImageJ stack (the layout ImageJ uses over 4 GB) from images=N', () => {
    const bytes = encodeTiff(createVolume(Uint16Array.from(range(60), (i) => 1000 * i + 7), [3, 4, 5])).slice();
    // Cut the IFD chain after the first page; the description still says images=3.
    const view = new DataView(bytes.buffer);
    const count = view.getUint16(8, true);
    view.setUint32(8 + 2 + 12 * count, 0, true);
    const decoded = decodeTiff(bytes);
    expect(decoded.planes).toBe(3);
    expect(Array.from(decoded.data)).toEqual(U16);
  });

  it('reorders an OME-TIFF (C, Z planes) into Z, C and keeps channel names and voxel size', () => {
    const decoded = decodeTiff(fixture('ome-czyx-f32.tif'));
    expect(decoded.ome).toMatchObject({ sizeC: 2, sizeZ: 3, sizeT: 1, channelNames: ['Raw', 'Restored'] });
    expect(decoded.spacing).toEqual({ x: 0.1, y: 0.1, z: 0.3, unit: 'µm' });
    const stack = toHyperstack(decoded);
    expect(stack.shape).toEqual([3, 2, 4, 5]);
    expect(stack.channelNames).toEqual(['Raw', 'Restored']);
    // File value at (c, z, y, x) is flat CZYX index / 4; check every voxel at its ZCYX position.
    for (let z = 0; z < 3; z++) {
      for (let c = 0; c < 2; c++) {
        for (let p = 0; p < 20; p++) {
          expect(stack.data[(z * 2 + c) * 20 + p]).toBe(((c * 3 + z) * 20 + p) / 4);
        }
      }
    }
  });
});

describe('toSingleChannelVolume refusals', () => {
  it('refuses a 2-channel ImageJ hyperstack and says how to split it', () => {
    expectInputError(() => toSingleChannelVolume(decodeTiff(fixture('imagej-zcyx-u16.tif')), { name: 'cells.tif' }), /cells\.tif has 2 channels \(ImageJ hyperstack c=2\).*Split Channels/);
  });

  it('refuses a 2D 2-channel image saved the way Fiji saves multichannel images (mode=composite)', () => {
    expectInputError(() => toSingleChannelVolume(decodeTiff(fixture('imagej-cyx-composite-u8.tif'))), /2 channels/);
  });

  it('reads a grayscale channels-only ImageJ stack (tifffile imagej=True without axes) as Z, as the original does', () => {
    const decoded = decodeTiff(fixture('imagej-cyx-u8.tif'));
    expect(decoded.dims.c).toBe(2);
    const volume = toSingleChannelVolume(decoded);
    expect(volume.shape).toEqual([2, 4, 5]);
    expect(volume.ndim).toBe(3);
    // Voxel i of the C-order (2, 4, 5) array is i mod 256: the channel planes become the slices in order.
    expect(Array.from(volume.data)).toEqual(Array.from({ length: 40 }, (_, i) => i % 256));
  });

  it('refuses a 4D (time × Z) stack', () => {
    expectInputError(() => toSingleChannelVolume(decodeTiff(fixture('imagej-tzyx-u8.tif'))), /4D .*3 slices × 2 time points.*each time point/);
  });

  it('refuses an RGB image', () => {
    expectInputError(() => toSingleChannelVolume(decodeTiff(fixture('rgb-u8.tif'))), /RGB image \(3 samples per pixel\)/);
  });

  it('refuses a planar RGB image in the decoder', () => {
    expectInputError(() => decodeTiff(fixture('rgb-planar-u8.tif')), /planar RGB/);
  });

  it('refuses a 2-channel OME-TIFF', () => {
    expectInputError(() => toSingleChannelVolume(decodeTiff(fixture('ome-czyx-f32.tif'))), /2 channels \(OME-TIFF c=2\)/);
  });
});

describe('decodeTiff on broken input', () => {
  it('names a truncated file as truncated', () => {
    const bytes = fixture('u16-le.tif');
    // Keep the header and first IFD (tifffile writes it first) but cut into the pixel data.
    expectInputError(() => decodeTiff(bytes.subarray(0, 200), { name: 'cut.tif' }), /cut\.tif is truncated/);
  });

  it('names a file cut inside its header as not a TIFF', () => {
    expectInputError(() => decodeTiff(fixture('u8-le.tif').subarray(0, 5)), /not a TIFF file: it has only 5 bytes/);
  });

  it('says random bytes are not a TIFF', () => {
    let seed = 7;
    const noise = Uint8Array.from({ length: 256 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256);
    noise[0] = 0x12;
    expectInputError(() => decodeTiff(noise), /not a TIFF file: it does not start with "II" or "MM"/);
  });

  it('reports an IFD chain that loops', () => {
    const bytes = fixture('u8-le.tif').slice();
    const view = new DataView(bytes.buffer);
    const first = view.getUint32(4, true);
    const count = view.getUint16(first, true);
    view.setUint32(first + 2 + 12 * count, first, true);
    expectInputError(() => decodeTiff(bytes), /loops back/);
  });

  it('refuses BigTIFF with a clear reason', () => {
    const bytes = new Uint8Array([0x49, 0x49, 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0]);
    expectInputError(() => decodeTiff(bytes), /BigTIFF/);
  });
});

describe('decodeImage on corrupted fixtures', () => {
  it('turns every random corruption of every fixture into an InputError or a valid image', () => {
    const rng = createRng(2024);
    const dir = fileURLToPath(new URL('../../test/fixtures/imaging/', import.meta.url));
    const others: string[] = [];
    for (const name of readdirSync(dir)) {
      const original = fixture(name);
      for (let k = 0; k < 40; k++) {
        // Truncate a third of the copies, then overwrite 1–4 random bytes.
        const bytes = original.slice(0, k % 3 === 0 ? rng.int(original.length) : original.length);
        for (let m = 0, n = 1 + rng.int(4); m < n && bytes.length > 0; m++) bytes[rng.int(bytes.length)] = rng.int(256);
        try {
          decodeImage(bytes, { name });
        } catch (error) {
          if (!(error instanceof InputError)) others.push(`${name} #${k}: ${String(error)}`);
        }
      }
    }
    expect(others).toEqual([]);
  });
});
