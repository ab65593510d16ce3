// Where to draw outlines in the /try e2e test, computed from a ground-truth label image (not hard-coded).
import type { OutlinePoint } from '../../lib/metrics';

export interface OutlineTarget {
  id: number;
  area: number;
  /** A star-shaped polygon just outside the object's boundary, `[x, y]` in pixels. */
  polygon: OutlinePoint[];
}

/**
 * The `count` largest objects of a 2D label image that touch neither the border nor (within `gap`
 * pixels) another object, each with a polygon traced around it: rays from the centroid every
 * 360/`rays` degrees, stopped where the object ends, pushed out by `margin` pixels.
 */
export function outlineTargets(labels: ArrayLike<number>, width: number, height: number, count: number, gap = 3, margin = 0.5, rays = 24): OutlineTarget[] {
  const stats = new Map<number, { n: number; sx: number; sy: number; ok: boolean }>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const l = labels[y * width + x]!;
      if (l === 0) continue;
      const s = stats.get(l) ?? { n: 0, sx: 0, sy: 0, ok: true };
      s.n++;
      s.sx += x;
      s.sy += y;
      if (x < gap || y < gap || x >= width - gap || y >= height - gap) s.ok = false;
      for (let dy = -gap; dy <= gap && s.ok; dy++) {
        for (let dx = -gap; dx <= gap; dx++) {
          const v = labels[Math.min(height - 1, Math.max(0, y + dy)) * width + Math.min(width - 1, Math.max(0, x + dx))]!;
          if (v !== 0 && v !== l) {
            s.ok = false;
            break;
          }
        }
      }
      stats.set(l, s);
    }
  }
  const chosen = [...stats].filter(([, s]) => s.ok).sort((a, b) => b[1].n - a[1].n).slice(0, count);
  return chosen.map(([id, s]) => {
    const cx = s.sx / s.n;
    const cy = s.sy / s.n;
    const polygon: OutlinePoint[] = [];
    for (let k = 0; k < rays; k++) {
      const a = (2 * Math.PI * k) / rays;
      let r = 0;
      while (labels[Math.round(cy + (r + 0.25) * Math.sin(a)) * width + Math.round(cx + (r + 0.25) * Math.cos(a))] === id) r += 0.25;
      polygon.push([cx + (r + margin) * Math.cos(a), cy + (r + margin) * Math.sin(a)]);
    }
    return { id, area: s.n, polygon };
  });
}

/** The top-left corner of a `size`×`size` square with no object within `gap` pixels of it, scanning rows from the top. */
export function emptySquare(labels: ArrayLike<number>, width: number, height: number, size: number, gap = 4): [number, number] | null {
  for (let y = gap; y + size + gap <= height; y++) {
    for (let x = gap; x + size + gap <= width; x++) {
      let clear = true;
      for (let yy = y - gap; yy < y + size + gap && clear; yy++) for (let xx = x - gap; xx < x + size + gap; xx++) if (labels[yy * width + xx] !== 0) { clear = false; break; }
      if (clear) return [x, y];
    }
  }
  return null;
}
