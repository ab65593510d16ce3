/**
 * "Did you adjust its settings before deciding it falls short?" (question set v11, `settings-tuned`).
 * A rung of Fig 9.2 or a ready-made model that failed on its default settings has not had a fair test
 * (Fig 9.10; §8.7.1.2): the advice starts by setting it up. These tests pin the behaviour on both sides
 * of the answer and check that the rules and the two trees take the same branches.
 */
import { describe, expect, it } from 'vitest';

import { loadTestKnowledgeBase } from '../../test/helpers/knowledge-fixture';
import type { Answers } from '../knowledge/schema';
import { recommend } from './recommend';
import { THRESHOLD_UNSUITED, untuned } from './rules';
import { walkTree } from './walk-tree';

const kb = loadTestKnowledgeBase();
const tree = (id: string) => kb.trees.find((t) => t.id === id)!;
const answers = (values: Answers['values']): Answers => ({ values, mustHave: [] });

/** A Big-FISH user whose spot detection (a classical method) missed spots. */
const SPOTS = {
  output: 'positions', objects: 'organelles', host: ['python', 'tool'], 'tools-used': ['big-fish'], dimensions: '2d', modality: 'fluorescence', 'data-size': 'many',
  difficulty: ['clean'], appearance: 'bright-on-dark', shape: 'round', 'tried-classical': 'failed', 'tried-pixel': 'not-tried', pretrained: 'dont-know', annotations: 'few',
  'time-available': 'days', priority: 'speed', coding: 'programming', compute: 'gpu-workstation', 'data-leave': 'yes', quality: 'good-enough',
};
/** A Mesmer user whose whole-cell model fell short, not sure how far. */
const MODEL = {
  output: 'objects', objects: 'whole-cells', host: ['tool'], 'tools-used': ['deepcell'], dimensions: '2d', modality: 'fluorescence', 'data-size': 'many', difficulty: ['clean'],
  appearance: 'bright-on-dark', shape: 'round', 'tried-classical': 'not-tried', pretrained: 'not-good-enough', 'pretrained-which': ['deepcell'], 'pretrained-gap': 'not-sure',
  resemblance: 'somewhat', 'tried-finetune': 'not-tried', annotations: 'few', 'time-available': 'days', priority: 'speed', coding: 'command-line', compute: 'gpu-workstation', 'data-leave': 'yes', quality: 'good-enough',
};

