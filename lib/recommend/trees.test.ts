/**
 * The decision trees (data the tree pages draw) must agree with recommend() (what the wizard says).
 * For each tree, answer sets taken from the book's logic walk to an outcome; that outcome's
 * categories, tools and methods must appear among recommend()'s top results for the same answers.
 */
import { describe, expect, it } from 'vitest';

import { loadTestKnowledgeBase } from '../../test/helpers/knowledge-fixture';
import type { Answers, DecisionTree } from '../knowledge/schema';
import { recommend, TOP_N } from './recommend';
import type { DeploymentMode, TrainingApproach } from './types';
import { walkTree } from './walk-tree';
import { matchCondition } from './match-condition';
import { ENCODER_AT_HAND, ENCODER_MODALITIES, OBJECT_OUTPUTS, OBJECT_START_AT_HAND, SCRATCH_TRAINED } from './rules';

const kb = loadTestKnowledgeBase();
const tree = (id: string): DecisionTree => {
  const t = kb.trees.find((x) => x.id === id);
  if (!t) throw new Error(`missing tree ${id}`);
  return t;
};

const BASE: Answers['values'] = {
  output: 'objects',
  assessment: 'against-annotations',
  quality: 'good-enough',
  software: 'several-ok',
  dimensions: '2d',
  modality: 'fluorescence',
  'data-size': 'many',
  difficulty: ['clean'],
  'time-available': 'days',
  expertise: 'me',
  'data-leave': 'yes',
  compute: 'gpu-workstation',
  coding: 'command-line',
};
const DL_READY = { 'tried-classical': 'failed', 'tried-pixel': 'failed', appearance: 'texture' } as const;
const RESTORE = { output: 'restored-images', dimensions: '3d' } as const;

interface Case {
  tree: string;
  answers: Answers['values'];
  outcome: string;
  training?: TrainingApproach;
  deployment?: DeploymentMode;
}

