// Separable Gaussian smoothing with scikit-image's conventions (SciPy kernel, 'nearest' border).
import { chunkWidth, filterAxes, rowStacks, sizeOf, type FloatImage, type Shape3 } from './types';

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

/**
 * Convolve every line along one axis (0 z, 1 y, 2 x) in place with a symmetric kernel, 'nearest' border.
 * X lines are convolved one by one from a padded copy; Y and Z run on whole rows (chunks of columns
 * copied once, each output row summed from K input rows), which reads memory sequentially without
 * transposing. Each output is the same sum in the same order (k = 0…K−1, in double) either way.
 */
export function convolveAxis(data: Float32Array, shape: Shape3, axis: 0 | 1 | 2, kernel: Float32Array, longest = Math.max(...shape)): void {
  if (axis !== 2) return convolveRows(data, shape, axis, kernel);
  const r = (kernel.length - 1) / 2;
  const K = kernel.length;
  const X = shape[2];
  const padded = new Float32Array(longest + 2 * r);
  for (let s = 0; s < data.length; s += X) {
    // Pad the line with copies of its end values ('nearest').
    padded.fill(data[s]!, 0, r);
    padded.set(data.subarray(s, s + X), r);
    padded.fill(data[s + X - 1]!, r + X, r + X + r);
    // Four outputs per sweep over the kernel (each still its own sum in tap order): a quarter of the
    // kernel loads and four independent additions in flight.
    let i = 0;
    for (; i + 4 <= X; i += 4) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let p1 = padded[i]!;
      let p2 = padded[i + 1]!;
      let p3 = padded[i + 2]!;
      for (let k = 0; k < K; k++) {
        const kk = kernel[k]!;
        const p4 = padded[i + k + 3]!;
        a0 += kk * p1;
        a1 += kk * p2;
        a2 += kk * p3;
        a3 += kk * p4;
        p1 = p2;
        p2 = p3;
        p3 = p4;
      }
      data[s + i] = a0;
      data[s + i + 1] = a1;
      data[s + i + 2] = a2;
      data[s + i + 3] = a3;
    }
    for (; i < X; i++) {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += kernel[k]! * padded[i + k]!;
      data[s + i] = acc;
    }
  }
}

function convolveRows(data: Float32Array, shape: Shape3, axis: 0 | 1, kernel: Float32Array): void {
  const { groups, n, stride } = rowStacks(shape, axis);
  const K = kernel.length;
  const r = (K - 1) / 2;
  const w = chunkWidth(n, stride);
  const copy = new Float32Array(n * w);
  const offset = new Int32Array(K);
  for (let g = 0; g < groups; g++) {
    const base = g * n * stride;
    for (let c0 = 0; c0 < stride; c0 += w) {
      const cw = Math.min(w, stride - c0);
      for (let i = 0; i < n; i++) {
        const row = base + i * stride + c0;
        copy.set(data.subarray(row, row + cw), i * cw);
      }
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < K; k++) {
          const j = i + k - r;
          offset[k] = (j < 0 ? 0 : j >= n ? n - 1 : j) * cw;
        }
        const row = base + i * stride + c0;
        let x = 0;
        for (; x + 8 <= cw; x += 8) {
          let a0 = 0;
          let a1 = 0;
          let a2 = 0;
          let a3 = 0;
          let a4 = 0;
          let a5 = 0;
          let a6 = 0;
          let a7 = 0;
          for (let k = 0; k < K; k++) {
            const kk = kernel[k]!;
            const o = offset[k]! + x;
            a0 += kk * copy[o]!;
            a1 += kk * copy[o + 1]!;
            a2 += kk * copy[o + 2]!;
            a3 += kk * copy[o + 3]!;
            a4 += kk * copy[o + 4]!;
            a5 += kk * copy[o + 5]!;
            a6 += kk * copy[o + 6]!;
            a7 += kk * copy[o + 7]!;
          }
          data[row + x] = a0;
          data[row + x + 1] = a1;
          data[row + x + 2] = a2;
          data[row + x + 3] = a3;
          data[row + x + 4] = a4;
          data[row + x + 5] = a5;
          data[row + x + 6] = a6;
          data[row + x + 7] = a7;
        }
        for (; x < cw; x++) {
          let acc = 0;
          for (let k = 0; k < K; k++) acc += kernel[k]! * copy[offset[k]! + x]!;
          data[row + x] = acc;
        }
      }
    }
  }
}

/**
 * Finite-difference derivative along an axis (central inside, one-sided at the ends), like `np.gradient`.
 * @param out - optional output buffer of the image's size (reused between calls by the filter bank)
 */
export function derivative(image: FloatImage, axis: 0 | 1 | 2, out: Float32Array = new Float32Array(sizeOf(image.shape))): Float32Array {
  const [Z, Y, X] = image.shape;
  const d = image.data;
  if (axis === 2) {
    if (X < 2) return out.fill(0);
    for (let s = 0; s < d.length; s += X) {
      out[s] = d[s + 1]! - d[s]!;
      for (let j = s + 1; j < s + X - 1; j++) out[j] = 0.5 * (d[j + 1]! - d[j - 1]!);
      out[s + X - 1] = d[s + X - 1]! - d[s + X - 2]!;
    }
    return out;
  }
  // Y or Z: whole rows at a time.
  const { groups, n, stride } = rowStacks([Z, Y, X], axis);
  if (n < 2) return out.fill(0);
  for (let g = 0; g < groups; g++) {
    const base = g * n * stride;
    for (let x = base; x < base + stride; x++) out[x] = d[x + stride]! - d[x]!;
    for (let i = 1; i < n - 1; i++) {
      const row = base + i * stride;
      for (let x = row; x < row + stride; x++) out[x] = 0.5 * (d[x + stride]! - d[x - stride]!);
    }
    const last = base + (n - 1) * stride;
    for (let x = last; x < last + stride; x++) out[x] = d[x]! - d[x - stride]!;
  }
  return out;
}

