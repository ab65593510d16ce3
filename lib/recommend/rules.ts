/**
 * Scoring rules as data. Each rule names the answers it reacts to, the score change, the reason
 * shown to the user and the book section behind it. Every weight carries a comment saying why.
 *
 * Scale: items start at {@link BASE_SCORE}. ±5 is a nudge, ±10–20 a clear preference the book states,
 * ±30–40 a near-veto (the book says it is unlikely to work). Hard constraints are not weights: they
 * are exclusions (see `toolExclusions`).
 */
import type { Answers, CategoryId, Condition, PretrainedModel, RestorationMethod, Tool } from '../knowledge/schema';
import { answerOf, matchCondition } from './match-condition';
import { RESTORATION_TASKS } from '../knowledge/vocabulary';

/** Every category, tool and method starts here, so a score reads as "above or below neutral". */
export const BASE_SCORE = 50;

/** Tool kinds that are places to look or ask (indexes, forums, repositories), not tools that do the job. */
export const NON_DOER_KINDS: ReadonlySet<string> = new Set(['index', 'community', 'data-repository', 'model-repository', 'metrics']);

/** Output option → the tool tasks that deliver it (first = primary). */
export const OUTPUT_TASKS: Record<string, string[]> = {
  mask: ['binary-segmentation', 'semantic-segmentation'],
  classes: ['semantic-segmentation'],
  objects: ['instance-segmentation'],
  'objects-in-regions': ['panoptic-segmentation', 'instance-segmentation', 'semantic-segmentation'],
  positions: ['object-detection', 'instance-segmentation'],
  tracks: ['tracking', 'instance-segmentation'],
  'image-classes': ['classification'],
};

/** Degradation option → restoration task of chapter 6. */
export const DEGRADATION_TASKS: Record<string, string> = {
  noise: 'denoising',
  blur: 'deconvolution',
  aberration: 'deaberration',
  'low-resolution': 'resolution-enhancement',
  anisotropic: 'resolution-enhancement',
  'uneven-illumination': 'illumination-correction',
};

/** The chapter 6 restoration tasks the `degradation` answer asks for, in answer order. */
export function degradationTasks(answers: Answers): string[] {
  return answerOf(answers, 'degradation')
    .map((o) => DEGRADATION_TASKS[o])
    .filter((t): t is string => t !== undefined);
}

/** restoration-data option → the `dataNeeds` value it satisfies. */
export const DATA_OPTION_NEEDS: Record<string, string[]> = {
  paired: ['paired-low-high'],
  'noisy-only': ['noisy-only'],
  'two-noisy': ['two-noisy-acquisitions'],
  // A known PSF is what classical and physics-informed deconvolution use directly. (It could also seed
  // simulated training pairs, but building that pipeline is a project of its own, so we do not count it.)
  psf: ['known-psf'],
  'cross-modality': ['cross-modality-pairs', 'paired-low-high'],
};

/** A rule over answers that moves category scores. */
export interface CategoryRule {
  /** Stable id, used in tests and reports. */
  id: string;
  when: Condition;
  /** The question whose answer the reason quotes. */
  cite: string;
  effects: Partial<Record<CategoryId, number>>;
  why: string;
  section: string;
}

/** How far a pixel classifier drops for a user with no labels and little time to draw them (see `no-labels-pixel`). */
const PIXEL_NO_LABELS = 10;
const DL: CategoryId[] = ['pretrained-dl', 'finetuned-dl', 'scratch-dl'];

/** Modalities where objects stand out by texture, not brightness (the `appearance` question is not asked). */
export const TEXTURE_MODALITIES = ['brightfield', 'phase-contrast', 'histology'];
/** Kinds of object told apart by texture or their mix of stains rather than brightness (`appearance` is not asked). */
export const TEXTURE_OBJECTS = ['tissue-regions'];
/**
 * Spot detection: positions of organelles, foci, spots or vesicles (not cells counted as points), or
 * tracks of them, which start by detecting the spots in every frame.
 */
const SPOT_DETECTION: Condition = { all: [{ q: 'output', is: ['positions', 'tracks'] }, { q: 'objects', is: ['organelles'] }] };
const each = (ids: CategoryId[], delta: number): Partial<Record<CategoryId, number>> => Object.fromEntries(ids.map((id) => [id, delta]));

/**
 * Fig 9.4's poor performance: the user says the model they tried is far off on their test images, or,
 * not sure how far off it is, says their images differ from its training data (or does not know).
 */
const POOR_PERFORMANCE: Condition = {
  any: [
    { q: 'pretrained-gap', is: ['far-off'] },
    { all: [{ not: { q: 'pretrained-gap', is: ['close', 'far-off'] } }, { q: 'resemblance', is: ['different', 'dont-know'] }] },
  ],
};

/**
 * A mask of where the tissue is, with no tissue types told apart: tissue against the bare slide, or the
 * area a stain covers. Tissue (or stain) is darker or more coloured than the glass, so a colour or
 * intensity threshold finds it, as the tool-category tree's "marked" branch says (§8.5); texture matters
 * when tissue types are told apart (`classes`, tumour versus stroma).
 */
export const TISSUE_FOREGROUND: Condition = { all: [{ q: 'output', is: ['mask'] }, { q: 'objects', is: ['tissue-regions'] }] };
/**
 * A mask of the area cells cover in transmitted light (confluency; the open gap of a scratch assay): a
 * textured cell layer against a smooth, empty dish, with no cell told apart. One local-variance, entropy
 * or edge filter and a threshold find it, as the confluency and wound-healing tools do (PHANTAST, Fiji's
 * wound-healing macros); texture calls for learned features when textures must be told apart.
 */
export const COVERED_AREA: Condition = { all: [{ q: 'output', is: ['mask'] }, { q: 'objects', is: ['whole-cells', 'other'] }, { q: 'modality', is: ['brightfield', 'phase-contrast'] }] };
/**
 * Whole organisms (worms, larvae, small animals) apart from one another in transmitted light: each animal is
 * darker than the plain plate or well around it, like the dark organoids on a light background of the
 * `marked` answer, and the trackers and measuring tools made for them (Tierpsy, WormRuler, TRex) find it by
 * a threshold or background subtraction. Read from the answers rather than said, it gives way once the user
 * has tested a ready model (Fig 9.4 then goes on from that model, as "try another pre-trained model" does).
 */
export const ORGANISMS_APART: Condition = { all: [{ q: 'objects', is: ['organisms'] }, { q: 'modality', is: ['brightfield', 'phase-contrast'] }, { not: { q: 'difficulty', is: ['crowded'] } }, { not: { q: 'pretrained', is: ['works', 'not-good-enough'] } }] };
/** The sample against its empty background: tissue against the bare slide, cells against the bare dish, animals against the plate. */
export const SAMPLE_FOREGROUND: Condition = { any: [TISSUE_FOREGROUND, COVERED_AREA, ORGANISMS_APART] };
/** What the user wants is marked by a stain or clear darkness (their answer), or is the sample against its empty background. */
export const MARKED: Condition = { any: [{ q: 'difficulty', is: ['marked'] }, SAMPLE_FOREGROUND] };
/** A rule for one kind of sample against its empty background: classical +15, as for the `marked` answer, which gives the reason instead when given (§8.5). */
const sampleAgainstBackground = (id: string, when: Condition, cite: string, why: string): CategoryRule => ({ id, when: { all: [when, { not: { q: 'difficulty', is: ['marked'] } }] }, cite, effects: { classical: 15 }, why, section: '8.5' });
/** Sorting whole images or slides into categories: no objects are found, so how objects stand out does not apply. */
export const WHOLE_IMAGES: Condition = { all: [{ q: 'output', is: ['image-classes'] }, { q: 'classify-what', is: ['images'] }] };
/**
 * §8.5: objects told apart by texture rather than brightness (unless a stain or clear darkness marks them); not when sorting whole images.
 * Unstained transmitted light (brightfield, phase contrast) implies texture for cells and regions unless
 * the user says how their objects stand out (question set v23 asks them: dark particles on a light slide
 * stand out as clearly as bright ones on dark). Filaments, neurites and vessels there are never texture,
 * whatever the answer: they are thin lines darker or lighter than their surroundings, found by their
 * shape with a ridge (line) filter and skeletonised (§8.2.1, the skeleton tools). In stained tissue the
 * stain decides (the `marked` answer), as for any object there.
 */
const LINES_IN_TRANSMITTED_LIGHT: Condition = { all: [{ q: 'objects', is: ['filaments'] }, { q: 'modality', is: ['brightfield', 'phase-contrast'] }] };
export const TEXTURE_DEFINED: Condition = {
  all: [
    { any: [{ all: [{ any: [{ q: 'appearance', is: ['texture'] }, { all: [{ q: 'modality', is: TEXTURE_MODALITIES }, { not: { q: 'appearance', answered: true } }] }] }, { not: LINES_IN_TRANSMITTED_LIGHT }] }, { q: 'objects', is: TEXTURE_OBJECTS }] },
    { not: MARKED },
    { not: WHOLE_IMAGES },
  ],
};
/** Roundish objects: nuclei (the shape question is not asked for them) or objects the user calls round (§9.3.2). */
export const ROUND_OBJECTS: Condition = { any: [{ q: 'shape', is: ['round'] }, { q: 'objects', is: ['nuclei'] }] };
/** Objects that touch and must be split one from another (spot detectors find peaks instead: §8.5). */
const CROWDED_OBJECTS: Condition = { all: [{ q: 'difficulty', is: ['crowded'] }, { not: SPOT_DETECTION }] };

/** No threshold can separate these objects, whatever its settings: texture-defined objects or equally bright look-alikes (§8.5). */
export const THRESHOLD_UNSUITED: Condition = { any: [{ q: 'appearance', is: ['look-alikes'] }, TEXTURE_DEFINED] };

/**
 * The model the user trained on their own annotations was trained from scratch: no ready-made model
 * existed to start from, or they said they started from random weights. Otherwise (they fine-tuned a
 * ready model, or are not sure) it counts as an adapted model, as Fig 9.4 assumes after a model fell short.
 */
export const SCRATCH_TRAINED: Condition = { any: [{ q: 'pretrained', is: ['none'] }, { q: 'trained-from', is: ['scratch'] }] };
/** Whether the model the user trained was trained from scratch (see `SCRATCH_TRAINED`). */
export const trainedFromScratch = (a: Answers): boolean => matchCondition(SCRATCH_TRAINED, a);

/**
 * Imaging modalities for which the catalogue has a tool that runs networks pre-trained on large
 * collections of such images as feature encoders (the tools' `featureEncoders`: the pathology encoders
 * TRIDENT runs). Kept as data here because a tree condition cannot read the catalogue; a test checks it
 * matches the catalogue and the training-approach tree.
 */
export const ENCODER_MODALITIES = ['histology'];

/**
 * Sorting into categories with no ready model for them, but a network pre-trained on images like the
 * user's to adapt (§9.3.6.1): the user says so, or they sort whole images of a modality for which such
 * encoders are at hand (`ENCODER_MODALITIES`), unless they say only general ones are. Adapting one
 * needs labelled examples, so not when the user has none.
 */
export const ENCODER_AT_HAND: Condition = {
  all: [
    { q: 'output', is: ['image-classes'] },
    { q: 'pretrained', is: ['none', 'dont-know'] },
    { not: { q: 'annotations', is: ['none'] } },
    { any: [{ q: 'encoder', is: ['similar'] }, { all: [WHOLE_IMAGES, { q: 'modality', is: ENCODER_MODALITIES }, { not: { q: 'encoder', is: ['general'] } }] }] },
  ],
};

/** The outputs that find or outline objects (segmentation and detection), for which v22 asks `encoder` when no ready model fits. */
export const OBJECT_OUTPUTS = ['mask', 'classes', 'objects', 'objects-in-regions', 'positions'];

/**
 * No ready model fits, but the user names a network to start training from: one pre-trained on
 * general images (ImageNet classifiers, COCO detectors), or, when finding or outlining objects, one
 * pre-trained on images like theirs (§9.3.6). Training then starts from it, not from random weights.
 */
export const NETWORK_TO_START_FROM: Condition = {
  any: [{ q: 'encoder', is: ['general'] }, { all: [{ q: 'output', is: OBJECT_OUTPUTS }, { q: 'encoder', is: ['similar'] }] }],
};

/** No ready model knows the objects or categories, and no network to start from is at hand: nothing to adapt. */
export const NOTHING_TO_ADAPT: Condition = { all: [{ q: 'pretrained', is: ['none'] }, { not: NETWORK_TO_START_FROM }] };

/**
 * Finding or outlining objects that no ready model knows, with a network pre-trained on images like the
 * user's to start from (for example a generalist model for other structures in the same kind of
 * images): adapt it (§9.3.6), which needs labelled examples. Fig 9.4's transfer-learning outcome for an
 * encoder is reached exactly where this or `ENCODER_AT_HAND` holds (a test checks it).
 */
export const OBJECT_START_AT_HAND: Condition = {
  all: [
    { q: 'output', is: OBJECT_OUTPUTS },
    { q: 'pretrained', is: ['none', 'dont-know'] },
    { q: 'encoder', is: ['similar'] },
    { not: { q: 'annotations', is: ['none'] } },
  ],
};

/** The tool's feature encoders for the user's modality, when `ENCODER_AT_HAND` holds; otherwise none. */
export function encodersAtHand(a: Answers, t: Pick<Tool, 'featureEncoders'>): NonNullable<Tool['featureEncoders']> {
  if (!matchCondition(ENCODER_AT_HAND, a)) return [];
  const modality = answerOf(a, 'modality');
  return (t.featureEncoders ?? []).filter((e) => e.modalities.some((m) => modality.includes(m)));
}

/** The model fell short on its default settings and was not already close (Fig 9.10's first check). */
export const MODEL_ON_DEFAULTS: Condition = { all: [{ q: 'pretrained', is: ['not-good-enough'] }, { q: 'settings-tuned', is: ['defaults'] }, { not: { q: 'pretrained-gap', is: ['close'] } }] };
/**
 * The model "falls short", but the user is not sure its settings fit, not sure how far off it is, and has
 * no annotated image to measure it with: it has not been evaluated yet (§9.3.7: never skip evaluation;
 * Fig 9.4 starts by scoring the model on 5 to 10 annotated images). Set it up and measure it before
 * retraining; Fig 9.4's branches need that measurement.
 */
export const MODEL_UNMEASURED: Condition = { all: [{ q: 'pretrained', is: ['not-good-enough'] }, { q: 'settings-tuned', is: ['not-sure'] }, { q: 'pretrained-gap', is: ['not-sure'] }, { q: 'annotations', is: ['none'] }] };

