/**
 * The shape of a recommendation: everything the result page, the report export and the CLI show.
 * Plain data (JSON-serialisable) so it can be stored, diffed and sent between processes.
 */
import type { BookRef, CategoryId, RunnerPreset } from '../knowledge/schema';

/** A book reference with its URL (resolved by lib/knowledge's `bookRefUrl`). */
export interface ResolvedBookRef extends BookRef {
  url: string;
}

/** Why an item's score moved: the answer behind it, in words, and the book section that supports it. */
export interface Reason {
  /** Signed score change this reason caused. */
  delta: number;
  effect: 'raised' | 'lowered';
  /** Plain-language explanation, e.g. "StarDist assumes round, star-convex objects; yours are irregular". */
  text: string;
  /** The question whose answer triggered the rule. */
  question: string;
  /** The option id(s) the user chose for that question. */
  option: string[];
  bookRef: ResolvedBookRef;
}

/** One ranked item (a method category, a tool or a restoration method). */
export interface RankedItem<Id extends string = string> {
  id: Id;
  name: string;
  score: number;
  /** Every rule that moved the score, largest effect first. */
  reasons: Reason[];
}

/** An item removed from the ranking because it breaks a hard constraint (a must-have, book §8.3). */
export interface Exclusion {
  kind: 'category' | 'tool' | 'restoration-method';
  id: string;
  name: string;
  /** The question whose must-have answer (or inherent constraint) it breaks. */
  question: string;
  text: string;
  bookRef: ResolvedBookRef;
}

/** A warning that applies whatever the ranking says. */
export interface Caveat {
  id: string;
  text: string;
  bookRef: ResolvedBookRef;
}

/** A pre-processing step the user needs (§8.2.3) and tools that do it, best first. */
export interface PreprocessingStep {
  /** The `preprocessing` option id ("stitching", "flat-field", "denoising"). */
  step: string;
  label: string;
  tools: string[];
  /** Where the book discusses this step. */
  bookRef: ResolvedBookRef;
}

/** The outcome one decision tree reaches for the answers, and whether the ranking's top agrees. */
export interface TreeOutcome {
  /** Tree id (`knowledge/trees/<id>.json`). */
  tree: string;
  title: string;
  /** The book figure, e.g. "Fig 9.4", or null for trees derived from the text. */
  figure: string | null;
  /** Outcome node id and label. */
  outcome: string;
  label: string;
  /** true/false when the outcome names categories (segmentation) or methods (restoration); null when it makes no ranking claim. */
  agrees: boolean | null;
  /** Why the ranking differs, when it does; else null. */
  note: string | null;
}

/** §8.4: how good is good enough, for the user's quality answer. */
export interface GoodEnoughAdvice {
  /** The `quality` option id, or null when unanswered. */
  quality: string | null;
  text: string;
  /** The book's five questions for deciding, to ask before polishing further. */
  heuristics: string[];
  bookRef: ResolvedBookRef;
}

/** One segmentation step of "if this fails, try …": the next §8.5 category, in the book's order. */
export interface CategoryFallbackStep {
  kind: 'category';
  category: CategoryId;
  name: string;
  text: string;
  tools: string[];
  bookRef: ResolvedBookRef;
}

/** Ids of the chapter 6 restoration fallback steps (see `restorationFallback`). */
export type RestorationFallbackId =
  | 'check-training-pairs'
  | 'check-noise-model'
  | 'reference-flat-field'
  | 'check-psf'
  | 'classical-deconvolution'
  | 'self-supervised-denoising'
  | 'noise2noise'
  | 'acquire-paired-data'
  | 'measure-raw';

/** One restoration step of "if this fails, try …" (chapter 6 §6.3, §6.4). */
export interface RestorationFallbackStep {
  kind: 'restoration';
  step: RestorationFallbackId;
  name: string;
  /** When to take the step and what to do, in plain words. */
  text: string;
  /** Tools that do the step, best-ranked first (may be empty). */
  tools: string[];
  bookRef: ResolvedBookRef;
}

/** One step of "if this fails, try …": a method category (segmentation) or a restoration step. */
export type FallbackStep = CategoryFallbackStep | RestorationFallbackStep;

/** Where to learn the recommended tools, for the learning style the user chose (§8.2.2). */
export interface LearningAdvice {
  /** The `learning-style` option id ("explore", "read", "watch", "ask"). */
  style: string;
  text: string;
  /** Tool ids of places to learn or ask (forums, societies, indexes), in the order to try them. */
  resources: string[];
  bookRef: ResolvedBookRef;
}

/** The metric to check whether a result is good enough, and the evaluate page that computes it. */
export interface MetricAdvice {
  id: 'f1' | 'iou' | 'hausdorff' | 'dice' | 'psnr' | 'ssim';
  name: string;
  text: string;
  /** Site route of the evaluate page, preset to this metric. */
  route: string;
  bookRef: ResolvedBookRef;
}

/** Fig 9.4: how to get a model that works. */
export type TrainingApproach = 'use-as-is' | 'transfer-learning' | 'fine-tuning' | 'human-in-the-loop' | 'from-scratch';
/** Fig 9.9: where to run it. */
export type DeploymentMode = 'local' | 'cloud' | 'slow-local';

/** The result of `recommend(answers, kb)`: everything the result page, report and CLI show. */
export interface Recommendation {
  /**
   * Which branch of the advice applied: `restoration` for image-to-image outputs (restored images,
   * label-free prediction), `segmentation` for masks, objects, positions and tracks, `other` for image
   * classification or when no output was chosen.
   */
  kind: 'segmentation' | 'restoration' | 'other';
  /** Ranked §8.5 categories (empty for restoration). Highest score first; ties in the book's order. */
  categories: RankedItem<CategoryId>[];
  /**
   * Ranked tools. Highest score first; ties broken by the book's suggestions for the top method or
   * category, then by less coding and installation (a zero-delta reason says so).
   */
  tools: RankedItem[];
  /** Ranked chapter 6 methods (restoration branch only). */
  restorationMethods: RankedItem[];
  excluded: Exclusion[];
  caveats: Caveat[];
  fallback: FallbackStep[];
  /** Fig 9.4 outcome (walked from `knowledge/trees/training-approach.json`) when a deep-learning category leads, else null. */
  trainingApproach: { approach: TrainingApproach; text: string; bookRef: ResolvedBookRef } | null;
  /** Fig 9.9 outcome whenever deep learning is among the top three categories (or for restoration), else null. */
  deployment: { mode: DeploymentMode; text: string; bookRef: ResolvedBookRef } | null;
  /** Embedded 3D-RCAN runner preset when 3D-RCAN fits, with the route that opens it. */
  runnerPreset: { preset: RunnerPreset; method: string; route: string } | null;
  metric: MetricAdvice | null;
  /** Where to learn, when the user said how they like to learn; else null. */
  learning: LearningAdvice | null;
  /** Tools for the pre-processing steps the user said they need (empty when none apply). */
  preprocessing: PreprocessingStep[];
  /** Glossary ids of terms the result uses, sorted. */
  glossary: string[];
  /** Each decision tree's outcome for these answers, and whether the ranking agrees (with a note when not). */
  treeOutcomes: TreeOutcome[];
  /** §8.4 "good enough" step: what quality to aim for and the questions to ask before polishing. */
  goodEnough: GoodEnoughAdvice | null;
}
