// Scripted scribbles for rung-2 tests: what a user would paint, aimed with the ground truth.
import { SCRIBBLE, type Sample } from '@/lib/segment';

/** One scripted stroke: `[y, x]` end points and the scribble value. */
export interface ScriptedStroke {
  from: [number, number];
  to: [number, number];
  value: number;
}

/** Paint a straight stroke of brush radius 1 from (y0, x0) to (y1, x1). */
function stroke(scribbles: Uint8Array, width: number, height: number, [y0, x0]: [number, number], [y1, x1]: [number, number], value: number): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(y1 - y0, x1 - x0)));
  for (let s = 0; s <= steps; s++) {
    const y = Math.round(y0 + ((y1 - y0) * s) / steps);
    const x = Math.round(x0 + ((x1 - x0) * s) / steps);
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const yy = y + dy;
        const xx = x + dx;
        if (yy >= 0 && yy < height && xx >= 0 && xx < width) scribbles[yy * width + xx] = value;
      }
    }
  }
}

/**
 * A user's scribbles, scripted: 10 strokes across the middle of 10 objects (value 2) and 10 strokes
 * in background spots at least 4 pixels from any object (value 1). Uses the truth only to aim.
 */
export function scriptedScribbles(sample: Sample): { scribbles: Uint8Array; strokes: number; lines: ScriptedStroke[] } {
  const [, H, W] = sample.shape;
  const scribbles = new Uint8Array(H * W);
  let strokes = 0;
  const lines: ScriptedStroke[] = [];
  // Object centres and radii from the truth.
  const sums = new Map<number, [number, number, number]>();
  sample.truth.forEach((l, i) => {
    if (l === 0) return;
    const s = sums.get(l) ?? [0, 0, 0];
    s[0] += Math.floor(i / W);
    s[1] += i % W;
    s[2]++;
    sums.set(l, s);
  });
  for (const [, [sy, sx, n]] of [...sums].slice(0, 10)) {
    const cy = sy / n;
    const cx = sx / n;
    const r = Math.sqrt(n / Math.PI);
    stroke(scribbles, W, H, [cy, cx - 0.6 * r], [cy, cx + 0.6 * r], SCRIBBLE.foreground);
    lines.push({ from: [cy, cx - 0.6 * r], to: [cy, cx + 0.6 * r], value: SCRIBBLE.foreground });
    strokes++;
  }
  // Background: 20-pixel horizontal strokes on a coarse grid, where nothing is within 4 pixels.
  const clear = (y: number, x0: number, x1: number) => {
    for (let y2 = y - 4; y2 <= y + 4; y2++) {
      for (let x = x0 - 4; x <= x1 + 4; x++) if (y2 < 0 || y2 >= H || x < 0 || x >= W || sample.truth[y2 * W + x] !== 0) return false;
    }
    return true;
  };
  for (let y = 8; y < H - 8 && strokes < 20; y += 23) {
    for (let x = 8 + (y % 3) * 30; x + 20 < W - 8 && strokes < 20; x += 70) {
      if (!clear(y, x, x + 20)) continue;
      stroke(scribbles, W, H, [y, x], [y, x + 20], SCRIBBLE.background);
      lines.push({ from: [y, x], to: [y, x + 20], value: SCRIBBLE.background });
      strokes++;
    }
  }
  return { scribbles, strokes, lines };
}

