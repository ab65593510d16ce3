// The metrics the evaluate page explains, in one list shared by the server page (explanations,
// ?metric= validation) and the client results (row order, highlighting). Plain data, no React.

/** Ids accepted by `/evaluate?metric=<id>`; the wizard's MetricAdvice ids are a subset. */
export const METRIC_IDS = ['f1', 'ap', 'pq', 'iou', 'dice', 'hausdorff', 'mse', 'nrmse', 'psnr', 'ssim'] as const;

/** One of {@link METRIC_IDS}. */
export type MetricId = (typeof METRIC_IDS)[number];

/** What the page says about one metric. */
export interface MetricInfo {
  id: MetricId;
  /** Display name. */
  name: string;
  /** Glossary entry id (knowledge/glossary/<id>.json). */
  glossary: string;
  /** Which image pairs it applies to. */
  family: 'segmentation' | 'restoration';
  /** One plain sentence: what the number means and which way is better. */
  summary: string;
  /** When to rely on it (shown in the explanations list). */
  use: string;
}

/** Every metric with its explanation, in the order the page lists them. */
export const METRICS: readonly MetricInfo[] = [
  {
    id: 'f1',
    name: 'F1 score',
    glossary: 'f1-score',
    family: 'segmentation',
    summary: 'Objects are paired with the ground truth when their IoU reaches the threshold; F1 is 2·TP / (2·TP + FP + FN), so 1 means every object was found once and nothing extra was reported.',
    use: 'The number to watch when you count objects: each missed object (false negatives) and each spurious one (false positives) lowers it, however well the outlines fit.',
  },
  {
    id: 'ap',
    name: 'Average precision (AP)',
    glossary: 'average-precision',
    family: 'segmentation',
    summary: 'TP / (TP + FP + FN) at one IoU threshold, as StarDist and Cellpose report it; the mean over thresholds 0.5 to 0.95 also rewards outlines that fit tightly.',
    use: 'Compares instance segmentation tools on the same test images; the curve shows how quickly matches are lost as the required overlap grows.',
  },
  {
    id: 'pq',
    name: 'Panoptic quality (PQ)',
    glossary: 'panoptic-quality',
    family: 'segmentation',
    summary: 'The mean IoU of the matched pairs (segmentation quality) times the F1 of the matching (recognition quality): one number for finding objects and outlining them.',
    use: 'A single summary when both the count and the outlines matter; look at its two factors to see which part is weak.',
  },
  {
    id: 'iou',
    name: 'IoU (foreground)',
    glossary: 'iou',
    family: 'segmentation',
    summary: 'Pixels labelled foreground in both images divided by pixels labelled foreground in either; 1 means the masks agree exactly.',
    use: 'Says how well the segmented area agrees with the ground truth, ignoring which object a pixel belongs to; good for size and area estimates.',
  },
  {
    id: 'dice',
    name: 'Dice coefficient (foreground)',
    glossary: 'dice-coefficient',
    family: 'segmentation',
    summary: 'Twice the shared foreground divided by the sum of both foregrounds; it always ranks results like IoU and is a little higher (Dice = 2·IoU / (1 + IoU)).',
    use: 'The pixel-level F1 score; common in semantic segmentation papers, useful when objects cover a small part of the image.',
  },
  {
    id: 'hausdorff',
    name: 'Hausdorff distance',
    glossary: 'hausdorff-distance',
    family: 'segmentation',
    summary: 'The largest distance from a point on one outline to the nearest point of the other (HD95: the 95th percentile, which ignores a few stray pixels); 0 is perfect, in pixels or in your voxel units.',
    use: 'Catches shape errors that overlap scores forgive, such as a thin protrusion or a missing tip; use it when shape or boundary position matters.',
  },
  {
    id: 'mse',
    name: 'Mean squared error (MSE)',
    glossary: 'mse',
    family: 'restoration',
    summary: 'The mean of the squared pixel differences from the ground truth, in squared intensity units; 0 means identical.',
    use: 'A raw error measure; only comparable between results with the same intensity scale.',
  },
  {
    id: 'nrmse',
    name: 'NRMSE',
    glossary: 'nrmse',
    family: 'restoration',
    summary: 'The square root of MSE divided by the size of the ground-truth signal (Euclidean norm, as scikit-image does by default), so it does not depend on the units; lower is better.',
    use: 'Compares errors across images of different brightness.',
  },
  {
    id: 'psnr',
    name: 'PSNR',
    glossary: 'psnr',
    family: 'restoration',
    summary: 'The ratio of the squared data range to MSE, in decibels; higher is better, and each +3 dB roughly halves the squared error.',
    use: 'The usual headline score for denoising and restoration; compare raw vs ground truth with restored vs ground truth to see the gain.',
  },
  {
    id: 'ssim',
    name: 'SSIM',
    glossary: 'ssim',
    family: 'restoration',
    summary: 'Compares local brightness, contrast and structure in small windows and averages them; 1 means identical, values near 0 mean unrelated.',
    use: 'Closer to what the eye notices than MSE; still check the restored image by eye, because a network can invent plausible detail.',
  },
];

/**
 * The metric's name without a trailing parenthesis ("Average precision (AP)" → "Average precision"),
 * as glossary links in tables show it.
 * @param metric - A catalog entry.
 * @returns The short name.
 */
export function shortName(metric: MetricInfo): string {
  return metric.name.replace(/ \(.*\)$/, '');
}

/** The result of reading `?metric=`: a known id, nothing, or an error naming the valid ids. */
export type MetricParam = { type: 'none' } | { type: 'metric'; metric: MetricInfo } | { type: 'unknown'; message: string };

/**
 * Read the `metric` search parameter of `/evaluate`.
 * @param value - The raw parameter (a repeated parameter uses its first value).
 * @returns The metric, nothing when absent, or a one-line message listing the valid ids.
 */
export function parseMetricParam(value: string | string[] | undefined): MetricParam {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === '') return { type: 'none' };
  const metric = METRICS.find((m) => m.id === raw.trim().toLowerCase());
  if (metric) return { type: 'metric', metric };
  return { type: 'unknown', message: `unknown metric "${raw}"; choose one of ${METRIC_IDS.join(', ')}` };
}

/** Plain notes for summary rows that are not metrics of their own (counts, precision, recall). */
export const ROW_NOTES: Readonly<Record<string, { glossary: string | null; text: string }>> = {
  precision: { glossary: 'precision', text: 'Share of the predicted objects that match a ground-truth object; low when the tool reports extra objects.' },
  recall: { glossary: 'recall', text: 'Share of the ground-truth objects that were found; low when the tool misses objects.' },
  tp: { glossary: 'true-positives', text: 'Pairs of a ground-truth and a predicted object whose IoU reaches the threshold, each object used at most once.' },
  fp: { glossary: 'false-positives', text: 'Predicted objects left without a partner: spurious detections, or objects drawn so badly that they overlap too little.' },
  fn: { glossary: 'false-negatives', text: 'Ground-truth objects left without a partner: missed, or found with too little overlap.' },
  splits: { glossary: null, text: 'Ground-truth objects of which two or more predicted objects each lie mostly inside: cut into pieces (over-segmentation).' },
  merges: { glossary: null, text: 'Predicted objects that each hold most of two or more ground-truth objects: neighbours fused together (under-segmentation).' },
};
