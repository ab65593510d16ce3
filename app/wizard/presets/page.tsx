import type { Metadata } from 'next';
import Link from 'next/link';

import { BookRefList } from '@/app/_components/book-ref-link';
import { GlossaryText } from '@/app/_components/glossary-text';
import { getKb } from '@/app/_components/kb';
import { encodeAnswers } from '@/lib/wizard';

export const metadata: Metadata = { title: 'Case-study presets', description: 'Worked examples that open the wizard pre-filled: the book’s two case studies and four workshop scenarios.' };

const OUTCOME_LABEL = { failed: 'did not work', partial: 'partly worked', worked: 'worked' } as const;

export default function PresetsPage() {
  const kb = getKb();
  const studies = [...kb.caseStudies].sort((a, b) => (a.source === b.source ? a.title.localeCompare(b.title) : a.source === 'book' ? -1 : 1));
  return (
    <>
      <h1>Case-study presets</h1>
      <p className="lead">
        Worked examples for workshops and self-study. Each opens the wizard with the case&apos;s answers filled in: step through the questions to discuss each choice, or jump
        straight to the result. The first two retell the book&apos;s case studies (§8.7); the others are scenarios we wrote for training sessions.
      </p>
      <nav aria-label="Presets" className="no-print">
        <ul>
          {studies.map((c) => (
            <li key={c.id}>
              <a href={`#${c.id}`}>{c.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      {studies.map((c) => {
        const a = encodeAnswers(c.answers, kb.questions);
        const linked = new Set<string>();
        return (
          <section key={c.id} id={c.id} className="card preset" aria-labelledby={`${c.id}-title`} style={{ marginTop: '1.5rem' }}>
            <h2 id={`${c.id}-title`} style={{ marginTop: 0 }}>
              {c.title} {c.source === 'book' ? <span className="tag">from the book</span> : <span className="tag">workshop scenario</span>}
            </h2>
            <p>
              <GlossaryText text={c.summary} linked={linked} />
            </p>
            <dl className="facts">
              <dt>Who</dt>
              <dd>{c.profile.who}</dd>
              <dt>Data</dt>
              <dd>{c.profile.data}</dd>
              <dt>Goal</dt>
              <dd>{c.profile.goal}</dd>
              {c.profile.constraints.length > 0 ? (
                <>
                  <dt>Constraints</dt>
                  <dd>{c.profile.constraints.join('; ')}</dd>
                </>
              ) : null}
            </dl>
            <h3>What was tried</h3>
            <ol>
              {c.steps.map((s, i) => (
                <li key={i}>
                  <strong>{s.tried}</strong> — {OUTCOME_LABEL[s.outcome]}. <GlossaryText text={s.why} linked={linked} />
                </li>
              ))}
            </ol>
            <p>
              <strong>Lesson:</strong> <GlossaryText text={c.lesson} linked={linked} />
            </p>
            <BookRefList refs={c.bookRefs} />
            <p className="no-print">
              <Link className="button" href={`/wizard?a=${a}`} data-testid={`preset-open-${c.id}`}>
                Step through in the wizard
              </Link>{' '}
              <Link className="button secondary" href={`/wizard/result?a=${a}`} data-testid={`preset-result-${c.id}`}>
                See the result
              </Link>
            </p>
          </section>
        );
      })}
    </>
  );
}