/**
 * Gaussian smoothing for the filter bank: the exact FIR filter below σ = 3 and, from σ = 3 up, the
 * recursive filter of Young & van Vliet (1995, third order, forward and backward pass), whose cost
 * does not grow with σ. It stays within about 1 % of the image range of the exact filter away from
 * the border (tested); at the border it assumes the line continues with its end value.
 */
export function gaussianFilterFast(image: FloatImage, sigma: number): FloatImage {
  const out = new Float32Array(image.data);
  smoothInPlace(out, image.shape, image.ndim, sigma);
  return { shape: image.shape, ndim: image.ndim, data: out };
}

/** {@link gaussianFilterFast} in place on `out` (the filter bank smooths its own buffers). */
export function smoothInPlace(out: Float32Array, shape: Shape3, ndim: 2 | 3, sigma: number): void {
  if (sigma < 3) {
    const kernel = gaussianKernel(sigma);
    const longest = Math.max(...shape);
    if (sigma > 0) for (const axis of filterAxes(shape, ndim)) convolveAxis(out, shape, axis, kernel, longest);
    return;
  }
  const q = sigma >= 2.5 ? 0.98711 * sigma - 0.9633 : 3.97156 - 4.14554 * Math.sqrt(1 - 0.26891 * sigma);
  const q2 = q * q;
  const q3 = q2 * q;
  const b0 = 1.57825 + 2.44413 * q + 1.4281 * q2 + 0.422205 * q3;
  const b1 = (2.44413 * q + 2.85619 * q2 + 1.26661 * q3) / b0;
  const b2 = -(1.4281 * q2 + 1.26661 * q3) / b0;
  const b3 = (0.422205 * q3) / b0;
  const B = 1 - (b1 + b2 + b3);
  for (const axis of filterAxes(shape, ndim)) {
    if (axis !== 2) {
      recursiveRows(out, shape, axis, B, b1, b2, b3);
      continue;
    }
    const n = shape[2];
    const w = new Float64Array(n);
    for (let s = 0; s < out.length; s += n) {
      let w1 = out[s]!;
      let w2 = w1;
      let w3 = w1;
      for (let i = 0; i < n; i++) {
        const v = B * out[s + i]! + b1 * w1 + b2 * w2 + b3 * w3;
        w[i] = v;
        w3 = w2;
        w2 = w1;
        w1 = v;
      }
      let y1 = w[n - 1]!;
      let y2 = y1;
      let y3 = y1;
      for (let i = n - 1; i >= 0; i--) {
        const v = B * w[i]! + b1 * y1 + b2 * y2 + b3 * y3;
        out[s + i] = v;
        y3 = y2;
        y2 = y1;
        y1 = v;
      }
    }
  }
}

/**
 * The recursive filter along Y or Z on whole rows: the same recurrences as along X, with one state
 * (three previous values, in double) per column, so every sample gets exactly the X-line arithmetic.
 */
function recursiveRows(data: Float32Array, shape: Shape3, axis: 0 | 1, B: number, b1: number, b2: number, b3: number): void {
  const { groups, n, stride } = rowStacks(shape, axis);
  const w = chunkWidth(n, stride);
  const fwd = new Float64Array(n * w);
  const s1 = new Float64Array(w);
  const s2 = new Float64Array(w);
  const s3 = new Float64Array(w);
  for (let g = 0; g < groups; g++) {
    const base = g * n * stride;
    for (let c0 = 0; c0 < stride; c0 += w) {
      const cw = Math.min(w, stride - c0);
      const first = base + c0;
      for (let x = 0; x < cw; x++) s1[x] = s2[x] = s3[x] = data[first + x]!;
      for (let i = 0; i < n; i++) {
        const row = base + i * stride + c0;
        const o = i * cw;
        for (let x = 0; x < cw; x++) {
          const v = B * data[row + x]! + b1 * s1[x]! + b2 * s2[x]! + b3 * s3[x]!;
          fwd[o + x] = v;
          s3[x] = s2[x]!;
          s2[x] = s1[x]!;
          s1[x] = v;
        }
      }
      const lastRow = (n - 1) * cw;
      for (let x = 0; x < cw; x++) s1[x] = s2[x] = s3[x] = fwd[lastRow + x]!;
      for (let i = n - 1; i >= 0; i--) {
        const row = base + i * stride + c0;
        const o = i * cw;
        for (let x = 0; x < cw; x++) {
          const v = B * fwd[o + x]! + b1 * s1[x]! + b2 * s2[x]! + b3 * s3[x]!;
          data[row + x] = v;
          s3[x] = s2[x]!;
          s2[x] = s1[x]!;
          s1[x] = v;
        }
      }
    }
  }
}
