/**
 * Derived values from a wizard snapshot. Nothing here is stored in the machine's context, so it can
 * never go stale.
 */
import type { SnapshotFrom } from 'xstate';
import type { Answers, Question } from '../knowledge/schema';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { recommend, type Recommendation } from '../recommend';
import { pruneAnswers, visibleQuestions } from './conditions';
import type { wizardMachine } from './wizard.machine';

export type WizardSnapshot = SnapshotFrom<typeof wizardMachine>;

/** The question on screen, or null outside the answering state. */
export function selectCurrentQuestion(snapshot: WizardSnapshot): Question | null {
  if (!snapshot.matches('answering')) return null;
  const { current, questions } = snapshot.context;
  return questions.questions.find((q) => q.id === current) ?? null;
}

/** The questions shown for the current answers, in order. */
export function selectVisibleQuestions(snapshot: WizardSnapshot): Question[] {
  return visibleQuestions(snapshot.context.questions, snapshot.context.answers);
}

/** The answers that count: hidden questions' answers removed (see `pruneAnswers`). */
export function selectAnswers(snapshot: WizardSnapshot): Answers {
  return pruneAnswers(snapshot.context.questions, snapshot.context.answers);
}

/** Progress through the visible questions. `position` is 1-based; 0 before the first question. */
export interface WizardProgress {
  position: number;
  total: number;
  answered: number;
  /** 0..1, share of visible questions answered (1 at review and result). */
  fraction: number;
}

/** Progress for a progress bar: where the user is among the visible questions. */
export function selectProgress(snapshot: WizardSnapshot): WizardProgress {
  const visible = selectVisibleQuestions(snapshot);
  const answers = selectAnswers(snapshot);
  const answered = visible.filter((q) => answers.values[q.id] !== undefined).length;
  const done = snapshot.matches('review') || snapshot.matches('result');
  const position = snapshot.matches('answering') ? visible.findIndex((q) => q.id === snapshot.context.current) + 1 : done ? visible.length : 0;
  return { position, total: visible.length, answered, fraction: done ? 1 : visible.length === 0 ? 0 : answered / visible.length };
}

/** The recommendation for the current (pruned) answers. */
export function selectRecommendation(snapshot: WizardSnapshot, kb: KnowledgeBase): Recommendation {
  return recommend(selectAnswers(snapshot), kb);
}