/**
 * Something the user tried fell short while still on its default or automatic settings: it has not had
 * a fair test yet (Fig 9.10: a model found online that does not work — check that it fits your data;
 * §8.7.1.2: the first case study tunes its classical pipeline before turning to AI; §8.7.2.2: the
 * second improves its pixel classifier). `settings-tuned` asks about what the user tried; on Fig 9.2's
 * ladder it refers to the last rung reached (the pixel classifier if one was tried, else the classical
 * method), and separately to the ready-made model. A model already close on its defaults is Fig 9.4's
 * medium case and is adapted as the figure says; a threshold that cannot separate the objects at all
 * (texture, look-alikes) has failed whatever its settings. The trees `is-dl-right` and
 * `training-approach` take the same branches.
 *
 * "Not sure which settings matter" frees the classical and pixel rungs but not, on its own, the model:
 * both of the book's case studies tune the simple rung (thresholds, filter sizes) before moving on, while
 * Fig 9.4 adapts a model that falls short (its advice starts with checking the model's settings). The
 * corpus agrees: read as untuned for models too, 8 cases whose experts advised retraining or another tool
 * went wrong and 2 came right. It does hold the model back when the user also cannot say how far off it
 * is and has no annotation to measure it with ({@link MODEL_UNMEASURED}): then it was never evaluated.
 *
 * A classical method the user tuned that still falls short counts as not yet exhausted too, as long as
 * a threshold can separate the objects and no pixel classifier was tried: every user in the corpus who
 * said so (14 of 14, from Fiji, QuPath, RS-FISH, Tierpsy, TRex, SuperSegger, Ultrack and forum threads)
 * was answered with a step or setting not yet tried rather than with the next rung of Fig 9.2; the
 * book's first case study (§8.7.1.2) likewise refines its classical pipeline before turning to AI. The
 * reason then says so (`classical-tuned`); with texture or look-alikes it has failed whatever its settings.
 */
export const UNTUNED: Record<'model' | 'pixel' | 'classical', Condition> = {
  model: { any: [MODEL_ON_DEFAULTS, MODEL_UNMEASURED] },
  pixel: { all: [{ q: 'tried-pixel', is: ['failed'] }, { q: 'settings-tuned', is: ['defaults', 'not-sure'] }] },
  classical: { all: [{ q: 'tried-classical', is: ['failed'] }, { q: 'settings-tuned', is: ['defaults', 'not-sure', 'tuned'] }, { not: { q: 'tried-pixel', is: ['failed', 'works'] } }, { not: THRESHOLD_UNSUITED }] },
};

/** Whether the answers say this rung has not had a fair test yet: default settings, or (classical) a threshold that can still work (see {@link UNTUNED}). */
export const untuned = (a: Answers, rung: keyof typeof UNTUNED): boolean => matchCondition(UNTUNED[rung], a);

