/**
 * A small radix-2 complex FFT (iterative Cooley–Tukey) and its 3D form, enough for FFT convolution
 * in Richardson–Lucy. Sizes must be powers of two; {@link nextPow2} pads to one. Float64 throughout.
 */

/** Smallest power of two ≥ n (n ≥ 1). */
export function nextPow2(n: number): number {
  if (!(n >= 1) || !Number.isFinite(n)) throw new RangeError(`size must be a finite number ≥ 1, got ${n}`);
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

interface Plan {
  n: number;
  cos: Float64Array;
  sin: Float64Array;
  rev: Uint32Array;
}

const plans = new Map<number, Plan>();

function planFor(n: number): Plan {
  let plan = plans.get(n);
  if (plan) return plan;
  if (n < 1 || (n & (n - 1)) !== 0) throw new RangeError(`FFT size must be a power of two, got ${n}`);
  const half = n >> 1;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  const rev = new Uint32Array(n);
  const bits = Math.round(Math.log2(n));
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    rev[i] = r;
  }
  plan = { n, cos, sin, rev };
  plans.set(n, plan);
  return plan;
}

/**
 * In-place 1D FFT of `n` complex values stored with a stride in `re`/`im`.
 * Forward uses e^{-2πi kn/N}; the inverse uses e^{+2πi kn/N} and divides by N (numpy's convention).
 *
 * @param re - real parts
 * @param im - imaginary parts
 * @param n - transform length (power of two)
 * @param offset - index of the first element @default 0
 * @param stride - distance between elements @default 1
 * @param inverse - inverse transform @default false
 */
export function fft1d(re: Float64Array, im: Float64Array, n: number, offset = 0, stride = 1, inverse = false): void {
  if (n === 1) return;
  const { cos, sin, rev } = planFor(n);
  for (let i = 0; i < n; i++) {
    const j = rev[i]!;
    if (j > i) {
      const a = offset + i * stride;
      const b = offset + j * stride;
      const tr = re[a]!;
      re[a] = re[b]!;
      re[b] = tr;
      const ti = im[a]!;
      im[a] = im[b]!;
      im[b] = ti;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size *= 2) {
    const half = size >> 1;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step]!;
        const wi = sign * sin[k * step]!;
        const a = offset + (start + k) * stride;
        const b = a + half * stride;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[offset + i * stride]! /= n;
      im[offset + i * stride]! /= n;
    }
  }
}

/**
 * In-place 3D FFT of a `[z, y, x]` complex array (C order, X fastest); each size a power of two
 * (z = 1 for 2D). Rows are copied to a contiguous buffer for the Y and Z passes.
 */
export function fft3d(re: Float64Array, im: Float64Array, shape: readonly [number, number, number], inverse = false): void {
  const [Z, Y, X] = shape;
  if (re.length !== Z * Y * X || im.length !== re.length) throw new RangeError(`fft3d: arrays of ${re.length} values do not match shape ${shape.join('x')}`);
  for (let r = 0; r < Z * Y; r++) fft1d(re, im, X, r * X, 1, inverse);
  // Y pass (length Y, stride X), then Z pass (length Z, stride X·Y).
  const passes: [number, number][] = [
    [Y, X],
    [Z, X * Y],
  ];
  for (const [n, stride] of passes) {
    if (n === 1) continue;
    const bufRe = new Float64Array(n);
    const bufIm = new Float64Array(n);
    const lines: number[] = [];
    if (stride === X) {
      for (let z = 0; z < Z; z++) for (let x = 0; x < X; x++) lines.push(z * Y * X + x);
    } else {
      for (let i = 0; i < Y * X; i++) lines.push(i);
    }
    for (const start of lines) {
      for (let i = 0; i < n; i++) {
        bufRe[i] = re[start + i * stride]!;
        bufIm[i] = im[start + i * stride]!;
      }
      fft1d(bufRe, bufIm, n, 0, 1, inverse);
      for (let i = 0; i < n; i++) {
        re[start + i * stride] = bufRe[i]!;
        im[start + i * stride] = bufIm[i]!;
      }
    }
  }
}
