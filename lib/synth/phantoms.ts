import { createRng, type Rng } from './rng';
import { floatVolume, resolveShape, type ShapeInput, type SynthVolume } from './types';

/** Options shared by the phantom generators. */
export interface PhantomOptions {
  /** `[y, x]` or `[z, y, x]`. */
  shape: ShapeInput;
  /** Seed; equal seeds give identical phantoms. @default 0 */
  seed?: number;
  /** Number of objects. @default 20 */
  count?: number;
  /** Object radius range in XY voxels (for blobs: Gaussian sigma; for filaments: tube sigma). @default [2, 5] (filaments [0.8, 1.5]) */
  radius?: readonly [number, number];
  /** Peak intensity range. @default [0.5, 1] */
  intensity?: readonly [number, number];
  /** Z voxel size divided by XY voxel size, so objects stay round in physical space. @default 1 */
  zScale?: number;
}

/**
 * Solid spheres (disks in 2D) at random positions. Where objects overlap the brighter one wins, so
 * values stay within `[0, max intensity]`; the background is 0.
 *
 * @param options - shape, seed, count, radius and intensity ranges
 * @returns a float32 volume
 */
export function spheres(options: PhantomOptions): SynthVolume {
  return paint(options, [2, 5], (d2, r) => (d2 <= r * r ? 1 : 0), 1);
}

/**
 * Gaussian blobs `I·exp(−d²/2σ²)` with σ drawn from `radius`; overlapping blobs keep the maximum.
 * Values lie in `[0, max intensity]`.
 *
 * @param options - shape, seed, count, radius (σ) and intensity ranges
 * @returns a float32 volume
 */
export function blobs(options: PhantomOptions): SynthVolume {
  return paint(options, [2, 5], (d2, s) => Math.exp(-d2 / (2 * s * s)), 3);
}

/** Options for {@link filaments}. */
export interface FilamentOptions extends PhantomOptions {
  /** Steps of one voxel per filament. @default the largest XY dimension */
  length?: number;
  /** Direction change per step, in radians (standard deviation); small values give straight fibres. @default 0.15 */
  wiggle?: number;
}

/**
 * Curved filaments (microtubule-like): persistent random walks drawn as Gaussian tubes, brighter one
 * wins where they cross. Values lie in `[0, max intensity]`.
 *
 * @param options - shape, seed, count, tube sigma (`radius`), intensity, length and wiggle
 * @returns a float32 volume
 */
export function filaments(options: FilamentOptions): SynthVolume {
  const { zyx, ndim } = resolveShape(options.shape);
  const [Z, Y, X] = zyx;
  const rng = createRng(options.seed ?? 0);
  const zScale = options.zScale ?? 1;
  const [rMin, rMax] = options.radius ?? [0.8, 1.5];
  const [iMin, iMax] = options.intensity ?? [0.5, 1];
  const data = new Float32Array(Z * Y * X);
  const steps = options.length ?? Math.max(Y, X);
  for (let f = 0; f < (options.count ?? 20); f++) {
    const sigma = rng.range(rMin, rMax);
    const peak = rng.range(iMin, iMax);
    let p = [rng.range(0, Z), rng.range(0, Y), rng.range(0, X)] as [number, number, number];
    let dir = randomDirection(rng, ndim);
    for (let s = 0; s < steps; s++) {
      splat(data, zyx, p, sigma, zScale, peak, 3, (d2) => Math.exp(-d2 / (2 * sigma * sigma)));
      dir = turn(dir, rng, options.wiggle ?? 0.15, ndim);
      p = [p[0] + dir[0] / zScale, p[1] + dir[1], p[2] + dir[2]];
    }
  }
  return floatVolume(data, zyx, ndim);
}

/** Place `count` objects uniformly and paint each with `profile(d², r)` scaled by its intensity. */
function paint(options: PhantomOptions, defaultRadius: readonly [number, number], profile: (d2: number, r: number) => number, reach: number): SynthVolume {
  const { zyx, ndim } = resolveShape(options.shape);
  const rng = createRng(options.seed ?? 0);
  const [rMin, rMax] = options.radius ?? defaultRadius;
  const [iMin, iMax] = options.intensity ?? [0.5, 1];
  const data = new Float32Array(zyx[0] * zyx[1] * zyx[2]);
  for (let k = 0; k < (options.count ?? 20); k++) {
    const r = rng.range(rMin, rMax);
    const peak = rng.range(iMin, iMax);
    const centre: [number, number, number] = [ndim === 2 ? 0 : rng.range(0, zyx[0]), rng.range(0, zyx[1]), rng.range(0, zyx[2])];
    splat(data, zyx, centre, r, options.zScale ?? 1, peak, reach, (d2) => profile(d2, r));
  }
  return floatVolume(data, zyx, ndim);
}

/** Max-combine `peak · profile(d²)` around `centre` within `reach · r` voxels (d in XY voxel units). */
function splat(
  data: Float32Array,
  [Z, Y, X]: readonly [number, number, number],
  centre: readonly [number, number, number],
  r: number,
  zScale: number,
  peak: number,
  reach: number,
  profile: (d2: number) => number,
): void {
  const extent = Math.ceil(reach * r);
  const zExtent = Z === 1 ? 0 : Math.ceil((reach * r) / zScale);
  const [cz, cy, cx] = centre;
  for (let z = Math.max(0, Math.floor(cz - zExtent)); z <= Math.min(Z - 1, Math.ceil(cz + zExtent)); z++) {
    const dz = Z === 1 ? 0 : (z - cz) * zScale;
    for (let y = Math.max(0, Math.floor(cy - extent)); y <= Math.min(Y - 1, Math.ceil(cy + extent)); y++) {
      for (let x = Math.max(0, Math.floor(cx - extent)); x <= Math.min(X - 1, Math.ceil(cx + extent)); x++) {
        const v = peak * profile(dz * dz + (y - cy) ** 2 + (x - cx) ** 2);
        const i = (z * Y + y) * X + x;
        if (v > data[i]!) data[i] = v;
      }
    }
  }
}

function randomDirection(rng: Rng, ndim: 2 | 3): [number, number, number] {
  const v: [number, number, number] = [ndim === 2 ? 0 : rng.normal() * 0.3, rng.normal(), rng.normal()];
  const n = Math.hypot(...v) || 1;
  return [v[0] / n, v[1] / n, v[2] / n];
}

function turn(dir: [number, number, number], rng: Rng, wiggle: number, ndim: 2 | 3): [number, number, number] {
  const v: [number, number, number] = [ndim === 2 ? 0 : dir[0] + rng.normal() * wiggle * 0.3, dir[1] + rng.normal() * wiggle, dir[2] + rng.normal() * wiggle];
  const n = Math.hypot(...v) || 1;
  return [v[0] / n, v[1] / n, v[2] / n];
}
