import { fft3d, nextPow2 } from './fft';

/** A 3D array: shape `[z, y, x]` (z = 1 for 2D), C order, X fastest. */
export interface Grid {
  readonly shape: readonly [number, number, number];
  readonly data: ArrayLike<number>;
}

/**
 * Prepared 'same'-size linear convolution with one kernel, by FFT: the image and the kernel are
 * zero-padded to powers of two ≥ image + kernel − 1 per axis, so the circular product is the full
 * linear convolution; the output is its centre crop starting at (k − 1) // 2, which is what
 * `scipy.signal.convolve(image, kernel, mode='same')` returns (zero boundary).
 */
export interface SameConvolver {
  /** Image shape the convolver was built for. */
  readonly shape: readonly [number, number, number];
  /** Convolve an image of `shape` with the kernel; returns a new Float64Array. */
  convolve(data: ArrayLike<number>): Float64Array;
  /** Convolve with the kernel flipped on every axis (the adjoint, used by Richardson–Lucy). */
  correlate(data: ArrayLike<number>): Float64Array;
}

/**
 * Build a {@link SameConvolver} for images of `shape` and the given kernel.
 * @param shape - image shape `[z, y, x]`
 * @param kernel - the kernel (e.g. a PSF); any size, each axis at most 2× the image plus one is sensible
 * @returns the convolver (kernel spectra are computed once)
 */
export function createSameConvolver(shape: readonly [number, number, number], kernel: Grid): SameConvolver {
  const [Z, Y, X] = shape;
  const [kz, ky, kx] = kernel.shape;
  const padded: [number, number, number] = [nextPow2(Z + kz - 1), nextPow2(Y + ky - 1), nextPow2(X + kx - 1)];
  const [PZ, PY, PX] = padded;
  const size = PZ * PY * PX;
  const spectrum = (flip: boolean) => {
    const re = new Float64Array(size);
    const im = new Float64Array(size);
    for (let z = 0; z < kz; z++) {
      for (let y = 0; y < ky; y++) {
        for (let x = 0; x < kx; x++) {
          const src = flip ? ((kz - 1 - z) * ky + (ky - 1 - y)) * kx + (kx - 1 - x) : (z * ky + y) * kx + x;
          re[(z * PY + y) * PX + x] = kernel.data[src]!;
        }
      }
    }
    fft3d(re, im, padded);
    return { re, im };
  };
  const forward = spectrum(false);
  const flipped = spectrum(true);
  const start = [Math.floor((kz - 1) / 2), Math.floor((ky - 1) / 2), Math.floor((kx - 1) / 2)] as const;
  const run = (data: ArrayLike<number>, k: { re: Float64Array; im: Float64Array }): Float64Array => {
    if (data.length !== Z * Y * X) throw new RangeError(`convolve: image of ${data.length} values does not match shape ${shape.join('x')}`);
    const re = new Float64Array(size);
    const im = new Float64Array(size);
    for (let z = 0; z < Z; z++) for (let y = 0; y < Y; y++) for (let x = 0; x < X; x++) re[(z * PY + y) * PX + x] = data[(z * Y + y) * X + x]!;
    fft3d(re, im, padded);
    for (let i = 0; i < size; i++) {
      const ar = re[i]!;
      const ai = im[i]!;
      const br = k.re[i]!;
      const bi = k.im[i]!;
      re[i] = ar * br - ai * bi;
      im[i] = ar * bi + ai * br;
    }
    fft3d(re, im, padded, true);
    const out = new Float64Array(Z * Y * X);
    for (let z = 0; z < Z; z++) {
      for (let y = 0; y < Y; y++) {
        const from = ((z + start[0]) * PY + (y + start[1])) * PX + start[2];
        out.set(re.subarray(from, from + X), (z * Y + y) * X);
      }
    }
    return out;
  };
  return { shape, convolve: (data) => run(data, forward), correlate: (data) => run(data, flipped) };
}
