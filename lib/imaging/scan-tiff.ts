import { InputError } from '../util/errors';

/** What {@link scanTiff} learns from the header and the IFD chain, before any pixel is read. */
export interface TiffLayout {
  littleEndian: boolean;
  /** Byte offset of every IFD (page), in file order. */
  ifdOffsets: number[];
}

/** More pages than this is treated as a corrupt chain rather than a real file. */
const MAX_PAGES = 1_000_000;

/**
 * Check the TIFF header and walk the IFD chain with bounds and loop checks.
 *
 * The `tiff` package trusts offsets: a looping chain makes it spin forever and a truncated file
 * surfaces as a bare RangeError. Walking the chain first turns both into an {@link InputError}.
 *
 * @param bytes - the whole file
 * @param name - how to refer to the file in messages
 * @returns byte order and IFD offsets
 * @throws InputError for non-TIFF, BigTIFF, truncated or looping files
 */
export function scanTiff(bytes: Uint8Array, name = 'input'): TiffLayout {
  if (bytes.length < 8) {
    throw new InputError(`${name} is not a TIFF file: it has only ${bytes.length} bytes, a TIFF header alone needs 8`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = view.getUint16(0, false);
  if (order !== 0x4949 && order !== 0x4d4d) {
    throw new InputError(`${name} is not a TIFF file: it does not start with "II" or "MM" (found ${hex(bytes.subarray(0, 4))})`);
  }
  const le = order === 0x4949;
  const magic = view.getUint16(2, le);
  if (magic === 43) {
    throw new InputError(`${name} is a BigTIFF (over 4 GB layout), which is not supported; save it as a classic TIFF or crop it below 4 GB`);
  }
  if (magic !== 42) throw new InputError(`${name} is not a TIFF file: version field is ${magic}, expected 42`);

  const ifdOffsets: number[] = [];
  const seen = new Set<number>();
  let next = view.getUint32(4, le);
  if (next === 0) throw new InputError(`${name} is a TIFF file with no images (first IFD offset is 0)`);
  while (next !== 0) {
    if (seen.has(next)) throw new InputError(`${name} is corrupt: its list of pages loops back to byte ${next}`);
    if (next + 2 > bytes.length) {
      throw new InputError(`${name} is truncated or corrupt: page ${ifdOffsets.length + 1} should start at byte ${next} but the file has ${bytes.length} bytes`);
    }
    const count = view.getUint16(next, le);
    const end = next + 2 + count * 12 + 4;
    if (end > bytes.length) {
      throw new InputError(`${name} is truncated: page ${ifdOffsets.length + 1} needs bytes up to ${end} but the file has ${bytes.length}`);
    }
    checkEntries(view, next, count, le, bytes.length, name, ifdOffsets.length + 1);
    seen.add(next);
    ifdOffsets.push(next);
    if (ifdOffsets.length > MAX_PAGES) throw new InputError(`${name} is corrupt: more than ${MAX_PAGES} pages`);
    next = view.getUint32(end - 4, le);
  }
  return { littleEndian: le, ifdOffsets };
}

/** Bytes per value of each TIFF field type (1–13); other types are skipped by readers. */
const TYPE_BYTES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

/**
 * Every entry's values must lie in the file. A tag claiming 2^31 values would otherwise make the
 * `tiff` package allocate gigabytes for it before failing (found by the fuzz harness).
 */
function checkEntries(view: DataView, ifd: number, count: number, le: boolean, fileBytes: number, name: string, page: number): void {
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + i * 12;
    const tag = view.getUint16(at, le);
    const size = TYPE_BYTES[view.getUint16(at + 2, le)];
    if (size === undefined) continue;
    const bytes = view.getUint32(at + 4, le) * size;
    if (bytes <= 4) continue;
    const offset = view.getUint32(at + 8, le);
    if (offset + bytes > fileBytes) {
      throw new InputError(`${name} is truncated or corrupt: tag ${tag} of page ${page} claims ${bytes} bytes of values at byte ${offset} but the file has ${fileBytes}`);
    }
  }
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
