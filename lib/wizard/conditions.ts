/**
 * Pure visibility rules for the wizard. A question is shown when its `visibleIf` condition holds for
 * the current answers (see `ConditionSchema`; `{q, is}` means "one of the chosen options is in `is`").
 *
 * The pruning rule: an answer counts only while its question is visible. Questions are checked in
 * question-set order against the answers kept so far, so hiding a question also drops answers that
 * depended on it (conditions may only refer to earlier questions; `checkQuestionOrder` verifies this).
 * Hidden answers stay in the machine's context, so going back and restoring the earlier choice brings
 * them back, but they never reach `recommend()`, the URL or the report.
 */
import type { Answers, Question, QuestionSet } from '../knowledge/schema';
import { matchCondition } from '../recommend';

/**
 * Whether a question is shown for these answers.
 *
 * @param question - the question
 * @param answers - the answers so far
 * @returns true when it has no `visibleIf` or the condition holds
 */
export function isVisible(question: Question, answers: Answers): boolean {
  return question.visibleIf === undefined || matchCondition(question.visibleIf, answers);
}

/**
 * Keep only the answers whose questions are visible, and must-have marks on answered questions that
 * allow them.
 *
 * @param set - the question set
 * @param answers - raw answers (may include hidden or unknown questions)
 * @returns the answers that count
 */
export function pruneAnswers(set: QuestionSet, answers: Answers): Answers {
  const kept: Answers = { values: {}, mustHave: [] };
  for (const q of set.questions) {
    const value = answers.values[q.id];
    if (value === undefined || !isVisible(q, kept)) continue;
    kept.values[q.id] = value;
  }
  kept.mustHave = set.questions.filter((q) => q.canBeMustHave && answers.mustHave.includes(q.id) && kept.values[q.id] !== undefined).map((q) => q.id);
  return kept;
}

/**
 * The visible questions, in order.
 *
 * @param set - the question set
 * @param answers - raw answers (pruned first)
 * @returns visible questions
 */
export function visibleQuestions(set: QuestionSet, answers: Answers): Question[] {
  const kept = pruneAnswers(set, answers);
  return set.questions.filter((q) => isVisible(q, kept));
}

/**
 * Whether a value is a valid answer to a question: known option ids, one for `single`, one or more
 * distinct for `multi`.
 *
 * @param question - the question
 * @param value - the proposed answer
 * @returns true when valid
 */
export function isValidAnswer(question: Question, value: string | string[]): boolean {
  const ids = new Set(question.options.map((o) => o.id));
  if (question.kind === 'single') return typeof value === 'string' && ids.has(value);
  return Array.isArray(value) && value.length > 0 && new Set(value).size === value.length && value.every((v) => ids.has(v));
}

/**
 * Check that every condition refers only to earlier questions and to existing options, so pruning in
 * one ordered pass is correct.
 *
 * @param set - the question set
 * @returns problems, one line each; empty when fine
 */
export function checkQuestionOrder(set: QuestionSet): string[] {
  const problems: string[] = [];
  const seen = new Map<string, Question>();
  const visit = (q: Question, c: NonNullable<Question['visibleIf']>): void => {
    if ('all' in c) return c.all.forEach((x) => visit(q, x));
    if ('any' in c) return c.any.forEach((x) => visit(q, x));
    if ('not' in c) return visit(q, c.not);
    const target = seen.get(c.q);
    if (!target) return void problems.push(`question ${q.id}: condition refers to ${c.q}, which is not an earlier question`);
    if ('is' in c) for (const o of c.is) if (!target.options.some((x) => x.id === o)) problems.push(`question ${q.id}: condition refers to option ${c.q}=${o}, which does not exist`);
  };
  for (const q of set.questions) {
    if (q.visibleIf) visit(q, q.visibleIf);
    seen.set(q.id, q);
  }
  return problems;
}

