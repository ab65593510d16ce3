import type { Metadata } from 'next';
import Link from 'next/link';

import { BookRefLink } from '@/app/_components/book-ref-link';
import { GlossaryText } from '@/app/_components/glossary-text';
import { getKb } from '@/app/_components/kb';
import { type RankedItem, type Reason, recommend } from '@/lib/recommend';
import { encodeAnswers } from '@/lib/wizard';

import { decodeParam } from '../_components/decode-param';
import { ResultToolbar } from '../_components/result-tools';
import { TryEvidenceNote } from '@/app/try/_components/try-evidence-note';

export const metadata: Metadata = { title: 'Your recommendation' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResultPage({ searchParams }: { searchParams: SearchParams }) {
  const kb = getKb();
  const decoded = decodeParam(await searchParams);
  if (!decoded) {
    return (
      <>
        <h1>No answers yet</h1>
        <p>
          This page shows a recommendation for a set of answers, and the link has none. <Link href="/wizard">Start the wizard</Link> or{' '}
          <Link href="/wizard/presets">open a case-study preset</Link>.
        </p>
      </>
    );
  }
  if (!decoded.ok) {
    const resume = encodeAnswers(decoded.lastValid, kb.questions);
    const bad = decoded.badQuestion ? kb.questions.questions.find((q) => q.id === decoded.badQuestion) : undefined;
    return (
      <>
        <h1>This result link has a problem</h1>
        <div role="alert" className="card notice-bad">
          {bad ? (
            <p>
              The answer to <strong>“{bad.text}”</strong> is not valid.
            </p>
          ) : null}
          <p>{decoded.message}.</p>
        </div>
        <p>
          <Link className="button" href={`/wizard?a=${resume}`}>
            Continue from the {Object.keys(decoded.lastValid.values).length} valid answers
          </Link>{' '}
          <Link className="button secondary" href="/wizard">
            Start again
          </Link>
        </p>
      </>
    );
  }

  const answers = decoded.answers;
  const encoded = encodeAnswers(answers, kb.questions);
  const rec = recommend(answers, kb);
  const linked = new Set<string>();
  const toolName = (id: string) => kb.tools.find((t) => t.id === id)?.name ?? id;
  const top = rec.categories[0] ?? null;

  return (
    <article className="result">
      <p className="breadcrumbs no-print">
        <Link href={`/wizard?a=${encoded}`}>Wizard</Link> › Result
      </p>
      <h1>Your recommendation</h1>
      <ResultToolbar encoded={encoded} />
      <TryEvidenceNote searchParams={searchParams} />

      <section className="card summary" aria-labelledby="summary-title">
        <h2 id="summary-title">In short</h2>
        <p>
          {rec.kind === 'restoration' && rec.restorationMethods[0] ? (
            <>
              Start with <strong>{rec.restorationMethods[0].name}</strong>
              {rec.tools[0] ? (
                <>
                  {' '}
                  using <Link href={`/tools/${rec.tools[0].id}`}>{rec.tools[0].name}</Link>
                </>
              ) : null}
              .
            </>
          ) : top ? (
            <>
              Start with <strong>{top.name}</strong>
              {rec.tools[0] ? (
                <>
                  {' '}
                  — first try <Link href={`/tools/${rec.tools[0].id}`}>{rec.tools[0].name}</Link>
                </>
              ) : null}
              .
            </>
          ) : (
            'No category fits every must-have; see what was ruled out below.'
          )}
        </p>
        {rec.runnerPreset ? (
          <p>
            <Link className="button" href={rec.runnerPreset.route} data-testid="run-it-here">
              Run it here: 3D-RCAN {rec.runnerPreset.preset} preset
            </Link>{' '}
            <span className="muted">Runs in your browser; nothing is uploaded.</span>
          </p>
        ) : null}
      </section>

      {rec.categories.length > 0 ? (
        <section aria-labelledby="cat-title">
          <h2 id="cat-title">Kinds of tool, best first</h2>
          <p className="muted">The six kinds of method of book §8.5, scored against your answers.</p>
          <RankedList items={rec.categories} hrefFor={(id) => `/methods/${id}`} linked={linked} />
        </section>
      ) : null}

      {rec.restorationMethods.length > 0 ? (
        <section aria-labelledby="method-title">
          <h2 id="method-title">Restoration approaches, best first</h2>
          <RankedList items={rec.restorationMethods} hrefFor={(id) => `/restoration/${id}`} linked={linked} />
        </section>
      ) : null}

      {rec.tools.length > 0 ? (
        <section aria-labelledby="tool-title">
          <h2 id="tool-title">Tools, best first</h2>
          <RankedList items={rec.tools} hrefFor={(id) => `/tools/${id}`} linked={linked} />
          <p className="no-print">
            <Link href={`/compare?ids=${rec.tools.slice(0, 3).map((t) => t.id).join(',')}`}>Compare the top tools side by side</Link>
          </p>
        </section>
      ) : null}

      {rec.trainingApproach ? (
        <section aria-labelledby="training-title">
          <h2 id="training-title">Getting a model that works</h2>
          <p>
            <GlossaryText text={rec.trainingApproach.text} linked={linked} /> <BookRefLink bookRef={rec.trainingApproach.bookRef} />
          </p>
        </section>
      ) : null}

      {rec.deployment ? (
        <section aria-labelledby="deploy-title">
          <h2 id="deploy-title">Where to run it</h2>
          <p>
            <GlossaryText text={rec.deployment.text} linked={linked} /> <BookRefLink bookRef={rec.deployment.bookRef} />
          </p>
        </section>
      ) : null}

      {rec.learning ? (
        <section aria-labelledby="learning-title" data-testid="learning">
          <h2 id="learning-title">Learning the tools</h2>
          <p>
            <GlossaryText text={rec.learning.text} linked={linked} /> <BookRefLink bookRef={rec.learning.bookRef} />
            {rec.learning.resources.length > 0 ? (
              <>
                {' '}
                Where: <ToolLinks ids={rec.learning.resources} name={toolName} />.
              </>
            ) : null}
          </p>
        </section>
      ) : null}

      {rec.metric ? (
        <section aria-labelledby="metric-title">
          <h2 id="metric-title">How will I know it is good enough?</h2>
          <p>
            <strong>{rec.metric.name}.</strong> <GlossaryText text={rec.metric.text} linked={linked} /> <BookRefLink bookRef={rec.metric.bookRef} />
          </p>
          <p className="no-print">
            <Link className="button secondary" href={rec.metric.route} data-testid="evaluate-link">
              Compute it on your images
            </Link>
          </p>
        </section>
      ) : null}

      {rec.fallback.length > 0 ? (
        <section aria-labelledby="fallback-title">
          <h2 id="fallback-title">If this fails, try…</h2>
          <ol>
            {rec.fallback.map((f) => (
              <li key={f.kind === 'category' ? f.category : f.step} data-testid={`fallback-${f.kind === 'category' ? f.category : f.step}`}>
                {f.kind === 'restoration' ? <strong>{f.name}. </strong> : null}
                <GlossaryText text={f.text} linked={linked} /> <BookRefLink bookRef={f.bookRef} />
                {f.tools.length > 0 ? (
                  <>
                    {' '}
                    Tools: <ToolLinks ids={f.tools} name={toolName} />.
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {rec.excluded.length > 0 ? (
        <section aria-labelledby="excluded-title">
          <h2 id="excluded-title">Ruled out by your must-haves</h2>
          <ul>
            {rec.excluded.map((e) => (
              <li key={`${e.kind}-${e.id}`}>
                <strong>{e.name}</strong>: {e.text} <BookRefLink bookRef={e.bookRef} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="caveat-title">
        <h2 id="caveat-title">Keep in mind</h2>
        <ul>
          {rec.caveats.map((c) => (
            <li key={c.id}>
              <GlossaryText text={c.text} linked={linked} /> <BookRefLink bookRef={c.bookRef} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="next-title" className="no-print">
        <h2 id="next-title">Next steps</h2>
        <ul>
          <li>
            See the decision trees with your path highlighted:{' '}
            {kb.trees.map((t, i) => (
              <span key={t.id}>
                {i > 0 ? ', ' : ''}
                <Link href={`/trees/${t.id}?a=${encoded}`}>{t.title}</Link>
              </span>
            ))}
            .
          </li>
          <li>
            Stuck? The <Link href="/trees/troubleshooting">troubleshooting guide</Link> follows the book&apos;s Fig 9.10.
          </li>
        </ul>
      </section>

      {rec.glossary.length > 0 ? (
        <section aria-labelledby="terms-title">
          <h2 id="terms-title">Terms used here</h2>
          <p>
            {rec.glossary.map((id, i) => {
              const g = kb.glossary.find((x) => x.id === id);
              return g ? (
                <span key={id}>
                  {i > 0 ? ' · ' : ''}
                  <Link href={`/glossary/${id}`}>{g.term}</Link>
                </span>
              ) : null;
            })}
          </p>
        </section>
      ) : null}

      <section aria-labelledby="answers-title">
        <h2 id="answers-title">Your answers</h2>
        <dl className="facts">
          {kb.questions.questions
            .filter((q) => answers.values[q.id] !== undefined)
            .map((q) => {
              const v = answers.values[q.id]!;
              const ids = Array.isArray(v) ? v : [v];
              return (
                <div key={q.id} style={{ display: 'contents' }}>
                  <dt>{q.text}</dt>
                  <dd>
                    {ids.map((id) => q.options.find((o) => o.id === id)?.label ?? id).join('; ')}
                    {answers.mustHave.includes(q.id) ? <span className="tag">must-have</span> : null}
                  </dd>
                </div>
              );
            })}
        </dl>
      </section>
    </article>
  );
}

function RankedList({ items, hrefFor, linked }: { items: RankedItem[]; hrefFor: (id: string) => string; linked: Set<string> }) {
  return (
    <ol className="ranked">
      {items.map((item) => (
        <li key={item.id} className="card ranked-item" data-testid={`ranked-${item.id}`}>
          <h3>
            <Link href={hrefFor(item.id)}>{item.name}</Link> <span className="score">score {item.score}</span>
          </h3>
          <ReasonList reasons={item.reasons} linked={linked} />
        </li>
      ))}
    </ol>
  );
}

function ReasonList({ reasons, linked }: { reasons: Reason[]; linked: Set<string> }) {
  if (reasons.length === 0) return <p className="muted">No answer moved this item; it keeps its base score.</p>;
  return (
    <ul className="reasons">
      {reasons.map((r, i) => (
        <li key={i} className={r.effect}>
          <span className="sr-only">{r.effect === 'raised' ? 'Raised: ' : 'Lowered: '}</span>
          <span aria-hidden="true">{r.effect === 'raised' ? '▲' : '▼'}</span> <GlossaryText text={r.text} linked={linked} />{' '}
          <span className="muted">
            ({r.delta > 0 ? '+' : ''}
            {r.delta})
          </span>{' '}
          <BookRefLink bookRef={r.bookRef} />
        </li>
      ))}
    </ul>
  );
}

/** "A, B, C": tool names linked to their pages. */
function ToolLinks({ ids, name }: { ids: readonly string[]; name: (id: string) => string }) {
  return (
    <>
      {ids.map((t, i) => (
        <span key={t}>
          {i > 0 ? ', ' : ''}
          <Link href={`/tools/${t}`}>{name(t)}</Link>
        </span>
      ))}
    </>
  );
}
