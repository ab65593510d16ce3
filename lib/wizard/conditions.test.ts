import { describe, expect, it } from 'vitest';

import { loadTestKnowledgeBase } from '../../test/helpers/knowledge-fixture';
import type { Answers } from '../knowledge/schema';
import { recommend } from '../recommend';
import { visibleQuestions } from './conditions';

const kb = loadTestKnowledgeBase();
const set = kb.questions;
const visible = (values: Answers['values']) => visibleQuestions(set, { values, mustHave: [] }).map((q) => q.id);

const RESTORE: Answers['values'] = { output: 'restored-images', assessment: 'by-eye', dimensions: '3d', 'data-size': 'many', degradation: ['noise'], 'restoration-data': ['paired'], 'live-cell': 'live', 'time-available': 'days', coding: 'gui-only', expertise: 'me', compute: 'laptop', 'data-leave': 'no' };
const SEGMENT: Answers['values'] = { output: 'objects', assessment: 'by-eye', dimensions: '2d', 'data-size': 'many', difficulty: ['clean'], appearance: 'texture', shape: 'round', 'tried-classical': 'failed', 'time-available': 'days', coding: 'notebooks', expertise: 'me', compute: 'laptop', 'data-leave': 'yes' };

describe('conditions: questions that cannot matter on a path are hidden (question set v2)', () => {
  // Each row: answers so far, questions that must be hidden, questions that must still be shown.
  const rows: { name: string; values: Answers['values']; hidden: string[]; shown: string[] }[] = [
    { name: 'restoration hides segmentation-only questions', values: RESTORE, hidden: ['quality', 'priority', 'learning-style', 'measurements', 'appearance', 'shape', 'tried-classical', 'difficulty'], shown: ['degradation', 'restoration-data', 'live-cell', 'compute', 'coding'] },
    { name: 'segmentation hides restoration-only questions', values: SEGMENT, hidden: ['degradation', 'restoration-data', 'live-cell'], shown: ['quality', 'priority', 'measurements', 'appearance', 'shape', 'tried-pixel'] },
    { name: 'positions: the metric is fixed, so measurements is not asked', values: { ...SEGMENT, output: 'positions' }, hidden: ['measurements'], shown: ['shape'] },
    { name: 'tracks: the metric is fixed, so measurements is not asked', values: { ...SEGMENT, output: 'tracks' }, hidden: ['measurements'], shown: ['shape'] },
    { name: 'only hours: speed is the priority, so priority and learning style are not asked', values: { ...SEGMENT, 'time-available': 'hours' }, hidden: ['priority', 'learning-style'], shown: ['coding'] },
    { name: 'learning a new tool asks how the user learns', values: { ...SEGMENT, priority: 'learn' }, hidden: [], shown: ['learning-style'] },
    { name: 'careful hand annotation implies someone who knows the biology', values: { ...SEGMENT, assessment: 'against-annotations' }, hidden: ['expertise'], shown: ['compute'] },
    { name: 'checking by eye still asks who can judge the biology', values: SEGMENT, hidden: [], shown: ['expertise'] },
    { name: 'artefacts are handled in the pre-processing question (merged)', values: { ...SEGMENT, difficulty: ['debris'] }, hidden: [], shown: ['preprocessing'] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const ids = visible(row.values);
      for (const id of row.hidden) expect(ids, id).not.toContain(id);
      for (const id of row.shown) expect(ids, id).toContain(id);
    });
  }

  it('the merged questions are gone and their answers live on as options', () => {
    const ids = set.questions.map((q) => q.id);
    expect(ids).not.toContain('artefacts');
    expect(ids).not.toContain('effect-size');
    expect(set.questions.find((q) => q.id === 'preprocessing')!.options.map((o) => o.id)).toContain('mask-artefacts');
    expect(set.questions.find((q) => q.id === 'quality')!.options.map((o) => o.id)).toContain('clear-effect');
    expect(set.version).toBeGreaterThanOrEqual(2);
  });

  // Hiding is safe only if the hidden answer really cannot move the result: check it by recomputing.
  const without = (r: ReturnType<typeof recommend>) => ({ ...r, glossary: [] });
  const noEffect: { name: string; values: Answers['values']; question: string }[] = [
    { name: 'quality on a restoration path', values: RESTORE, question: 'quality' },
    { name: 'priority on a restoration path', values: RESTORE, question: 'priority' },
    { name: 'measurements when the output is positions', values: { ...SEGMENT, output: 'positions' }, question: 'measurements' },
    { name: 'measurements when the output is tracks', values: { ...SEGMENT, output: 'tracks' }, question: 'measurements' },
  ];
  for (const row of noEffect) {
    it(`${row.name} cannot change the recommendation (apart from glossary links)`, () => {
      const base = without(recommend({ values: row.values, mustHave: [] }, kb));
      const q = set.questions.find((x) => x.id === row.question)!;
      for (const o of q.options) {
        const r = recommend({ values: { ...row.values, [row.question]: o.id }, mustHave: [] }, kb);
        expect(without(r), `${row.question}=${o.id}`).toEqual(base);
      }
    });
  }
});
