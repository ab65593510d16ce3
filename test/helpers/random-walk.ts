// Seeded random walks of the real wizard, shared by the plan property tests (vitest and Playwright).
import { createActor } from 'xstate';

import type { Answers, QuestionSet } from '../../lib/knowledge/schema';
import { selectAnswers, selectCurrentQuestion, wizardMachine } from '../../lib/wizard';

/** A seeded linear congruential generator in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/**
 * Walk the questionnaire to the review with random answers: optional questions skipped one time in
 * five, multi-choice questions get one option plus each other with probability 0.3, and answers that
 * can be must-haves are marked so 40% of the time.
 */
export function randomWalk(questions: QuestionSet, random: () => number): Answers {
  return selectAnswers(randomWalkToReview(questions, random).getSnapshot());
}

/**
 * {@link randomWalk}, returning the wizard actor at its review step (for tests that look at the
 * questions shown on the way); `mustHaveRate` is how often an answer that can be a must-have is marked.
 * @throws Error when the walk does not reach the review
 */
export function randomWalkToReview(questions: QuestionSet, random: () => number, mustHaveRate = 0.4) {
  const actor = createActor(wizardMachine, { input: { questions } }).start();
  actor.send({ type: 'nav.next' });
  for (let step = 0; step < 200 && actor.getSnapshot().matches('answering'); step++) {
    const q = selectCurrentQuestion(actor.getSnapshot())!;
    if (q.optional && random() < 0.2) {
      actor.send({ type: 'nav.skip' });
      continue;
    }
    const ids = q.options.map((o) => o.id);
    const pick = ids[Math.floor(random() * ids.length)]!;
    actor.send({ type: 'answer.set', question: q.id, value: q.kind === 'single' ? pick : ids.filter((id) => id === pick || random() < 0.3) });
    if (q.canBeMustHave && random() < mustHaveRate) actor.send({ type: 'mustHave.toggle', question: q.id });
    actor.send({ type: 'nav.next' });
  }
  if (!actor.getSnapshot().matches('review')) throw new Error(`random walk did not reach the review: ${JSON.stringify(actor.getSnapshot().value)}`);
  return actor;
}

/** `count` seeded {@link randomWalk}s, for property tests that check every walk's recommendation. */
export function randomWalks(questions: QuestionSet, seed: number, count: number): Answers[] {
  const random = lcg(seed);
  return Array.from({ length: count }, () => randomWalk(questions, random));
}
