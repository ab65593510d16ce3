/**
 * The restoration "if this fails, try …" chain (book chapter 6, §6.3 practical guidelines and §6.4.1
 * caveats). The steps follow one idea: first fix what the leading method depends on (its training
 * data, its noise model, its PSF), then switch to a method whose failure modes differ, then get
 * better data, and as a last resort measure on the raw images.
 */
import type { Answers, RestorationMethod } from '../knowledge/schema';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { answerOf } from './match-condition';
import { degradationTasks, NON_DOER_KINDS, toolExclusions } from './rules';
import type { RankedItem, ResolvedBookRef, RestorationFallbackId, RestorationFallbackStep } from './types';

/** Method families that learn from matched pairs and so can invent detail their targets showed. */
const PAIR_TRAINED = new Set(['supervised-dl', 'cross-modality-dl', 'physics-informed-dl']);

/** What a step needs to decide whether it applies. */
interface Context {
  top: RestorationMethod;
  /** Restoration tasks the user needs (all tasks when no degradation was chosen). */
  wanted: Set<string>;
  /** `restoration-data` options the user chose. */
  data: string[];
  /** Whether a network trained on matched pairs does one of the wanted tasks (none evens out brightness). */
  pairsCanHelp: boolean;
}

interface StepDef {
  id: RestorationFallbackId;
  name: string;
  text: string;
  section: string;
  applies: (c: Context) => boolean;
  /** Methods whose tools do the step; null = the leading method's own tools. */
  methods: ((m: RestorationMethod, c: Context) => boolean) | null;
}

const does = (m: RestorationMethod, c: Context, ...tasks: string[]) => m.tasks.some((t) => tasks.includes(t) && c.wanted.has(t));

/** The steps in the order they are offered; each applies only to some leading methods. */
const STEPS: StepDef[] = [
  {
    id: 'check-training-pairs',
    name: 'Check the training pairs',
    text: 'If the network invents or loses structures, or does worse on new images than on its test pairs, check its training data first: poor and good images must be aligned pixel for pixel, recorded with the same settings, and cover the samples you will restore. Add pairs or augment them (rotations, flips) and retrain.',
    section: '6.3.1',
    applies: (c) => PAIR_TRAINED.has(c.top.family),
    methods: null,
  },
  {
    id: 'check-noise-model',
    name: 'Check the noise and the training images',
    text: 'If stripes or patterns remain, the method\'s assumption that noise is independent from pixel to pixel may not hold for your camera; if it fails on new images, train on more images recorded under varied conditions.',
    section: '6.3.1',
    applies: (c) => c.top.family === 'self-supervised-dl',
    methods: null,
  },
  {
    id: 'reference-flat-field',
    name: 'Record a reference flat field',
    text: 'If the estimated correction leaves bright or dark patches, or removes real signal where the sample is brighter in one region, image an even sample (a fluorescent slide or dye solution) and a dark frame with the same settings, and correct with those instead of estimating the pattern from your images.',
    section: '8.2.3',
    applies: (c) => c.top.tasks.includes('illumination-correction'),
    methods: null,
  },
  {
    id: 'check-psf',
    name: 'Check the point spread function',
    text: 'If deconvolution amplifies noise or leaves rings around bright structures, check that the PSF matches your optics (measure it with beads or compute it for your objective) and stop the iterations earlier.',
    section: '6.1.2',
    applies: (c) => c.top.family === 'classical' && c.top.tasks.includes('deconvolution'),
    methods: null,
  },
  {
    id: 'classical-deconvolution',
    name: 'Classical deconvolution',
    text: 'If you cannot trust a learned result, deconvolve with a measured or computed PSF (for example Richardson–Lucy): its output follows from a model of the optics rather than from training examples, though it sharpens less and can amplify noise.',
    section: '6.1.2',
    applies: (c) => c.top.family !== 'classical' && (c.wanted.has('deconvolution') || c.wanted.has('resolution-enhancement')),
    methods: (m) => m.family === 'classical' && m.tasks.includes('deconvolution'),
  },
  {
    id: 'self-supervised-denoising',
    name: 'Self-supervised denoising',
    text: 'If a supervised or classical result is not good enough, denoise with a self-supervised method trained on your noisy images alone (Noise2Void-style): it needs no clean targets and so cannot copy detail from them, though it may smooth fine structures or leave some noise.',
    section: '6.2.1',
    applies: (c) => c.wanted.has('denoising') && c.top.family !== 'self-supervised-dl',
    methods: (m, c) => m.family === 'self-supervised-dl' && does(m, c, 'denoising'),
  },
  {
    id: 'noise2noise',
    name: 'Two noisy recordings (Noise2Noise)',
    text: 'If you cannot record clean images, record each field twice instead: two noisy copies of the same signal are enough to train a Noise2Noise network, which usually beats training on single noisy images.',
    section: '6.2.1',
    applies: (c) => c.wanted.has('denoising') && c.top.id !== 'noise2noise-training' && (c.top.family === 'self-supervised-dl' || c.top.family === 'classical'),
    methods: (m) => m.dataNeeds.includes('two-noisy-acquisitions'),
  },
  {
    id: 'acquire-paired-data',
    name: 'Record matched pairs and train a supervised network',
    text: 'If the result stays too noisy or blurred, or smooths away fine detail, record matched pairs (the same field imaged poorly and well, for example at low and high laser power) and train a supervised network such as CARE or 3D-RCAN; with good pairs it usually restores the most detail.',
    section: '6.3.1',
    applies: (c) => !PAIR_TRAINED.has(c.top.family) && !c.data.includes('paired') && c.pairsCanHelp,
    methods: (m, c) => m.family === 'supervised-dl' && m.dataNeeds.includes('paired-low-high') && [...c.wanted].some((t) => (m.tasks as string[]).includes(t)),
  },
  {
    id: 'measure-raw',
    name: 'Measure on the raw images',
    text: 'If no restoration holds up against held-out high-quality images and an expert\'s eye, take measurements from the raw images and use restored ones only for viewing and orientation; artefacts in restored images can quietly bias later analysis.',
    section: '6.4.1',
    applies: () => true,
    methods: null,
  },
];

