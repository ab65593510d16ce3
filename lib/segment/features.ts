// The ilastik-style filter bank of rung 2: per scale σ, Gaussian smoothing, Laplacian of Gaussian,
// gradient magnitude, difference of Gaussians, Hessian eigenvalues and structure-tensor eigenvalues,
// in 2D or 3D. Every feature is quantized to 8 bits over its own range, which keeps a 1024² image with
// 41 features at 41 MB and lets the random forest split on 256-bin histograms.
import { derivative, gaussianFilterFast, smoothInPlace } from './gaussian';
import { sizeOf, type FloatImage, type OnProgress } from './types';

/** Default scales (pixels), ilastik's from 0.7 to 10. */
export const DEFAULT_SCALES = [0.7, 1.6, 3.5, 5, 10] as const;

/** Features of every pixel, pixel-major: `data[p * count + f]`. */
export interface FeatureStack {
  /** Number of features per pixel. */
  count: number;
  /** Number of pixels. */
  pixels: number;
  data: Uint8Array;
  names: string[];
}

/** Names of the features {@link computeFeatures} makes, in order. */
export function featureNames(ndim: 2 | 3, scales: readonly number[]): string[] {
  const names = ['intensity'];
  const axes = ndim === 3 ? 3 : 2;
  for (const s of scales) {
    names.push(`gaussian σ=${s}`, `LoG σ=${s}`, `gradient magnitude σ=${s}`, `DoG σ=${s}`);
    for (let k = 1; k <= axes; k++) names.push(`Hessian eigenvalue ${k} σ=${s}`);
    for (let k = 1; k <= axes; k++) names.push(`structure tensor eigenvalue ${k} σ=${s}`);
  }
  return names;
}

/**
 * Compute the filter bank. Derivatives are central differences of the smoothed image; the structure
 * tensor is smoothed at σ/2 (ilastik's outer scale). A 2D image (or a stack treated as 2D slices, `ndim
 * = 2` with z = 1) gets 2D features; a 3D stack gets 3D ones.
 * @param scales - σ values in pixels, each > 0
 */
export function computeFeatures(image: FloatImage, scales: readonly number[] = DEFAULT_SCALES, onProgress?: OnProgress): FeatureStack {
  if (scales.length === 0 || scales.some((s) => !(s > 0))) throw new RangeError('feature scales must be a non-empty list of numbers > 0');
  const n = sizeOf(image.shape);
  const { shape, ndim } = image;
  const is3d = image.ndim === 3 && image.shape[0] > 1;
  const names = featureNames(is3d ? 3 : 2, scales);
  const count = names.length;
  const data = new Uint8Array(n * count);
  // Features are quantized into 8-bit planes, then interleaved into the pixel-major stack one scale
  // at a time: writing 8–10 adjacent bytes per pixel instead of one byte per pixel per feature.
  const perScale = (count - 1) / scales.length;
  const planes = new Uint8Array((perScale + 1) * n);
  let f = 0;
  let pending = 0;
  const put = (values: Float32Array) => quantizeInto(values, planes, pending++ * n);
  const flush = () => {
    interleave(planes, pending, n, data, f, count);
    f += pending;
    pending = 0;
  };
  // Work buffers, reused at every scale.
  const buffer = () => new Float32Array(n);
  const at = (d: Float32Array): FloatImage => ({ shape, ndim, data: d });
  const gx = buffer();
  const gy = buffer();
  const gz = is3d ? buffer() : undefined;
  const parts = Array.from({ length: is3d ? 6 : 3 }, buffer);
  const eig = Array.from({ length: is3d ? 3 : 2 }, buffer);
  const tmp = buffer();
  put(image.data);
  let previous = image.data;
  scales.forEach((sigma, si) => {
    onProgress?.(si / scales.length, `features σ=${sigma}`);
    const g = gaussianFilterFast(image, sigma).data;
    put(g);
    derivative(at(g), 2, gx);
    derivative(at(g), 1, gy);
    if (gz) derivative(at(g), 0, gz);
    // Hessian: xx, yy, xy (, zz, xz, yz).
    const [hxx, hyy, hxy, hzz, hxz, hyz] = parts as [Float32Array, Float32Array, Float32Array, Float32Array?, Float32Array?, Float32Array?];
    derivative(at(gx), 2, hxx);
    derivative(at(gy), 1, hyy);
    derivative(at(gx), 1, hxy);
    if (gz) {
      derivative(at(gz), 0, hzz!);
      derivative(at(gx), 0, hxz!);
      derivative(at(gy), 0, hyz!);
    }
    if (hzz) for (let i = 0; i < n; i++) tmp[i] = hxx[i]! + hyy[i]! + hzz[i]!;
    else for (let i = 0; i < n; i++) tmp[i] = hxx[i]! + hyy[i]! + 0;
    put(tmp);
    if (gz) for (let i = 0; i < n; i++) tmp[i] = Math.sqrt(gx[i]! * gx[i]! + gy[i]! * gy[i]! + gz[i]! * gz[i]!);
    else for (let i = 0; i < n; i++) tmp[i] = Math.sqrt(gx[i]! * gx[i]! + gy[i]! * gy[i]! + 0);
    put(tmp);
    for (let i = 0; i < n; i++) tmp[i] = g[i]! - previous[i]!;
    put(tmp);
    previous = g;
    for (const e of eigenvalues(hxx, hyy, hxy, hzz, hxz, hyz, eig)) put(e);
    // Structure tensor: outer products of the gradient, smoothed at σ/2 (in the Hessian's buffers).
    const pairs: [Float32Array, Float32Array][] = gz ? [[gx, gx], [gy, gy], [gx, gy], [gz, gz], [gx, gz], [gy, gz]] : [[gx, gx], [gy, gy], [gx, gy]];
    pairs.forEach(([a, b], k) => {
      const out = parts[k]!;
      for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
      smoothInPlace(out, shape, ndim, sigma / 2);
    });
    for (const e of eigenvalues(hxx, hyy, hxy, hzz, hxz, hyz, eig)) put(e);
    flush();
  });
  onProgress?.(1, 'features done');
  return { count, pixels: n, data, names };
}

