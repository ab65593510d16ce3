import { deflateSync } from 'node:zlib';

/**
 * Write a little-endian, Deflate-compressed, single-channel uint16 TIFF with one strip per plane,
 * for tests that need a large stack in a small file (or a small file that declares a huge stack).
 * Planes are compressed once and reused when `plane` returns the same array.
 * @param shape - `[z, y, x]`
 * @param plane - the uint16 pixels of plane `z` (length y·x)
 * @returns the file bytes
 */
export function deflateTiff([z, y, x]: readonly [number, number, number], plane: (z: number) => Uint16Array): Uint8Array<ArrayBuffer> {
  const strips: Buffer[] = [];
  const cache = new Map<Uint16Array, Buffer>();
  for (let i = 0; i < z; i++) {
    const pixels = plane(i);
    let strip = cache.get(pixels);
    if (!strip) {
      strip = deflateSync(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), { level: 9 });
      cache.set(pixels, strip);
    }
    strips.push(strip);
  }
  const tags = 10;
  const ifdSize = 2 + tags * 12 + 4;
  const description = Buffer.from(`ImageJ=1.11a\nimages=${z}\nslices=${z}\n\0`, 'latin1');
  // Layout: header, strips, then per plane: IFD and (first IFD only) the description.
  const stripOffsets: number[] = [];
  let offset = 8;
  for (const s of strips) {
    stripOffsets.push(offset);
    offset += s.length + (s.length % 2);
  }
  const ifdStart = offset;
  const descriptionOffset = ifdStart + z * ifdSize;
  const total = descriptionOffset + description.length;
  const out = Buffer.alloc(total);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdStart, 4);
  strips.forEach((s, i) => s.copy(out, stripOffsets[i]!));
  for (let i = 0; i < z; i++) {
    let p = ifdStart + i * ifdSize;
    out.writeUInt16LE(tags, p);
    p += 2;
    const entry = (tag: number, type: number, value: number, count = 1) => {
      out.writeUInt16LE(tag, p);
      out.writeUInt16LE(type, p + 2);
      out.writeUInt32LE(count, p + 4);
      if (type === 3 && count === 1) out.writeUInt16LE(value, p + 8);
      else out.writeUInt32LE(value, p + 8);
      p += 12;
    };
    entry(256, 4, x); // ImageWidth
    entry(257, 4, y); // ImageLength
    entry(258, 3, 16); // BitsPerSample
    entry(259, 3, 8); // Compression: Deflate
    entry(262, 3, 1); // Photometric: BlackIsZero
    if (i === 0) entry(270, 2, descriptionOffset, description.length); // ImageDescription
    else entry(269, 2, 0, 1); // DocumentName: empty string (keeps every IFD the same size, tags ascending)
    entry(273, 4, stripOffsets[i]!); // StripOffsets
    entry(277, 3, 1); // SamplesPerPixel
    entry(278, 4, y); // RowsPerStrip
    entry(279, 4, strips[i]!.length); // StripByteCounts
    out.writeUInt32LE(i + 1 < z ? ifdStart + (i + 1) * ifdSize : 0, p);
  }
  description.copy(out, descriptionOffset);
  return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
}
