// Messages between the /try page and its Web Worker. Typed arrays travel as transferables.
import type { Outline } from '@/lib/metrics';
import type { ClassicalSettings, PixelSettings } from '@/lib/segment';

export type TryRequest =
  | { type: 'load'; id: number; buffer: ArrayBuffer; name: string }
  | { type: 'classical'; id: number; settings: ClassicalSettings }
  | { type: 'pixel'; id: number; scribbles: Uint8Array; settings: PixelSettings; /** 3D: predict this slice first and send it as a preview. */ slice?: number }
  | { type: 'judge'; id: number; truth: ArrayBuffer; name: string; labels: Int32Array }
  /** Score against a few outlines drawn on the canvas (`lib/metrics/partial-truth.ts`). */
  | { type: 'judge-outlines'; id: number; outlines: Outline[]; labels: Int32Array }
  /** Compute the rung-2 features ahead of the first stroke (sent when the rung-2 tab opens). */
  | { type: 'features'; id: number; scales: number[] };

export interface LoadedImage {
  /** `[z, y, x]`. */
  shape: [number, number, number];
  ndim: 2 | 3;
  dtype: string;
  /** 8-bit display copy (0.5–99.5 percentile stretch), same layout as the image. */
  display: Uint8Array;
}

export interface Segmentation {
  rung: 'classical' | 'pixel';
  labels: Int32Array;
  count: number;
  sizes: Int32Array;
  /** Rung 1: the threshold and the histogram it came from. */
  threshold?: number;
  histogram?: { counts: Float64Array; centers: Float64Array };
  /** Rung 2: P(objects) per pixel. */
  probability?: Float32Array;
  ms: number;
}

export interface Judgement {
  /** A full ground-truth label image, or a few outlines drawn on the image. */
  source: 'labels' | 'outlines';
  /** True objects: every object of the label image, or the outlines. */
  truthObjects: number;
  /** Predicted objects scored: all of them, or (outlines) those judged by the outlines. */
  predObjects: number;
  f1: number | null;
  precision: number | null;
  recall: number | null;
  /** Labels: mean IoU of matched pairs. Outlines: mean over the outlines of each one's best IoU. */
  meanIoU: number | null;
  /** Predicted minus true count, and that as a fraction of the true count; null for outlines (undefined). */
  countError: number | null;
  countErrorFraction: number | null;
  /** Truth objects cut into two or more pieces, and predicted objects holding two or more truth objects. */
  splits: number | null;
  merges: number | null;
  /** Outlines only: per outline (1-based, in drawing order), hit or miss and its best IoU. */
  rows?: { outline: number; slice: number; hit: boolean; iou: number }[];
}

export type TryResponse =
  | { type: 'progress'; id: number; fraction: number; step: string }
  | { type: 'loaded'; id: number; image: LoadedImage }
  | { type: 'segmented'; id: number; result: Segmentation }
  | { type: 'judged'; id: number; judgement: Judgement }
  /** 3D rung 2: P(objects) of the visible slice, sent before the whole stack is predicted. */
  | { type: 'preview'; id: number; slice: number; probability: Float32Array }
  | { type: 'features-ready'; id: number; ms: number }
  | { type: 'error'; id: number; message: string };
