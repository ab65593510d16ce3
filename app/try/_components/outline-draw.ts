// Pure helpers for drawing ground-truth outlines on the /try canvas (pixel coordinates, centre = integer).
import type { OutlinePoint } from '@/lib/metrics';

/** An outline drawn on the page: a closed polygon on one slice. */
export interface DrawnOutline {
  points: OutlinePoint[];
  slice: number;
}

/** A drag whose points span at least this many pixels (either axis) is a freehand outline; less is a click. */
export const FREEHAND_MIN_EXTENT = 2;

/** Append `p` to a freehand path unless it is within `minStep` pixels of the last point; returns the path. */
export function extendPath(path: OutlinePoint[], p: OutlinePoint, minStep = 0.5): OutlinePoint[] {
  const last = path.at(-1);
  if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < minStep) return path;
  return [...path, p];
}

/** What a finished pointer stroke means: a closed freehand outline, or a click that adds one vertex. */
export function strokeKind(path: readonly OutlinePoint[]): 'outline' | 'click' {
  if (path.length < 3) return 'click';
  const xs = path.map((p) => p[0]);
  const ys = path.map((p) => p[1]);
  const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  return extent >= FREEHAND_MIN_EXTENT ? 'outline' : 'click';
}

/**
 * Where to write an outline's number (the text baseline, in pixels): just above its topmost vertex,
 * or just below its lowest one when there is no room above within the image.
 */
export function labelPosition(points: readonly OutlinePoint[], fontSize: number): OutlinePoint {
  let top = points[0] ?? ([0, 0] as const);
  let bottom = top;
  for (const p of points) {
    if (p[1] < top[1] || (p[1] === top[1] && p[0] < top[0])) top = p;
    if (p[1] > bottom[1]) bottom = p;
  }
  const above = top[1] - 0.25 * fontSize;
  return above - 0.8 * fontSize >= -0.5 ? [top[0], above] : [bottom[0], bottom[1] + fontSize];
}

/** SVG `points` attribute. */
export function svgPoints(points: readonly OutlinePoint[]): string {
  return points.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' ');
}

/**
 * The keyboard cursor after an arrow key (1 px, 10 px with Shift), clamped to the image; null for
 * any other key.
 */
export function moveCursor(cursor: OutlinePoint, key: string, shift: boolean, width: number, height: number): OutlinePoint | null {
  const step = shift ? 10 : 1;
  const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[key];
  if (!d) return null;
  return [Math.min(width - 1, Math.max(0, cursor[0] + d[0]!)), Math.min(height - 1, Math.max(0, cursor[1] + d[1]!))];
}
