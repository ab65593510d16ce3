import { CLASSIC_TIFF_MAX_BYTES } from './write-classic-tiff';
import { bytesPerSample, type Dtype, type VolumeData } from './volume';

/** Options for {@link createTiffStream}. */
export interface TiffStreamOptions {
  width: number;
  height: number;
  dtype: Dtype;
  /** Number of pages (planes), written in order. */
  count: number;
  /** ImageDescription of page 0 (ImageJ or OME-XML text), 7-bit ASCII. */
  description?: string;
  /**
   * Write a BigTIFF (64-bit offsets). `'auto'` (default) does so only when the file would pass the
   * 4 GiB limit of classic TIFF; `true` forces it (tests, or readers that want it).
   */
  bigTiff?: boolean | 'auto';
  /**
   * X and Y resolution (pixels per unit) as TIFF rationals `[numerator, denominator]`, written on
   * every page with ResolutionUnit 1 (none), as `encodeTiff` writes them for ImageJ.
   */
  resolution?: { x: [number, number]; y: [number, number] };
  /**
   * For ImageJ hyperstacks (the description holds `images=N`): past 4 GiB, write ImageJ's own large
   * stack layout instead of a BigTIFF: a classic TIFF with only the first page's IFD, placed before
   * the pixels, which lie back to back. ImageJ 1.x (which cannot read BigTIFF), tifffile and this
   * project's readers open it. `'always'` uses the layout at any size (tests).
   */
  imagejContiguous?: boolean | 'always';
}