/** Category rules (book §8.5 table, Fig 9.2, Fig 9.4, §8.2–8.4). */
export const CATEGORY_RULES: CategoryRule[] = [
  // --- Fig 9.2: classical first, then pixel classifier, then DL only with data -----------------
  // "If it ain't broke, don't fix it" (§8.3): a method that already works wins outright.
  { id: 'classical-works', when: { q: 'tried-classical', is: ['works'] }, cite: 'tried-classical', effects: { classical: 40 }, why: 'classical processing already works for you, so keep it', section: '8.3' },
  // The book recommends trying classical methods first; untried is a mild pull towards them.
  // It lets go once a pre-trained model has been tried or found (Fig 9.4 starts there instead).
  { id: 'classical-untried', when: { all: [{ q: 'tried-classical', is: ['not-tried'] }, { not: { q: 'pretrained', is: ['works', 'not-good-enough', 'untested'] } }] }, cite: 'tried-classical', effects: { classical: 5, 'pixel-classification': 5 }, why: 'the book suggests trying classical methods and pixel classifiers before deep learning', section: '9.2.2' },
  // Failed classical: move down one rung of Fig 9.2; the pixel classifier is the next step.
  { id: 'classical-failed', when: { all: [{ q: 'tried-classical', is: ['failed'] }, { not: UNTUNED.classical }] }, cite: 'tried-classical', effects: { classical: -30, 'pixel-classification': 10 }, why: 'classical processing did not work, so the next step in Fig 9.2 is a pixel classifier', section: '9.2.2' },
  // Failed on default or automatic settings: not yet a fair test. Tune its threshold and size limits first
  // (the first case study's step before AI); the Fig 9.2 tree takes the same branch.
  { id: 'classical-untuned', when: { all: [UNTUNED.classical, { q: 'settings-tuned', is: ['defaults', 'not-sure'] }] }, cite: 'settings-tuned', effects: { classical: 5 }, why: 'the classical method you tried ran on its default or automatic settings; set its threshold and size limits for your images before moving on, as the book\'s first case study does', section: '8.7.1.2' },
  { id: 'classical-tuned', when: { all: [UNTUNED.classical, { q: 'settings-tuned', is: ['tuned'] }] }, cite: 'settings-tuned', effects: { classical: 5 }, why: 'you tuned the classical method and it still falls short, but a threshold can separate your objects: a step or setting not yet tried (another automatic threshold method, background subtraction, size limits, splitting touching objects) comes before a pixel classifier, as the book\'s first case study refines its classical pipeline before turning to AI', section: '8.7.1.2' },
  { id: 'pixel-works', when: { q: 'tried-pixel', is: ['works'] }, cite: 'tried-pixel', effects: { 'pixel-classification': 40 }, why: 'a pixel classifier already works for you, so keep it', section: '8.3' },
  // Both simple rungs failed: Fig 9.2 moves to deep learning.
  { id: 'pixel-failed', when: { all: [{ q: 'tried-pixel', is: ['failed'] }, { not: UNTUNED.pixel }] }, cite: 'tried-pixel', effects: { 'pixel-classification': -30, ...each(DL, 10) }, why: 'classical methods and a pixel classifier both failed, which is when Fig 9.2 turns to deep learning', section: '9.2.2' },
  // A pixel classifier left on its default features and a few strokes has not had a fair test either.
  { id: 'pixel-untuned', when: UNTUNED.pixel, cite: 'settings-tuned', effects: { 'pixel-classification': 5 }, why: 'the pixel classifier you tried ran on its default features; add labels where it errs and try larger feature scales before moving on, as the book\'s second case study does', section: '8.7.2.2' },
  // Fig 9.2's last outcome: nothing worked and there is no annotated dataset → annotate by hand.
  { id: 'nothing-works-no-data', when: { all: [{ q: 'tried-classical', is: ['failed'] }, { q: 'tried-pixel', is: ['failed'] }, { not: UNTUNED.pixel }, { q: 'annotations', is: ['none', 'few'] }] }, cite: 'annotations', effects: { 'manual-annotation': 25 }, why: 'without a large annotated dataset and with simpler methods failing, Fig 9.2 ends at manual annotation', section: '9.2.2' },

  // --- How objects stand out (§8.5 table, case study 2) ------------------------------------------
  // §8.5: classical processing is most performant on bright objects on dark backgrounds.
  // (The §8.5 tree adds its own weight for this answer, so the rule alone is a clear preference, not a veto.)
  { id: 'bright-on-dark', when: { q: 'appearance', is: ['bright-on-dark'] }, cite: 'appearance', effects: { classical: 10 }, why: 'classical processing works best on objects that stand out clearly from their background (bright on dark, or clearly darker in transmitted light) with nothing else like them', section: '8.5' },
  // §8.5: pixel classifiers are best when objects are not the only bright things. Before any classical
  // step has been tried, that is the table's preference, weighed as bright-on-dark is for classical
  // processing: Fig 9.2 still starts with classical processing, whose size and shape filters after a
  // threshold often drop look-alikes that differ in size or form. Once thresholds have failed on them,
  // the pixel classifier is Fig 9.2's next rung (case study 2: autofluorescent skin).
  { id: 'look-alikes-untried', when: { all: [{ q: 'appearance', is: ['look-alikes'] }, { not: { q: 'tried-classical', is: ['failed'] } }] }, cite: 'appearance', effects: { 'pixel-classification': 10 }, why: 'a pixel classifier can learn to tell your objects from equally bright look-alikes; a threshold alone cannot, though size and shape filters after it often remove look-alikes that differ in size or form, so Fig 9.2 still tries classical processing first', section: '8.5' },
  { id: 'look-alikes', when: { all: [{ q: 'appearance', is: ['look-alikes'] }, { q: 'tried-classical', is: ['failed'] }] }, cite: 'appearance', effects: { 'pixel-classification': 25, classical: -20 }, why: 'a pixel classifier can learn to tell your objects from equally bright look-alikes, which defeated your thresholds', section: '8.5' },
  // Texture-defined objects defeat thresholds; learned features (pixel or DL) cope better.
  // §8.5: pixel classifiers suit objects that are not bright-on-dark; learned DL features cope too.
  // A stain that marks only the target (DAB in IHC) or a clear difference in darkness (organoids on a
  // light background) lets a colour or intensity threshold find it: the texture assumption for
  // transmitted-light and stained-tissue images does not hold then.
  { id: 'marked', when: { q: 'difficulty', is: ['marked'] }, cite: 'difficulty', effects: { classical: 15 }, why: 'a stain or a clear difference in darkness marks what you want, so a colour or intensity threshold can separate it', section: '8.5' },
  // The sample against its empty background counts as marked too (SAMPLE_FOREGROUND); the reason then
  // names what the answers showed, unless the user said "marked" themselves.
  sampleAgainstBackground('tissue-foreground', TISSUE_FOREGROUND, 'output', 'a mask of where the tissue is, without telling tissue types apart, separates tissue from the bare slide, which is darker or more coloured than the glass: a colour or intensity threshold finds it'),
  sampleAgainstBackground('organisms-apart', ORGANISMS_APART, 'objects', 'whole animals apart from one another in transmitted light are darker than the plain plate or well around them: a threshold or background subtraction finds them, as the worm and larva trackers do'),
  sampleAgainstBackground('covered-area', COVERED_AREA, 'output', 'a mask of the area cells cover, without telling cells apart, separates a textured cell layer from the smooth, empty dish: a local-variance, entropy or edge filter and a threshold find it, as confluency and wound-healing tools do'),
  { id: 'texture', when: TEXTURE_DEFINED, cite: 'appearance', effects: { classical: -15, 'pixel-classification': 10, 'pretrained-dl': 5, 'finetuned-dl': 5 }, why: 'objects defined by texture rather than brightness need learned features; the §8.5 table names pixel classifiers for objects that are not bright on dark', section: '8.5' },

  // §8.2.3: keeping the good parts of an image means finding the artefacts, which a pixel classifier
  // can learn as a class of its own (as the skin class in case study 2).
  { id: 'keep-good-regions', when: { q: 'preprocessing', is: ['mask-artefacts'] }, cite: 'preprocessing', effects: { 'pixel-classification': 5 }, why: 'a pixel classifier can learn an extra class for artefacts, so the good regions can be kept', section: '8.2.3' },

  // Sorting single objects from their measurements is the machine learning of the pixel-classifier
  // category (a random forest on hand-made features: ilastik's Object Classification, CellProfiler
  // Analyst, QuPath's object classifiers), not deep learning.
  // Sorting whole images is learned from example images of each class by a network (Piximi's and BiaPy's
  // image classifiers), not from hand-made features of objects.
  { id: 'classify-images', when: WHOLE_IMAGES, cite: 'classify-what', effects: { 'scratch-dl': 10, 'finetuned-dl': 10 }, why: 'sorting whole images is learned by a network from example images of each class (as Piximi and BiaPy do)', section: '8.5' },
  { id: 'classify-no-examples', when: { all: [{ q: 'output', is: ['image-classes'] }, { q: 'annotations', is: ['none'] }] }, cite: 'annotations', effects: { 'pretrained-dl': 15, 'pixel-classification': -15 }, why: 'a classifier learns your categories from labelled examples, and you have none and little time to make them: a ready model already trained on these categories is the way to start (test it on a few images first)', section: '9.3.3.1' },
  { id: 'classify-objects', when: { all: [{ q: 'output', is: ['image-classes'] }, { q: 'classify-what', is: ['objects'] }] }, cite: 'classify-what', effects: { 'pixel-classification': 10 }, why: 'sorting objects from their measurements is what feature-based classifiers (a random forest on hand-made features, as in ilastik or CellProfiler Analyst) do', section: '8.5' },
  // --- Output type (Box 1, §8.5) ----------------------------------------------------------------
  // Box 1: ilastik-style pixel classification produces exactly a semantic segmentation.
  { id: 'semantic-output', when: { q: 'output', is: ['classes', 'mask'] }, cite: 'output', effects: { 'pixel-classification': 15 }, why: 'a pixel classifier directly labels every pixel by class', section: '8.2.3' },
  // §8.5: pixel classification must be followed by classical steps to split objects.
  { id: 'instance-output', when: { q: 'output', is: ['objects', 'objects-in-regions'] }, cite: 'output', effects: { 'pixel-classification': -5 }, why: 'a pixel classifier needs an extra classical step to split its result into separate objects', section: '8.5' },

  // --- Shape (§9.3.2) -----------------------------------------------------------------------------
  // §9.3.2 is about choosing among deep-learning models by shape (StarDist's star-convex polygons for
  // round nuclei, Cellpose's flows for any shape): it supports the tool rule that favours StarDist
  // for round objects, not a pull of the whole pre-trained category over classical processing, which
  // splits round objects well too. So round shapes move tools, not approaches (models made for the
  // user's objects move the approach through the catalogue's coverage, §9.3.3.1).
  // Irregular/crowded shapes break watershed assumptions; flexible DL models (Cellpose) cope.
  { id: 'irregular', when: { q: 'shape', is: ['irregular'] }, cite: 'shape', effects: { classical: -5, 'finetuned-dl': 5 }, why: 'irregular or elongated objects are hard for simple splitting rules; flow-based models adapt to them', section: '9.3.2' },

  // --- Image difficulty (§8.2.3, §8.5 "ability to handle noise") ----------------------------------
  // §8.5: classical methods handle noise and variability poorly at first.
  { id: 'noisy', when: { q: 'difficulty', is: ['noisy'] }, cite: 'difficulty', effects: { classical: -10, 'pixel-classification': 5, 'finetuned-dl': 5 }, why: 'classical methods handle noise poorly at first; learned methods cope if trained on similar noise', section: '8.5' },
  // Touching objects are the classic failure of threshold + watershed; DL instance models split them.
  // Spot detectors find peaks (local maxima, LoG, dense-region decomposition) rather than splitting
  // thresholded blobs, so this reason does not apply to spot detection (cells counted as points still
  // touch and merge, so it does apply to them).
  // Touching round objects (nuclei, round cells) are what the watershed of §8.5's "thresholding and
  // watershedding" splits (on the distance map or on smoothed intensity), so crowding alone does not
  // mark classical processing down for them; it still makes learned models worth a try.
  { id: 'crowded', when: { all: [CROWDED_OBJECTS, { not: ROUND_OBJECTS }] }, cite: 'difficulty', effects: { classical: -10, 'pretrained-dl': 5, 'finetuned-dl': 10 }, why: 'touching objects are a known failure case of thresholding and watershed', section: '8.5' },
  { id: 'crowded-round', when: { all: [CROWDED_OBJECTS, ROUND_OBJECTS] }, cite: 'difficulty', effects: { 'pretrained-dl': 5, 'finetuned-dl': 10 }, why: 'touching round objects are what a watershed after the threshold splits, so classical processing keeps its chance; crowding still makes learned models, which split touching objects of any shape, worth a try', section: '8.5' },
  // Case 2: signal fading with depth defeats global thresholds.
  // Classical processing has its own answers to uneven brightness (background subtraction, flat-field
  // correction, local thresholds): of the corpus's 73 cases with uneven brightness and an expected
  // kind of tool, 44 were answered with classical processing and 8 with a pixel classifier. One step
  // (−5), not two.
  { id: 'uneven', when: { q: 'difficulty', is: ['uneven'] }, cite: 'difficulty', effects: { classical: -5, 'pixel-classification': 5 }, why: 'uneven or depth-dependent brightness defeats a single global threshold; subtracting the background, correcting the flat field or a local threshold (all classical) may be enough, so this counts one step against it', section: '8.7.2.1' },

  // --- Fig 9.4: pre-trained model? -------------------------------------------------------------
  // A model that meets the success criterion on your test images: use it as is.
  { id: 'pretrained-works', when: { q: 'pretrained', is: ['works'] }, cite: 'pretrained', effects: { 'pretrained-dl': 45 }, why: 'a pre-trained model already meets your success criterion on your test images', section: '9.3.3.1' },
  // Tried but not good enough: Fig 9.4 goes to transfer learning / fine-tuning.
  { id: 'pretrained-short', when: { all: [{ q: 'pretrained', is: ['not-good-enough'] }, { not: UNTUNED.model }] }, cite: 'pretrained', effects: { 'pretrained-dl': -25, 'finetuned-dl': 25 }, why: 'the pre-trained model falls short, so Fig 9.4 suggests adapting it to your data', section: '9.3.3.2' },
  // Fell short on its default settings (and not close): Fig 9.10's first step, set it up for your images
  // and test it again, comes before adapting it; weighted like a model not yet tested.
  { id: 'pretrained-untuned', when: MODEL_ON_DEFAULTS, cite: 'settings-tuned', effects: { 'pretrained-dl': 15, 'finetuned-dl': 5 }, why: 'the model you tried ran on its default settings; set its object size, pixel size, channels and thresholds for your images and test it again before retraining it (Fig 9.10)', section: '9.3.9' },
  // Not measured yet (not sure of its settings nor how far off, no annotations): evaluate before retraining.
  { id: 'pretrained-unmeasured', when: MODEL_UNMEASURED, cite: 'settings-tuned', effects: { 'pretrained-dl': 15, 'finetuned-dl': 5 }, why: 'you are not sure the model was set up for your images nor how far off it is, and have no annotated image to measure it; check its settings against its documentation and score it on 5 to 10 annotated images before deciding to retrain it', section: '9.3.7' },
  // Close to good enough, but no annotated images to adapt it with (and little time to make them):
  // Fig 9.4's "medium" needs training data, so keep the model and correct what it gets wrong with its
  // settings or a step before or after it (Fig 9.10's first checks); annotate only if that falls short.
  // Weighted to take back `pretrained-short`'s pull towards adapting it, which needs those annotations.
  { id: 'close-no-annotations', when: { all: [{ q: 'pretrained', is: ['not-good-enough'] }, { q: 'pretrained-gap', is: ['close'] }, { q: 'annotations', is: ['none'] }, { q: 'tried-finetune', is: ['not-tried'] }] }, cite: 'annotations', effects: { 'pretrained-dl': 35, 'finetuned-dl': -25 }, why: 'the model mostly works and you have no annotated images to adapt it with: keep it and correct what it gets wrong with its settings or a step before or after it (pre-processing, merging or filtering its outlines); annotate and fine-tune only if that falls short', section: '9.3.9' },
  // Exists but untested: worth trying first, evaluation pending.
  { id: 'pretrained-untested', when: { q: 'pretrained', is: ['untested'] }, cite: 'pretrained', effects: { 'pretrained-dl': 15, 'finetuned-dl': 5 }, why: 'a pre-trained model exists; test it on a few annotated images before anything else', section: '9.3.3.1' },
  // Not known yet: Fig 9.4 starts by looking for a pre-trained model and testing it.
  { id: 'pretrained-dont-know', when: { q: 'pretrained', is: ['dont-know'] }, cite: 'pretrained', effects: { 'pretrained-dl': 5 }, why: 'Fig 9.4 starts by looking for an existing model and testing it on a few of your images', section: '9.3.3.1' },
  // §9.3.6.1: sorting images or cells with no ready model for the categories, but a network pre-trained
  // on images like the user's (a pathology foundation model for H&E slides): keep it and train a small
  // classifier on top (transfer learning), which needs far fewer labelled examples than training one.
  { id: 'encoder-similar', when: { all: [ENCODER_AT_HAND, { not: { q: 'tried-finetune', is: ['works'] } }] }, cite: 'encoder', effects: { 'finetuned-dl': 25, 'scratch-dl': -10 }, why: 'a network pre-trained on images like yours can be adapted to your categories by training only its last layers or a small classifier on its features (transfer learning), with far fewer labelled examples than a network trained from scratch', section: '9.3.6.1' },
  // §9.3.6: starting from an existing network is usually more efficient than from random weights, and
  // needs fewer annotations; for sorting images into categories with no ready classifier, or finding
  // objects no ready model knows, a network trained on everyday photos (an ImageNet classifier, a COCO
  // detector or segmenter) is such a start (§9.3.6.1: "quickly adapt a general model"). Less of a head
  // start than one trained on images like yours (no mark-down of training from scratch).
  { id: 'encoder-general', when: { q: 'encoder', is: ['general'] }, cite: 'encoder', effects: { 'finetuned-dl': 25 }, why: 'a network pre-trained on general images (ImageNet for classifiers, COCO for object detectors and segmenters) is a better start than random weights: training only its last layers, or all of it, on your labelled examples needs fewer of them than a network trained from scratch, though it gives less of a head start than one trained on images like yours', section: '9.3.6' },
  // Finding or outlining objects no ready model knows, with a network pre-trained on images like the
  // user's to start from (a model for other objects in the same kind of images): adapt it (§9.3.6).
  { id: 'encoder-similar-objects', when: { all: [OBJECT_START_AT_HAND, { not: { q: 'tried-finetune', is: ['works'] } }] }, cite: 'encoder', effects: { 'finetuned-dl': 25, 'scratch-dl': -10 }, why: 'a network pre-trained on images like yours, though not on your objects, is the place to start: retrain its last layers, or all of it, on your labelled examples rather than train one from random weights, which needs far more of them', section: '9.3.6' },
  // No model for these objects: pre-trained use is out; fine-tuning lacks a start; scratch is the DL route.
  { id: 'pretrained-none', when: NOTHING_TO_ADAPT, cite: 'pretrained', effects: { 'pretrained-dl': -35, 'finetuned-dl': -10, 'scratch-dl': 15 }, why: 'no pre-trained model fits your objects, so Fig 9.4 leads to training your own', section: '9.3.3.2' },
  // With a network to start from (`NETWORK_TO_START_FROM`), "no ready model" still rules out using one
  // as it is, but training your own starts from that network, not from nothing.
  { id: 'pretrained-none-general-start', when: { all: [{ q: 'pretrained', is: ['none'] }, NETWORK_TO_START_FROM] }, cite: 'pretrained', effects: { 'pretrained-dl': -35 }, why: 'no ready model knows your objects or categories, so one cannot be used as it is; the pre-trained network you named is where training your own starts', section: '9.3.6' },
  // §9.3.6.3: with scarce annotations and no fitting model, correcting a generalist model's output and
  // retraining (human-in-the-loop) builds a custom model far cheaper than annotating from scratch.
  // Human-in-the-loop needs a pre-trained model to start from, so it applies once one was tried.
  // Fig 9.4's "poor": the user says the model is far off, or (not sure how far) their images differ.
  { id: 'hitl', when: { all: [{ q: 'pretrained', is: ['not-good-enough'] }, { not: UNTUNED.model }, POOR_PERFORMANCE, { q: 'annotations', is: ['few', 'tens'] }] }, cite: 'annotations', effects: { 'finetuned-dl': 10, 'scratch-dl': -10 }, why: 'with few annotations and a model that falls well short, correct its predictions and retrain it in cycles (human-in-the-loop)', section: '9.3.6.3' },
  // Fig 9.4's "medium": a model close to good enough is adapted, not replaced (§9.3.6).
  { id: 'gap-close', when: { all: [{ q: 'pretrained', is: ['not-good-enough'] }, { q: 'pretrained-gap', is: ['close'] }] }, cite: 'pretrained-gap', effects: { 'finetuned-dl': 10, 'scratch-dl': -10 }, why: 'the model you tried is close to good enough on your test images, Fig 9.4\'s medium case: adapt it rather than start again', section: '9.3.6' },
  // §9.3.6.1: transfer learning works best when your data resemble the model's training data.
  { id: 'resembles', when: { q: 'resemblance', is: ['similar'] }, cite: 'resemblance', effects: { 'finetuned-dl': 10, 'pretrained-dl': 5 }, why: 'your images resemble the model\'s training data, so light retraining should suffice', section: '9.3.6.1' },
  // §9.3.6.2: moderately different data → classic fine-tuning of all layers.
  { id: 'somewhat', when: { q: 'resemblance', is: ['somewhat'] }, cite: 'resemblance', effects: { 'finetuned-dl': 10 }, why: 'same structures in a different stain or modality is the textbook case for fine-tuning', section: '9.3.6.2' },
  // Very different data: a generic model gives less head start; scratch becomes reasonable.
  { id: 'different', when: { all: [{ q: 'resemblance', is: ['different'] }, { not: { q: 'pretrained-gap', is: ['close'] } }] }, cite: 'resemblance', effects: { 'finetuned-dl': -5, 'scratch-dl': 10 }, why: 'your images differ a lot from the model\'s training data, which limits what it can transfer', section: '9.3.3.2' },
  { id: 'far-off', when: { all: [{ q: 'pretrained-gap', is: ['far-off'] }, { not: { q: 'resemblance', is: ['different'] } }, { not: UNTUNED.model }] }, cite: 'pretrained-gap', effects: { 'finetuned-dl': -5, 'scratch-dl': 10 }, why: 'the model you tried is far off on your test images (Fig 9.4\'s poor case), so it gives less of a head start', section: '9.3.3.2' },
  // Case study 2: a fine-tune of a ready model that had been far off failed with few annotations → step
  // back to a simpler category.
  { id: 'finetune-failed', when: { all: [{ q: 'tried-finetune', is: ['failed'] }, { not: SCRATCH_TRAINED }, { not: { q: 'annotations', is: ['tens', 'hundreds'] } }, { q: 'pretrained-gap', is: ['far-off'] }] }, cite: 'tried-finetune', effects: { 'finetuned-dl': -40, 'pixel-classification': 15 }, why: 'fine-tuning already failed with few annotations; as in the book\'s second case study, a simpler pixel classifier may do better', section: '8.7.2.3' },
  // Fig 9.10 ("I trained my model, but it is not performing"): the figure's advice is to check the
  // training (epochs, loss) and improve the training data, not to drop the approach. The second case
  // study stepped down (rule above) with a ready model that had been far off and a few sparse
  // annotations; users whose fine-tune fell short otherwise were told to fix the training (normalisation,
  // labels, patch size) in 7 of the 10 such corpus cases with an expected kind of tool.
  { id: 'finetune-failed-data', when: { all: [{ q: 'tried-finetune', is: ['failed'] }, { not: SCRATCH_TRAINED }, { any: [{ q: 'annotations', is: ['tens', 'hundreds'] }, { not: { q: 'pretrained-gap', is: ['far-off'] } }] }] }, cite: 'tried-finetune', effects: { 'finetuned-dl': -10, 'pixel-classification': 5 }, why: 'fine-tuning fell short, but Fig 9.10 first checks the training (epochs, loss) and improves the training data before dropping the approach; the book\'s second case study stepped down to a pixel classifier only when the ready model had been far off and the annotations were few and sparse', section: '9.3.9' },
  { id: 'finetune-works', when: { all: [{ q: 'tried-finetune', is: ['works'] }, { not: SCRATCH_TRAINED }] }, cite: 'tried-finetune', effects: { 'finetuned-dl': 40 }, why: 'your fine-tuned model already works, so keep it', section: '8.3' },
  // Trained from scratch: with no ready-made model to start from, or as the user says.
  { id: 'scratch-failed', when: { all: [{ q: 'tried-finetune', is: ['failed'] }, SCRATCH_TRAINED, { not: { q: 'annotations', is: ['tens', 'hundreds'] } }] }, cite: 'tried-finetune', effects: { 'scratch-dl': -40, 'pixel-classification': 15 }, why: 'a model trained on your annotations already failed; as in the book\'s second case study, a simpler pixel classifier may do better', section: '8.7.2.3' },
  { id: 'scratch-failed-data', when: { all: [{ q: 'tried-finetune', is: ['failed'] }, SCRATCH_TRAINED, { q: 'annotations', is: ['tens', 'hundreds'] }] }, cite: 'tried-finetune', effects: { 'scratch-dl': -10, 'pixel-classification': 5 }, why: 'the model you trained falls short, but with tens of annotations Fig 9.10 first checks the training (epochs, loss) and improves the training data before dropping the approach', section: '9.3.9' },
  { id: 'scratch-works', when: { all: [{ q: 'tried-finetune', is: ['works'] }, SCRATCH_TRAINED] }, cite: 'tried-finetune', effects: { 'scratch-dl': 40 }, why: 'the model you trained on your own annotations already works, so keep it', section: '8.3' },

  // --- Annotated data (§9.3.4.5, Fig 9.2) ---------------------------------------------------------
  { id: 'no-annotations', when: { q: 'annotations', is: ['none'] }, cite: 'annotations', effects: { 'scratch-dl': -40, 'finetuned-dl': -15 }, why: 'training needs annotated images, and you have none', section: '9.3.4.5' },
  { id: 'no-labels-pixel', when: { all: [{ q: 'annotations', is: ['none'] }, { not: { q: 'output', is: ['image-classes'] } }] }, cite: 'annotations', effects: { 'pixel-classification': -PIXEL_NO_LABELS }, why: 'a pixel classifier learns from labels you draw on your images (a few strokes per class), and you have none and little time to make them; classical processing, which needs no labels, is the first step of Fig 9.2', section: '9.2.2' },
  // A few images: enough to test, and to start a human-in-the-loop cycle, not to train from scratch.
  // A prior about what few labels allow; a model the user already trained that works overrides it.
  { id: 'few-annotations', when: { all: [{ q: 'annotations', is: ['few'] }, { not: { q: 'tried-finetune', is: ['works'] } }] }, cite: 'annotations', effects: { 'scratch-dl': -30, 'finetuned-dl': 5 }, why: 'a few annotated images can drive human-in-the-loop fine-tuning but not training from scratch', section: '9.3.4.5' },
  // §9.2.1: pixel classifiers learn from little hand annotation (strokes on a few images), so a few
  // annotated images are what they need, not a shortfall. (Not once a ready model has fallen short:
  // then Fig 9.4's questions about that model decide, and its own rules weigh the few annotations.)
  { id: 'few-annotations-pixel', when: { all: [{ q: 'annotations', is: ['few'] }, { not: { q: 'output', is: ['image-classes'] } }, { not: { q: 'pretrained', is: ['not-good-enough'] } }] }, cite: 'annotations', effects: { 'pixel-classification': 5 }, why: 'a pixel classifier learns from a few labelled images (strokes drawn on them), which you have', section: '9.2.1' },
  // Tens of images suffice for a specific task, especially with transfer learning: when there is a
  // model or network to adapt.
  { id: 'tens-annotations', when: { all: [{ q: 'annotations', is: ['tens'] }, { not: NOTHING_TO_ADAPT }] }, cite: 'annotations', effects: { 'finetuned-dl': 10, 'scratch-dl': -5 }, why: 'tens of annotated images are enough to adapt a model for a specific task', section: '9.3.4.5' },
  // §9.3.4.5: tens of well-curated images can suffice for one narrow task, such as cells or nuclei in
  // one modality (its reference [15] trains such models from scratch); with no ready model and no
  // network to start from, that is what they train.
  { id: 'tens-annotations-own', when: { all: [{ q: 'annotations', is: ['tens'] }, NOTHING_TO_ADAPT] }, cite: 'annotations', effects: { 'scratch-dl': 10 }, why: 'tens of well-curated annotated images can suffice to train a model for one narrow task', section: '9.3.4.5' },
  // Hundreds: the large annotated dataset Fig 9.2 asks for before DL from scratch.
  { id: 'many-annotations', when: { q: 'annotations', is: ['hundreds'] }, cite: 'annotations', effects: { 'scratch-dl': 25, 'finetuned-dl': 5 }, why: 'hundreds of annotated images make training your own model realistic', section: '9.3.4.5' },

  // --- Data size and dimensions (§8.2.3, §9.3.9) --------------------------------------------------
  // §9.3.9: for a small number of images, segmenting by hand is often quickest.
  { id: 'few-images', when: { q: 'data-size', is: ['few'] }, cite: 'data-size', effects: { 'manual-annotation': 20, 'scratch-dl': -10 }, why: 'for a handful of images, annotating by hand is often the quickest route', section: '9.3.9' },
  // §8.5 table: classical processing suits those who know where it fails (too big, too small, too
  // crowded). With a handful of images every result can be looked at, so its failures are seen and fixed.
  { id: 'few-images-classical', when: { all: [{ q: 'data-size', is: ['few'] }, { not: { q: 'quality', is: ['near-truth'] } }] }, cite: 'data-size', effects: { classical: 5 }, why: 'with a handful of images you can look at every result, so the failures of a classical pipeline (objects too big, too small, too crowded) are seen and fixed by hand', section: '8.5' },
  // Manual work does not scale; automation pays off.
  { id: 'many-images', when: { q: 'data-size', is: ['many', 'huge-files', 'tiles'] }, cite: 'data-size', effects: { 'manual-annotation': -30 }, why: 'hand annotation cannot keep up with this much data', section: '9.1.1' },
  // §9.3.4.2: annotating 3D by hand is especially slow.
  { id: '3d', when: { q: 'dimensions', is: ['3d'] }, cite: 'dimensions', effects: { 'manual-annotation': -15, 'pixel-classification': 5 }, why: 'manual annotation is especially slow in 3D; pixel classifiers work in 3D out of the box', section: '9.3.4.2' },

  // --- Resources (§8.2.2, §9.4) -------------------------------------------------------------------
  { id: 'gui-only', when: { q: 'coding', is: ['gui-only'] }, cite: 'coding', effects: { 'scratch-dl': -25, 'finetuned-dl': -5, classical: 5, 'pixel-classification': 5 }, why: 'without coding, GUI tools are the easiest fit; training from scratch usually needs notebooks or code', section: '9.4.1' },
  { id: 'notebooks', when: { q: 'coding', is: ['notebooks'] }, cite: 'coding', effects: { 'scratch-dl': -5 }, why: 'notebook platforms make training possible without writing code, but it is still demanding', section: '9.4.1' },
  { id: 'programming', when: { q: 'coding', is: ['programming'] }, cite: 'coding', effects: { 'scratch-dl': 10, 'finetuned-dl': 5 }, why: 'programming skills open up custom training pipelines', section: '9.4.1' },
  // §8.5: fine-tuning is the most computationally intensive; training needs a GPU (§9.4.2).
  { id: 'laptop', when: { q: 'compute', is: ['laptop'] }, cite: 'compute', effects: { 'finetuned-dl': -10, 'scratch-dl': -20, classical: 5, 'pixel-classification': 5 }, why: 'training deep learning models without a GPU is very slow; classical and pixel methods run on modest hardware', section: '9.4.2' },
  // §8.2.2: compute needs grow with the data. Even applying a ready model to images larger than memory
  // takes days on a CPU, while classical pipelines built for such volumes run on ordinary machines.
  { id: 'laptop-huge', when: { all: [{ q: 'compute', is: ['laptop'] }, { q: 'data-size', is: ['huge-files'] }] }, cite: 'data-size', effects: { 'pretrained-dl': -10, 'finetuned-dl': -10, 'scratch-dl': -10, classical: 5 }, why: 'running deep-learning models over images larger than memory without a GPU takes days; classical processing scales to such data on ordinary computers', section: '8.2.2' },
  { id: 'gpu', when: { q: 'compute', is: ['gpu-workstation', 'cluster'] }, cite: 'compute', effects: { 'finetuned-dl': 5, 'scratch-dl': 10 }, why: 'a GPU makes training and fine-tuning practical', section: '9.4.2' },
  // Cloud GPUs only help when the images may be uploaded.
  { id: 'cloud-ok', when: { all: [{ q: 'compute', is: ['cloud'] }, { q: 'data-leave', is: ['yes'] }] }, cite: 'compute', effects: { 'finetuned-dl': 5, 'scratch-dl': 5 }, why: 'cloud GPUs (for example Colab) make training possible without local hardware', section: '9.4.2' },
  { id: 'cloud-blocked', when: { all: [{ q: 'compute', is: ['cloud'] }, { q: 'data-leave', is: ['no'] }] }, cite: 'data-leave', effects: { 'finetuned-dl': -10, 'scratch-dl': -20 }, why: 'your only GPUs are in the cloud, but your images may not go there', section: '9.3.8' },
  // §8.2.2: in a rush, use what fits your current skills; training is out.
  // §8.5 table: pre-trained models need the least human time; training is out within hours.
  { id: 'hours', when: { q: 'time-available', is: ['hours'] }, cite: 'time-available', effects: { 'pretrained-dl': 10, 'finetuned-dl': -10, 'scratch-dl': -30 }, why: 'with only hours, a ready-made model fits (the §8.5 table gives pre-trained models the least human time); training does not', section: '8.5' },
  { id: 'weeks', when: { q: 'time-available', is: ['weeks'] }, cite: 'time-available', effects: { 'finetuned-dl': 5, 'scratch-dl': 10 }, why: 'weeks leave room for annotation and training', section: '8.2.2' },
  { id: 'speed', when: { q: 'priority', is: ['speed'] }, cite: 'priority', effects: { 'pretrained-dl': 10, 'scratch-dl': -10 }, why: 'for speed, the §8.5 table favours pre-trained models (least human time)', section: '8.5' },
  // §8.5: fine-tuned models give the best chance of very good quality.
  { id: 'best-score', when: { q: 'priority', is: ['best-score'] }, cite: 'priority', effects: { 'finetuned-dl': 10 }, why: 'for the best score, fine-tuned models give the highest chance of very good quality', section: '8.5' },
  { id: 'learn', when: { q: 'priority', is: ['learn'] }, cite: 'priority', effects: { 'finetuned-dl': 5, 'pretrained-dl': 5 }, why: 'this is a good occasion to try a new class of tool', section: '8.2.2' },

  // --- Good enough (§8.4) -------------------------------------------------------------------------
  // §8.5: manual annotation and fine-tuned DL give outputs closest to ground truth.
  { id: 'near-truth', when: { q: 'quality', is: ['near-truth'] }, cite: 'quality', effects: { 'finetuned-dl': 10, 'manual-annotation': 5 }, why: 'outputs close to ground truth call for fine-tuned models or careful hand annotation', section: '8.5' },
  // §8.4: pilot inputs will change, so heavy investment in annotation or a trained model may be lost.
  { id: 'quick', when: { q: 'quality', is: ['quick'] }, cite: 'quality', effects: { 'manual-annotation': -10, 'scratch-dl': -20, 'finetuned-dl': -10 }, why: 'for a pilot or first look, do not invest in annotation or training that the next pilot may make obsolete', section: '8.4' },
  // §8.4: large effects tolerate cruder regions of interest. (A subtle effect is the "near-truth"
  // answer, whose rule above already favours careful outlines.)
  { id: 'large-effect', when: { q: 'quality', is: ['clear-effect'] }, cite: 'quality', effects: { classical: 5, 'pretrained-dl': 5 }, why: 'a large effect can be seen with cruder segmentation', section: '8.4' },
];

