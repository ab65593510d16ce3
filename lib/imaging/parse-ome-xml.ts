/** The parts of an OME-XML `ImageDescription` needed to lay out its planes. */
export interface OmeMetadata {
  /** e.g. `XYZCT`, `XYZTC` (fastest first, as OME writes it). */
  dimensionOrder: string;
  sizeX: number;
  sizeY: number;
  sizeZ: number;
  sizeC: number;
  sizeT: number;
  physicalSizeX?: number;
  physicalSizeY?: number;
  physicalSizeZ?: number;
  /** `PhysicalSizeXUnit` (2015+ schemas; OME's default is µm when absent). */
  physicalSizeUnit?: string;
  /** Names from `Channel` (2008+) or `ChannelInfo` (2003 FC) elements, in order. */
  channelNames: string[];
  /** Number of `Pixels` elements; only the first image is read. */
  imageCount: number;
}

/**
 * Read dimension order, sizes, physical sizes and channel names from OME-XML, old (2003 "FC") or new
 * schema. A regex reader, not a full XML parser: enough for the attributes of `Pixels`/`Channel`,
 * and it runs in Web Workers, which have no DOMParser.
 *
 * @param description - the first page's ImageDescription
 * @returns the metadata, or undefined when the text is not OME-XML with a usable `Pixels` element
 */
export function parseOmeXml(description: string | undefined): OmeMetadata | undefined {
  if (!description || !/<(\w+:)?OME[\s>]/.test(description)) return undefined;
  const pixelsTags = [...description.matchAll(/<(?:\w+:)?Pixels\b([^>]*)>/g)];
  const first = pixelsTags[0];
  if (!first) return undefined;
  const a = attributes(first[1] ?? '');
  const size = (k: string): number => {
    const v = Number(a[k] ?? 1);
    return Number.isInteger(v) && v > 0 ? v : NaN;
  };
  const meta: OmeMetadata = {
    dimensionOrder: a.DimensionOrder ?? 'XYZCT',
    sizeX: size('SizeX'),
    sizeY: size('SizeY'),
    sizeZ: size('SizeZ'),
    sizeC: size('SizeC'),
    sizeT: size('SizeT'),
    channelNames: [],
    imageCount: pixelsTags.length,
  };
  if (!/^XY[ZCT]{3}$/.test(meta.dimensionOrder) || [meta.sizeX, meta.sizeY, meta.sizeZ, meta.sizeC, meta.sizeT].some(Number.isNaN)) {
    return undefined;
  }
  for (const axis of ['X', 'Y', 'Z'] as const) {
    const v = Number(a[`PhysicalSize${axis}`]);
    if (a[`PhysicalSize${axis}`] !== undefined && Number.isFinite(v) && v > 0) meta[`physicalSize${axis}`] = v;
  }
  if (a.PhysicalSizeXUnit) meta.physicalSizeUnit = a.PhysicalSizeXUnit;
  for (const m of description.matchAll(/<(?:\w+:)?(?:Channel|ChannelInfo)\b([^>]*)>/g)) {
    const name = attributes(m[1] ?? '').Name;
    if (name !== undefined) meta.channelNames.push(name);
  }
  return meta;
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) {
    out[m[1]!] = unescapeXml(m[2]!);
  }
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}