const CASES: Case[] = [
  // Fig 9.2
  { tree: 'is-dl-right', answers: { 'tried-classical': 'works', appearance: 'texture' }, outcome: 'use-classical' },
  { tree: 'is-dl-right', answers: { 'tried-classical': 'not-tried', appearance: 'bright-on-dark', pretrained: 'dont-know' }, outcome: 'try-classical' },
  // "Try classical first" lets go once a pre-trained model was tried or found.
  { tree: 'is-dl-right', answers: { 'tried-classical': 'not-tried', appearance: 'texture', difficulty: ['crowded'], pretrained: 'untested' }, outcome: 'use-dl' },
  { tree: 'is-dl-right', answers: { 'tried-classical': 'failed', 'tried-pixel': 'works' }, outcome: 'use-pixel' },
  // §8.3: a pixel classifier already in the workflow is the rung the user is on; no step back to thresholds.
  { tree: 'is-dl-right', answers: { 'tried-classical': 'not-tried', appearance: 'bright-on-dark', pretrained: 'dont-know', host: ['tool'], 'tools-used': ['ilastik'] }, outcome: 'keep-pixel' },
  { tree: 'is-dl-right', answers: { 'tried-classical': 'not-tried', appearance: 'bright-on-dark', pretrained: 'dont-know', host: ['fiji', 'tool'], 'tools-used': ['trainable-weka-segmentation'], output: 'mask' }, outcome: 'keep-pixel' },
  { tree: 'is-dl-right', answers: { 'tried-classical': 'failed', 'tried-pixel': 'not-tried', appearance: 'look-alikes' }, outcome: 'try-pixel' },
  // A ready model found but untested after thresholds failed: test it (Fig 9.4) before building a pixel classifier.
  { tree: 'is-dl-right', answers: { 'tried-classical': 'failed', 'tried-pixel': 'not-tried', 'settings-tuned': 'tuned', objects: 'nuclei', appearance: 'look-alikes', difficulty: ['crowded'], pretrained: 'untested' }, outcome: 'use-dl' },
  // ... but one that fell short leads to the pixel classifier, as in the book's second case study.
  { tree: 'is-dl-right', answers: { 'tried-classical': 'failed', 'tried-pixel': 'not-tried', appearance: 'look-alikes', pretrained: 'not-good-enough', 'settings-tuned': 'tuned', 'pretrained-gap': 'far-off', annotations: 'few' }, outcome: 'try-pixel' },
  { tree: 'is-dl-right', answers: { ...DL_READY, annotations: 'hundreds', pretrained: 'none', coding: 'programming' }, outcome: 'use-dl' },
  { tree: 'is-dl-right', answers: { ...DL_READY, annotations: 'few', 'data-size': 'few', quality: 'near-truth' }, outcome: 'manual' },
  // Fig 9.4
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'works' }, outcome: 'as-is', training: 'use-as-is' },
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'untested' }, outcome: 'evaluate', training: 'use-as-is' },
  // Fig 9.4 branches on how the model performs: close (medium) or far off (poor).
  // Transfer learning freezes layers, which µSAM's training offers (`freezesLayers`); see below for a tool that cannot.
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'not-good-enough', 'pretrained-which': ['sam'], 'pretrained-gap': 'close', resemblance: 'similar', annotations: 'few' }, outcome: 'transfer', training: 'transfer-learning' },
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'not-good-enough', 'pretrained-gap': 'close', resemblance: 'different', annotations: 'tens' }, outcome: 'finetune', training: 'fine-tuning' },
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'not-good-enough', 'pretrained-gap': 'far-off', annotations: 'hundreds', coding: 'programming' }, outcome: 'scratch', training: 'from-scratch' },
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'not-good-enough', 'pretrained-gap': 'far-off', annotations: 'tens' }, outcome: 'hitl', training: 'human-in-the-loop' },
  // Close, but no annotated images to adapt it with (Fig 9.10's first checks): keep it and correct its mistakes.
  { tree: 'training-approach', answers: { 'tried-classical': 'not-tried', appearance: 'bright-on-dark', priority: 'speed', host: ['tool'], 'tools-used': ['cellpose'], pretrained: 'not-good-enough', 'pretrained-which': ['cellpose'], 'pretrained-gap': 'close', 'settings-tuned': 'not-sure', resemblance: 'dont-know', 'tried-finetune': 'not-tried', annotations: 'none' }, outcome: 'correct', training: 'use-as-is' },
  // Not sure how far off: the images' resemblance to its training data stands in.
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'not-good-enough', 'pretrained-which': ['sam'], 'pretrained-gap': 'not-sure', resemblance: 'similar', annotations: 'few' }, outcome: 'transfer', training: 'transfer-learning' },
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'not-good-enough', 'pretrained-gap': 'not-sure', resemblance: 'somewhat', annotations: 'tens' }, outcome: 'finetune', training: 'fine-tuning' },
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'not-good-enough', 'pretrained-gap': 'not-sure', resemblance: 'different', annotations: 'hundreds', coding: 'programming' }, outcome: 'scratch', training: 'from-scratch' },
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'not-good-enough', 'pretrained-gap': 'not-sure', resemblance: 'different', annotations: 'tens' }, outcome: 'hitl', training: 'human-in-the-loop' },
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'none', annotations: 'hundreds', coding: 'programming' }, outcome: 'scratch', training: 'from-scratch' },
  // Human-in-the-loop needs a model to start from: with none, annotate and train from scratch.
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'none', annotations: 'tens', 'time-available': 'weeks', coding: 'programming' }, outcome: 'annotate-scratch', training: 'from-scratch' },
  // Question set v15: a model of your own, with no ready model tested (Fig 9.4 with Fig 9.10).
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'dont-know', 'tried-finetune': 'works', 'trained-from': 'scratch', annotations: 'tens', coding: 'programming' }, outcome: 'keep-trained', training: 'from-scratch' },
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'dont-know', 'tried-finetune': 'failed', 'trained-from': 'scratch', annotations: 'hundreds', coding: 'programming' }, outcome: 'improve-trained', training: 'from-scratch' },
  { tree: 'training-approach', answers: { ...DL_READY, pretrained: 'untested', 'tried-finetune': 'failed', 'trained-from': 'ready-model', annotations: 'tens' }, outcome: 'improve-adapted', training: 'fine-tuning' },
  // Question set v16: sorting into categories with a network pre-trained on images like yours (§9.3.6.1).
  { tree: 'training-approach', answers: { output: 'image-classes', 'classify-what': 'objects', pretrained: 'none', encoder: 'similar', 'tried-finetune': 'not-tried', annotations: 'tens' }, outcome: 'transfer-encoder', training: 'transfer-learning' },
  { tree: 'training-approach', answers: { output: 'image-classes', 'classify-what': 'images', modality: 'histology', pretrained: 'dont-know', encoder: 'dont-know', 'tried-finetune': 'not-tried', annotations: 'tens' }, outcome: 'transfer-encoder', training: 'transfer-learning' },
  // Only a network pre-trained on everyday photos: start from its weights (§9.3.6).
  { tree: 'training-approach', answers: { output: 'image-classes', 'classify-what': 'images', pretrained: 'none', encoder: 'general', 'tried-finetune': 'not-tried', annotations: 'hundreds' }, outcome: 'transfer-general', training: 'transfer-learning' },
  // Adapting an encoder needs labelled examples: with none, find and test a ready model for the categories.
  { tree: 'training-approach', answers: { output: 'image-classes', 'classify-what': 'images', modality: 'histology', pretrained: 'dont-know', encoder: 'dont-know', 'tried-finetune': 'not-tried', annotations: 'none' }, outcome: 'evaluate-classes', training: 'use-as-is' },
  // Fig 9.9
  { tree: 'deployment', answers: { ...DL_READY, pretrained: 'works', compute: 'cluster' }, outcome: 'local', deployment: 'local' },
  // Training on a laptop: the cloud, when the images may go there.
  { tree: 'deployment', answers: { ...DL_READY, pretrained: 'not-good-enough', 'pretrained-gap': 'close', resemblance: 'somewhat', annotations: 'tens', compute: 'laptop', 'data-leave': 'yes' }, outcome: 'cloud', deployment: 'cloud' },
  { tree: 'deployment', answers: { ...DL_READY, pretrained: 'works', compute: 'laptop', 'data-leave': 'no' }, outcome: 'slow-local', deployment: 'slow-local' },
  { tree: 'deployment', answers: { ...RESTORE, degradation: ['noise'], 'restoration-data': ['paired'], compute: 'cloud', 'data-leave': 'no' }, outcome: 'slow-local', deployment: 'slow-local' },
  // Fig 9.10
  // Fig 9.10: a failed fine-tune first asks whether the loss is still falling (not straight to one outcome).
  { tree: 'troubleshooting', answers: { 'tried-classical': 'failed', appearance: 'look-alikes', pretrained: 'not-good-enough', 'tried-finetune': 'failed', annotations: 'few' }, outcome: 'train-longer' },
  { tree: 'troubleshooting', answers: { ...DL_READY, pretrained: 'not-good-enough', 'pretrained-gap': 'close', resemblance: 'similar', 'tried-finetune': 'not-tried', annotations: 'tens' }, outcome: 'found-model-fails' },
  { tree: 'troubleshooting', answers: { ...DL_READY, 'data-size': 'few', quality: 'near-truth', annotations: 'none' }, outcome: 'segment-by-hand' },
  { tree: 'troubleshooting', answers: { ...DL_READY, pretrained: 'none', annotations: 'tens', coding: 'programming' }, outcome: 'annotate-and-train' },
  // Fig 9.8
  { tree: 'evaluation', answers: { ...DL_READY, pretrained: 'untested', assessment: 'not-sure' }, outcome: 'make-test-set' },
  { tree: 'evaluation', answers: { ...DL_READY, pretrained: 'untested', assessment: 'by-eye' }, outcome: 'add-metrics' },
  { tree: 'evaluation', answers: { ...DL_READY, pretrained: 'untested', assessment: 'against-annotations' }, outcome: 'deploy' },
  // §8.3
  { tree: 'known-tool', answers: { host: ['cellprofiler'], 'tried-classical': 'works', appearance: 'bright-on-dark' }, outcome: 'stick' },
  { tree: 'known-tool', answers: { host: ['fiji', 'none'], 'tried-classical': 'failed', appearance: 'look-alikes' }, outcome: 'extend' },
  { tree: 'known-tool', answers: { host: ['none'], 'tried-classical': 'not-tried' }, outcome: 'assess' },
  // Chapter 6
  { tree: 'restoration-approach', answers: { ...RESTORE, degradation: ['noise'], 'restoration-data': ['paired'] }, outcome: 'supervised-denoise' },
  { tree: 'restoration-approach', answers: { ...RESTORE, degradation: ['noise'], 'restoration-data': ['two-noisy'] }, outcome: 'noise2noise' },
  { tree: 'restoration-approach', answers: { ...RESTORE, degradation: ['noise'], 'noise-structure': 'random', 'restoration-data': ['noisy-only'], 'live-cell': 'live' }, outcome: 'self-supervised' },
  { tree: 'restoration-approach', answers: { ...RESTORE, degradation: ['blur'], 'restoration-data': ['paired'] }, outcome: 'dl-deconvolution' },
  { tree: 'restoration-approach', answers: { ...RESTORE, degradation: ['blur'], 'restoration-data': ['psf'], views: 'single' }, outcome: 'classical-deconvolution' },
  { tree: 'restoration-approach', answers: { ...RESTORE, degradation: ['aberration'], 'restoration-data': ['paired'] }, outcome: 'dl-deaberration' },
  { tree: 'restoration-approach', answers: { ...RESTORE, degradation: ['low-resolution'], 'restoration-data': ['cross-modality'] }, outcome: 'cross-modality' },
  // §8.5
  { tree: 'tool-category', answers: { 'data-size': 'few', quality: 'near-truth', appearance: 'texture', 'tried-classical': 'failed', 'tried-pixel': 'failed', annotations: 'none' }, outcome: 'manual' },
  { tree: 'tool-category', answers: { appearance: 'bright-on-dark', 'tried-classical': 'not-tried' }, outcome: 'classical' },
  { tree: 'tool-category', answers: { appearance: 'look-alikes', 'tried-classical': 'failed' }, outcome: 'pixel' },
  { tree: 'tool-category', answers: { appearance: 'texture', difficulty: ['crowded'], priority: 'speed', 'tried-classical': 'failed', pretrained: 'untested' }, outcome: 'pretrained' },
  // Question set v2 hides `priority` when there are only hours (speed is then the priority, §8.2.2).
  { tree: 'tool-category', answers: { appearance: 'texture', difficulty: ['crowded'], 'time-available': 'hours', 'tried-classical': 'failed', pretrained: 'untested' }, outcome: 'pretrained' },
  { tree: 'tool-category', answers: { 'data-size': 'few', quality: 'clear-effect', appearance: 'bright-on-dark', 'tried-classical': 'not-tried' }, outcome: 'classical' },
  { tree: 'tool-category', answers: { appearance: 'texture', difficulty: ['crowded'], priority: 'best-score', 'tried-classical': 'failed', pretrained: 'not-good-enough', resemblance: 'somewhat', annotations: 'tens' }, outcome: 'finetuned' },
  // §8.5: texture (here implied by brightfield) and well-separated objects lead to a pixel classifier.
  { tree: 'tool-category', answers: { modality: 'brightfield', difficulty: ['clean'], 'tried-classical': 'failed' }, outcome: 'pixel' },
];

