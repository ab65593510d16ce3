/** The fields of an ImageJ `ImageDescription` that matter for reading a hyperstack. */
export interface ImagejMetadata {
  /** The `ImageJ=` version string (tifffile writes `1.11a`). */
  version: string;
  images?: number;
  channels?: number;
  slices?: number;
  frames?: number;
  hyperstack?: boolean;
  mode?: string;
  /** Z step in `unit` units. */
  spacing?: number;
  /** As written: ImageJ writes `micron` or the escape `\u00B5m`. */
  unit?: string;
  min?: number;
  max?: number;
  /** Every `key=value` line, unparsed, for anything not listed above. */
  entries: Record<string, string>;
}

/**
 * Parse an ImageJ-style `ImageDescription` (`ImageJ=1.53t\nimages=20\nchannels=2\n…`).
 *
 * @param description - the first page's ImageDescription
 * @returns the metadata, or undefined when the text does not start with `ImageJ=`
 */
export function parseImagejDescription(description: string | undefined): ImagejMetadata | undefined {
  if (!description?.startsWith('ImageJ=')) return undefined;
  const entries: Record<string, string> = {};
  for (const line of description.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    entries[line.slice(0, eq).trim()] = line.slice(eq + 1).replace(/\0+$/, '').trim();
  }
  const int = (key: string): number | undefined => {
    const v = entries[key];
    if (v === undefined || !/^\d+$/.test(v)) return undefined;
    return Number(v);
  };
  const num = (key: string): number | undefined => {
    const v = entries[key];
    const n = v === undefined || v === '' ? NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const meta: ImagejMetadata = { version: entries.ImageJ ?? '', entries };
  const fields = {
    images: int('images'),
    channels: int('channels'),
    slices: int('slices'),
    frames: int('frames'),
    spacing: num('spacing'),
    min: num('min'),
    max: num('max'),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (meta as unknown as Record<string, number>)[key] = value;
  }
  if (entries.hyperstack !== undefined) meta.hyperstack = entries.hyperstack.toLowerCase() === 'true';
  if (entries.mode !== undefined) meta.mode = entries.mode;
  if (entries.unit !== undefined) meta.unit = entries.unit;
  return meta;
}