// ---------------------------------------------------------------------------------------------
// Tool rules

/** One score change (or exclusion) a rule applies to a tool or method. */
export interface Effect {
  delta: number;
  question: string;
  why: string;
  section: string;
}

/** A small scoring function: reacts to answers and one item, returns an effect or null. */
export type ToolRule = (answers: Answers, tool: Tool) => Effect | null;

const has = (answers: Answers, q: string, ...options: string[]): boolean => answerOf(answers, q).some((o) => options.includes(o));
const isDl = (tool: Tool): boolean => tool.categories.some((c) => DL.includes(c));

/**
 * Tools whose models assume star-convex objects: every point of the outline visible from the centre
 * (StarDist's polygons in 2D and polyhedra in 3D, §9.3.2). An explicit list, so that rewording a tool's
 * `shapeAssumptions` prose cannot silently flip a recommendation; `starConvexListProblems` checks that
 * the list and the prose still agree. (SplineDist, which bends StarDist's rays into splines, is not in
 * the knowledge base; whether it should be listed must be checked when it is added.)
 */
export const STAR_CONVEX_TOOLS: ReadonlySet<string> = new Set(['stardist']);

/**
 * Whether a tool assumes star-convex (round or oval) objects.
 *
 * @param tool - the tool (only its id is used)
 * @returns true when the tool is in {@link STAR_CONVEX_TOOLS}
 */
export function assumesStarConvex(tool: Pick<Tool, 'id'>): boolean {
  return STAR_CONVEX_TOOLS.has(tool.id);
}

/**
 * Cross-check {@link STAR_CONVEX_TOOLS} against the tools' `shapeAssumptions` prose: a tool whose prose
 * states a star-convex assumption (not negated, as in "No star-convex assumption") must be listed, and a
 * listed tool must exist and say so. Run by the tests, so drift fails loudly instead of changing scores.
 *
 * @param tools - the knowledge base's tools
 * @returns problems, one line each; empty when list and prose agree
 */
export function starConvexListProblems(tools: Pick<Tool, 'id' | 'shapeAssumptions'>[]): string[] {
  const says = (t: Pick<Tool, 'shapeAssumptions'>): boolean => {
    const text = t.shapeAssumptions ?? '';
    return /star[- ]convex/i.test(text) && !/\bno(?:t)?\b[^.]*star[- ]convex/i.test(text);
  };
  const problems: string[] = [];
  for (const t of tools) {
    if (says(t) && !STAR_CONVEX_TOOLS.has(t.id)) problems.push(`tool ${t.id}: shapeAssumptions states a star-convex assumption, but it is not in STAR_CONVEX_TOOLS; add it there`);
    if (!says(t) && STAR_CONVEX_TOOLS.has(t.id)) problems.push(`tool ${t.id}: listed in STAR_CONVEX_TOOLS, but its shapeAssumptions no longer states a star-convex assumption; fix the prose or the list`);
  }
  for (const id of STAR_CONVEX_TOOLS) if (!tools.some((t) => t.id === id)) problems.push(`STAR_CONVEX_TOOLS lists ${id}, which is not a tool in the knowledge base; remove it or add the tool`);
  return problems;
}

/** Interfaces a user can explore by pointing and clicking. */
const GUI_INTERFACES: ReadonlySet<string> = new Set(['desktop-gui', 'web-app', 'plugin']);

/** Plain words for the `objects` option ids, in reasons. */
const OBJECT_WORDS: Record<string, string> = {
  nuclei: 'nuclei',
  'whole-cells': 'whole cells',
  bacteria: 'bacteria',
  yeast: 'yeast',
  organoids: 'organoids or spheroids',
  organelles: 'spots, foci or organelles',
  'tissue-regions': 'tissue regions',
  filaments: 'filaments, neurites or vessels',
  organisms: 'whole organisms',
  'active-cells': 'cells found from their activity in a recording',
  other: 'a kind of object not in the list',
};

/** Plain words for several kinds of object: "nuclei", "nuclei and whole cells", "spots, foci or organelles, nuclei and whole cells". */
const kindsOfObjects = (ids: readonly string[]): string => {
  const words = ids.map((o) => OBJECT_WORDS[o] ?? o);
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
};

