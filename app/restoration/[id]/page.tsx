import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { facetValueLabel } from '@/lib/knowledge';

import { BookRefList } from '../../_components/book-ref-link';
import { GlossaryText } from '../../_components/glossary-text';
import { getKb } from '../../_components/kb';
import { TermsSection } from '../../_components/terms-section';
import { DATA_NEED_LABELS, FAILURE_LABELS, FAMILY_LABELS, RUNNER_LABELS, TASK_INTROS } from '../_components/labels';

export const dynamicParams = false;

export function generateStaticParams() {
  return getKb().restorationMethods.map((m) => ({ id: m.id }));
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const m = getKb().restorationMethods.find((x) => x.id === id);
  return m ? { title: m.name, description: m.summary } : {};
}

export default async function RestorationMethodPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const kb = getKb();
  const method = kb.restorationMethods.find((m) => m.id === id);
  if (!method) notFound();
  const linked = new Set<string>();
  const tools = method.tools.map((t) => kb.tools.find((x) => x.id === t)).filter((t) => t !== undefined);
  const related = kb.restorationMethods.filter((m) => m.id !== method.id && m.tasks.some((t) => method.tasks.includes(t)));

  return (
    <article>
      <p className="breadcrumbs">
        <Link href="/restoration">Restoration methods</Link> ›
      </p>
      <h1>{method.name}</h1>
      <p className="lead">
        <GlossaryText text={method.summary} linked={linked} />
      </p>
      {method.runnerPreset ? (
        <p className="callout no-print">
          This method can be tried on your own stack in the browser with the built-in 3D-RCAN runner ({RUNNER_LABELS[method.runnerPreset] ?? method.runnerPreset}{' '}
          preset); nothing is uploaded.{' '}
          <Link className="button" href={`/restore?preset=${method.runnerPreset}`} data-testid="run-it-here">
            Run it here
          </Link>
        </p>
      ) : null}
      <p>
        <GlossaryText text={method.description} linked={linked} />
      </p>

      <section aria-labelledby="attributes">
        <h2 id="attributes">At a glance</h2>
        <dl className="facts">
          <dt>Family</dt>
          <dd>{FAMILY_LABELS[method.family] ?? method.family}</dd>
          <dt>Fixes</dt>
          <dd>{method.tasks.map((t) => TASK_INTROS[t]?.title ?? t).join(', ')}</dd>
          <dt>Dimensionality</dt>
          <dd>{method.dimensionality.map(facetValueLabel).join(', ')}</dd>
          <dt>Suits live-cell imaging</dt>
          <dd>{method.liveCellFriendly ? 'yes' : 'no'}</dd>
        </dl>
      </section>

      <section aria-labelledby="data">
        <h2 id="data">Data you need</h2>
        <p className="muted">Any one of these is enough.</p>
        <ul>
          {method.dataNeeds.map((d) => (
            <li key={d}>{DATA_NEED_LABELS[d] ?? d}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="failures">
        <h2 id="failures">How it can fail</h2>
        <dl className="facts">
          {method.failureModes.map((f, i) => (
            <div key={i} className="facts-row">
              <dt>{FAILURE_LABELS[f.kind] ?? f.kind}</dt>
              <dd>
                <GlossaryText text={f.text} linked={linked} />
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="tools">
        <h2 id="tools">Tools that implement it</h2>
        {tools.length > 0 ? (
          <ul>
            {tools.map((t) => (
              <li key={t.id}>
                <Link href={`/tools/${t.id}`}>{t.name}</Link> <span className="muted">— {t.summary}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No tool in the catalogue is listed for it.</p>
        )}
      </section>

      <section aria-labelledby="book">
        <h2 id="book">In the book</h2>
        <BookRefList refs={method.bookRefs} />
      </section>

      <TermsSection ids={method.glossary} />

      {related.length > 0 ? (
        <section aria-labelledby="related">
          <h2 id="related">Other methods for the same task</h2>
          <ul>
            {related.map((m) => (
              <li key={m.id}>
                <Link href={`/restoration/${m.id}`}>{m.name}</Link> <span className="muted">({FAMILY_LABELS[m.family] ?? m.family})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
