import type { OverlapTable } from './overlap-table';
import { ratio } from './ratio';

/** Pixel-level agreement of two binary masks. */
export interface ForegroundScores {
  /** Pixels in the truth foreground. */
  truthPixels: number;
  /** Pixels in the predicted foreground. */
  predPixels: number;
  /** Pixels in both. */
  intersection: number;
  /** Jaccard index |T ∩ P| / |T ∪ P|; null when both masks are empty. */
  iou: number | null;
  /** Dice = F1 = 2|T ∩ P| / (|T| + |P|); null when both masks are empty. */
  dice: number | null;
}

/**
 * Pixel IoU (Jaccard) and Dice (F1) of the foregrounds (label > 0) of two label images, ignoring
 * which object a pixel belongs to. Dice = 2·IoU / (1 + IoU).
 * @param table - Overlap table from {@link overlapTable}.
 * @returns Pixel counts and scores.
 */
export function foregroundScores(table: OverlapTable): ForegroundScores {
  const total = table.zyx[0] * table.zyx[1] * table.zyx[2];
  const truthPixels = total - table.truth.size[0]!;
  const predPixels = total - table.pred.size[0]!;
  let intersection = 0;
  for (let j = 0; j < table.pairCount.length; j++) {
    if (table.pairTruth[j]! > 0 && table.pairPred[j]! > 0) intersection += table.pairCount[j]!;
  }
  return scores(truthPixels, predPixels, intersection);
}

/** Build {@link ForegroundScores} from counts. */
export function scores(truthPixels: number, predPixels: number, intersection: number): ForegroundScores {
  return {
    truthPixels,
    predPixels,
    intersection,
    iou: ratio(intersection, truthPixels + predPixels - intersection),
    dice: ratio(2 * intersection, truthPixels + predPixels),
  };
}