/** Plain words for the `modality` option ids, in reasons. */
const MODALITY_WORDS: Record<string, string> = {
  fluorescence: 'fluorescence',
  brightfield: 'brightfield',
  'phase-contrast': 'phase-contrast',
  histology: 'histology (H&E, IHC)',
  electron: 'electron microscopy',
  multiplexed: 'multiplexed (IMC, CODEX and similar)',
};

/** How much coding the user accepts, by coding option; used by coding rules and exclusions. */
export const CODING_ALLOWED: Record<string, Tool['coding'][]> = {
  'gui-only': ['none'],
  notebooks: ['none', 'scripting'],
  'command-line': ['none', 'scripting'],
  programming: ['none', 'scripting', 'programming'],
};

/** How far a commercial suite drops when the user did not say they have a licence for one. */
export const COMMERCIAL_PENALTY = 10;
/** The catalogue's commercial suites that `tools-used` lists (since question set v12); a test keeps the two in step. */
export const COMMERCIAL_SUITES = ['huygens', 'zeiss-arivis', 'nikon-nis-elements', 'olympus-cellsens', 'deltavision-deconvolution', 'leica-thunder', 'autoquant', 'andor-iq'];

/** `host` option → the tool ids that are that program (book §8.3: stick with a tool you know). "commercial" names no one program. */
export const HOST_TOOLS: Record<string, string[]> = {
  fiji: ['fiji', 'imagej'],
  cellprofiler: ['cellprofiler'],
  qupath: ['qupath'],
  napari: ['napari'],
  python: ['jupyter'],
};

/** `host` option → how a reason names that program. */
const HOST_NAMES: Record<string, string> = { fiji: 'Fiji', cellprofiler: 'CellProfiler', qupath: 'QuPath', napari: 'napari', python: 'your Python scripts and notebooks' };

/** `pretrained-which` option → the tools whose models those are. */
export const PRETRAINED_WHICH_TOOLS: Record<string, string[]> = {
  cellpose: ['cellpose'],
  stardist: ['stardist'],
  sam: ['micro-sam', 'segment-anything'],
  deepcell: ['deepcell'],
  omnipose: ['omnipose'],
  spots: ['spotiflow', 'deepblink', 'deepcell-spots'],
};

/** How well a tool's shipped models match the user's objects, modality and 2D/3D. */
export interface ModelCoverage {
  /** 2 = objects, modality and dimensionality match; 1 = objects and modality only; 0 = none match. */
  level: 0 | 1 | 2;
  /** The best-matching model's name, when level > 0. */
  model: string | null;
  /**
   * The model was trained specifically on the user's kind of object when that kind is a specialised
   * one (bacteria, yeast, organisms, organoids, organelles, filaments, tissue regions), rather than on
   * cells in general: a specialist for exactly this data. Nuclei and whole cells are what every
   * generalist model is trained on, so a model for them is the specialist only when it was made for
   * the user's modality first of all, and that modality is a specialised one
   * (`SPECIALISED_MODALITIES`: Mesmer for multiplexed tissue, an H&E nuclei model).
   */
  exact?: boolean;
  /** Histology: the model finds nuclei, which such pipelines grow into cells (see `coversViaNuclei`). */
  viaNuclei?: boolean;
  /** The model was made for fluorescence and reaches multiplexed images channel by channel (see `modalityFits`). */
  viaChannels?: boolean;
  /** The model is another tool's, run by this one (see `PretrainedModel.rehostedFrom`). */
  rehosted?: boolean;
}

/**
 * Imaging modalities with models made for them alone (Mesmer for multiplexed tissue, the H&E nuclei
 * models, MitoNet for electron microscopy): for nuclei or whole cells in such images, a model whose
 * first-listed modality is the user's is the specialist, above a generalist that lists it among others.
 */
const SPECIALISED_MODALITIES: ReadonlySet<string> = new Set(['multiplexed', 'histology', 'electron']);
/** Nuclei and whole cells: the objects for which a modality-made model is the specialist (organelles are a bucket, see `GENERIC_OBJECTS`). */
const CELL_OBJECTS: ReadonlySet<string> = new Set(['nuclei', 'whole-cells']);

/** Nuclei or cells in a specialised modality, and a model made for that modality first of all (see `SPECIALISED_MODALITIES`). */
const madeForTheModality = (m: PretrainedModel, objects: readonly string[], modality: readonly string[]): boolean =>
  objects.length > 0 && objects.every((o) => CELL_OBJECTS.has(o)) && modality.length === 1 && SPECIALISED_MODALITIES.has(modality[0]!) && m.modalities[0] === modality[0];

/** Finer kinds of object and the broader kind a general model lists for them. */
export const FINER_OBJECTS: Record<string, string> = { bacteria: 'whole-cells', yeast: 'whole-cells' };

/**
 * Object kinds no single model is "the specialist" for: nuclei and whole cells, which every generalist
 * cell model is trained on, and the organelles answer, a bucket of very different things (spots, foci,
 * vesicles, mitochondria: a mitochondria model is no model for autophagic bodies). All other kinds are
 * specialised.
 */
export const GENERIC_OBJECTS: ReadonlySet<string> = new Set(['nuclei', 'whole-cells', 'organelles']);

/** Whether a model trained on `modelObjects` covers the user's object (finer kinds: their own id, or the broader kind). */
const coversObject = (modelObjects: readonly string[], o: string): boolean => modelObjects.includes(o) || (FINER_OBJECTS[o] !== undefined && modelObjects.includes(FINER_OBJECTS[o]));

/**
 * In stained tissue (H&E, IHC) cell borders are mostly invisible, so histology pipelines outline cells by
 * finding each nucleus and growing it outwards (QuPath's cell detection, sopa's StarDist route): a
 * nucleus model made for histology covers whole cells there.
 */
const coversViaNuclei = (modelObjects: readonly string[], o: string, modality: readonly string[]): boolean => o === 'whole-cells' && modality.includes('histology') && modelObjects.includes('nuclei');

/**
 * Whether a model or tool made for `made` modalities fits images of `modality`. Multiplexed images
 * (multiplexed immunofluorescence, imaging mass cytometry) are analysed channel by channel, and each
 * channel (a nuclear stain, a membrane marker) is a fluorescence-like intensity image: models made for
 * fluorescence fit them (steinbock runs Cellpose on the nuclear and membrane channels).
 */
export function modalityFits(made: readonly string[], modality: string): boolean {
  return made.includes(modality) || (modality === 'multiplexed' && made.includes('fluorescence'));
}

/** The kind of electron microscopy the user answered (`em-kind`), when they know it. */
export const electronKindOf = (a: Answers): string | undefined => {
  if (!has(a, 'modality', 'electron')) return undefined;
  const kind = answerOf(a, 'em-kind')[0];
  return kind === 'not-sure' ? undefined : kind;
};

/**
 * Whether a model or tool tied to some kinds of electron microscopy (`electronKinds`) fits the
 * user's kind: a cryo-EM model is no model for volume EM or SEM micrographs (§9.3.3.2, data unlike
 * the training data). Untied, or the kind not known: it fits.
 */
export const fitsElectronKind = (kinds: readonly string[] | undefined, a: Answers): boolean => {
  const kind = electronKindOf(a);
  return kinds === undefined || kind === undefined || kinds.includes(kind);
};

/** Plain words for the `em-kind` option ids, in reasons. */
export const ELECTRON_KIND_WORDS: Record<string, string> = { cryo: 'cryo-EM and cryo-electron tomography', volume: 'volume EM', micrographs: 'single 2D electron micrographs' };

/**
 * Match a tool's `pretrainedModels` against the `objects`, `modality` and `dimensions` answers.
 * "other" answers and unanswered questions match anything.
 *
 * @returns null when the tool records no models or neither objects nor modality is answered
 */
export function modelCoverage(answers: Answers, tool: Pick<Tool, 'pretrainedModels' | 'tasks'>): ModelCoverage | null {
  // Coverage must match the task asked: the models of a tool whose main job is restoration (as
  // Cellpose3's denoise/deblur models) restore images of those objects; they do not segment them.
  if ((RESTORATION_TASKS as readonly string[]).includes(tool.tasks[0] ?? '') && !has(answers, 'output', 'restored-images', 'label-free')) return null;
  // A restoring model shipped by a segmentation tool finds no objects (see `PretrainedModel.restores`).
  // The tool's own models before copies of other tools' models (`rehostedFrom`), so an own model wins a tie.
  const models = (tool.pretrainedModels ?? [])
    .filter((m) => m.restores !== true || has(answers, 'output', 'restored-images', 'label-free'))
    .sort((a, b) => Number(a.rehostedFrom !== undefined) - Number(b.rehostedFrom !== undefined));
  const objects = answerOf(answers, 'objects').filter((o) => o !== 'other');
  const modality = answerOf(answers, 'modality').filter((o) => o !== 'other');
  if (models.length === 0 || (objects.length === 0 && modality.length === 0)) return null;
  const dim = has(answers, 'dimensions', '3d') ? '3d' : '2d';
  let best: ModelCoverage = { level: 0, model: null };
  // Specialised kinds: everything but nuclei and whole cells, which every generalist model is trained on.
  const specialised = objects.filter((o) => !GENERIC_OBJECTS.has(o));
  for (const m of models) {
    const direct = objects.every((o) => coversObject(m.objects, o));
    const fits = (direct || objects.every((o) => coversObject(m.objects, o) || coversViaNuclei(m.objects, o, modality))) && modality.every((o) => modalityFits(m.modalities, o)) && fitsElectronKind(m.electronKinds, answers);
    if (!fits) continue;
    // A model made for the modality itself beats one that reaches it through fluorescence channels.
    if (!modality.every((o) => (m.modalities as string[]).includes(o))) {
      if (best.level < 2 && direct && (m.dimensionality as string[]).includes(dim)) best = { level: 2, model: m.name, viaChannels: true };
      continue;
    }
    // A direct model beats one that reaches the cells through their nuclei.
    if (!direct) {
      if (best.level < 2 && (m.dimensionality as string[]).includes(dim)) best = { level: 2, model: m.name, viaNuclei: true };
      continue;
    }
    const exact = (specialised.length > 0 && specialised.every((o) => (m.objects as string[]).includes(o))) || madeForTheModality(m, objects, modality);
    if ((m.dimensionality as string[]).includes(dim) && m.startingPoint !== true) {
      // A model made for exactly a specialised kind (bacteria, worms, organoids …) beats a general one.
      if (best.level < 2 || best.viaNuclei === true || best.viaChannels === true || (exact && !best.exact)) best = { level: 2, model: m.name, exact };
      continue;
    }
    if (best.level === 0) best = { level: 1, model: m.name, exact };
  }
  // A promptable generalist (trained for "other" objects on "other" images, as Segment Anything) may
  // still segment what no specialised model covers: partial coverage, worth a test. Weights offered
  // only as a starting point for training (YOLO's everyday-photo classes) find nothing until retrained.
  const generalist = models.find((m) => (m.objects as string[]).includes('other') && (m.modalities as string[]).includes('other') && m.startingPoint !== true);
  if (best.level === 0 && generalist) best = { level: 1, model: generalist.name };
  // Objects of another kind than the answer's list: a model made for these images may or may not find
  // them, so at most partial coverage (worth a test), as the category level treats them (no claim).
  if (objects.length === 0 && answerOf(answers, 'objects').includes('other') && best.level === 2) best = { level: 1, model: best.model };
  if (models.find((m) => m.name === best.model)?.rehostedFrom !== undefined) best = { ...best, rehosted: true };
  return best;
}

/** The catalogue tools the answers name as already in use (`tools-used`), in answer order; "other" and unknown ids are skipped. */
export function toolsInUse(a: Answers, catalogue: readonly Tool[]): Tool[] {
  return answerOf(a, 'tools-used')
    .map((id) => catalogue.find((t) => t.id === id))
    .filter((t): t is Tool => t !== undefined);
}

/**
 * Whether the answers say a tool the user already runs falls short: its pre-trained model was not good
 * enough, fine-tuning failed (for a tool that fine-tunes), or the approach it is made for failed
 * (a pixel classifier after "pixel classifier: not good enough", a classical tool after thresholding failed).
 */
export function usedToolFellShort(a: Answers, t: Tool): boolean {
  // A rung tried only on its default settings has not fallen short yet (see UNTUNED).
  if (has(a, 'pretrained', 'not-good-enough') && !untuned(a, 'model') && triedTool(a, t.id)) return true;
  if (has(a, 'tried-finetune', 'failed') && (trainedFromScratch(a) ? t.training.fromScratch : t.training.fineTune)) return true;
  if (has(a, 'tried-pixel', 'failed') && !untuned(a, 'pixel') && t.categories[0] === 'pixel-classification') return true;
  return has(a, 'tried-classical', 'failed') && !untuned(a, 'classical') && t.categories[0] === 'classical';
}

/** Whether the user named this tool's models as the pre-trained model they already tried. */
export const triedTool = (a: Answers, toolId: string): boolean => answerOf(a, 'pretrained-which').some((o) => (PRETRAINED_WHICH_TOOLS[o] ?? []).includes(toolId));

const describeData = (a: Answers): string =>
  [answerOf(a, 'objects')[0]?.replace('-', ' '), answerOf(a, 'modality')[0] && `in ${answerOf(a, 'modality')[0]!.replace('-', ' ')}`].filter(Boolean).join(' ');

/** A tool made for tracking (its main task): it links detections over time, whatever else it does. An unknown tool is not. */
export const isDedicatedTracker = (tool: Pick<Tool, 'tasks'> | undefined): boolean => tool?.tasks[0] === 'tracking';

/**
 * A tool that hosts other tools (Fiji, CellProfiler, QuPath, napari, BiaPy, deepImageJ): its models are
 * borrowed. A platform or plugin that runs anything, or any tool that runs two or more others. (A tool
 * that runs one companion of its own, as Cellpose runs its restoration models, is not a host.)
 */
export const isHost = (tool: Pick<Tool, 'canRun' | 'kind'>): boolean => tool.canRun.length >= 2 || (tool.canRun.length > 0 && (tool.kind === 'platform' || tool.kind === 'plugin'));

/** A pipeline that finds cells from how their brightness changes over a recording (Suite2p, CaImAn), not a denoiser of such recordings. */
export const findsCellsFromActivity = (tool: Pick<Tool, 'needsSimilarFrames' | 'tasks'>): boolean => tool.needsSimilarFrames === true && tool.tasks.includes('instance-segmentation');

