import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';

import { selectCurrentQuestion, selectProgress, wizardMachine } from '@/lib/wizard';

import { loadTestKnowledgeBase } from '../../../test/helpers/knowledge-fixture';
import { questionCountRange } from './question-range';

const kb = loadTestKnowledgeBase();

describe('questionCountRange', () => {
  it('bounds the number of questions users see on walks of the real wizard, and is a real range', () => {
    const range = questionCountRange(kb.questions);
    expect(range.min).toBeGreaterThan(0);
    expect(range.max).toBeGreaterThan(range.min);
    expect(range.max).toBeLessThanOrEqual(kb.questions.questions.length);
    // Walk the machine itself with a different seed: every count it shows lies inside the range.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let run = 0; run < 200; run++) {
      const actor = createActor(wizardMachine, { input: { questions: kb.questions } }).start();
      actor.send({ type: 'nav.next' });
      for (let step = 0; step < 100 && actor.getSnapshot().matches('answering'); step++) {
        const q = selectCurrentQuestion(actor.getSnapshot())!;
        const ids = q.options.map((o) => o.id);
        const pick = ids[Math.floor(random() * ids.length)]!;
        actor.send({ type: 'answer.set', question: q.id, value: q.kind === 'single' ? pick : [pick] });
        actor.send({ type: 'nav.next' });
      }
      const total = selectProgress(actor.getSnapshot()).total;
      expect(total).toBeGreaterThanOrEqual(range.min);
      expect(total).toBeLessThanOrEqual(range.max);
    }
  });
});