/**
 * Build the restoration fallback chain for the leading restoration method.
 *
 * @param answers - the wizard answers
 * @param methods - ranked restoration methods (first = recommended)
 * @param tools - ranked tools of the restoration result (used first when listing a step's tools)
 * @param kb - the knowledge base
 * @param ref - resolves a book section to a linked reference
 * @returns the steps, most specific first and "measure on the raw images" last; empty when no method ranks
 */
export function restorationFallback(
  answers: Answers,
  methods: RankedItem[],
  tools: RankedItem[],
  kb: KnowledgeBase,
  ref: (section: string) => ResolvedBookRef,
): RestorationFallbackStep[] {
  const top = kb.restorationMethods.find((m) => m.id === methods[0]?.id);
  if (!top) return [];
  const chosen = degradationTasks(answers);
  const wanted = new Set(chosen.length > 0 ? chosen : top.tasks);
  const pairsCanHelp = kb.restorationMethods.some((m) => PAIR_TRAINED.has(m.family) && m.tasks.some((t) => wanted.has(t)));
  const c: Context = { top, wanted, data: answerOf(answers, 'restoration-data'), pairsCanHelp };
  const rank = new Map(tools.map((t, i) => [t.id, i]));
  const toolsOf = (list: RestorationMethod[]): string[] => {
    const ids = new Set(list.flatMap((m) => m.tools));
    return kb.tools
      .filter((t) => ids.has(t.id) && !NON_DOER_KINDS.has(t.kind) && toolExclusions(answers, t).length === 0)
      // Ranked tools first in their order, then the rest by id.
      .sort((a, b) => (rank.get(a.id) ?? rank.size) - (rank.get(b.id) ?? rank.size) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, 3)
      .map((t) => t.id);
  };
  return STEPS.filter((s) => s.applies(c)).map((s) => ({
    kind: 'restoration',
    step: s.id,
    name: s.name,
    text: s.text,
    tools: s.methods === null ? (s.id === 'measure-raw' ? [] : toolsOf([top])) : toolsOf(kb.restorationMethods.filter((m) => s.methods!(m, c))),
    bookRef: ref(s.section),
  }));
}
