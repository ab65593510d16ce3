import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { InputError } from '../util/errors';
import { decodeImage, sniffImageFormat } from './decode-image';
import { decodePng } from './decode-png';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../test/fixtures/imaging/${name}`, import.meta.url))));

// The label table L of test/fixtures/README.md.
const L = [0, 0, 1, 1, 2, 0, 3, 3, 1, 2, 4, 4, 0, 0, 2, 4, 0, 0, 5, 5];

describe('decodePng', () => {
  it.each([
    ['labels-u8.png', 'uint8', L],
    ['labels-u16.png', 'uint16', L.map((v) => v * 1000)],
    ['labels-palette.png', 'uint8', L],
    ['labels-gray-as-rgb.png', 'uint8', L],
  ])('reads %s as a 2D %s label image with the stored values', (name, dtype, expected) => {
    const volume = decodePng(fixture(name));
    expect(volume.ndim).toBe(2);
    expect(volume.shape).toEqual([1, 4, 5]);
    expect(volume.dtype).toBe(dtype);
    expect(Array.from(volume.data)).toEqual(expected);
  });

  it('refuses a colour PNG by default and says what to do', () => {
    expect(() => decodePng(fixture('labels-rgb.png'), { name: 'mask.png' })).toThrow(InputError);
    expect(() => decodePng(fixture('labels-rgb.png'), { name: 'mask.png' })).toThrow(/mask\.png is a colour PNG \(RGB\).*grayscale/);
  });

  it('numbers colours in raster order of first appearance when asked, black as 0', () => {
    // Colours appear in the order of labels 1, 2, 3, 4, 5 in L, so the numbering reproduces L.
    const volume = decodePng(fixture('labels-rgb.png'), { rgb: 'labels' });
    expect(volume.dtype).toBe('uint16');
    expect(Array.from(volume.data)).toEqual(L);
  });

  it('reports a corrupt PNG as an InputError', () => {
    const bytes = fixture('labels-u8.png').slice(0, 40);
    expect(() => decodePng(bytes)).toThrow(InputError);
  });
});

describe('decodeImage', () => {
  it('picks the decoder from magic bytes, not the name', () => {
    expect(sniffImageFormat(fixture('u16-le.tif'))).toBe('tiff');
    expect(sniffImageFormat(fixture('u16-be.tif'))).toBe('tiff');
    expect(sniffImageFormat(fixture('labels-u8.png'))).toBe('png');
    expect(decodeImage(fixture('labels-u8.png'), { name: 'labels.tif' }).shape).toEqual([1, 4, 5]);
    expect(decodeImage(fixture('u16-be.tif')).shape).toEqual([3, 4, 5]);
  });

  it('names other formats and the bytes it found', () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]);
    expect(() => decodeImage(jpeg, { name: 'photo.jpg' })).toThrow(/photo\.jpg is neither a TIFF nor a PNG \(it starts with bytes ff d8 ff e0\)/);
    expect(() => decodeImage(new Uint8Array(0))).toThrow(InputError);
  });

  it('passes TIFF refusals through', () => {
    expect(() => decodeImage(fixture('imagej-zcyx-u16.tif'))).toThrow(/2 channels/);
  });
});
