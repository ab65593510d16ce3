import { mulberry32 } from '../util/mulberry32';
/** A seeded pseudo-random source. Same seed, same sequence, on every platform. */
export interface Rng {
  /** Uniform in [0, 1), 32-bit resolution. */
  uniform(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
  /** Poisson-distributed count with mean `lambda` (≥ 0). */
  poisson(lambda: number): number;
}

export { mulberry32 } from '../util/mulberry32';

/**
 * A seeded {@link Rng} built on {@link mulberry32}.
 *
 * @param seed - any integer
 * @example
 * const rng = createRng(42);
 * const counts = rng.poisson(12.5);
 */
export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  let spare: number | undefined;
  const rng: Rng = {
    uniform: next,
    range: (min, max) => min + (max - min) * next(),
    int: (n) => Math.floor(next() * n),
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      // 1 − u keeps the logarithm's argument in (0, 1].
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      const theta = 2 * Math.PI * next();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
    poisson: (lambda) => poisson(lambda, next),
  };
  return rng;
}

/** Knuth's product method for small means; Hörmann's PTRS rejection (as NumPy uses) for λ ≥ 10. */
function poisson(lambda: number, next: () => number): number {
  if (!(lambda >= 0)) throw new RangeError(`Poisson mean must be ≥ 0, got ${lambda}`);
  if (lambda === 0) return 0;
  if (lambda < 10) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = next();
    while (p > limit) {
      k++;
      p *= next();
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = next() - 0.5;
    const v = next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) return k;
  }
}

/** ln(k!) by Stirling's series; exact table below 10. */
function logFactorial(k: number): number {
  if (k < 10) {
    let f = 1;
    for (let i = 2; i <= k; i++) f *= i;
    return Math.log(f);
  }
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}
