'use client';

import { useMachine } from '@xstate/react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';

import type { Answers, QuestionSet } from '@/lib/knowledge/schema';
import { ANSWERS_PARAM, type DecodeResult, decodeAnswers, encodeAnswers, pruneAnswers, selectCurrentQuestion, selectProgress, selectVisibleQuestions, settingsHint, type ToolSettingsHint, wizardMachine } from '@/lib/wizard';

import { QuestionCard } from './question-card';
import { ReviewList } from './review-list';
import type { QuestionView, SectionView } from './types';

interface Props {
  set: QuestionSet;
  views: QuestionView[];
  sections: SectionView[];
  /** Fewest and most questions users see (`questionCountRange`), promised on the intro. */
  questionRange?: { min: number; max: number };
  /** Tools that record key settings, for the hint on "did you adjust its settings?". */
  toolSettings?: ToolSettingsHint[];
  /** `pretrained-which` option → tool ids. */
  whichTools?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The wizard screen. The xstate machine owns the flow; this component supplies its side effects
 * (`persistProgress` writes the answers into the URL, `scrollToTop` moves focus to the new heading,
 * `reportCompletion` opens the result page) and renders the current state.
 */
export function WizardApp({ set, views, sections, questionRange, toolSettings = [], whichTools = {} }: Props) {
  const params = useSearchParams();
  const router = useRouter();
  const heading = useRef<HTMLHeadingElement>(null);
  // Set by `scrollToTop`; the effect below moves focus once React has committed the new screen.
  const focusPending = useRef(false);

  // The link's answers, validated once. A bad link keeps the answers before the problem.
  const [initial] = useState<DecodeResult>(() => {
    const encoded = params.get(ANSWERS_PARAM);
    const empty: DecodeResult = { ok: true, answers: { values: {}, mustHave: [] } };
    return encoded ? decodeAnswers(encoded, set) : empty;
  });
  const startAnswers: Answers = initial.ok ? initial.answers : initial.lastValid;

  const machine = useMemo(
    () =>
      wizardMachine.provide({
        actions: {
          persistProgress: ({ context }) => {
            const a = encodeAnswers(pruneAnswers(set, context.answers), set);
            window.history.replaceState(window.history.state, '', `/wizard?${ANSWERS_PARAM}=${a}`);
          },
          scrollToTop: () => {
            window.scrollTo({ top: 0 });
            focusPending.current = true;
          },
          reportCompletion: ({ context }) => {
            router.push(`/wizard/result?${ANSWERS_PARAM}=${encodeAnswers(pruneAnswers(set, context.answers), set)}`);
          },
        },
      }),
    [set, router],
  );
  const [snapshot, send] = useMachine(machine, { input: { questions: set, answers: startAnswers } });

  const question = selectCurrentQuestion(snapshot);
  const view = question ? views.find((v) => v.id === question.id) : undefined;
  const progress = selectProgress(snapshot);
  const answers = snapshot.context.answers;
  const answeredCount = Object.keys(pruneAnswers(set, startAnswers).values).length;

  // After React commits the new screen, move focus to its heading for screen readers and keyboards.
  // (An animation-frame callback could run before the commit and focus the old heading, which React
  // then removes, leaving focus on the page body.)
  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    heading.current?.focus();
  }, [snapshot]);

  useEffect(() => {
    document.title = snapshot.matches('review') ? 'Review your answers · BioImage Navigator' : question ? `${question.text} · Wizard` : 'Wizard · BioImage Navigator';
  }, [snapshot, question]);

  return (
    <div className="wizard">
      {!initial.ok ? (
        <div role="alert" className="card notice-bad">
          <strong>This link has a problem:</strong> {initial.message}.{' '}
          {Object.keys(initial.lastValid.values).length > 0
            ? `The ${Object.keys(initial.lastValid.values).length} answers before it are kept; continue from there.`
            : 'Start again from the first question.'}
        </div>
      ) : null}
      {initial.ok && initial.upgradedFrom ? (
        <div role="status" className="card">
          {initial.upgradedFrom.note}
        </div>
      ) : null}

      {snapshot.matches('intro') ? (
        <section aria-labelledby="wizard-title">
          <h1 id="wizard-title" ref={heading} tabIndex={-1}>
            Find a tool for your images
          </h1>
          <p className="lead">
            One question per screen,{' '}
            {questionRange ? `between ${questionRange.min} and ${questionRange.max} in all` : `about ${progress.total} in all`} (later answers decide which questions follow). Each answer can be changed on the review
            screen; your answers stay in the page address, so you can bookmark or share the link at any time.
          </p>
          <ol className="wizard-sections">
            {sections.map((s) => (
              <li key={s.id}>
                <strong>{s.title}.</strong> {s.intro}
              </li>
            ))}
          </ol>
          <p>
            {answeredCount > 0 ? (
              <>
                <button type="button" onClick={() => send({ type: 'nav.resume' })} autoFocus>
                  Continue with {answeredCount} answers from the link
                </button>{' '}
                <button type="button" className="secondary" onClick={() => send({ type: 'nav.next' })}>
                  Step through them from the start
                </button>{' '}
                <button type="button" className="secondary" onClick={() => send({ type: 'wizard.restart' })}>
                  Clear and start over
                </button>
              </>
            ) : (
              <button type="button" onClick={() => send({ type: 'nav.next' })} autoFocus>
                Start
              </button>
            )}
          </p>
          <p className="muted">
            Prefer a worked example? <Link href="/wizard/presets">Open a case-study preset</Link>.
          </p>
        </section>
      ) : null}

      {snapshot.matches('answering') && question && view ? (
        <QuestionCard
          key={question.id}
          headingRef={heading}
          question={question}
          view={view}
          value={answers.values[question.id]}
          mustHave={answers.mustHave.includes(question.id)}
          position={progress.position}
          total={progress.total}
          onAnswer={(value) => send({ type: 'answer.set', question: question.id, value })}
          onToggleMustHave={() => send({ type: 'mustHave.toggle', question: question.id })}
          onNext={() => send({ type: 'nav.next' })}
          onBack={() => send({ type: 'nav.back' })}
          onSkip={() => send({ type: 'nav.skip' })}
          returnToReview={snapshot.context.returnToReview}
          settingsHint={question.id === 'settings-tuned' ? settingsHint(answers, toolSettings, whichTools) : []}
        />
      ) : null}

      {snapshot.matches('review') ? (
        <ReviewList
          headingRef={heading}
          questions={selectVisibleQuestions(snapshot)}
          views={views}
          answers={pruneAnswers(set, answers)}
          onEdit={(id) => send({ type: 'review.edit', question: id })}
          onToggleMustHave={(id) => send({ type: 'mustHave.toggle', question: id })}
          onBack={() => send({ type: 'nav.back' })}
          onFinish={() => send({ type: 'nav.next' })}
          onRestart={() => send({ type: 'wizard.restart' })}
        />
      ) : null}

      {snapshot.matches('result') ? (
        <section>
          <h1 ref={heading} tabIndex={-1}>
            Opening your recommendation…
          </h1>
          <p>
            <Link href={`/wizard/result?${ANSWERS_PARAM}=${encodeAnswers(pruneAnswers(set, answers), set)}`}>Open it now</Link> if nothing happens.
          </p>
        </section>
      ) : null}
    </div>
  );
}
