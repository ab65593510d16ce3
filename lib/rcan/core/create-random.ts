import { mulberry32 } from '../../util/mulberry32';

/**
 * A seeded random source returning floats in [0, 1). Training draws every random choice (pair, corner,
 * augmentation) from one of these so runs are reproducible, which the original (unseeded) is not.
 */
export type Random = () => number;

/**
 * Create a seeded generator (mulberry32: 32-bit state, fast, good enough for sampling patches).
 * @param seed - Any integer; equal seeds give equal sequences.
 * @returns A function returning the next float in [0, 1).
 */
export function createRandom(seed: number): Random {
  return mulberry32(seed);
}

/**
 * A uniform integer in [0, n).
 * @param random - The generator.
 * @param n - Number of outcomes, ≥ 1.
 */
export function randomInt(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}