describe('walkTree', () => {
  it('stops at an unanswered question and takes default edges only for answered ones', () => {
    const t = tree('is-dl-right');
    expect(walkTree(t, { values: {}, mustHave: [] })).toEqual({ path: ['classical'], edges: [], outcome: null });
    const w = walkTree(t, { values: { 'tried-classical': 'failed', 'tried-pixel': 'works' }, mustHave: [] });
    expect(w.path).toEqual(['classical', 'pixel', 'use-pixel']);
    expect(w.edges).toEqual([{ from: 'classical', to: 'pixel' }, { from: 'pixel', to: 'use-pixel' }]);
  });

  it('rejects a tree that loops', () => {
    const loop: DecisionTree = {
      id: 'loop', title: 'loop', summary: 'loop', figure: null, root: 'a', bookRefs: [{ section: '9' }],
      nodes: [
        { id: 'a', type: 'decision', label: 'a', bookRef: { section: '9' } },
        { id: 'b', type: 'decision', label: 'b', bookRef: { section: '9' } },
      ],
      edges: [{ from: 'a', to: 'b', label: 'x' }, { from: 'b', to: 'a', label: 'y' }],
    };
    expect(() => walkTree(loop, { values: {}, mustHave: [] })).toThrow(RangeError);
  });
});

