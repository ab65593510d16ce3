/**
 * The mulberry32 generator: a 32-bit state, period 2^32, fast and good enough for phantoms, noise,
 * weight initialisation and patch sampling (not for cryptography). One copy for the whole project.
 *
 * @param seed - any integer; only its low 32 bits matter
 * @returns a function giving uniform numbers in [0, 1)
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
