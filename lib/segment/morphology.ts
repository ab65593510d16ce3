// Grey-level morphology for background removal and seed finding: flat box minimum/maximum filters
// (van Herk / Gil–Werman, O(1) per pixel whatever the size) and a paraboloid "rolling ball"
// opening (exact, separable lower envelopes of parabolas).
import { lowerEnvelope } from './distance';
import { chunkWidth, filterAxes, rowStacks, type FloatImage, type Shape3 } from './types';

/**
 * Minimum or maximum over a (2r+1)^ndim box around every pixel, in place; the box is clipped at the
 * image border (the same as SciPy's 'reflect' or 'nearest' modes for a flat footprint).
 * @param data - values in C order
 * @param radius - half-width per axis `[z, y, x]` (Z ignored for 2D)
 */
export function boxFilter(
  data: Float32Array,
  shape: Shape3,
  ndim: 2 | 3,
  radius: readonly [number, number, number],
  op: 'min' | 'max',
): void {
  const longest = Math.max(...shape) + 2 * Math.max(...radius) + 2;
  const g = new Float32Array(longest);
  const h = new Float32Array(longest);
  const sign = op === 'min' ? 1 : -1;
  for (const axis of filterAxes(shape, ndim)) {
    const r = radius[axis];
    if (r <= 0) continue;
    if (axis !== 2) {
      vanHerkRows(data, shape, axis, r, sign);
      continue;
    }
    const X = shape[2];
    for (let s = 0; s < data.length; s += X) vanHerk(data.subarray(s, s + X), r, g, h, sign);
  }
}

/**
 * van Herk / Gil–Werman running extremum of one line in place: sign 1 gives the minimum, −1 the
 * maximum (by negating on the way in and out), 3 comparisons per sample whatever the window.
 */
function vanHerk(line: Float32Array, r: number, g: Float32Array, h: Float32Array, sign: 1 | -1): void {
  const n = line.length;
  const w = 2 * r + 1;
  const len = n + 2 * r;
  // g: running minimum from the start of each block of w; h: from its end (padding is +∞).
  for (let i = 0, phase = 0; i < len; i++, phase = phase === w - 1 ? 0 : phase + 1) {
    const src = i - r;
    const v = src >= 0 && src < n ? sign * line[src]! : Infinity;
    g[i] = phase === 0 ? v : Math.min(g[i - 1]!, v);
  }
  for (let i = len - 1, phase = (len - 1) % w; i >= 0; i--, phase = phase === 0 ? w - 1 : phase - 1) {
    const src = i - r;
    const v = src >= 0 && src < n ? sign * line[src]! : Infinity;
    h[i] = i === len - 1 || phase === w - 1 ? v : Math.min(h[i + 1]!, v);
  }
  // The window [i, i + w − 1] in padded coordinates spans at most two blocks.
  for (let i = 0; i < n; i++) line[i] = sign * Math.min(h[i]!, g[i + w - 1]!);
}

/** {@link vanHerk} along Y or Z on whole rows (chunks of columns), the same operations per sample. */
function vanHerkRows(data: Float32Array, shape: Shape3, axis: 0 | 1, r: number, sign: 1 | -1): void {
  const { groups, n, stride } = rowStacks(shape, axis);
  const w = 2 * r + 1;
  const len = n + 2 * r;
  const cw0 = chunkWidth(len, stride);
  const g = new Float32Array(len * cw0);
  const h = new Float32Array(len * cw0);
  for (let grp = 0; grp < groups; grp++) {
    const base = grp * n * stride;
    for (let c0 = 0; c0 < stride; c0 += cw0) {
      const cw = Math.min(cw0, stride - c0);
      for (let i = 0, phase = 0; i < len; i++, phase = phase === w - 1 ? 0 : phase + 1) {
        const src = i - r;
        const row = base + src * stride + c0;
        const o = i * cw;
        // Padding is +∞, and min(v, +∞) = v.
        if (src < 0 || src >= n) {
          if (phase === 0) g.fill(Infinity, o, o + cw);
          else g.copyWithin(o, o - cw, o);
        }
        else if (phase === 0) for (let x = 0; x < cw; x++) g[o + x] = sign * data[row + x]!;
        else for (let x = 0; x < cw; x++) g[o + x] = Math.min(g[o - cw + x]!, sign * data[row + x]!);
      }
      for (let i = len - 1, phase = (len - 1) % w; i >= 0; i--, phase = phase === 0 ? w - 1 : phase - 1) {
        const src = i - r;
        const row = base + src * stride + c0;
        const o = i * cw;
        const restart = i === len - 1 || phase === w - 1;
        if (src < 0 || src >= n) {
          if (restart) h.fill(Infinity, o, o + cw);
          else h.copyWithin(o, o + cw, o + 2 * cw);
        } else if (restart) for (let x = 0; x < cw; x++) h[o + x] = sign * data[row + x]!;
        else for (let x = 0; x < cw; x++) h[o + x] = Math.min(h[o + cw + x]!, sign * data[row + x]!);
      }
      for (let i = 0; i < n; i++) {
        const row = base + i * stride + c0;
        const a = i * cw;
        const b = (i + w - 1) * cw;
        for (let x = 0; x < cw; x++) data[row + x] = sign * Math.min(h[a + x]!, g[b + x]!);
      }
    }
  }
}