describe('trees agree with recommend()', () => {
  it('covers all eight trees', () => {
    expect(kb.trees.map((t) => t.id).sort()).toEqual(['deployment', 'evaluation', 'is-dl-right', 'known-tool', 'restoration-approach', 'tool-category', 'training-approach', 'troubleshooting']);
    expect(new Set(CASES.map((c) => c.tree)).size).toBe(8);
  });

  it('every question node names a wizard question and every `when` uses its options', () => {
    for (const t of kb.trees) {
      for (const e of t.edges) {
        if (!e.when) continue;
        const from = t.nodes.find((n) => n.id === e.from)!;
        // Decision nodes may combine answers (checked by the knowledge-base integrity check).
        if (!('is' in e.when)) {
          expect(from.type, `${t.id}: compound condition on an edge from ${from.id}`).toBe('decision');
          continue;
        }
        const when = e.when;
        const q = kb.questions.questions.find((x) => x.id === when.q);
        expect(q, `${t.id}: ${when.q}`).toBeDefined();
        for (const o of when.is) expect(q!.options.map((x) => x.id), `${t.id}: ${when.q}=${o}`).toContain(o);
        if (from.type === 'question') expect(from.question).toBe(when.q);
      }
    }
  });

  it("Fig 9.2's \"pixel classifier in use\" branch lists exactly the tools-used options whose only automatic approach is a pixel classifier", () => {
    const edge = tree('is-dl-right').edges.find((e) => e.from === 'pixel-in-use' && e.to === 'keep-pixel');
    const listed = (edge?.when && 'all' in edge.when ? edge.when.all : []).flatMap((c) => ('q' in c && c.q === 'tools-used' && 'is' in c ? c.is : []));
    const options = kb.questions.questions.find((q) => q.id === 'tools-used')!.options.map((o) => o.id);
    // A tool that also runs ready models (steinbock: ilastik or Mesmer) does not say which rung the user is on.
    const only = (id: string) => kb.tools.find((t) => t.id === id)?.categories.filter((c) => c !== 'manual-annotation');
    // Fig 9.2 is about segmentation: a classifier of cells or images (CellProfiler Analyst) is on no rung of it.
    const segments = (id: string) => kb.tools.find((t) => t.id === id)?.tasks.some((k) => k.endsWith('segmentation')) ?? false;
    const pixel = options.filter((id) => only(id)?.length === 1 && only(id)![0] === 'pixel-classification' && segments(id));
    expect(pixel.length).toBeGreaterThan(1);
    expect([...listed].sort()).toEqual([...pixel].sort());
    // A ready model that works is kept instead (Fig 9.4), and without the tool the book's ladder starts at thresholds.
    const base: Answers['values'] = { ...BASE, 'tried-classical': 'not-tried', appearance: 'bright-on-dark', host: ['tool'], 'tools-used': ['labkit'] };
    expect(walkTree(tree('is-dl-right'), { values: { ...base, pretrained: 'works' }, mustHave: [] }).outcome?.id).toBe('use-dl');
    expect(walkTree(tree('is-dl-right'), { values: { ...base, 'tools-used': ['cellpose'], pretrained: 'dont-know' }, mustHave: [] }).outcome?.id).toBe('try-classical');
  });

  it('every option of a question node leads somewhere (no dead end for an answered question)', () => {
    for (const t of kb.trees) {
      for (const n of t.nodes) {
        if (n.type !== 'question' || n.question === undefined) continue;
        const out = t.edges.filter((e) => e.from === n.id);
        if (out.some((e) => e.when === undefined)) continue;
        const covered = new Set(out.flatMap((e) => (e.when && 'is' in e.when ? e.when.is : [])));
        const question = kb.questions.questions.find((q) => q.id === n.question)!;
        // Single-choice only: the restoration tree's multi-choice data nodes leave some data sets (e.g.
        // blur with only noisy images) without a branch on purpose, as chapter 6 has no answer for them.
        if (question.kind !== 'single') continue;
        const options = question.options.map((o) => o.id);
        const missing = options.filter((o) => !covered.has(o));
        expect(missing, `${t.id}: node ${n.id} (${n.question})`).toEqual([]);
      }
    }
  });

  it("the modalities with an encoder at hand are the catalogue's: ENCODER_MODALITIES, the tools' featureEncoders and Fig 9.4's transfer-encoder edges agree", () => {
    const fromCatalogue = new Set(kb.tools.flatMap((t) => (t.featureEncoders ?? []).flatMap((e) => e.modalities)));
    expect([...fromCatalogue].sort()).toEqual([...ENCODER_MODALITIES].sort());
    // Every modality list the tree's transfer-encoder edges test is exactly ENCODER_MODALITIES.
    const modalityLists: string[][] = [];
    const collect = (c: unknown): void => {
      if (Array.isArray(c)) c.forEach(collect);
      else if (c !== null && typeof c === 'object') {
        const o = c as Record<string, unknown>;
        if (o.q === 'modality' && Array.isArray(o.is)) modalityLists.push(o.is as string[]);
        Object.values(o).forEach(collect);
      }
    };
    const edges = tree('training-approach').edges.filter((e) => e.to === 'transfer-encoder');
    expect(edges.length).toBeGreaterThan(0);
    edges.forEach((e) => collect(e.when));
    expect(modalityLists.length).toBe(edges.length);
    for (const list of modalityLists) expect([...list].sort()).toEqual([...ENCODER_MODALITIES].sort());
  });

  it('the outputs for which v22 asks about a network to start from are OBJECT_OUTPUTS, in the question and in the tree', () => {
    const outputLists = (c: unknown, into: string[][]): string[][] => {
      if (Array.isArray(c)) c.forEach((x) => outputLists(x, into));
      else if (c !== null && typeof c === 'object') {
        const o = c as Record<string, unknown>;
        if (o.q === 'output' && Array.isArray(o.is)) into.push(o.is as string[]);
        Object.values(o).forEach((x) => outputLists(x, into));
      }
      return into;
    };
    const objectLists = (c: unknown) => outputLists(c, []).filter((l) => !(l.length === 1 && l[0] === 'image-classes')).map((l) => l.filter((o) => o !== 'image-classes').sort());
    const encoder = kb.questions.questions.find((q) => q.id === 'encoder')!;
    expect(objectLists(encoder.visibleIf)).toEqual([[...OBJECT_OUTPUTS].sort()]);
    const edges = tree('training-approach').edges.filter((e) => e.to === 'transfer-encoder' || e.to === 'transfer-general');
    const lists = edges.flatMap((e) => objectLists(e.when));
    expect(lists.length).toBeGreaterThanOrEqual(3);
    for (const l of lists) expect(l).toEqual([...OBJECT_OUTPUTS].sort());
  });

  it('Fig 9.4 reaches its transfer-learning-from-an-encoder and own-model outcomes exactly where the rules say (ENCODER_AT_HAND, OBJECT_START_AT_HAND, SCRATCH_TRAINED)', () => {
    const grid = {
      output: ['objects', 'image-classes'],
      'classify-what': ['images', 'objects'],
      modality: ['fluorescence', 'histology'],
      pretrained: ['works', 'not-good-enough', 'untested', 'none', 'dont-know'],
      encoder: ['similar', 'general', 'dont-know'],
      'tried-finetune': ['not-tried', 'works', 'failed'],
      'trained-from': ['ready-model', 'scratch', 'not-sure'],
    } as const;
    const keys = Object.keys(grid) as (keyof typeof grid)[];
    let combos = 0;
    const walk = (i: number, values: Answers['values']): void => {
      if (i === keys.length) {
        combos++;
        const a: Answers = { values: { ...values, annotations: 'tens', 'pretrained-gap': 'close', resemblance: 'somewhat', 'settings-tuned': 'tuned' }, mustHave: [] };
        const outcome = walkTree(tree('training-approach'), a).outcome?.id;
        const label = JSON.stringify(values);
        const own = values['tried-finetune'] !== 'not-tried' && values.pretrained !== 'works';
        // A model of your own that works is kept; otherwise, with an encoder at hand (no ready model known), transfer learning.
        const expectTransfer = (matchCondition(ENCODER_AT_HAND, a) || matchCondition(OBJECT_START_AT_HAND, a)) && (values.pretrained === 'none' || values.pretrained === 'dont-know') && values['tried-finetune'] !== 'works';
        expect(outcome === 'transfer-encoder', label).toBe(expectTransfer);
        // No ready classifier known (or none), nothing trained yet, only a general network at hand: start from it.
        if (values.output === 'image-classes' && (values.pretrained === 'dont-know' || values.pretrained === 'none') && values.encoder === 'general' && values['tried-finetune'] === 'not-tried') expect(outcome, label).toBe('transfer-general');
        if (own && values['tried-finetune'] === 'works' && values.pretrained !== 'not-good-enough') expect(outcome, label).toBe(matchCondition(SCRATCH_TRAINED, a) ? 'keep-trained' : 'keep-adapted');
        if (own && values['tried-finetune'] === 'failed' && !expectTransfer && (values.pretrained === 'untested' || values.pretrained === 'dont-know')) expect(outcome, label).toBe(values['trained-from'] === 'scratch' ? 'improve-trained' : 'improve-adapted');
        return;
      }
      for (const v of grid[keys[i]!]) walk(i + 1, { ...values, [keys[i]!]: v as string });
    };
    walk(0, {});
    expect(combos).toBe(2 * 2 * 2 * 5 * 3 * 3 * 3);
  });

  for (const c of CASES) {
    it(`${c.tree} → ${c.outcome}`, () => {
      const answers: Answers = { values: { ...BASE, ...c.answers }, mustHave: [] };
      const walk = walkTree(tree(c.tree), answers);
      expect(walk.outcome?.id).toBe(c.outcome);
      const outcome = walk.outcome!.outcome!;
      const rec = recommend(answers, kb);
      const top = {
        categories: rec.categories.slice(0, TOP_N.categories).map((x) => x.id as string),
        tools: rec.tools.slice(0, TOP_N.tools).map((x) => x.id),
        methods: rec.restorationMethods.slice(0, TOP_N.methods).map((x) => x.id),
      };
      if (outcome.categories.length > 0) expect(outcome.categories.some((id) => top.categories.includes(id)), `categories ${outcome.categories} vs ${top.categories}`).toBe(true);
      if (outcome.restorationMethods.length > 0) expect(outcome.restorationMethods.some((id) => top.methods.includes(id)), `methods ${outcome.restorationMethods} vs ${top.methods}`).toBe(true);
      if (outcome.tools.length > 0 && c.tree !== 'deployment') expect(outcome.tools.some((id) => top.tools.includes(id)), `tools ${outcome.tools} vs ${top.tools}`).toBe(true);
      if (c.training) expect(rec.trainingApproach?.approach).toBe(c.training);
      if (c.deployment) expect(rec.deployment?.mode).toBe(c.deployment);
    });
  }
});