/**
 * §8.2, one program for the whole workflow: the `software` question is asked of people who already
 * work in a host (Fiji, CellProfiler, QuPath, napari), so that host is the one program. The host
 * itself keeps the workflow whole, and so does a tool that runs inside it; another host (CellProfiler
 * for a Fiji user) would be a second program. Returns the user's host program the tool is or runs
 * inside, or null.
 */
export function oneProgramFit(a: Answers, t: Pick<Tool, 'id' | 'runsInside'>): { host: string; name: string } | null {
  const hosts = answerOf(a, 'host').flatMap((h) => (HOST_TOOLS[h] ?? []).map((id) => ({ host: id, name: HOST_NAMES[h] ?? h })));
  return hosts.find((h) => h.host === t.id) ?? hosts.find((h) => t.runsInside.includes(h.host)) ?? null;
}

/** Tool rules (coding, GPU, cloud, 2D/3D, shape, hosting, install effort, training abilities). */
export const TOOL_RULES: ToolRule[] = [
  // §8.3: "if it ain't broke, don't fix it" — a program you already use wins when it fits the job.
  (a, t) => {
    const hosts = answerOf(a, 'host').filter((h) => h !== 'none');
    const own = hosts.find((h) => (HOST_TOOLS[h] ?? []).includes(t.id));
    if (own !== undefined) return { delta: 10, question: 'host', why: `you already use ${t.name}; if it fits the job, stick with it`, section: '8.3' };
    const inside = hosts.find((h) => (HOST_TOOLS[h] ?? []).some((id) => t.runsInside.includes(id)));
    if (inside !== undefined) return { delta: 10, question: 'host', why: `${t.name} runs inside ${HOST_NAMES[inside] ?? inside}, which you already use`, section: '8.3' };
    if (hosts.includes('python') && t.interfaces.includes('python-api')) return { delta: 5, question: 'host', why: `${t.name} can be called from your own Python scripts`, section: '8.3' };
    return null;
  },
  // §8.3: a tool the analysis already uses has a head start. If it does the job, keep it; if the
  // answers say it falls short, a smaller nudge: its other settings, models or workflows come before
  // switching, but the book's next rung is open too.
  (a, t) => {
    if (!answerOf(a, 'tools-used').includes(t.id)) return null;
    if (usedToolFellShort(a, t)) return { delta: 5, question: 'tools-used', why: `you already use ${t.name}, though it falls short so far: its other settings, models or workflows are worth a look before you switch`, section: '8.3' };
    return { delta: 15, question: 'tools-used', why: `you already use ${t.name}; if it does the job, keep it`, section: '8.3' };
  },
  // "If it ain't broke, don't fix it" (§8.3): the user says the pixel classifier (or the thresholding)
  // they tried works, and this tool in use is that kind of tool: it is what works, not a host of it.
  (a, t) => {
    if (!answerOf(a, 'tools-used').includes(t.id)) return null;
    const works = (has(a, 'tried-pixel', 'works') && t.categories[0] === 'pixel-classification') || (has(a, 'tried-classical', 'works') && t.categories[0] === 'classical');
    return works ? { delta: 20, question: t.categories[0] === 'classical' ? 'tried-classical' : 'tried-pixel', why: `you said the ${t.categories[0] === 'classical' ? 'classical method' : 'pixel classifier'} you tried works, and ${t.name} is the one you use: keep it`, section: '8.3' } : null;
  },
  // A paid package is only "a tool you have" (§8.3) when the user has a licence: §6.1.2.2 lists the
  // commercial deconvolution packages beside free plugins that run the same algorithms. Without the
  // licence answer a commercial suite ranks below free tools of equal fit; with it, a small nudge up
  // (when the user does not name the package among the tools in use, every suite gets it). A suite
  // they name gets the "already use it" reason above; the others are packages they did not name.
  (a, t) => {
    if (t.kind !== 'commercial-suite') return null;
    const named = answerOf(a, 'tools-used').filter((id) => COMMERCIAL_SUITES.includes(id));
    if (has(a, 'host', 'commercial') && named.length === 0) return { delta: 5, question: 'host', why: `you have a licence for a commercial package; if it is ${t.name}, it is a tool you already have`, section: '8.3' };
    if (named.includes(t.id)) return null;
    if (named.length > 0) return { delta: -COMMERCIAL_PENALTY, question: 'tools-used', why: `${t.name} needs a paid licence, and the commercial package you named is another one`, section: '6.1.2.2' };
    return { delta: -COMMERCIAL_PENALTY, question: 'host', why: `${t.name} needs a paid licence; you did not say you have one, and free tools do the same job (if your facility has it, it is a fine choice)`, section: '6.1.2.2' };
  },
  // A tool built for tiled and multi-view datasets (BigStitcher: stitching first, deconvolution of
  // several views) is more than a single field of view needs (its card: not for single-field images).
  (a, t) => {
    if (!has(a, 'output', 'restored-images') || t.tasks[0] !== 'stitching' || !has(a, 'views', 'single') || has(a, 'data-size', 'tiles')) return null;
    return { delta: -10, question: 'views', why: `${t.name} is built for tiled and multi-view datasets; for one view of one field, a program made for restoring single images is simpler to set up`, section: '6.1.2.2' };
  },
  // §6.3.2: for restoration, start from a ready-trained model where one was made for images like the
  // user's (Topaz-Denoise's cryo-EM models): a tool made for the user's modality that ships a model
  // for it in the user's dimensions, and restores what they need fixed, can be tried before any
  // training. (Not from a model's modality alone: "fluorescence" spans too many kinds of sample and
  // noise for a model trained on calcium imaging to count as made for a user's images.)
  (a, t) => {
    if (!has(a, 'output', 'restored-images')) return null;
    const modality = answerOf(a, 'modality')[0];
    const dims = answerOf(a, 'dimensions')[0] === '3d' ? '3d' : '2d';
    const needed = degradationTasks(a);
    if (modality === undefined || t.modalities === undefined || !modalityFits(t.modalities, modality) || !t.tasks.some((k) => needed.includes(k))) return null;
    const model = (t.pretrainedModels ?? []).find((m) => modalityFits(m.modalities, modality) && m.dimensionality.includes(dims) && fitsElectronKind(m.electronKinds, a));
    if (model === undefined) return null;
    return { delta: 10, question: 'modality', why: `${t.name} ships a model already trained to restore ${MODALITY_WORDS[modality] ?? modality} images (${model.name}): try it before training your own`, section: '6.3.2' };
  },
  // §9.3.3.1 / §8.5: a pre-trained model works when data like yours was in its training set; the
  // table's largest drawback is "unlikely to work" otherwise. Hosts borrow others' models: half weight.
  (a, t) => {
    const c = modelCoverage(a, t);
    // A tracker's own model links objects; whether objects are found depends on the detector's model.
    if (c === null || has(a, 'output', 'restored-images', 'label-free', 'image-classes') || (has(a, 'output', 'tracks') && isDedicatedTracker(t))) return null;
    // A host runs others' models through plugins, and a copy of another tool's model is that tool's
    // model: both are credited at half weight.
    const half = isHost(t) || c.rehosted === true;
    const data = describeData(a);
    // With no ready model for their objects (Fig 9.4's "annotate, then train from scratch"), a tool made
    // for training new models is judged on that training: what its own ready models cover is beside the
    // point, for the better as for the worse. A tool made around its ready models (SynapseNet's vesicle
    // models) that can also train keeps its mark: its models are what it offers such a user.
    if (has(a, 'pretrained', 'none') && t.training.fromScratch && t.categories.includes('scratch-dl')) return null;
    if (c.level === 2 && c.exact === true) return { delta: half ? 10 : 20, question: 'objects', why: `${t.name}'s model "${c.model}" was made specifically for ${data} images like yours`, section: '9.3.3.1' };
    if (c.level === 2 && c.viaChannels === true) return { delta: half ? 3 : 5, question: 'objects', why: `${t.name}'s model "${c.model}" was trained on ${answerOf(a, 'objects')[0]?.replace('-', ' ') ?? 'such objects'} in fluorescence; each channel of a multiplexed image can be segmented like a fluorescence image`, section: '9.3.3.1' };
    if (c.level === 2 && c.viaNuclei === true) return { delta: half ? 5 : 10, question: 'objects', why: `${t.name}'s model "${c.model}" finds nuclei in stained tissue; cells there are outlined by growing each nucleus outwards, as histology pipelines do`, section: '9.3.3.1' };
    if (c.level === 2) return { delta: half ? 8 : 15, question: 'objects', why: `${t.name}'s model "${c.model}" was trained on ${data} images like yours`, section: '9.3.3.1' };
    if (c.level === 1) return { delta: half ? 3 : 5, question: 'objects', why: `${t.name}'s model "${c.model}" partly covers ${data} images (not all you need: dimensions, or a general model); test it first`, section: '9.3.3.1' };
    // A tool whose own (classical) method is made for these objects does not depend on its models here;
    // nor does a pipeline that finds cells from their activity (Suite2p) for cells in a recording.
    if (t.madeForObjects !== undefined && answerOf(a, 'objects').every((o) => (t.madeForObjects as string[]).includes(o))) return null;
    if (findsCellsFromActivity(t) && has(a, 'objects', 'active-cells')) return null;
    return { delta: half ? -8 : -15, question: 'objects', why: `none of ${t.name}'s pre-trained models was trained on ${data}, so they are unlikely to work as they are`, section: '8.5' };
  },
  // The model the user already tried: keep it when it works (§8.3), retrain it when it falls short (§9.3.6).
  (a, t) => {
    const tried = answerOf(a, 'pretrained-which').some((o) => (PRETRAINED_WHICH_TOOLS[o] ?? []).includes(t.id));
    if (!tried) return null;
    if (has(a, 'pretrained', 'works')) return { delta: 20, question: 'pretrained-which', why: `you tested ${t.name}'s model and it meets your success criterion, so keep it`, section: '8.3' };
    // Run on its default settings only: setting it up for these images and testing it again comes first (Fig 9.10).
    if (matchCondition(MODEL_ON_DEFAULTS, a)) return { delta: 10, question: 'settings-tuned', why: `you ran ${t.name}'s model on its default settings; set it up for your images (object size, pixel size, channels, thresholds) and test it again before anything else`, section: '9.3.9' };
    if (untuned(a, 'model')) return { delta: 10, question: 'settings-tuned', why: `you have not measured ${t.name}'s model on your images yet; check its settings (object size, pixel size, channels, normalisation) and score it on 5 to 10 annotated images before retraining it`, section: '9.3.7' };
    // Not when fine-tuning it has already failed (Fig 9.10: then the data or the model is the problem).
    if (has(a, 'pretrained', 'not-good-enough') && !untuned(a, 'model') && t.training.fineTune && !has(a, 'tried-finetune', 'failed')) return { delta: 10, question: 'pretrained-which', why: `${t.name} lets you fine-tune the model you already tried on your own annotations`, section: '9.3.6' };
    return null;
  },
  // §9.4.1: the right tool depends mainly on programming experience. A big penalty when the tool
  // needs code the user does not write; smaller when it needs only scripting.
  (a, t) => {
    if (has(a, 'coding', 'gui-only') && t.coding === 'programming') return { delta: -40, question: 'coding', why: `${t.name} needs programming, and you prefer not to code`, section: '9.4.1' };
    if (has(a, 'coding', 'gui-only') && t.coding === 'scripting') return { delta: -15, question: 'coding', why: `${t.name} needs running notebooks or scripts, and you prefer not to code`, section: '9.4.1' };
    // Someone whose pipeline is already their own Python scripts or notebooks (`host`) writes some code:
    // a library called from them is not beyond them, whatever they say of their coding in general.
    if (has(a, 'coding', 'notebooks', 'command-line') && t.coding === 'programming') {
      if (has(a, 'host', 'python') && t.interfaces.includes('python-api')) return { delta: -5, question: 'coding', why: `${t.name} is called from code; your own Python scripts or notebooks are the place for it`, section: '9.4.1' };
      return { delta: -20, question: 'coding', why: `${t.name} expects you to write code`, section: '9.4.1' };
    }
    return null;
  },
  // Programmers get the same nudge towards tools used from code (a library, an architecture to train).
  (a, t) =>
    has(a, 'coding', 'programming') && t.coding === 'programming'
      ? { delta: 5, question: 'coding', why: `${t.name} is used from code, the way you work`, section: '9.4.1' }
      : null,
  // GUI users get a nudge towards tools with a point-and-click interface.
  (a, t) =>
    has(a, 'coding', 'gui-only') && t.interfaces.some((i) => i === 'desktop-gui' || i === 'web-app' || i === 'plugin')
      ? { delta: 5, question: 'coding', why: `${t.name} has a point-and-click interface`, section: '9.4.1' }
      : null,
  // §9.4.2: a tool that needs a GPU is barely usable on a laptop; "recommended" is slow but works.
  (a, t) => {
    if (!has(a, 'compute', 'laptop')) return null;
    // A tool that runs in the cloud brings its own GPU there (Fig 9.9), when the images may leave.
    if (t.runsWhere.includes('cloud') && !has(a, 'data-leave', 'no')) return null;
    if (t.gpu === 'required') return { delta: -40, question: 'compute', why: `${t.name} needs a GPU, and you have none`, section: '9.4.2' };
    if (t.gpu === 'recommended') return { delta: -10, question: 'compute', why: `${t.name} is slow without a GPU`, section: '9.4.2' };
    return null;
  },
  // Cloud compute with permission to upload: cloud-capable tools are the practical choice.
  (a, t) =>
    has(a, 'compute', 'cloud') && has(a, 'data-leave', 'yes') && t.runsWhere.includes('cloud')
      ? { delta: 5, question: 'compute', why: `${t.name} runs in the cloud, where your compute is`, section: '9.4.2' }
      : null,
  // Fig 9.9: training on a laptop without a GPU, with images allowed to move, points to the cloud.
  (a, t) =>
    has(a, 'compute', 'laptop') && has(a, 'data-leave', 'yes') && has(a, 'pretrained', 'not-good-enough', 'none') && t.runsWhere.includes('cloud') && (t.training.fineTune || t.training.fromScratch || t.tasks.includes('training-deployment'))
      ? { delta: 10, question: 'compute', why: `${t.name} can train in the cloud (for example on Colab), which your laptop without a GPU cannot do quickly`, section: '9.3.8' }
      : null,
  // §9.4.1: notebook platforms let people who run notebooks train and apply models without writing code.
  (a, t) =>
    has(a, 'coding', 'notebooks') && t.interfaces.includes('notebook')
      ? { delta: 5, question: 'coding', why: `${t.name} comes as notebooks, the way you like to work`, section: '9.4.1' }
      : null,
  // §9.3.2: decide 2D vs 3D first; a 2D-only tool cannot give 3D objects.
  (a, t) =>
    has(a, 'dimensions', '3d') && !t.dimensionality.includes('3d')
      ? { delta: -30, question: 'dimensions', why: `${t.name} works on 2D images only, and you need 3D results`, section: '9.3.2' }
      : null,
  (a, t) =>
    has(a, 'dimensions', '3d') && t.dimensionality.includes('3d')
      ? { delta: 5, question: 'dimensions', why: `${t.name} works in 3D`, section: '9.3.2' }
      : null,
  // The same the other way round: a tool made for 3D stacks only does not fit 2D images.
  (a, t) =>
    has(a, 'dimensions', '2d') && !t.dimensionality.includes('2d')
      ? { delta: -30, question: 'dimensions', why: `${t.name} works on 3D stacks only, and your images are 2D`, section: '9.3.2' }
      : null,
  // §9.3.2: StarDist-like shape assumptions fail on irregular or elongated objects.
  (a, t) => {
    if (!assumesStarConvex(t)) return null;
    if (has(a, 'shape', 'irregular')) return { delta: -35, question: 'shape', why: `${t.name} assumes star-convex, roundish objects, which irregular or elongated objects break`, section: '9.3.2' };
    if (has(a, 'shape', 'mixed')) return { delta: -15, question: 'shape', why: `${t.name} assumes star-convex, roundish objects, which some of your objects break`, section: '9.3.2' };
    if (matchCondition(ROUND_OBJECTS, a)) return { delta: 10, question: has(a, 'shape', 'round') ? 'shape' : 'objects', why: `${t.name} assumes round, star-convex objects, which suits yours`, section: '9.3.2' };
    return null;
  },
  // §9.3.2: a model designed for long, thin or branched objects (its own docs say so) suits them better
  // than one that merely makes no shape assumption.
  // Filaments are long and thin by definition (the shape question is not asked for them).
  (a, t) =>
    (has(a, 'shape', 'irregular') || has(a, 'objects', 'filaments')) && t.elongatedShapes === true
      ? { delta: 5, question: has(a, 'objects', 'filaments') ? 'objects' : 'shape', why: `${t.name} is designed for long, thin, curved or branched objects`, section: '9.3.2' }
      : null,
  // §8.2.3: the larger the data, the harder it is to work with; with files bigger than memory, a tool
  // built to process them in blocks or pyramids fits, and one whose docs rule such data out does not.
  (a, t) => {
    if (!has(a, 'data-size', 'huge-files') || t.largeData === undefined) return null;
    return t.largeData
      ? { delta: 5, question: 'data-size', why: `${t.name} is built for images larger than memory: it processes them in blocks, tiles or pyramids`, section: '8.2.3' }
      : { delta: -10, question: 'data-size', why: `${t.name}'s documentation says it is not made for data as large as yours`, section: '8.2.3' };
  },
  // §8.2.3 with the book's first case study (§8.7.1): a tool that takes one small image per upload
  // suits a first test on a few images, not many images or files larger than memory.
  (a, t) =>
    t.oneImageAtATime === true && has(a, 'data-size', 'many', 'huge-files', 'tiles')
      ? { delta: -10, question: 'data-size', why: `${t.name} takes one image at a time by hand; for as many images as yours, use it to try the model on a few, then run the same model in a tool that processes them all`, section: '8.2.3' }
      : null,
  // §6.2.1: a denoiser that treats neighbouring frames as two noisy looks at one scene (DeepCAD-RT)
  // fits fast recordings and cannot work on single time points or on frames where things move.
  // §8.2.1: so do pipelines that find cells from their activity over a fast recording (Suite2p,
  // CaImAn). Finding objects, they fit users whose objects are cells in a calcium or voltage
  // recording (question set v20), or who already work with them; not still images.
  (a, t) => {
    if (t.needsSimilarFrames !== true) return null;
    if (has(a, 'time-series', 'similar-frames')) return { delta: 15, question: 'time-series', why: `${t.name} learns from neighbouring frames, which in your recordings show nearly the same scene`, section: '6.2.1' };
    if (has(a, 'time-series', 'single', 'changing')) return { delta: -30, question: 'time-series', why: `${t.name} needs a fast recording whose neighbouring frames show nearly the same scene; yours ${has(a, 'time-series', 'single') ? 'are single time points' : 'change from frame to frame'}`, section: '6.2.1' };
    if (has(a, 'output', 'restored-images', 'label-free')) return null;
    if (has(a, 'objects', 'active-cells')) {
      return findsCellsFromActivity(t) ? { delta: 15, question: 'objects', why: `${t.name} finds cells from how their brightness changes over a recording, which is how yours are to be found`, section: '8.2.1' } : null;
    }
    if (!has(a, 'tools-used', t.id)) {
      return { delta: -30, question: 'tools-used', why: `${t.name} finds cells from how their brightness changes over a fast recording (calcium or voltage imaging); if your images are such a recording, say so where you pick the kind of objects`, section: '8.2.1' };
    }
    return null;
  },
  // §8.2.1 (what must the workflow deliver): sorting whole images and sorting the single cells in them
  // are different jobs; a classifier of objects needs them found first and sorts each one.
  (a, t) => {
    const what = answerOf(a, 'classify-what')[0];
    if (!has(a, 'output', 'image-classes') || what === undefined || t.classifies === undefined) return null;
    if ((t.classifies as string[]).includes(what)) return { delta: 10, question: 'classify-what', why: `${t.name} sorts ${what === 'objects' ? 'single cells or objects, each from its own measurements or look' : 'whole images'}, which is what you need`, section: '8.2.1' };
    return { delta: -30, question: 'classify-what', why: `${t.name} sorts ${t.classifies.includes('objects') ? 'single objects' : 'whole images'}, not ${what === 'objects' ? 'single cells or objects' : 'whole images'}`, section: '8.2.1' };
  },
  // §9.3.6.1: sorting into categories with a network pre-trained on images like the user's at hand; a
  // tool that runs such networks as feature encoders gives a classifier a head start.
  (a, t) => {
    const encoders = encodersAtHand(a, t);
    if (encoders.length === 0) return null;
    return { delta: 15, question: 'encoder', why: `${t.name} runs networks pre-trained on many images like yours (${encoders.map((e) => e.name).join('; ')}); a small classifier trained on their features needs few labelled examples`, section: '9.3.6.1' };
  },
  // §8.2.1 (what the objects are and what is measured on them): filaments, neurites and vessels are
  // measured as networks (length, branches), which a tool that skeletonises them does in one step.
  (a, t) => {
    if (!has(a, 'objects', 'filaments') || has(a, 'output', 'tracks', 'restored-images', 'label-free', 'image-classes') || !t.tasks.includes('skeleton-analysis')) return null;
    return { delta: 10, question: 'objects', why: `${t.name} reduces filaments, neurites or vessels to skeletons and measures their length and branches`, section: '8.2.1' };
  },
  // §8.2.1 (what the objects are): a tool whose own method is made for one kind of object (a spot
  // detector) fits those objects and not others.
  (a, t) => {
    const objects = answerOf(a, 'objects').filter((o) => o !== 'other');
    if (t.madeForObjects === undefined) return null;
    const names = kindsOfObjects(t.madeForObjects);
    // "Something else" is none of the listed kinds, so not the ones this tool is made for; unless the
    // tool is made for an unlisted kind itself (AxonDeepSeg's axons and myelin): then nothing is known.
    if (objects.length === 0 && has(a, 'objects', 'other') && !(t.madeForObjects as string[]).includes('other')) return { delta: -10, question: 'objects', why: `${t.name} is made for ${names}; yours are another kind of object`, section: '8.2.1' };
    if (objects.length === 0) return null;
    if (objects.every((o) => (t.madeForObjects as string[]).includes(o))) return { delta: 10, question: 'objects', why: `${t.name} is made for ${names}, like yours`, section: '8.2.1' };
    return { delta: -20, question: 'objects', why: `${t.name} is made for ${names}, not ${objects.map((o) => OBJECT_WORDS[o] ?? o).join(' or ')}`, section: '8.2.1' };
  },
  // §8.2.3 (which modality): a tool made for one kind of imaging fits those images and rarely others
  // (steinbock for multiplexed imaging, HoVer-NeXt for H&E, cryoCARE for cryo-electron tomograms).
  (a, t) => {
    const modality = answerOf(a, 'modality').find((m) => m !== 'other');
    if (t.modalities === undefined || modality === undefined) return null;
    const names = t.modalities.map((m) => MODALITY_WORDS[m] ?? m).join(' or ');
    // Made for electron microscopy, but for another kind of it (cryoCARE for cryo-ET, not volume EM).
    if (modality === 'electron' && (t.modalities as string[]).includes(modality) && !fitsElectronKind(t.electronKinds, a)) {
      return { delta: -20, question: 'em-kind', why: `${t.name} is made for ${(t.electronKinds ?? []).map((k) => ELECTRON_KIND_WORDS[k] ?? k).join(' or ')}, not ${ELECTRON_KIND_WORDS[electronKindOf(a)!] ?? 'yours'}`, section: '9.3.3.2' };
    }
    if ((t.modalities as string[]).includes(modality)) return { delta: 10, question: 'modality', why: `${t.name} is made for ${names} images like yours`, section: '8.2.3' };
    if (modalityFits(t.modalities, modality)) return { delta: 5, question: 'modality', why: `${t.name} is made for ${names} images; each channel of a multiplexed image is such an image`, section: '8.2.3' };
    return { delta: -20, question: 'modality', why: `${t.name} is made for ${names} images, not ${MODALITY_WORDS[modality] ?? modality}`, section: '8.2.3' };
  },
  // §9.3.2: models without shape assumptions (e.g. flow-based Cellpose) handle irregular shapes.
  (a, t) =>
    has(a, 'shape', 'irregular', 'mixed') && !assumesStarConvex(t) && isDl(t)
      ? { delta: 5, question: 'shape', why: `${t.name} makes no assumption about object shape`, section: '9.3.2' }
      : null,
  // §8.2: one program for the whole workflow (see {@link oneProgramFit}).
  (a, t) => {
    if (!has(a, 'software', 'one-program')) return null;
    const fit = oneProgramFit(a, t);
    if (fit === null) return null;
    if (fit.host === t.id) return t.canRun.length > 0 ? { delta: 10, question: 'software', why: `${t.name}, which you already use, can run other tools inside it, keeping your workflow in one program`, section: '8.2' } : null;
    return { delta: 5, question: 'software', why: `${t.name} runs inside ${fit.name}, so your workflow stays in one program`, section: '8.2' };
  },
  // §8.2.2: with only hours, installation effort counts, except for a tool the user already runs.
  (a, t) => {
    if (!has(a, 'time-available', 'hours') || answerOf(a, 'tools-used').includes(t.id)) return null;
    if (t.installEffort === 'high') return { delta: -15, question: 'time-available', why: `${t.name} takes effort to install, and you have only hours`, section: '8.2.2' };
    if (t.installEffort === 'medium') return { delta: -5, question: 'time-available', why: `${t.name} takes some effort to install`, section: '8.2.2' };
    return null;
  },
  // §8.2.2 "How do you like to learn things?": tools differ in their documentation. The tool files
  // record interfaces, not documentation, so only two styles map onto them: trying things out fits a
  // point-and-click interface; reading fits notebooks, which put written instructions beside each
  // step. Videos and asking are not tool properties here (see `learning` in recommend.ts). ±5: a nudge,
  // since the book names learning style as one consideration among many.
  (a, t) => {
    if (has(a, 'learning-style', 'explore')) {
      if (t.interfaces.some((i) => GUI_INTERFACES.has(i))) return { delta: 5, question: 'learning-style', why: `${t.name} has a point-and-click interface you can learn by trying things out`, section: '8.2.2' };
      if (!t.interfaces.includes('notebook')) return { delta: -5, question: 'learning-style', why: `${t.name} is driven only by commands or code, which is hard to learn by clicking around`, section: '8.2.2' };
    }
    if (has(a, 'learning-style', 'read') && t.interfaces.includes('notebook')) return { delta: 5, question: 'learning-style', why: `${t.name} offers notebooks, which put written instructions beside each step`, section: '8.2.2' };
    return null;
  },
  // Many images: batch automation matters (§8.2.3, case study 1's screen).
  (a, t) =>
    has(a, 'data-size', 'many') && t.tasks.includes('workflow-automation')
      ? { delta: 5, question: 'data-size', why: `${t.name} processes large batches of images automatically`, section: '8.2.3' }
      : null,
  // §8.2.3: tidy metadata only helps if the tool carries it through a batch run.
  (a, t) =>
    has(a, 'metadata', 'in-files', 'spreadsheet') && t.tasks.includes('workflow-automation')
      ? { delta: 5, question: 'metadata', why: `${t.name} can keep each result tied to its image's metadata in batch runs`, section: '8.2.3' }
      : null,
  // Fig 9.4: when a model falls short, tools that can retrain it rank higher. For tracks the model
  // that fell short finds the objects; a tracker whose own linking model can be retrained (Trackastra)
  // does not retrain that one.
  (a, t) =>
    has(a, 'pretrained', 'not-good-enough') && !untuned(a, 'model') && t.training.fineTune && t.tasks.some((k) => k !== 'tracking')
      ? { delta: 10, question: 'pretrained', why: `${t.name} lets you fine-tune its models on your own annotations`, section: '9.3.6' }
      : null,
  (a, t) =>
    has(a, 'annotations', 'hundreds') && t.training.fromScratch
      ? { delta: 5, question: 'annotations', why: `${t.name} can train a model from scratch on your annotated set`, section: '9.3.5' }
      : null,
  // §9.3.4.3: a few annotations + interactive correction: tools with a human-in-the-loop workflow.
  (a, t) =>
    (has(a, 'annotations', 'few') || (has(a, 'annotations', 'tens') && has(a, 'pretrained', 'none', 'not-good-enough'))) && t.training.fineTune && t.tasks.includes('annotation')
      ? { delta: 5, question: 'annotations', why: `${t.name} speeds up annotation by letting you correct its predictions and retrain`, section: '9.3.4.3' }
      : null,
];

