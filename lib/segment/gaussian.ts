// Separable Gaussian smoothing with scikit-image's conventions (SciPy kernel, 'nearest' border).
import { filterAxes, forEachLine, mapLines, sizeOf, type FloatImage, type Shape3 } from './types';

/**
 * A normalized 1D Gaussian truncated at `round(4σ)` samples each side, SciPy's kernel.
 * @param sigma - standard deviation in pixels, ≥ 0 (0 gives `[1]`)
 */
export function gaussianKernel(sigma: number): Float32Array {
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new RangeError(`sigma must be a finite number ≥ 0, got ${sigma}`);
  if (sigma === 0) return Float32Array.of(1);
  const radius = Math.floor(4 * sigma + 0.5);
  const k = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  return Float32Array.from(k, (v) => v / sum);
}

/**
 * Gaussian smoothing of a 2D or 3D image, equal to `skimage.filters.gaussian(img, sigma,
 * preserve_range=True)` (SciPy `gaussian_filter`, mode `'nearest'`, truncate 4) up to float32 rounding.
 * @param image - the input (not modified)
 * @param sigma - pixels; a number applies to every axis of the image (Z too for 3D), or `[z, y, x]`
 * @returns a new float32 image
 */
export function gaussianFilter(image: FloatImage, sigma: number | readonly [number, number, number]): FloatImage {
  const s = typeof sigma === 'number' ? [sigma, sigma, sigma] : sigma;
  const out = new Float32Array(image.data);
  const longest = Math.max(...image.shape);
  for (const axis of filterAxes(image.shape, image.ndim)) {
    const sg = s[axis]!;
    if (sg > 0) convolveAxis(out, image.shape, axis, gaussianKernel(sg), longest);
  }
  return { shape: image.shape, ndim: image.ndim, data: out };
}

/** Convolve every line along one axis (0 z, 1 y, 2 x) in place with a symmetric kernel, 'nearest' border. */
export function convolveAxis(data: Float32Array, shape: Shape3, axis: 0 | 1 | 2, kernel: Float32Array, longest = Math.max(...shape)): void {
  const r = (kernel.length - 1) / 2;
  const K = kernel.length;
  const padded = new Float32Array(longest + 2 * r);
  mapLines(data, shape, axis, (line) => {
    const n = line.length;
    // Pad the line with copies of its end values ('nearest').
    padded.fill(line[0]!, 0, r);
    padded.set(line, r);
    padded.fill(line[n - 1]!, r + n, r + n + r);
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += kernel[k]! * padded[i + k]!;
      line[i] = acc;
    }
  });
}

/** Finite-difference derivative along an axis (central inside, one-sided at the ends), like `np.gradient`. */
export function derivative(image: FloatImage, axis: 0 | 1 | 2): Float32Array {
  const [z, y, x] = image.shape;
  const out = new Float32Array(sizeOf(image.shape));
  const n = axis === 2 ? x : axis === 1 ? y : z;
  const stride = axis === 2 ? 1 : axis === 1 ? x : x * y;
  if (n < 2) return out;
  const d = image.data;
  forEachLine(image.shape, stride, (start) => {
    out[start] = d[start + stride]! - d[start]!;
    for (let i = 1, j = start + stride; i < n - 1; i++, j += stride) out[j] = 0.5 * (d[j + stride]! - d[j - stride]!);
    const end = start + (n - 1) * stride;
    out[end] = d[end]! - d[end - stride]!;
  });
  return out;
}
