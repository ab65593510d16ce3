/**
 * The wizard flow: intro → one question per screen → review → result. The machine knows flow only;
 * questions arrive as `input`, visibility comes from `conditions.ts`, and everything derived (current
 * question, progress, the recommendation) is computed by `selectors.ts` from the snapshot.
 *
 * Side effects are named no-op actions (`persistProgress`, `scrollToTop`, `reportCompletion`) that the
 * UI supplies with `.provide()`.
 */
import { and, assign, not, setup } from 'xstate';
import type { Answers, QuestionSet } from '../knowledge/schema';
import { isValidAnswer, visibleQuestions } from './conditions';

/** The machine's context: the question set, the raw answers and the cursor. Nothing derived. */
export interface WizardContext {
  questions: QuestionSet;
  /** Raw answers, including ones whose question is currently hidden (see `pruneAnswers`). */
  answers: Answers;
  /** Id of the question on screen while answering. */
  current: string | null;
  /** True after `review.edit`: the next `nav.next` returns to review. */
  returnToReview: boolean;
  /** From input: start at the first unanswered question (or review) instead of the intro. */
  resume: boolean;
}

/** What the UI passes to `createActor(wizardMachine, { input })`. */
export interface WizardInput {
  questions: QuestionSet;
  /** Answers to start from, e.g. decoded from a link. Invalid entries are ignored. */
  answers?: Answers;
  /**
   * Skip the intro and continue where the answers stop: at the first visible unanswered question, or
   * at review when every visible question has an answer. Use with the `lastValid` answers of a
   * rejected link.
   * @default false
   */
  resume?: boolean;
}

/** Events the UI sends (`domain.verb`, house style §8.4). `nav.skip` works only on optional questions. */
export type WizardEvent =
  | { type: 'nav.next' }
  | { type: 'nav.back' }
  | { type: 'nav.skip' }
  /** From the intro: continue with prefilled answers (a link or preset) at the first unanswered question, or at review. */
  | { type: 'nav.resume' }
  | { type: 'answer.set'; question: string; value: string | string[] }
  | { type: 'mustHave.toggle'; question: string }
  | { type: 'review.edit'; question: string }
  | { type: 'wizard.restart' };

const visibleIds = (c: WizardContext): string[] => visibleQuestions(c.questions, c.answers).map((q) => q.id);
const nextVisible = (c: WizardContext): string | undefined => {
  const ids = visibleIds(c);
  return c.current === null ? ids[0] : ids[ids.indexOf(c.current) + 1];
};
const prevVisible = (c: WizardContext): string | undefined => {
  const ids = visibleIds(c);
  const i = c.current === null ? -1 : ids.indexOf(c.current);
  return i > 0 ? ids[i - 1] : undefined;
};
/** First visible required question without an answer, if any. */
const firstMissing = (c: WizardContext): string | undefined =>
  visibleQuestions(c.questions, c.answers).find((q) => !q.optional && c.answers.values[q.id] === undefined)?.id;
/** First visible question without an answer (optional ones included: the user has not seen them). */
const firstUnanswered = (c: WizardContext): string | undefined =>
  visibleQuestions(c.questions, c.answers).find((q) => c.answers.values[q.id] === undefined)?.id;
const findQuestion = (c: WizardContext, id: string | null) => c.questions.questions.find((q) => q.id === id);

function cleanInput(input: WizardInput): Answers {
  const values: Answers['values'] = {};
  for (const [id, value] of Object.entries(input.answers?.values ?? {})) {
    const q = input.questions.questions.find((x) => x.id === id);
    if (q && isValidAnswer(q, value)) values[id] = value;
  }
  return { values, mustHave: (input.answers?.mustHave ?? []).filter((id) => values[id] !== undefined) };
}

