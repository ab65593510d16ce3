import { InputError } from '../util/errors';
import type { DecodedTiff } from './decode-tiff';
import { parseImagejDescription } from './parse-imagej-description';
import { parseOmeXml } from './parse-ome-xml';
import type { Dtype } from './volume';

/** True when the bytes start with a BigTIFF header (`II`/`MM`, version 43). */
export function isBigTiff(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  const le = bytes[0] === 0x49 && bytes[1] === 0x49;
  const be = bytes[0] === 0x4d && bytes[1] === 0x4d;
  if (!le && !be) return false;
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint16(2, le) === 43;
}

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8, 17: 8, 18: 8 };

/**
 * Decode a BigTIFF (version 43, 64-bit offsets), as written by `encodeTiffStream` past 4 GiB or by
 * tifffile (`bigtiff=True`): uncompressed 8/16-bit unsigned or 32-bit float single-sample pages in
 * strips, either byte order, with the same ImageJ / OME layout rules as {@link decodeTiff}.
 * @param bytes - the whole file
 * @param options - file name for messages
 * @returns planes and layout
 * @throws InputError for compressed, tiled or other sample types (with the fix), or a damaged file
 */
export function decodeBigTiff(bytes: Uint8Array, options: { name?: string } = {}): DecodedTiff {
  const name = options.name ?? 'input';
  if (!isBigTiff(bytes)) throw new InputError(`${name} is not a BigTIFF file`);
  const le = bytes[0] === 0x49;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = () => new InputError(`${name} is a damaged BigTIFF (an offset points past the end of the file); copy or export it again`);
  const u64 = (at: number): number => {
    if (at + 8 > bytes.length) throw damaged();
    const v = view.getBigUint64(at, le);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged();
    return Number(v);
  };
  if (view.getUint16(4, le) !== 8) throw new InputError(`${name}: BigTIFF with ${view.getUint16(4, le)}-byte offsets is not supported`);
  const pages: { width: number; height: number; bits: number; format: number; offsets: number[]; counts: number[]; description?: string }[] = [];
  let ifd = u64(8);
  const seen = new Set<number>();
  while (ifd !== 0) {
    if (seen.has(ifd)) throw damaged();
    seen.add(ifd);
    const n = u64(ifd);
    if (ifd + 8 + n * 20 + 8 > bytes.length) throw damaged();
    const tags = new Map<number, number[] | string>();
    for (let k = 0; k < n; k++) {
      const e = ifd + 8 + k * 20;
      const code = view.getUint16(e, le);
      const type = view.getUint16(e + 2, le);
      const count = u64(e + 4);
      const size = (TYPE_SIZE[type] ?? 1) * count;
      const at = size <= 8 ? e + 12 : u64(e + 12);
      if (at + size > bytes.length) throw damaged();
      if (type === 2) tags.set(code, new TextDecoder('latin1').decode(bytes.subarray(at, at + count)).replace(/\0+$/, ''));
      else {
        const values: number[] = [];
        for (let i = 0; i < count && i < 1 << 20; i++) {
          const p = at + i * (TYPE_SIZE[type] ?? 1);
          values.push(type === 3 ? view.getUint16(p, le) : type === 4 ? view.getUint32(p, le) : type === 16 ? u64(p) : type === 1 ? view.getUint8(p) : NaN);
        }
        tags.set(code, values);
      }
    }
    const num = (code: number, fallback?: number): number => {
      const v = tags.get(code);
      const value = Array.isArray(v) ? v[0] : undefined;
      if (value === undefined || Number.isNaN(value)) {
        if (fallback === undefined) throw new InputError(`${name}: BigTIFF page ${pages.length} lacks tag ${code}`);
        return fallback;
      }
      return value;
    };
    if (num(259, 1) !== 1) throw new InputError(`${name} is a compressed BigTIFF; only uncompressed BigTIFF is read here: re-save it uncompressed (Fiji: File > Save As > Tiff…)`);
    if (tags.has(322)) throw new InputError(`${name} is a tiled BigTIFF; re-save it with strips (Fiji: File > Save As > Tiff…)`);
    if (num(277, 1) !== 1) throw new InputError(`${name} has ${num(277, 1)} samples per pixel; only single-channel pages are read from a BigTIFF`);
    const description = tags.get(270);
    pages.push({
      width: num(256), height: num(257), bits: num(258, 1), format: num(339, 1),
      offsets: (tags.get(273) as number[] | undefined) ?? [], counts: (tags.get(279) as number[] | undefined) ?? [],
      ...(typeof description === 'string' ? { description } : {}),
    });
    ifd = u64(ifd + 8 + n * 20);
  }
  const first = pages[0];
  if (!first) throw new InputError(`${name} is a BigTIFF file with no images`);
  const dtype: Dtype | undefined = first.bits === 8 && first.format === 1 ? 'uint8' : first.bits === 16 && first.format === 1 ? 'uint16' : first.bits === 32 && first.format === 3 ? 'float32' : undefined;
  if (!dtype) throw new InputError(`${name}: BigTIFF with ${first.bits}-bit samples (format ${first.format}) is not read here; save it as 8/16-bit unsigned or 32-bit float`);
  const plane = first.width * first.height;
  const bps = first.bits / 8;
  const data = dtype === 'uint8' ? new Uint8Array(plane * pages.length) : dtype === 'uint16' ? new Uint16Array(plane * pages.length) : new Float32Array(plane * pages.length);
  pages.forEach((p, i) => {
    if (p.width !== first.width || p.height !== first.height || p.bits !== first.bits || p.format !== first.format) throw new InputError(`${name}: BigTIFF page ${i} differs in size or type from page 0`);
    let o = i * plane;
    p.offsets.forEach((offset, s) => {
      const count = p.counts[s] ?? 0;
      if (offset + count > bytes.length) throw damaged();
      const samples = Math.min(count / bps, (i + 1) * plane - o);
      for (let k = 0; k < samples; k++) {
        const at = offset + k * bps;
        data[o++] = bps === 1 ? bytes[at]! : bps === 2 ? view.getUint16(at, le) : view.getFloat32(at, le);
      }
    });
    if (o !== (i + 1) * plane) throw new InputError(`${name}: BigTIFF page ${i} has fewer samples than ${first.width}x${first.height}; the file is truncated`);
  });
  const imagej = parseImagejDescription(first.description);
  const ome = imagej ? undefined : parseOmeXml(first.description);
  const planes = pages.length;
  let dims = { t: 1, z: planes, c: 1 };
  let planeOrder = 'TZC';
  if (imagej) {
    const c = imagej.channels ?? 1;
    const t = imagej.frames ?? 1;
    const z = imagej.slices ?? planes / (c * t);
    if (Number.isInteger(z) && c * z * t === planes) dims = { t, z, c };
  } else if (ome && ome.sizeC * ome.sizeZ * ome.sizeT === planes) {
    dims = { t: ome.sizeT, z: ome.sizeZ, c: ome.sizeC };
    planeOrder = ome.dimensionOrder.slice(2).split('').reverse().join('');
  }
  return {
    width: first.width, height: first.height, planes, samplesPerPixel: 1, dtype, sourceType: dtype, data, dims, planeOrder,
    byteOrder: le ? 'little' : 'big', compression: 'none',
    ...(first.description !== undefined ? { description: first.description } : {}),
    ...(imagej ? { imagej } : {}), ...(ome ? { ome } : {}),
  };
}
