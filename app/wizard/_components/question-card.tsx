'use client';

import Link from 'next/link';
import { useState } from 'react';

import type { Question } from '@/lib/knowledge/schema';
import type { ToolSettingsHint } from '@/lib/wizard';

import { Prose } from '../../_components/term-anchor';
import { TryItLink } from '@/app/try/_components/try-it-link';
import type { QuestionView } from './types';

interface Props {
  question: Question;
  view: QuestionView;
  value: string | string[] | undefined;
  mustHave: boolean;
  position: number;
  total: number;
  returnToReview: boolean;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onAnswer: (value: string | string[]) => void;
  onToggleMustHave: () => void;
  onNext: () => void;
  onBack: () => void;
  onSkip: () => void;
  /** Key settings of the tools the user named, shown on "did you adjust its settings?". */
  settingsHint?: ToolSettingsHint[];
}

/** A multi-choice list longer than this gets a filter box (the tools in use list has dozens). */
const LONG_LIST = 15;

/** One question on one screen: native radio buttons or checkboxes, so the keyboard works as expected. */
export function QuestionCard(p: Props) {
  const { question: q, view } = p;
  const chosen = p.value === undefined ? [] : Array.isArray(p.value) ? p.value : [p.value];
  const [filter, setFilter] = useState('');
  const long = q.kind === 'multi' && view.options.length > LONG_LIST;
  const needle = filter.trim().toLowerCase();
  // Ticked options always stay in view, so a filter never hides an answer already given.
  const shown = long && needle !== '' ? view.options.filter((o) => chosen.includes(o.id) || o.label.toLowerCase().includes(needle) || o.id.includes(needle)) : view.options;
  const answered = chosen.length > 0;
  const toggle = (id: string, on: boolean) => {
    if (q.kind === 'single') return p.onAnswer(id);
    const next = on ? [...chosen, id] : chosen.filter((c) => c !== id);
    // An empty multi answer is not valid; keep the last box ticked and say why below.
    if (next.length > 0) p.onAnswer(q.options.filter((o) => next.includes(o.id)).map((o) => o.id));
  };

  return (
    <form
      className="question"
      onSubmit={(e) => {
        e.preventDefault();
        p.onNext();
      }}
    >
      <div className="progress no-print" aria-hidden="true">
        <div className="progress-bar" style={{ width: `${Math.round(((p.position - 1) / Math.max(1, p.total)) * 100)}%` }} />
      </div>
      <p className="muted" aria-live="polite">
        {view.sectionTitle} · question {p.position} of about {p.total}
      </p>
      <fieldset>
        <legend>
          <h1 ref={p.headingRef} tabIndex={-1} className="question-text">
            {q.text}
          </h1>
        </legend>
        <p className="question-help">
          <Prose segments={view.help} />
        </p>
        {p.settingsHint && p.settingsHint.length > 0 ? (
          <p className="question-help" data-testid="settings-hint">
            For the tools you named:{' '}
            {p.settingsHint.map((t, i) => (
              <span key={t.id}>
                {i > 0 ? '; ' : ''}
                <Link href={`/tools/${t.id}#settings`} target="_blank" rel="noopener">
                  {t.name}
                </Link>
                {': '}
                {t.settings.map((s, j) => (
                  <span key={s}>
                    {j > 0 ? ', ' : ''}
                    <code>{s}</code>
                  </span>
                ))}
              </span>
            ))}
            .
          </p>
        ) : null}
        {q.kind === 'multi' ? <p className="muted">Choose all that apply.</p> : null}
        {long ? (
          <p className="option-filter">
            <label htmlFor={`filter-${q.id}`}>Find in this list</label>{' '}
            <input id={`filter-${q.id}`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="type part of a name" autoComplete="off" data-testid="option-filter" />
            <span className="muted" aria-live="polite">
              {' '}
              {needle === '' ? `${view.options.length} options` : `${shown.length} of ${view.options.length} shown`}
            </span>
          </p>
        ) : null}
        <div className={long ? 'options many' : 'options'}>
          {shown.map((o) => {
            const id = `opt-${q.id}-${o.id}`;
            const checked = chosen.includes(o.id);
            return (
              <div key={o.id} className={`option${checked ? ' checked' : ''}`}>
                <input id={id} type={q.kind === 'single' ? 'radio' : 'checkbox'} name={q.id} value={o.id} checked={checked} onChange={(e) => toggle(o.id, e.target.checked)} />
                <label htmlFor={id}>
                  <span className="option-label">{o.label}</span>
                  {o.help ? (
                    <span className="option-help">
                      <Prose segments={o.help} />
                    </span>
                  ) : null}
                </label>
              </div>
            );
          })}
        </div>
        <TryItLink question={q.id} value={p.value} />
      </fieldset>

      {q.canBeMustHave && answered ? (
        <p className="must-have">
          <label>
            <input type="checkbox" checked={p.mustHave} onChange={p.onToggleMustHave} /> This is a must-have: leave out any tool that does not meet it (book §8.3)
          </label>
        </p>
      ) : null}

      {view.bookRefs.length > 0 ? (
        <p className="muted why-we-ask">
          Why we ask:{' '}
          {view.bookRefs.map((r, i) => (
            <span key={r.url}>
              {i > 0 ? '; ' : ''}
              <a className="book-link" href={r.url} target="_blank" rel="noopener noreferrer">
                {r.label}
              </a>
            </span>
          ))}
        </p>
      ) : null}

      <div className="wizard-nav">
        <button type="button" className="secondary" onClick={p.onBack}>
          {p.returnToReview ? 'Back to review' : 'Back'}
        </button>
        {q.optional ? (
          <button type="button" className="secondary" onClick={p.onSkip}>
            Skip
          </button>
        ) : null}
        <button type="submit" disabled={!answered} aria-describedby={!answered ? `hint-${q.id}` : undefined}>
          {p.returnToReview ? 'Save and return' : 'Next'}
        </button>
        {!answered ? (
          <span id={`hint-${q.id}`} className="muted">
            {q.optional ? 'Choose an answer, or skip this question.' : 'Choose an answer to continue.'}
          </span>
        ) : null}
      </div>
    </form>
  );
}
