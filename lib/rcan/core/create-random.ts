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
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform integer in [0, n).
 * @param random - The generator.
 * @param n - Number of outcomes, ≥ 1.
 */
export function randomInt(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}