/** The wizard state machine. Create with `createActor(wizardMachine, { input: { questions } })`. */
export const wizardMachine = setup({
  types: {} as { context: WizardContext; events: WizardEvent; input: WizardInput },
  guards: {
    isCurrentAnswered: ({ context }) => context.current !== null && context.answers.values[context.current] !== undefined,
    isCurrentOptional: ({ context }) => findQuestion(context, context.current)?.optional === true,
    hasNextVisibleQuestion: ({ context }) => nextVisible(context) !== undefined,
    hasPreviousVisibleQuestion: ({ context }) => prevVisible(context) !== undefined,
    isReturningToReview: ({ context }) => context.returnToReview,
    hasMissingRequired: ({ context }) => firstMissing(context) !== undefined,
    isResuming: ({ context }) => context.resume,
    hasUnanswered: ({ context }) => firstUnanswered(context) !== undefined,
    isEditableQuestion: ({ context, event }) => event.type === 'review.edit' && visibleIds(context).includes(event.question),
    isValidAnswer: ({ context, event }) => {
      if (event.type !== 'answer.set') return false;
      const q = findQuestion(context, event.question);
      return q !== undefined && visibleIds(context).includes(q.id) && isValidAnswer(q, event.value);
    },
    canToggleMustHave: ({ context, event }) =>
      event.type === 'mustHave.toggle' && findQuestion(context, event.question)?.canBeMustHave === true && context.answers.values[event.question] !== undefined,
  },
  actions: {
    setAnswer: assign({
      answers: ({ context, event }) => (event.type === 'answer.set' ? { ...context.answers, values: { ...context.answers.values, [event.question]: event.value } } : context.answers),
    }),
    clearCurrentAnswer: assign({
      answers: ({ context }) => {
        const values = { ...context.answers.values };
        if (context.current !== null) delete values[context.current];
        return { values, mustHave: context.answers.mustHave.filter((id) => id !== context.current) };
      },
    }),
    toggleMustHave: assign({
      answers: ({ context, event }) => {
        if (event.type !== 'mustHave.toggle') return context.answers;
        const on = context.answers.mustHave.includes(event.question);
        return { ...context.answers, mustHave: on ? context.answers.mustHave.filter((id) => id !== event.question) : [...context.answers.mustHave, event.question] };
      },
    }),
    goToFirst: assign({ current: ({ context }) => visibleIds(context)[0] ?? null, returnToReview: false }),
    goToNext: assign({ current: ({ context }) => nextVisible(context) ?? context.current }),
    goToPrevious: assign({ current: ({ context }) => prevVisible(context) ?? context.current }),
    goToLast: assign({ current: ({ context }) => visibleIds(context).at(-1) ?? null, returnToReview: false }),
    goToMissing: assign({ current: ({ context }) => firstMissing(context) ?? context.current, returnToReview: true }),
    goToFirstUnanswered: assign({ current: ({ context }) => firstUnanswered(context) ?? null, returnToReview: false }),
    goToEdited: assign({ current: ({ event, context }) => (event.type === 'review.edit' ? event.question : context.current), returnToReview: true }),
    leaveEdit: assign({ returnToReview: false }),
    reset: assign({ answers: { values: {}, mustHave: [] }, current: null, returnToReview: false, resume: false }),
    // Named side effects; the UI supplies them with .provide().
    persistProgress: () => {},
    scrollToTop: () => {},
    reportCompletion: () => {},
  },
}).createMachine({
  id: 'wizard',
  context: ({ input }) => ({ questions: input.questions, answers: cleanInput(input), current: null, returnToReview: false, resume: input.resume === true }),
  initial: 'starting',
  on: {
    'wizard.restart': { target: '.intro', actions: ['reset', 'persistProgress', 'scrollToTop'] },
  },
  states: {
    // Transient: the intro, or (resume) the first unanswered question, or review.
    starting: {
      always: [
        { guard: and(['isResuming', 'hasUnanswered']), target: 'answering', actions: 'goToFirstUnanswered' },
        { guard: 'isResuming', target: 'review' },
        { target: 'intro' },
      ],
    },
    intro: {
      on: {
        'nav.next': { target: 'answering', actions: ['goToFirst', 'scrollToTop'] },
        // The same rule as the `resume` input, chosen by the user from the intro.
        'nav.resume': [
          { guard: 'hasUnanswered', target: 'answering', actions: ['goToFirstUnanswered', 'scrollToTop'] },
          { target: 'review', actions: 'scrollToTop' },
        ],
      },
    },
    answering: {
      on: {
        'answer.set': { guard: 'isValidAnswer', actions: ['setAnswer', 'persistProgress'] },
        'mustHave.toggle': { guard: 'canToggleMustHave', actions: ['toggleMustHave', 'persistProgress'] },
        'nav.next': [
          // A required question must be answered (or, if optional, skipped) before moving on.
          { guard: not('isCurrentAnswered') },
          // After an edit from review, newly shown required questions are asked before returning.
          { guard: and(['isReturningToReview', 'hasMissingRequired']), actions: ['goToMissing', 'scrollToTop'] },
          { guard: 'isReturningToReview', target: 'review', actions: ['leaveEdit', 'scrollToTop'] },
          { guard: 'hasNextVisibleQuestion', actions: ['goToNext', 'scrollToTop'] },
          { target: 'review', actions: 'scrollToTop' },
        ],
        'nav.skip': [
          { guard: 'isCurrentOptional', actions: 'clearCurrentAnswer', target: 'skipping' },
        ],
        'nav.back': [
          { guard: 'isReturningToReview', target: 'review', actions: 'leaveEdit' },
          { guard: 'hasPreviousVisibleQuestion', actions: ['goToPrevious', 'scrollToTop'] },
          { target: 'intro', actions: 'scrollToTop' },
        ],
      },
    },
    // Transient: after a skip, move on exactly like nav.next would.
    skipping: {
      always: [
        { guard: and(['isReturningToReview', 'hasMissingRequired']), target: 'answering', actions: ['goToMissing', 'persistProgress', 'scrollToTop'] },
        { guard: 'isReturningToReview', target: 'review', actions: ['leaveEdit', 'persistProgress', 'scrollToTop'] },
        { guard: 'hasNextVisibleQuestion', target: 'answering', actions: ['goToNext', 'persistProgress', 'scrollToTop'] },
        { target: 'review', actions: ['persistProgress', 'scrollToTop'] },
      ],
    },
    review: {
      on: {
        'review.edit': { guard: 'isEditableQuestion', target: 'answering', actions: ['goToEdited', 'scrollToTop'] },
        'mustHave.toggle': { guard: 'canToggleMustHave', actions: ['toggleMustHave', 'persistProgress'] },
        'nav.back': { target: 'answering', actions: ['goToLast', 'scrollToTop'] },
        'nav.next': [
          { guard: 'hasMissingRequired', target: 'answering', actions: ['goToMissing', 'scrollToTop'] },
          { target: 'result', actions: ['reportCompletion', 'scrollToTop'] },
        ],
      },
    },
    result: {
      on: { 'nav.back': { target: 'review', actions: 'scrollToTop' } },
    },
  },
});
