import { createRng } from './rng';
import { resolveShape, type ShapeInput, type SynthVolume } from './types';

/** Options for {@link labelImage}. */
export interface LabelImageOptions {
  /** `[y, x]` or `[z, y, x]`. */
  shape: ShapeInput;
  /** Number of objects, labelled 1…count. @default 10 */
  count?: number;
  /** Radius range in voxels. @default [3, 6] */
  radius?: readonly [number, number];
  /**
   * false: objects are separated by at least one background voxel (no two labels are face-adjacent).
   * true: objects are placed in overlapping chains and split by nearest centre, so neighbours share
   * a border — the hard case for instance segmentation and matching.
   * @default false
   */
  touching?: boolean;
  /** @default 0 */
  seed?: number;
}

/** One generated object. */
export interface LabelObject {
  label: number;
  /** `[z, y, x]` in voxels (z = 0 in 2D). */
  centre: [number, number, number];
  radius: number;
}

/**
 * A ground-truth instance label image: `count` disks (2D) or balls (3D) with labels 1…count on
 * background 0, plus the list of objects.
 *
 * @param options - shape, count, radius range, touching, seed
 * @returns `{ volume, objects }`; `volume` is uint16
 * @throws RangeError when the objects do not fit (smaller radius, fewer objects or a bigger shape)
 */
export function labelImage(options: LabelImageOptions): { volume: SynthVolume<Uint16Array>; objects: LabelObject[] } {
  const { zyx, ndim } = resolveShape(options.shape);
  const [Z, Y, X] = zyx;
  const count = options.count ?? 10;
  if (count > 65535) throw new RangeError(`a uint16 label image holds at most 65535 objects, got ${count}`);
  const [rMin, rMax] = options.radius ?? [3, 6];
  const rng = createRng(options.seed ?? 0);
  const objects: LabelObject[] = [];
  const touching = options.touching ?? false;
  const inside = (c: number, r: number, size: number) => size === 1 || (c - r >= 0 && c + r <= size - 1);

  for (let attempt = 0; objects.length < count && attempt < count * 500; attempt++) {
    const r = rng.range(rMin, rMax);
    let centre: [number, number, number];
    if (touching && objects.length > 0 && rng.uniform() < 0.8) {
      // Next to an existing object, overlapping it, so the nearest-centre split makes them touch.
      const base = objects[rng.int(objects.length)]!;
      const d = 0.8 * (base.radius + r);
      const angle = rng.range(0, 2 * Math.PI);
      const dz = ndim === 3 ? rng.range(-0.5, 0.5) * d : 0;
      const dxy = Math.sqrt(Math.max(0, d * d - dz * dz));
      centre = [base.centre[0] + dz, base.centre[1] + dxy * Math.sin(angle), base.centre[2] + dxy * Math.cos(angle)];
    } else {
      centre = [ndim === 3 ? rng.range(0, Z) : 0, rng.range(0, Y), rng.range(0, X)];
    }
    if (!inside(centre[0], r, Z) || !inside(centre[1], r, Y) || !inside(centre[2], r, X)) continue;
    const clash = objects.some((o) => {
      const d = Math.hypot(o.centre[0] - centre[0], o.centre[1] - centre[1], o.centre[2] - centre[2]);
      // Separate objects keep a gap of > 2 voxels between rims; touching ones may not nest.
      return touching ? d < 0.6 * (o.radius + r) : d <= o.radius + r + 2;
    });
    if (!clash) objects.push({ label: objects.length + 1, centre, radius: r });
  }
  if (objects.length < count) {
    throw new RangeError(`could place only ${objects.length} of ${count} objects in [${zyx.join(', ')}]; use fewer or smaller objects or a bigger shape`);
  }

  const data = new Uint16Array(Z * Y * X);
  const best = new Float32Array(Z * Y * X).fill(Infinity);
  for (const o of objects) {
    const [cz, cy, cx] = o.centre;
    const r = o.radius;
    for (let z = Math.max(0, Math.floor(cz - r)); z <= Math.min(Z - 1, Math.ceil(cz + r)); z++) {
      for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(Y - 1, Math.ceil(cy + r)); y++) {
        for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(X - 1, Math.ceil(cx + r)); x++) {
          const d = Math.hypot(z - cz, y - cy, x - cx);
          const i = (z * Y + y) * X + x;
          // Inside the ball; where balls overlap, the voxel goes to the nearest rim-relative centre.
          if (d <= r && d / r < best[i]!) {
            best[i] = d / r;
            data[i] = o.label;
          }
        }
      }
    }
  }
  return { volume: { shape: zyx, ndim, dtype: 'uint16', data }, objects };
}
