import type { Answers, Condition } from '../knowledge/schema';

/**
 * The selected option ids for a question, as a list (a single answer becomes a one-item list).
 *
 * @param answers - the wizard answers
 * @param question - question id
 * @returns the chosen option ids; empty when unanswered
 */
export function answerOf(answers: Answers, question: string): string[] {
  const value = answers.values[question];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Evaluate a condition over answers. `{q, is}` holds when any selected option of `q` is in `is`
 * (so for multi questions it means "includes one of"); an unanswered question matches nothing.
 * The same evaluator drives question visibility (lib/wizard) and scoring rules (rules.ts).
 *
 * @param condition - the condition (see `ConditionSchema`)
 * @param answers - the wizard answers
 * @returns whether the condition holds
 */
export function matchCondition(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((c) => matchCondition(c, answers));
  if ('any' in condition) return condition.any.some((c) => matchCondition(c, answers));
  if ('not' in condition) return !matchCondition(condition.not, answers);
  if ('is' in condition) return answerOf(answers, condition.q).some((o) => condition.is.includes(o));
  return (answerOf(answers, condition.q).length > 0) === condition.answered;
}