/**
 * White top-hat with a flat box footprint: the image minus its grey opening (erosion then dilation),
 * which keeps bright structures narrower than the box and removes the slowly varying background.
 * Equals `skimage.morphology.white_tophat(img, np.ones((2r+1,) * ndim))`.
 * @param radius - box half-width in pixels (Z uses the same radius in 3D unless `[z, y, x]` is given)
 */
export function whiteTopHat(image: FloatImage, radius: number | readonly [number, number, number]): { result: FloatImage; background: FloatImage } {
  const r = typeof radius === 'number' ? ([radius, radius, radius] as const) : radius;
  const bg = new Float32Array(image.data);
  boxFilter(bg, image.shape, image.ndim, r, 'min');
  boxFilter(bg, image.shape, image.ndim, r, 'max');
  return split(image, bg);
}

/**
 * Rolling-ball background subtraction with a paraboloid "ball": the background is the grey opening of
 * the image by the non-flat structuring function h(d) = −range·|d|²/R², a paraboloid that drops by the
 * image's full intensity range R pixels from its apex. Near its apex a ball of radius R has the same
 * shape; a paraboloid makes the opening separable and exact (lower envelopes of parabolas), so it costs
 * O(1) per pixel for any radius. Scaling by the image range makes R independent of the bit depth.
 * Equals `scipy.ndimage.grey_opening(img, structure=h)` with a footprint covering the image.
 * @param radius - R in pixels (objects much narrower than R are kept)
 */
export function rollingBall(image: FloatImage, radius: number): { result: FloatImage; background: FloatImage } {
  if (!(radius > 0)) throw new RangeError(`the rolling-ball radius must be > 0 pixels, got ${radius}`);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of image.data) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const range = hi - lo;
  if (!(range > 0)) return split(image, new Float32Array(image.data));
  // Erosion: e(p) = min_q f(q) + c|p−q|² with c = range/R². Scaled by 1/c it is a squared distance
  // transform of the sampled function f/c (Felzenszwalb–Huttenlocher), one pass per axis.
  const c = range / (radius * radius);
  const n = image.data.length;
  const work = new Float32Array(n);
  for (let i = 0; i < n; i++) work[i] = (image.data[i]! - lo) / c;
  // A 2D image has z = 1, so the Z pass is skipped.
  lowerEnvelope(work, image.shape, image.ndim);
  // Dilation: d(p) = max_q e(q) − c|p−q|² = −min_q (−e(q) + c|p−q|²).
  for (let i = 0; i < n; i++) work[i] = -work[i]!;
  lowerEnvelope(work, image.shape, image.ndim);
  const bg = new Float32Array(n);
  for (let i = 0; i < n; i++) bg[i] = -work[i]! * c + lo;
  return split(image, bg);
}

function split(image: FloatImage, bg: Float32Array): { result: FloatImage; background: FloatImage } {
  const out = new Float32Array(bg.length);
  for (let i = 0; i < bg.length; i++) out[i] = image.data[i]! - bg[i]!;
  return {
    result: { shape: image.shape, ndim: image.ndim, data: out },
    background: { shape: image.shape, ndim: image.ndim, data: bg },
  };
}