/** A hard constraint a tool breaks: the tool is removed and the reason shown. */
export interface ToolExclusion {
  question: string;
  why: string;
  section: string;
}

/**
 * Hard constraints. Images that may not leave the lab are always a hard constraint (it is a legal or
 * ethical limit, not a preference). Other constraints apply only when the user marked the answer a
 * must-have (book §8.3).
 *
 * @param answers - the wizard answers
 * @param tool - the tool to check
 * @returns the constraints it breaks; empty when it may be recommended
 */
export function toolExclusions(answers: Answers, tool: Tool): ToolExclusion[] {
  const must = (q: string): boolean => answers.mustHave.includes(q);
  const out: ToolExclusion[] = [];
  if (has(answers, 'data-leave', 'no') && !tool.runsWhere.some((w) => w === 'local' || w === 'hpc')) {
    out.push({ question: 'data-leave', why: `${tool.name} runs only in the cloud, and your images may not leave your computers`, section: '9.3.8' });
  }
  const coding = answerOf(answers, 'coding')[0];
  if (must('coding') && coding !== undefined && !(CODING_ALLOWED[coding] ?? []).includes(tool.coding)) {
    out.push({ question: 'coding', why: `${tool.name} needs ${tool.coding === 'programming' ? 'programming' : 'scripting'}, and "no more coding than I said" is a must-have`, section: '8.3' });
  }
  if (must('compute') && has(answers, 'compute', 'laptop') && tool.gpu === 'required') {
    out.push({ question: 'compute', why: `${tool.name} needs a GPU, and running without one is a must-have`, section: '8.3' });
  }
  if (must('dimensions') && has(answers, 'dimensions', '3d') && !tool.dimensionality.includes('3d')) {
    out.push({ question: 'dimensions', why: `${tool.name} cannot produce 3D results, which are a must-have`, section: '8.3' });
  }
  if (must('software') && has(answers, 'software', 'one-program') && oneProgramFit(answers, tool) === null) {
    out.push({ question: 'software', why: `${tool.name} is neither the program you work in nor runs inside it, and a single program is a must-have`, section: '8.3' });
  }
  if (must('time-available') && has(answers, 'time-available', 'hours') && tool.installEffort === 'high') {
    out.push({ question: 'time-available', why: `${tool.name} takes too long to set up for a result within hours, a must-have`, section: '8.3' });
  }
  return out;
}