/** Map values linearly onto 0…255 over their own min–max into `out` from `offset`. */
function quantizeInto(values: Float32Array, out: Uint8Array, offset: number): void {
  // Two functions, not two loops in one: V8 would otherwise optimize the first loop on the fly and
  // throw that code away on reaching the second (not yet run) loop, at every call.
  const [lo, hi] = range(values);
  writeBytes(values, lo, hi > lo ? 255 / (hi - lo) : 0, out, offset);
}

function range(values: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function writeBytes(values: Float32Array, lo: number, scale: number, out: Uint8Array, offset: number): void {
  for (let i = 0; i < values.length; i++) {
    // Math.round(x) for x ≥ 0 (the byte store truncates x + 0.5), several times faster in V8. The
    // one x where x + 0.5 rounds up to an integer in double arithmetic is the largest double below
    // 0.5, which Math.round sends to 0.
    const x = (values[i]! - lo) * scale;
    const r = x + 0.5;
    out[offset + i] = r === 1 && x < 0.5 ? 0 : r;
  }
}

/** Copy `m` planes of `n` bytes into features `f…f + m − 1` of the pixel-major stack. */
function interleave(planes: Uint8Array, m: number, n: number, out: Uint8Array, f: number, count: number): void {
  for (let p = 0, o = f; p < n; p++, o += count) {
    for (let j = 0, q = p; j < m; j++, q += n) out[o + j] = planes[q]!;
  }
}

/**
 * Eigenvalues, largest first, of the symmetric 2×2 (`[xx xy; xy yy]`) or 3×3 tensor field.
 * The 3×3 case uses the closed-form trigonometric solution (Smith 1961).
 * @param out - optional output buffers (2 or 3 of the field's length), reused by the filter bank
 */
export function eigenvalues(
  xx: Float32Array,
  yy: Float32Array,
  xy: Float32Array,
  zz?: Float32Array,
  xz?: Float32Array,
  yz?: Float32Array,
  out?: Float32Array[],
): Float32Array[] {
  const n = xx.length;
  const buffer = (k: number) => out?.[k] ?? new Float32Array(n);
  if (!zz || !xz || !yz) {
    const e = [buffer(0), buffer(1)];
    eigenvalues2(xx, yy, xy, e[0]!, e[1]!);
    return e;
  }
  const e = [buffer(0), buffer(1), buffer(2)];
  eigenvalues3(xx, yy, zz, xy, xz, yz, e[0]!, e[1]!, e[2]!);
  return e;
}

// The 2×2 and 3×3 loops live in their own functions so that V8's optimized code for one never
// reaches the other, not yet run, and is thrown away (which happened at every call).
function eigenvalues2(xx: Float32Array, yy: Float32Array, xy: Float32Array, e1: Float32Array, e2: Float32Array): void {
  for (let i = 0; i < xx.length; i++) {
    const m = 0.5 * (xx[i]! + yy[i]!);
    const d = Math.sqrt(0.25 * (xx[i]! - yy[i]!) ** 2 + xy[i]! * xy[i]!);
    e1[i] = m + d;
    e2[i] = m - d;
  }
}

function eigenvalues3(
  xx: Float32Array,
  yy: Float32Array,
  zz: Float32Array,
  xy: Float32Array,
  xz: Float32Array,
  yz: Float32Array,
  e1: Float32Array,
  e2: Float32Array,
  e3: Float32Array,
): void {
  const n = xx.length;
  for (let i = 0; i < n; i++) {
    const a = xx[i]!;
    const b = yy[i]!;
    const c = zz[i]!;
    const d = xy[i]!;
    const e = yz[i]!;
    const f = xz[i]!;
    const p1 = d * d + e * e + f * f;
    const q = (a + b + c) / 3;
    if (p1 === 0) {
      // Diagonal: the entries, largest first (a stable sort of three).
      let s0 = a;
      let s1 = b;
      let s2 = c;
      if (s1 > s0) {
        s1 = s0;
        s0 = b;
      }
      if (s2 > s1) {
        const t = s1;
        s1 = s2;
        s2 = t;
      }
      if (s1 > s0) {
        const t = s0;
        s0 = s1;
        s1 = t;
      }
      e1[i] = s0;
      e2[i] = s1;
      e3[i] = s2;
      continue;
    }
    const p2 = (a - q) ** 2 + (b - q) ** 2 + (c - q) ** 2 + 2 * p1;
    const p = Math.sqrt(p2 / 6);
    // det((A − qI) / p) / 2, clamped to [−1, 1] against rounding.
    const ba = (a - q) / p;
    const bb = (b - q) / p;
    const bc = (c - q) / p;
    const bd = d / p;
    const be = e / p;
    const bf = f / p;
    let r = (ba * (bb * bc - be * be) - bd * (bd * bc - be * bf) + bf * (bd * be - bb * bf)) / 2;
    r = r < -1 ? -1 : r > 1 ? 1 : r;
    const phi = Math.acos(r) / 3;
    const l1 = q + 2 * p * Math.cos(phi);
    const l3 = q + 2 * p * Math.cos(phi + (2 * Math.PI) / 3);
    e1[i] = l1;
    e3[i] = l3;
    e2[i] = 3 * q - l1 - l3;
  }
}
