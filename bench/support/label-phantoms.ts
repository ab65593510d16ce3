// Seeded label phantoms for bench/evaluate.ts: discs/spheres, and a "prediction" that moves, resizes,
// drops, invents and splits some of them, so every part of the metrics has work to do.

import { mulberry32 } from '../../lib/synth';

export { mulberry32 };

interface Ball {
  c: [number, number, number];
  r: number;
}

/** Paint balls (discs when z = 1) into a label volume; earlier labels win where balls overlap. */
function paint(shape: [number, number, number], balls: Array<Ball | null>, anisotropy: number): Uint16Array {
  const [nz, ny, nx] = shape;
  const data = new Uint16Array(nz * ny * nx);
  balls.forEach((b, k) => {
    if (!b) return;
    const rz = nz === 1 ? 0 : b.r / anisotropy;
    const z0 = nz === 1 ? 0 : Math.max(0, Math.ceil(b.c[0] - rz));
    const z1 = nz === 1 ? 0 : Math.min(nz - 1, Math.floor(b.c[0] + rz));
    for (let z = z0; z <= z1; z++) {
      const dz = rz === 0 ? 0 : (z - b.c[0]) / rz;
      const rr = b.r * Math.sqrt(Math.max(0, 1 - dz * dz));
      const y0 = Math.max(0, Math.ceil(b.c[1] - rr));
      const y1 = Math.min(ny - 1, Math.floor(b.c[1] + rr));
      for (let y = y0; y <= y1; y++) {
        const dy = y - b.c[1];
        const half = Math.sqrt(Math.max(0, rr * rr - dy * dy));
        const x0 = Math.max(0, Math.ceil(b.c[2] - half));
        const x1 = Math.min(nx - 1, Math.floor(b.c[2] + half));
        const row = (z * ny + y) * nx;
        for (let x = x0; x <= x1; x++) if (data[row + x] === 0) data[row + x] = k + 1;
      }
    }
  });
  return data;
}

/**
 * A truth/prediction label pair with `count` objects.
 * @param shape - `[z, y, x]` (z = 1 for 2D).
 * @param count - Number of truth objects.
 * @param radius - `[min, max]` radius in x/y pixels.
 * @param anisotropy - z pixel size over x/y pixel size (balls are flatter in z by this factor).
 * @param seed - Random seed.
 */
export function labelPair(
  shape: [number, number, number],
  count: number,
  radius: [number, number],
  anisotropy: number,
  seed: number,
): { truth: Uint16Array; pred: Uint16Array } {
  const rand = mulberry32(seed);
  const truth: Ball[] = [];
  for (let k = 0; k < count; k++) {
    truth.push({
      c: [rand() * shape[0], rand() * shape[1], rand() * shape[2]],
      r: radius[0] + rand() * (radius[1] - radius[0]),
    });
  }
  const pred: Array<Ball | null> = [];
  for (const b of truth) {
    const u = rand();
    if (u < 0.04) {
      pred.push(null); // missed
    } else if (u < 0.07) {
      // split into two halves side by side
      const off = b.r / 2;
      pred.push({ c: [b.c[0], b.c[1], b.c[2] - off], r: b.r / 2 }, { c: [b.c[0], b.c[1], b.c[2] + off], r: b.r / 2 });
    } else {
      const j = (): number => (rand() - 0.5) * 0.3 * b.r;
      pred.push({ c: [b.c[0] + (shape[0] === 1 ? 0 : j() / anisotropy), b.c[1] + j(), b.c[2] + j()], r: b.r * (0.85 + 0.3 * rand()) });
    }
  }
  for (let k = 0; k < count * 0.04; k++) {
    pred.push({ c: [rand() * shape[0], rand() * shape[1], rand() * shape[2]], r: radius[0] + rand() * (radius[1] - radius[0]) });
  }
  return { truth: paint(shape, truth, anisotropy), pred: paint(shape, pred, anisotropy) };
}
