import { QuestionSetSchema, type QuestionSet } from '../knowledge/schema';

/**
 * A four-question set for machine tests. Ids match real questions so `recommend()` can score the
 * answers: `output` branches to `shape` (segmentation) or `degradation` (restoration, required,
 * multi); `compute` is optional.
 */
export const FIXTURE_QUESTIONS: QuestionSet = QuestionSetSchema.parse({
  version: 1,
  sections: [{ id: 'main', title: 'Main', intro: 'Fixture.', bookRefs: [{ section: '8.2' }] }],
  questions: [
    {
      id: 'output', section: 'main', text: 'What do you need?', help: 'Fixture.', kind: 'single',
      options: [{ id: 'objects', label: 'Outlines' }, { id: 'restored-images', label: 'Cleaner images' }],
      bookRefs: [{ section: '8.2.1' }],
    },
    {
      id: 'shape', section: 'main', text: 'What shape?', help: 'Fixture.', kind: 'single', canBeMustHave: true,
      visibleIf: { q: 'output', is: ['objects'] },
      options: [{ id: 'round', label: 'Round' }, { id: 'irregular', label: 'Irregular' }],
      bookRefs: [{ section: '9.3.2' }],
    },
    {
      id: 'degradation', section: 'main', text: 'What is wrong?', help: 'Fixture.', kind: 'multi',
      visibleIf: { q: 'output', is: ['restored-images'] },
      options: [{ id: 'noise', label: 'Noise' }, { id: 'blur', label: 'Blur' }],
      bookRefs: [{ section: '6.2' }],
    },
    {
      id: 'compute', section: 'main', text: 'Which computer?', help: 'Fixture.', kind: 'single', optional: true, canBeMustHave: true,
      options: [{ id: 'laptop', label: 'Laptop' }, { id: 'gpu-workstation', label: 'GPU' }],
      bookRefs: [{ section: '9.4.2' }],
    },
  ],
});
