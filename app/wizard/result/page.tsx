import type { Metadata } from 'next';
import Link from 'next/link';

import { BookRefLink } from '@/app/_components/book-ref-link';
import { GlossaryText } from '@/app/_components/glossary-text';
import { getKb } from '@/app/_components/kb';
import { buildPlan, type Exclusion, type RankedItem, type Reason, recommend, TOP_N } from '@/lib/recommend';
import { encodeAnswers } from '@/lib/wizard';

import { decodeParam } from '../_components/decode-param';
import { NATURE_LABEL, PlanView } from '../_components/plan-view';
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
  const plan = buildPlan(rec, answers, kb);
  const hardLimits = new Set(plan.constraints.filter((c) => c.nature === 'hard-limit').map((c) => c.question));
  const linked = new Set<string>();
  const toolName = (id: string) => kb.tools.find((t) => t.id === id)?.name ?? id;
  const shownTools = rec.tools.filter((t) => t.score > 0).slice(0, TOP_N.tools);
  const moreTools = rec.tools.filter((t) => !shownTools.includes(t));

  return (
    <article className="result">
      <p className="breadcrumbs no-print">
        <Link href={`/wizard?a=${encoded}`}>Wizard</Link> › Result
      </p>
      <div className="result-head">
        <h1>Your recommendation</h1>
        <ResultToolbar encoded={encoded} />
      </div>
      {decoded.upgradedFrom ? (
        <p role="status" className="card">
          {decoded.upgradedFrom.note}
        </p>
      ) : null}

      <TryEvidenceNote searchParams={searchParams} />

      <PlanView plan={plan} linked={linked} />

      <div className="evidence" data-testid="evidence">
        <h2 className="evidence-title">The evidence</h2>
        <p className="muted">
          Why the plan says what it says: the ranking behind it, with the answers that moved each item and the book sections that support them. Book links open the online
          book.
        </p>

        {rec.categories.length > 0 ? (
          <section aria-labelledby="cat-title">
            <h2 id="cat-title">Kinds of tool that fit</h2>
            <p className="muted">The six kinds of method of book §8.5, scored against your answers; the top three are shown.</p>
            <RankedList items={rec.categories.slice(0, TOP_N.categories)} hrefFor={(id) => `/methods/${id}`} linked={linked} />
            <ShowAll label="kinds of tool" items={rec.categories.slice(TOP_N.categories)} hrefFor={(id) => `/methods/${id}`} linked={linked} start={TOP_N.categories} />
          </section>
        ) : null}

        {rec.restorationMethods.length > 0 ? (
          <section aria-labelledby="method-title">
            <h2 id="method-title">Restoration approaches that fit</h2>
            <RankedList items={rec.restorationMethods.slice(0, TOP_N.methods)} hrefFor={(id) => `/restoration/${id}`} linked={linked} />
            <ShowAll label="approaches" items={rec.restorationMethods.slice(TOP_N.methods)} hrefFor={(id) => `/restoration/${id}`} linked={linked} start={TOP_N.methods} />
          </section>
        ) : null}

        {rec.tools.length > 0 ? (
          <section aria-labelledby="tool-title">
            <h2 id="tool-title">Tools that fit</h2>
            {shownTools.length > 0 ? (
              <RankedList items={shownTools} hrefFor={(id) => `/tools/${id}`} linked={linked} />
            ) : (
              <p>No tool scores above zero for your answers; the full list below shows how close each one comes.</p>
            )}
            <ShowAll label="tools" items={moreTools} hrefFor={(id) => `/tools/${id}`} linked={linked} start={shownTools.length} />
            <p className="no-print">
              <Link href={`/compare?ids=${shownTools.slice(0, 3).map((t) => t.id).join(',')}`}>Compare the top tools side by side</Link>
            </p>
          </section>
        ) : null}

        {rec.excluded.length > 0 ? (
          <section aria-labelledby="excluded-title">
            <h2 id="excluded-title">Ruled out by your constraints</h2>
            <ExcludedList excluded={rec.excluded} mustHave={answers.mustHave} />
          </section>
        ) : null}

        {rec.fallback.length > 0 ? (
          <section aria-labelledby="fallback-title" className="print-optional">
            <h2 id="fallback-title">If this fails, the whole ladder</h2>
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

        {rec.preprocessing.length > 0 ? (
          <section aria-labelledby="prep-title" className="print-optional" data-testid="preprocessing">
            <h2 id="prep-title">Clean-up before the analysis</h2>
            <ul>
              {rec.preprocessing.map((p) => (
                <li key={p.step}>
                  {p.label.replace(/\.$/, '')}: <ToolLinks ids={p.tools} name={toolName} />. <BookRefLink bookRef={p.bookRef} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {rec.learning ? (
          <section aria-labelledby="learning-title" data-testid="learning" className="print-optional">
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

        {rec.goodEnough ? (
          <section aria-labelledby="good-enough-title" data-testid="good-enough">
            <h2 id="good-enough-title">How good is good enough?</h2>
            <p>
              <GlossaryText text={rec.goodEnough.text} linked={linked} /> <BookRefLink bookRef={rec.goodEnough.bookRef} />
            </p>
            <details className="print-optional">
              <summary>Questions to ask before polishing further</summary>
              <ul>
                {rec.goodEnough.heuristics.map((h) => (
                  <li key={h}>
                    <GlossaryText text={h} linked={linked} />
                  </li>
                ))}
              </ul>
            </details>
          </section>
        ) : null}

        {rec.treeOutcomes.length > 0 ? (
          <section aria-labelledby="trees-title">
            <h2 id="trees-title">Where the book&apos;s decision paths lead</h2>
            <ul>
              {rec.treeOutcomes.map((o) => (
                <li key={o.tree}>
                  <Link href={`/trees/${o.tree}?a=${encoded}`}>{o.title}</Link>
                  {o.figure ? ` (${o.figure})` : ''}: <strong>{o.label}</strong>
                  {o.note ? <> — {o.note}</> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

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
            <li>
              Teaching? Open the <Link href={`/wizard/result/present?a=${encoded}`}>present view</Link> of this plan for a projector.
            </li>
          </ul>
        </section>

        {rec.glossary.length > 0 ? (
          <section aria-labelledby="terms-title" className="print-optional">
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

        <section aria-labelledby="answers-title" className="print-optional">
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
                      {hardLimits.has(q.id) ? <span className="tag tag-warn">{NATURE_LABEL['hard-limit']}</span> : null}
                    </dd>
                  </div>
                );
              })}
          </dl>
        </section>
      </div>
    </article>
  );
}

/** The items beyond the top ones, behind a "show all" disclosure (kept for trainers and the curious). */
function ShowAll({ label, items, hrefFor, linked, start }: { label: string; items: RankedItem[]; hrefFor: (id: string) => string; linked: Set<string>; start: number }) {
  if (items.length === 0) return null;
  return (
    <details className="show-all" data-testid={`show-all-${label.replace(/ /g, '-')}`}>
      <summary>
        Show all {items.length + start} {label} ({items.length} more)
      </summary>
      <RankedList items={items} hrefFor={hrefFor} linked={linked} start={start} />
    </details>
  );
}

/** How many ruled-out items the plan's print lists; the rest are on screen and in "print all". */
const PRINTED_EXCLUSIONS = 8;

/** Exclusions grouped by item: the rule (constraint) that removed each, and whether it was a marked must-have. */
function ExcludedList({ excluded, mustHave }: { excluded: Exclusion[]; mustHave: string[] }) {
  const byItem = new Map<string, Exclusion[]>();
  for (const e of excluded) byItem.set(`${e.kind}:${e.id}`, [...(byItem.get(`${e.kind}:${e.id}`) ?? []), e]);
  const unprinted = byItem.size - PRINTED_EXCLUSIONS;
  return (
    <ul className="excluded">
      {[...byItem.entries()].map(([key, list]) => (
        <li key={key} data-testid={`excluded-${list[0]!.id}`}>
          <strong>{list[0]!.name}</strong>:{' '}
          {list.map((e, i) => (
            <span key={e.question}>
              {i > 0 ? '; ' : ''}
              {e.text}
              {mustHave.includes(e.question) ? null : e.question === 'restoration-data' || e.question === 'annotations' ? (
                <span className="tag">{NATURE_LABEL.data}</span>
              ) : (
                <span className="tag tag-warn">{NATURE_LABEL['hard-limit']}</span>
              )}
            </span>
          ))}{' '}
          <span className="book-group">
            {unique(list.map((e) => e.bookRef)).map((r) => (
              <BookRefLink key={r.section} bookRef={r} />
            ))}
          </span>
        </li>
      ))}
      {unprinted > 0 ? (
        <li className="excluded-more" data-testid="excluded-more">
          … and {unprinted} more, listed on screen and with &ldquo;print all&rdquo;
        </li>
      ) : null}
    </ul>
  );
}

function unique<T extends { section: string }>(refs: T[]): T[] {
  const seen = new Set<string>();
  return refs.filter((r) => (seen.has(r.section) ? false : (seen.add(r.section), true)));
}

function RankedList({ items, hrefFor, linked, start = 0 }: { items: RankedItem[]; hrefFor: (id: string) => string; linked: Set<string>; start?: number }) {
  return (
    <ol className="ranked" start={start + 1}>
      {items.map((item) => (
        <li key={item.id} className={`card ranked-item${item.score <= 0 ? ' poor-fit' : ''}`} data-testid={`ranked-${item.id}`}>
          <h3>
            <Link href={hrefFor(item.id)}>{item.name}</Link> <span className="score">score {item.score}</span>
            {item.score <= 0 ? <span className="tag tag-warn">poor fit for your answers</span> : null}
          </h3>
          <ReasonList reasons={item.reasons} linked={linked} />
        </li>
      ))}
    </ol>
  );
}

/** Reasons without a book link on every line; the item's book sections follow once, grouped. */
function ReasonList({ reasons, linked }: { reasons: Reason[]; linked: Set<string> }) {
  if (reasons.length === 0) return <p className="muted">No answer moved this item; it keeps its base score.</p>;
  const refs = unique(reasons.map((r) => r.bookRef));
  return (
    <>
      <ul className="reasons">
        {reasons.map((r, i) => (
          <li key={i} className={r.effect}>
            <span className="sr-only">{r.effect === 'raised' ? 'Raised: ' : 'Lowered: '}</span>
            <span aria-hidden="true">{r.effect === 'raised' ? '▲' : '▼'}</span> <GlossaryText text={r.text} linked={linked} />{' '}
            <span className="muted">
              ({r.delta > 0 ? '+' : ''}
              {r.delta})
            </span>
          </li>
        ))}
      </ul>
      <p className="book-group">
        <span className="muted">Book: </span>
        {refs.map((r, i) => (
          <span key={r.section}>
            {i > 0 ? ' · ' : ''}
            <BookRefLink bookRef={r} />
          </span>
        ))}
      </p>
    </>
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
