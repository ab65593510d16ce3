'use client';

import type { Answers, Question } from '@/lib/knowledge/schema';
import { isInherentLimit } from '@/lib/recommend';

import type { QuestionView } from './types';

interface Props {
  questions: Question[];
  views: QuestionView[];
  answers: Answers;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onEdit: (id: string) => void;
  onToggleMustHave: (id: string) => void;
  onBack: () => void;
  onFinish: () => void;
  onRestart: () => void;
}

/** Every visible question with its answer; edit any of them or mark must-haves, then see the result. */
export function ReviewList(p: Props) {
  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title" ref={p.headingRef} tabIndex={-1}>
        Review your answers
      </h1>
      <p className="lead">Change any answer, and mark the ones that are hard requirements (must-haves) — tools that break a must-have are left out of the result, with the reason.</p>
      <ol className="review">
        {p.questions.map((q) => {
          const value = p.answers.values[q.id];
          const ids = value === undefined ? [] : Array.isArray(value) ? value : [value];
          const labels = ids.map((id) => q.options.find((o) => o.id === id)?.label ?? id);
          const view = p.views.find((v) => v.id === q.id);
          return (
            <li key={q.id} className="review-item">
              <div>
                <span className="muted">{view?.sectionTitle}</span>
                <br />
                <strong>{q.text}</strong>
                <br />
                {labels.length > 0 ? labels.join('; ') : <em className="muted">Skipped</em>}
                {p.answers.mustHave.includes(q.id) ? <span className="tag">must-have</span> : null}
                {isInherentLimit(p.answers, q.id) ? (
                  <span className="tag tag-warn" title="Images that may not leave are always respected: tools that upload them are left out">
                    hard limit, applied even if not marked
                  </span>
                ) : null}
              </div>
              <div className="review-actions">
                {q.canBeMustHave && labels.length > 0 ? (
                  <label>
                    <input type="checkbox" checked={p.answers.mustHave.includes(q.id)} onChange={() => p.onToggleMustHave(q.id)} /> Must-have
                  </label>
                ) : null}
                <button type="button" className="secondary" onClick={() => p.onEdit(q.id)} aria-label={`Edit: ${q.text}`}>
                  Edit
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="wizard-nav">
        <button type="button" className="secondary" onClick={p.onBack}>
          Back
        </button>
        <button type="button" onClick={p.onFinish} data-action="finish">
          See my recommendation
        </button>
        <button type="button" className="secondary" onClick={p.onRestart}>
          Start over
        </button>
      </div>
    </section>
  );
}