describe('settings-tuned: a tool that failed on its default settings is set up before it is replaced', () => {
  it('a classical spot detector that failed on its automatic threshold (or not sure) stays first, with the tuning reason; tuned, too, while a threshold can separate the spots', () => {
    const defaults = recommend(answers({ ...SPOTS, 'settings-tuned': 'defaults' }), kb);
    expect(defaults.categories[0]?.id).toBe('classical');
    expect(defaults.tools[0]?.id).toBe('big-fish');
    const reason = defaults.categories[0]!.reasons.find((r) => r.question === 'settings-tuned');
    expect(reason?.bookRef.section).toBe('8.7.1.2');
    expect(defaults.treeOutcomes.find((o) => o.tree === 'is-dl-right')?.outcome).toBe('tune-classical');
    // The tree's weighted reason quotes the answer that steered its last branch: the settings answer.
    const treeReason = defaults.categories[0]!.reasons.find((r) => r.text.includes('Is deep learning the right choice?'));
    expect(treeReason?.question).toBe('settings-tuned');

    // "Not sure which settings matter" is not a tuned threshold either (both case studies tune the simple rung first).
    const unsure = recommend(answers({ ...SPOTS, 'settings-tuned': 'not-sure' }), kb);
    expect(unsure.categories[0]?.id).toBe('classical');
    expect(unsure.treeOutcomes.find((o) => o.tree === 'is-dl-right')?.outcome).toBe('tune-classical');

    // Tuned and still falling short, while a threshold can separate the spots: a step or setting not yet
    // tried comes first (the corpus's experts, 14 of 14; §8.7.1.2), with its own reason.
    const tuned = recommend(answers({ ...SPOTS, 'settings-tuned': 'tuned' }), kb);
    expect(tuned.categories[0]?.id).toBe('classical');
    expect(tuned.categories[0]!.reasons.some((r) => r.question === 'settings-tuned' && /you tuned the classical method and it still falls short/.test(r.text) && r.bookRef.section === '8.7.1.2')).toBe(true);
    expect(tuned.treeOutcomes.find((o) => o.tree === 'is-dl-right')?.outcome).toBe('tune-classical');
    // With equally bright look-alikes no threshold can work, whatever its settings: the book moves on.
    const lookAlikes = recommend(answers({ ...SPOTS, 'settings-tuned': 'tuned', appearance: 'look-alikes' }), kb);
    expect(lookAlikes.categories[0]?.id).not.toBe('classical');
    expect(lookAlikes.treeOutcomes.find((o) => o.tree === 'is-dl-right')?.outcome).not.toBe('tune-classical');
  });

  it('a threshold that cannot separate the objects (DIC texture) has failed whatever its settings', () => {
    const dic = answers({ ...SPOTS, 'tools-used': [], host: ['cellprofiler'], output: 'objects', objects: 'whole-cells', modality: 'other', appearance: 'texture', 'settings-tuned': 'defaults' });
    expect(untuned(dic, 'classical')).toBe(false);
    const rec = recommend(dic, kb);
    expect(rec.categories[0]?.id).not.toBe('classical');
    expect(rec.treeOutcomes.find((o) => o.tree === 'is-dl-right')?.outcome).toBe('try-pixel');
  });

  it('a ready model run on its defaults is set up and tested again (use as is) instead of retrained; tuned, Fig 9.4 adapts it', () => {
    const defaults = recommend(answers({ ...MODEL, 'settings-tuned': 'defaults' }), kb);
    expect(defaults.categories[0]?.id).toBe('pretrained-dl');
    expect(defaults.trainingApproach?.approach).toBe('use-as-is');
    expect(defaults.trainingApproach?.bookRef.section).toBe('9.3.9');
    expect(defaults.tools.slice(0, 3).map((t) => t.id)).toContain('deepcell');
    expect(defaults.tools.find((t) => t.id === 'deepcell')!.reasons.some((r) => r.question === 'settings-tuned' && r.delta > 0)).toBe(true);

    for (const other of ['tuned', 'not-sure']) {
      const rec = recommend(answers({ ...MODEL, 'settings-tuned': other }), kb);
      expect(rec.categories[0]?.id, other).toBe('finetuned-dl');
      expect(rec.trainingApproach?.approach, other).toBe('fine-tuning');
    }
  });

  it('when the tree walk stops early (no answer on how far off), the fallback gives the same set-up advice as the tree', () => {
    const { 'pretrained-gap': _gap, ...rest } = MODEL;
    const a = answers({ ...rest, 'settings-tuned': 'defaults' });
    expect(walkTree(tree('training-approach'), a).outcome).toBeNull();
    const rec = recommend(a, kb);
    expect(rec.trainingApproach?.approach).toBe('use-as-is');
    expect(rec.trainingApproach?.text).toBe(tree('training-approach').nodes.find((n) => n.id === 'setup')!.outcome!.advice);
  });

  it('a model never measured (settings and gap not sure, no annotations) is set up and scored before it is retrained', () => {
    const unmeasured = answers({ ...MODEL, 'settings-tuned': 'not-sure', annotations: 'none' });
    expect(untuned(unmeasured, 'model')).toBe(true);
    const rec = recommend(unmeasured, kb);
    expect(rec.categories[0]?.id).toBe('pretrained-dl');
    expect(rec.trainingApproach?.approach).toBe('use-as-is');
    expect(rec.trainingApproach?.text).toBe(tree('training-approach').nodes.find((n) => n.id === 'measure')!.outcome!.advice);
    expect(rec.treeOutcomes.find((o) => o.tree === 'training-approach')?.outcome).toBe('measure');
    const reason = rec.categories[0]!.reasons.find((r) => r.question === 'settings-tuned');
    expect(reason?.bookRef.section).toBe('9.3.7');
    expect(reason?.text).toContain('score it on 5 to 10 annotated images');

    // Any one of the three facts known (a few annotations, or how far off it is, or its settings tuned): Fig 9.4 adapts it.
    for (const change of [{ annotations: 'few' }, { 'pretrained-gap': 'far-off' }, { 'settings-tuned': 'tuned' }]) {
      const known = answers({ ...MODEL, 'settings-tuned': 'not-sure', annotations: 'none', ...change });
      expect(untuned(known, 'model'), JSON.stringify(change)).toBe(false);
      expect(recommend(known, kb).trainingApproach?.approach, JSON.stringify(change)).not.toBe('use-as-is');
    }
  });

  it("a model already close on its defaults is Fig 9.4's medium case: fine-tune it", () => {
    const close = answers({ ...MODEL, 'pretrained-gap': 'close', 'settings-tuned': 'defaults' });
    expect(untuned(close, 'model')).toBe(false);
    expect(recommend(close, kb).trainingApproach?.approach).toBe('fine-tuning');
  });

  it("Fig 9.2's edge \"a threshold could separate the objects\" is the rules' condition, not a copy that can drift", () => {
    const edge = tree('is-dl-right').edges.find((e) => e.from === 'classical-settings' && e.to === 'tune-classical')!;
    expect(edge.when).toEqual({ all: [expect.anything(), { not: THRESHOLD_UNSUITED }] });
  });

  it('the rules and both trees take the same branch for every combination of the answers involved', () => {
    const grid = {
      'tried-classical': ['not-tried', 'works', 'failed'],
      'tried-pixel': ['not-tried', 'works', 'failed'],
      'settings-tuned': ['defaults', 'tuned', 'not-sure'],
      appearance: ['bright-on-dark', 'look-alikes', 'texture'],
      modality: ['fluorescence', 'brightfield', 'histology'],
      difficulty: [['clean'], ['marked']],
      pretrained: ['works', 'not-good-enough', 'untested', 'none', 'dont-know'],
      'pretrained-gap': ['close', 'far-off', 'not-sure'],
      annotations: ['none', 'few'],
    } as const;
    let combos = 0;
    const keys = Object.keys(grid) as (keyof typeof grid)[];
    const walk = (i: number, values: Answers['values']): void => {
      if (i === keys.length) {
        combos++;
        const a = answers({ ...values, output: 'objects', objects: 'whole-cells', resemblance: 'somewhat' });
        const fig92 = walkTree(tree('is-dl-right'), a).outcome?.id;
        const fig94 = walkTree(tree('training-approach'), a).outcome?.id;
        const label = JSON.stringify(values);
        expect(fig92 === 'tune-classical', label).toBe(untuned(a, 'classical'));
        expect(fig92 === 'tune-pixel', label).toBe(untuned(a, 'pixel') && values['tried-classical'] === 'failed');
        expect(fig94 === 'setup' || fig94 === 'measure', label).toBe(untuned(a, 'model'));
        expect(fig94 === 'measure', label).toBe(untuned(a, 'model') && values['settings-tuned'] === 'not-sure');
        return;
      }
      for (const v of grid[keys[i]!]) walk(i + 1, { ...values, [keys[i]!]: v as string | string[] });
    };
    walk(0, {});
    expect(combos).toBe(3 * 3 * 3 * 3 * 3 * 2 * 5 * 3 * 2);
  });
});
