import type { Answers, Condition, QuestionSet } from '@/lib/knowledge';
import { isVisible } from '@/lib/wizard';

/** Fewest and most questions a user sees. */
export interface QuestionRange {
  min: number;
  max: number;
}

/**
 * How many questions the wizard will show, as a range: later answers decide which questions follow,
 * so the intro promises what users actually see instead of a fixed number. Exact: a depth-first
 * search over the answers that matter for visibility. Questions no condition refers to are answered
 * once (their answer changes nothing); the others branch over each option, for multi-choice questions
 * also over "every option", and over "skipped" when the question is optional. Results are memoised on
 * the question index and the answers later conditions can still read.
 *
 * @param set - the question set
 * @returns the smallest and largest number of visible questions
 */
export function questionCountRange(set: QuestionSet): QuestionRange {
  const questions = set.questions;
  // Question ids each question's condition reads, and for every index the ids read at or after it.
  const reads = questions.map((q) => conditionIds(q.visibleIf));
  const readLater: Set<string>[] = [];
  for (let i = questions.length - 1, acc = new Set<string>(); i >= 0; i--) {
    acc = new Set([...acc, ...reads[i]!]);
    readLater[i] = acc;
  }
  const memo = new Map<string, QuestionRange>();
  const walk = (i: number, answers: Answers): QuestionRange => {
    if (i === questions.length) return { min: 0, max: 0 };
    const later = readLater[i]!;
    const key = `${i}|${JSON.stringify(Object.entries(answers.values).filter(([id]) => later.has(id)))}`;
    const known = memo.get(key);
    if (known) return known;
    const q = questions[i]!;
    let result: QuestionRange;
    if (!isVisible(q, answers)) {
      result = walk(i + 1, answers);
    } else {
      const ids = q.options.map((o) => o.id);
      const choices: (string | string[] | undefined)[] = !readLater[i + 1]?.has(q.id)
        ? [q.kind === 'single' ? ids[0] : [ids[0]!]]
        : q.kind === 'single'
          ? [...ids]
          : [...ids.map((id) => [id]), ids];
      if (q.optional) choices.push(undefined);
      result = { min: Infinity, max: 0 };
      for (const choice of choices) {
        const next: Answers = { values: { ...answers.values }, mustHave: [] };
        if (choice !== undefined) next.values[q.id] = choice;
        const rest = walk(i + 1, next);
        result = { min: Math.min(result.min, rest.min + 1), max: Math.max(result.max, rest.max + 1) };
      }
    }
    memo.set(key, result);
    return result;
  };
  return walk(0, { values: {}, mustHave: [] });
}

function conditionIds(c: Condition | undefined): string[] {
  if (c === undefined) return [];
  if ('all' in c) return c.all.flatMap(conditionIds);
  if ('any' in c) return c.any.flatMap(conditionIds);
  if ('not' in c) return conditionIds(c.not);
  return [c.q];
}