/** A TIFF written front to back without holding the image: `head`, then every `plane`, then `tail`. */
export interface TiffStream {
  readonly bigTiff: boolean;
  /** Total file size in bytes. */
  readonly size: number;
  /** Header (and padding up to the first plane). */
  readonly head: Uint8Array;
  /** Little-endian bytes of one plane (`width * height` samples). */
  plane(data: VolumeData): Uint8Array;
  /** The IFDs of every page, which follow the pixel data. */
  tail(): Uint8Array;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Plan a little-endian, uncompressed TIFF with one single-strip page per plane whose pixel data
 * lie back to back right after the header (ImageJ reads stacks from the first strip offset), and
 * whose IFDs come last. Nothing is buffered beyond one plane, so files of any size can be streamed
 * to disk. Classic TIFF up to 4 GiB, BigTIFF (version 43, 8-byte offsets) beyond or when forced.
 * @param options - size, dtype, page count, description, BigTIFF choice
 * @returns the pieces to write in order
 * @throws RangeError for a non-ASCII description or a classic TIFF forced past 4 GiB
 */
export function createTiffStream(options: TiffStreamOptions): TiffStream {
  const { width, height, dtype, count } = options;
  const description = options.description;
  if (description !== undefined && /[^\x20-\x7e\n\r\t]/.test(description)) throw new RangeError('TIFF ImageDescription must be 7-bit ASCII');
  const bps = bytesPerSample(dtype);
  const planeBytes = width * height * bps;
  const descBytes = description === undefined ? 0 : description.length + 1;
  const layout = (big: boolean, contiguous = false) => {
    const headerSize = big ? 16 : 8;
    const res = options.resolution !== undefined;
    const entries = (i: number) => (i === 0 && description !== undefined ? 11 : 10) + (res ? 3 : 0);
    const ifdSize = (i: number) => (big ? 8 + entries(i) * 20 + 8 : 2 + entries(i) * 12 + 4);
    const descOutOfLine = descBytes > (big ? 8 : 4);
    if (contiguous) {
      // Header, the one IFD, its description and rationals, then every plane back to back.
      const ifdStart = headerSize;
      let metaEnd = ifdStart + ifdSize(0);
      if (descOutOfLine) metaEnd += descBytes + (descBytes % 2);
      const rationalOffsets = res ? [metaEnd] : [];
      if (res) metaEnd += 16;
      const dataStart = metaEnd + (metaEnd % 2);
      return { headerSize, dataStart, ifdStart, ifdOffsets: [ifdStart], rationalOffsets, size: dataStart + planeBytes * count, descOutOfLine, contiguous };
    }
    const dataStart = headerSize;
    const dataEnd = dataStart + planeBytes * count;
    const ifdStart = dataEnd + (dataEnd % 2);
    let size = ifdStart;
    const ifdOffsets: number[] = [];
    const rationalOffsets: number[] = [];
    for (let i = 0; i < count; i++) {
      ifdOffsets.push(size);
      size += ifdSize(i);
      if (i === 0 && descOutOfLine) size += descBytes + (descBytes % 2);
      // Classic TIFF: two RATIONALs (8 bytes each) do not fit in an entry; they follow the IFD.
      if (res && !big) {
        rationalOffsets.push(size);
        size += 16;
      }
    }
    return { headerSize, dataStart, ifdStart, ifdOffsets, rationalOffsets, size, descOutOfLine, contiguous };
  };
  const wantBig = options.bigTiff ?? 'auto';
  const tooBig = layout(false).size > CLASSIC_TIFF_MAX_BYTES;
  const imagejStack = description !== undefined && /(^|\n)images=\d+/.test(description) && count > 1;
  const contiguous = imagejStack && wantBig !== true && (options.imagejContiguous === 'always' || (options.imagejContiguous === true && tooBig));
  const big = contiguous ? false : wantBig === 'auto' ? tooBig : wantBig;
  const plan = layout(big, contiguous);
  // The one IFD must lie below 4 GiB; the pixels may run past it.
  if (contiguous && plan.dataStart > CLASSIC_TIFF_MAX_BYTES) throw new RangeError('the ImageJ large-stack header does not fit below 4 GiB');
  if (!big && !contiguous && plan.size > CLASSIC_TIFF_MAX_BYTES) throw new RangeError(`a classic TIFF cannot hold ${(plan.size / 2 ** 30).toFixed(2)} GiB; allow BigTIFF`);

  const head = new Uint8Array(plan.headerSize);
  const hv = new DataView(head.buffer);
  head.set([0x49, 0x49]);
  if (big) {
    hv.setUint16(2, 43, true);
    hv.setUint16(4, 8, true);
    hv.setUint16(6, 0, true);
    hv.setBigUint64(8, BigInt(plan.ifdOffsets[0] ?? 0), true);
  } else {
    hv.setUint16(2, 42, true);
    hv.setUint32(4, plan.ifdOffsets[0] ?? 0, true);
  }

  const plane = (data: VolumeData): Uint8Array => {
    if (data.length !== width * height) throw new RangeError(`a plane needs ${width * height} samples, got ${data.length}`);
    if (data instanceof Uint8Array || HOST_LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const out = new Uint8Array(data.byteLength);
    const v = new DataView(out.buffer);
    data.forEach((value, i) => (bps === 2 ? v.setUint16(2 * i, value, true) : v.setFloat32(4 * i, value, true)));
    return out;
  };

  const ifds = (): Uint8Array => {
    const out = new Uint8Array((plan.contiguous ? plan.dataStart : plan.size) - plan.ifdStart);
    const view = new DataView(out.buffer);
    const SHORT = 3, LONG = 4, ASCII = 2, LONG8 = 16, RATIONAL = 5;
    const resolution = options.resolution;
    for (let i = 0; i < plan.ifdOffsets.length; i++) {
      const base = plan.ifdOffsets[i]! - plan.ifdStart;
      const tags: [number, number, number, number][] = [
        [256, LONG, 1, width],
        [257, LONG, 1, height],
        [258, SHORT, 1, bps * 8],
        [259, SHORT, 1, 1],
        [262, SHORT, 1, 1],
        [273, big ? LONG8 : LONG, 1, plan.dataStart + i * planeBytes],
        [277, SHORT, 1, 1],
        [278, LONG, 1, height],
        [279, big ? LONG8 : LONG, 1, planeBytes],
        [339, SHORT, 1, dtype === 'float32' ? 3 : 1],
      ];
      const hasDesc = i === 0 && description !== undefined;
      if (hasDesc) tags.push([270, ASCII, descBytes, 0]);
      if (resolution) tags.push([282, RATIONAL, 1, 0], [283, RATIONAL, 1, 1], [296, SHORT, 1, 1]);
      tags.sort((a, b) => a[0] - b[0]);
      const entrySize = big ? 20 : 12;
      const first = base + (big ? 8 : 2);
      if (big) view.setBigUint64(base, BigInt(tags.length), true);
      else view.setUint16(base, tags.length, true);
      const descAt = first + tags.length * entrySize + (big ? 8 : 4); // right after the IFD
      for (const [k, [code, type, n, value]] of tags.entries()) {
        const e = first + k * entrySize;
        view.setUint16(e, code, true);
        view.setUint16(e + 2, type, true);
        const valueAt = e + (big ? 12 : 8);
        if (big) view.setBigUint64(e + 4, BigInt(n), true);
        else view.setUint32(e + 4, n, true);
        if (code === 270) {
          const text = description!;
          const target = plan.descOutOfLine ? descAt : valueAt;
          if (plan.descOutOfLine) {
            const abs = plan.ifdStart + descAt;
            if (big) view.setBigUint64(valueAt, BigInt(abs), true);
            else view.setUint32(valueAt, abs, true);
          }
          for (let c = 0; c < text.length; c++) view.setUint8(target + c, text.charCodeAt(c));
          view.setUint8(target + text.length, 0);
        } else if (type === RATIONAL) {
          const [num, den] = value === 0 ? resolution!.x : resolution!.y;
          const at = big ? valueAt : plan.rationalOffsets[i]! + 8 * value - plan.ifdStart;
          if (!big) view.setUint32(valueAt, plan.rationalOffsets[i]! + 8 * value, true);
          view.setUint32(at, num, true);
          view.setUint32(at + 4, den, true);
        } else if (type === SHORT) view.setUint16(valueAt, value, true);
        else if (type === LONG) view.setUint32(valueAt, value, true);
        else view.setBigUint64(valueAt, BigInt(value), true);
      }
      const nextAt = first + tags.length * entrySize;
      const next = plan.ifdOffsets[i + 1] ?? 0;
      if (big) view.setBigUint64(nextAt, BigInt(next), true);
      else view.setUint32(nextAt, next, true);
    }
    return out;
  };

  if (plan.contiguous) {
    const full = new Uint8Array(plan.dataStart);
    full.set(head, 0);
    full.set(ifds(), plan.ifdStart);
    return { bigTiff: false, size: plan.size, head: full, plane, tail: () => new Uint8Array(0) };
  }
  return { bigTiff: big, size: plan.size, head, plane, tail: ifds };
}