/**
 * Category exclusions for must-haves: only the time limit rules a whole category out.
 *
 * @param answers - the wizard answers
 * @param id - the category
 * @returns the constraints it breaks
 */
export function categoryExclusions(answers: Answers, id: CategoryId): ToolExclusion[] {
  if (answers.mustHave.includes('time-available') && has(answers, 'time-available', 'hours') && (id === 'scratch-dl' || id === 'finetuned-dl')) {
    return [{ question: 'time-available', why: 'training or fine-tuning a model takes days, and a result within hours is a must-have', section: '8.3' }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Restoration rules (chapter 6)

/** A small scoring function for a restoration method. */
export type MethodRule = (answers: Answers, method: RestorationMethod) => Effect | null;

const userDataNeeds = (answers: Answers): string[] => answerOf(answers, 'restoration-data').flatMap((o) => DATA_OPTION_NEEDS[o] ?? []);

/** Restoration methods that join several views of one sample (multi-view light-sheet, §6.2.2). */
export const MULTIVIEW_METHODS: ReadonlySet<string> = new Set(['multiview-joint-deconvolution']);

/** Restoration methods that make axial resolution match lateral resolution (§6.2.4). */
export const ISOTROPY_METHODS: ReadonlySet<string> = new Set(['axial-isotropy-restoration']);

/**
 * The book's preference among restoration methods when two score the same (chapter 6): learn from the
 * best data you have (clean pairs, then two noisy recordings, then the noisy images alone); for blur,
 * a known PSF with classical Richardson–Lucy before regularised inverses, blind and multi-view
 * deconvolution. Methods not listed come after, in the file's order.
 */
export const METHOD_PREFERENCE: readonly string[] = [
  'care-supervised-restoration',
  'rcan-3d-denoise',
  'rcan-3d-deconvolution',
  'rcan-3d-deaberration',
  'rcan-3d-resolution',
  'noise2noise-training',
  'blind-spot-self-supervised-denoising',
  'richardson-lucy-deconvolution',
  'axial-isotropy-restoration',
  'cross-modality-super-resolution',
  'wiener-tikhonov-deconvolution',
  'multiview-joint-deconvolution',
  'blind-deconvolution',
  'poisson-aware-denoising',
  'non-local-means-bm3d',
  'gaussian-median-filtering',
];

/**
 * §6.1.2.2: "the resolution is too low" with a known PSF (and blur not already named) is also a
 * deconvolution job: deconvolution methods are candidates and match the request.
 */
export const deconvolutionRestoresResolution = (a: Answers): boolean =>
  has(a, 'degradation', 'low-resolution') && !has(a, 'degradation', 'blur') && has(a, 'restoration-data', 'psf');

/** Restoration method rules (chapter 6): task match, training data, dimensions, live imaging, compute. */
export const METHOD_RULES: MethodRule[] = [
  // §6.2: each matching restoration task counts; a method that fixes two of your problems beats one.
  ...Object.entries(DEGRADATION_TASKS).map(
    ([option, task]): MethodRule =>
      (a, m) =>
        has(a, 'degradation', option) && (m.tasks as string[]).includes(task)
          ? { delta: 20, question: 'degradation', why: `${m.name} does ${task.replace('-', ' ')}, which your images need`, section: '6.2' }
          : null,
  ),
  // §6.1.2.2: deconvolution undoes the PSF's blur and so restores resolution the optics took away. With
  // the PSF known, a deconvolution method answers "the resolution is too low" too (once: not on top of
  // a resolution-enhancement match).
  (a, m) =>
    deconvolutionRestoresResolution(a) && m.tasks.includes('deconvolution') && !m.tasks.includes('resolution-enhancement')
      ? { delta: 20, question: 'degradation', why: `with your PSF known, ${m.name} reverses the optical blur, which recovers resolution and contrast`, section: '6.1.2.2' }
      : null,
  // §6.2.1: with clean paired data, supervised methods give the highest quality.
  (a, m) =>
    has(a, 'restoration-data', 'paired', 'cross-modality') && (m.family === 'supervised-dl' || m.family === 'cross-modality-dl')
      ? { delta: 10, question: 'restoration-data', why: 'with matched pairs, supervised training gives the best restorations', section: '6.2.1' }
      : null,
  // §6.2.1: without clean references, self-supervised methods are the way in.
  (a, m) =>
    has(a, 'restoration-data', 'noisy-only') && !has(a, 'restoration-data', 'paired', 'two-noisy') && m.family === 'self-supervised-dl' && m.dataNeeds.includes('noisy-only')
      ? { delta: 10, question: 'restoration-data', why: `${m.name} learns from noisy images alone, so you need no clean references`, section: '6.2.1' }
      : null,
  // §6.2.1: two noisy recordings of each field are exactly Noise2Noise's training data, which gives
  // results close to supervised training without any clean image.
  (a, m) =>
    has(a, 'restoration-data', 'two-noisy') && m.dataNeeds.includes('two-noisy-acquisitions')
      ? { delta: 15, question: 'restoration-data', why: `${m.name} trains on your two noisy recordings of each field, with no clean image needed`, section: '6.2.1' }
      : null,
  // §6.2.1: blind-spot methods assume each pixel's noise is independent of its neighbours; stripes
  // and correlated camera noise break that assumption (the network learns to keep the structure).
  (a, m) =>
    has(a, 'noise-structure', 'structured') && m.family === 'self-supervised-dl' && (m.tasks as string[]).includes('denoising')
      ? { delta: -10, question: 'noise-structure', why: `${m.name} assumes pixel-independent noise: with stripes or correlated camera noise use its structured-mask variant (StructN2V), or paired data if you can get it`, section: '6.2.1' }
      : null,
  // §6.1.2.1: Poisson-aware denoising models photon-counting noise, which is independent from pixel to
  // pixel; stripes and correlated camera noise are not what it removes.
  (a, m) =>
    has(a, 'noise-structure', 'structured') && m.id === 'poisson-aware-denoising'
      ? { delta: -10, question: 'noise-structure', why: `${m.name} models photon-counting noise, which is independent from pixel to pixel; stripes or correlated camera noise are not what it removes`, section: '6.1.2.1' }
      : null,
  // Several views of one sample: joint multi-view deconvolution uses them all; with one view it does not apply.
  (a, m) => {
    if (!MULTIVIEW_METHODS.has(m.id)) return null;
    if (has(a, 'views', 'multi')) return { delta: 20, question: 'views', why: `${m.name} fuses your several views into one sharper volume`, section: '6.2.2' };
    if (has(a, 'views', 'single')) return { delta: -30, question: 'views', why: `${m.name} needs several views of the same sample, and you have one`, section: '6.2.2' };
    return null;
  },
  // §6.2.4: axial blur without reference images: train on the sharp lateral planes degraded to look axial.
  (a, m) =>
    has(a, 'degradation', 'anisotropic') && ISOTROPY_METHODS.has(m.id)
      ? { delta: 20, question: 'degradation', why: `${m.name} is made for stacks whose z is blurrier than x and y, and learns from your own lateral planes`, section: '6.2.4' }
      : null,
  // §6.2.4: cross-modality pairs are what cross-modality super-resolution trains on.
  (a, m) =>
    has(a, 'restoration-data', 'cross-modality') && m.family === 'cross-modality-dl'
      ? { delta: 10, question: 'restoration-data', why: 'your matched images from a better microscope are exactly its training data', section: '6.2.4' }
      : null,
  // §6.1.2.2: a measured PSF is the key input of model-based deconvolution.
  (a, m) =>
    has(a, 'restoration-data', 'psf') && m.dataNeeds.includes('known-psf')
      ? { delta: 10, question: 'restoration-data', why: `${m.name} uses your known point spread function directly`, section: '6.1.2.2' }
      : null,
  // §6.1.3: learned methods must first be trained; without real training pairs, a model-based classical
  // method that works directly on your images is the simpler start.
  // A method that only applies ready-made models (dataNeeds "none-pretrained") needs no training.
  (a, m) => {
    if (m.family === 'classical' || answerOf(a, 'restoration-data').length === 0 || has(a, 'restoration-data', 'paired', 'cross-modality', 'two-noisy')) return null;
    if (m.dataNeeds.includes('none-pretrained')) return null;
    return { delta: -5, question: 'restoration-data', why: `${m.name} must be trained before use, and you have no real training pairs`, section: '6.1.3' };
  },
  // §8.2.2 (time available), as for segmentation's "hours" rule: training a network does not fit into a
  // few hours; a method that works directly on the images does.
  // Not so for a self-supervised denoiser trained on a handful of images with a GPU: it learns from the
  // noisy images themselves, with no pairs to record, in well under an hour (Noise2Void's and CAREamics'
  // own examples train on one image); it still takes longer than a filter.
  (a, m) => {
    if (!has(a, 'time-available', 'hours') || m.family === 'classical') return null;
    if (m.family === 'self-supervised-dl' && m.dataNeeds.includes('noisy-only') && has(a, 'data-size', 'few') && has(a, 'compute', 'gpu-workstation', 'cluster', 'cloud')) {
      return { delta: -5, question: 'time-available', why: `${m.name} trains on your noisy images themselves; on a few images with a GPU that takes well under an hour, though still longer than a classical filter`, section: '8.2.2' };
    }
    return { delta: -20, question: 'time-available', why: `${m.name} needs a network trained first, which a few hours do not allow; a classical method works on your images directly`, section: '8.2.2' };
  },
  // §6.1.2.5: traditional denoisers struggle with heavy noise and need manual tuning.
  (a, m) =>
    has(a, 'degradation', 'noise') && m.family === 'classical'
      ? { delta: -5, question: 'degradation', why: 'traditional methods tend to lose fine detail when noise is heavy', section: '6.1.2.5' }
      : null,
  (a, m) =>
    has(a, 'dimensions', '3d', 'planes') && !m.dimensionality.includes('3d')
      ? { delta: -25, question: 'dimensions', why: `${m.name} works on 2D images only`, section: '6.3.1' }
      : null,
  (a, m) =>
    has(a, 'dimensions', '3d', 'planes') && m.dimensionality.includes('3d')
      ? { delta: 5, question: 'dimensions', why: `${m.name} handles 3D stacks`, section: '6.3.1' }
      : null,
  // The other way round: a method made for stacks (learning isotropy from the lateral planes, 3D
  // networks) has nothing to work on in a single plane.
  (a, m) =>
    has(a, 'dimensions', '2d') && !m.dimensionality.includes('2d')
      ? { delta: -25, question: 'dimensions', why: `${m.name} works on 3D stacks only, and your images are 2D`, section: '6.3.1' }
      : null,
  // Live imaging: methods that let you use less light or need no clean references suit it.
  (a, m) =>
    has(a, 'live-cell', 'live') && m.liveCellFriendly
      ? { delta: 10, question: 'live-cell', why: `${m.name} can restore gentle live recordings without extra exposure of the living sample`, section: '6.2.1' }
      : null,
  // §6.4.1: deep learning restoration is expensive to train without a GPU.
  (a, m) =>
    has(a, 'compute', 'laptop') && m.family !== 'classical'
      ? { delta: -5, question: 'compute', why: 'training a restoration network without a GPU is slow', section: '6.4.1' }
      : null,
  // (Whether this site can run a method is a property of tools, not of the method: the tool that runs
  // in the restoration page gets that bonus in recommend's toolBase, so methods rank by the book alone.)
];

/**
 * Whether a method is usable with the data the user has: any one of its `dataNeeds` must be
 * available. Unanswered data question → usable (we cannot tell).
 *
 * @returns null when usable, else the exclusion reason
 */
export function methodDataExclusion(answers: Answers, method: RestorationMethod): ToolExclusion | null {
  const chosen = answerOf(answers, 'restoration-data');
  if (chosen.length === 0) return null;
  // Everyone who asks for restoration has their degraded images, so "noisy-only" is always met, and
  // ready-made models ("none-pretrained") need nothing more. An
  // anisotropic stack carries its own training pairs: lateral planes blurred to look axial (§6.2.4).
  const available = ['noisy-only', 'none-pretrained', ...userDataNeeds(answers), ...(has(answers, 'degradation', 'anisotropic') ? ['synthetic-pairs'] : [])];
  if (method.dataNeeds.some((n) => available.includes(n))) return null;
  return {
    question: 'restoration-data',
    why: `${method.name} needs ${method.dataNeeds.map((n) => n.replace(/-/g, ' ')).join(' or ')}, which you do not have`,
    section: '6.3.1',
  };
}

/** Pre-processing option → the tool task that performs it (book §8.2.3). */
export const PREPROCESSING_TASKS: Record<string, string> = {
  stitching: 'stitching',
  'flat-field': 'illumination-correction',
  denoising: 'denoising',
};
