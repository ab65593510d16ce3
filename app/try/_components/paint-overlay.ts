// Pure pixel painting for the /try canvas: grey image, object outlines, scribbles, probability tint.

/** Scribble colours by value (1 background, 2 objects, 3 boundary, 4 other), colour-blind safe. */
export const SCRIBBLE_COLOURS: Record<number, [number, number, number]> = {
  1: [0, 114, 178],
  2: [230, 159, 0],
  3: [204, 121, 167],
  4: [0, 158, 115],
};

/** A distinct, stable colour per object id. */
export function labelColour(id: number): [number, number, number] {
  const h = (id * 137.508) % 360;
  const c = 0.85;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const [r, g, b] = h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  return [Math.round((r + 0.15) * 255), Math.round((g + 0.15) * 255), Math.round((b + 0.15) * 255)];
}

/**
 * Fill RGBA `out` (width·height·4) with one slice: the grey image, P(objects) as a magenta tint when
 * given, object outlines (a pixel whose 4-neighbour has another id), then scribbles on top.
 */
export function paintSlice(
  out: Uint8ClampedArray,
  width: number,
  height: number,
  slice: number,
  grey: Uint8Array,
  labels: Int32Array | null,
  scribbles: Uint8Array | null,
  probability: Float32Array | null,
  /** Where this slice starts in `probability` (0 for a one-slice preview). */
  probabilityOffset = slice * width * height,
): void {
  const plane = width * height;
  const off = slice * plane;
  for (let i = 0; i < plane; i++) {
    const v = grey[off + i]!;
    let r = v;
    let g = v;
    let b = v;
    if (probability) {
      const p = probability[probabilityOffset + i]!;
      r = r * (1 - 0.45 * p) + 255 * 0.45 * p;
      b = b * (1 - 0.45 * p) + 255 * 0.45 * p;
      g = g * (1 - 0.45 * p);
    }
    if (labels) {
      const l = labels[off + i]!;
      if (l > 0) {
        const x = i % width;
        const y = (i - x) / width;
        const edge =
          (x > 0 && labels[off + i - 1] !== l) ||
          (x < width - 1 && labels[off + i + 1] !== l) ||
          (y > 0 && labels[off + i - width] !== l) ||
          (y < height - 1 && labels[off + i + width] !== l);
        if (edge) [r, g, b] = labelColour(l);
      }
    }
    const s = scribbles ? scribbles[off + i]! : 0;
    if (s > 0) [r, g, b] = SCRIBBLE_COLOURS[s] ?? [255, 255, 255];
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 255;
  }
}

/** Paint a filled disc of `value` into one slice of the scribbles; returns true if anything changed. */
export function paintDisc(scribbles: Uint8Array, width: number, height: number, slice: number, cx: number, cy: number, radius: number, value: number): boolean {
  let changed = false;
  const off = slice * width * height;
  for (let y = Math.max(0, Math.floor(cy - radius)); y <= Math.min(height - 1, Math.ceil(cy + radius)); y++) {
    for (let x = Math.max(0, Math.floor(cx - radius)); x <= Math.min(width - 1, Math.ceil(cx + radius)); x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 > radius * radius + 0.25) continue;
      const i = off + y * width + x;
      if (scribbles[i] !== value) {
        scribbles[i] = value;
        changed = true;
      }
    }
  }
  return changed;
}

/** Counts of object sizes in `bins` equal-width bins between the smallest and largest size. */
export function sizeHistogram(sizes: Int32Array, bins = 12): { edges: number[]; counts: number[] } {
  if (sizes.length === 0) return { edges: [], counts: [] };
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of sizes) {
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  const n = hi > lo ? bins : 1;
  const width = hi > lo ? (hi - lo) / n : 1;
  const counts = new Array<number>(n).fill(0);
  for (const s of sizes) counts[Math.min(n - 1, Math.floor((s - lo) / width))]!++;
  return { edges: Array.from({ length: n + 1 }, (_, i) => Math.round(lo + i * width)), counts };
}
