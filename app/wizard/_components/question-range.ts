import type { Answers, QuestionSet } from '@/lib/knowledge';
import { visibleQuestions } from '@/lib/wizard';

/** Fewest and most questions a user sees, over many seeded random answer sets. */
export interface QuestionRange {
  min: number;
  max: number;
}

/**
 * How many questions the wizard will show, as a range: later answers decide which questions follow,
 * so the intro promises what users actually see instead of a fixed number. Computed from the question
 * set itself by answering it at random (seeded, so the page is the same on every build).
 *
 * @param set - the question set
 * @param walks - how many random answer sets to try
 * @returns the smallest and largest number of visible questions seen
 */
export function questionCountRange(set: QuestionSet, walks = 4000): QuestionRange {
  let seed = 20261206;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let min = Infinity;
  let max = 0;
  for (let w = 0; w < walks; w++) {
    const answers: Answers = { values: {}, mustHave: [] };
    // Answer in order: a question's visibility depends only on earlier answers (checkQuestionOrder).
    for (const q of set.questions) {
      if (!visibleQuestions(set, answers).some((v) => v.id === q.id)) continue;
      const ids = q.options.map((o) => o.id);
      const pick = ids[Math.floor(random() * ids.length)]!;
      // Multi-choice questions: alternate between one option (fewest follow-ups shown), a random
      // subset and every option (most follow-ups), so both ends of the range are reached.
      const mode = w % 3;
      answers.values[q.id] = q.kind === 'single' ? pick : mode === 0 ? [pick] : mode === 1 ? ids.filter((id) => id === pick || random() < 0.3) : ids;
    }
    const n = visibleQuestions(set, answers).length;
    min = Math.min(min, n);
    max = Math.max(max, n);
  }
  return { min, max };
}
