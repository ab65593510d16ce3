import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { facetValueLabel } from '@/lib/knowledge';

import { BookRefList } from '../../_components/book-ref-link';
import { GlossaryText } from '../../_components/glossary-text';
import { getKb } from '../../_components/kb';
import { TermsSection } from '../../_components/terms-section';

export const dynamicParams = false;

export function generateStaticParams() {
  return getKb().categories.map((c) => ({ id: c.id }));
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const c = getKb().categories.find((x) => x.id === id);
  return c ? { title: c.name, description: c.summary } : {};
}

export default async function MethodCategoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const kb = getKb();
  const category = kb.categories.find((c) => c.id === id);
  if (!category) notFound();
  const ordered = [...kb.categories].sort((a, b) => a.order - b.order);
  const index = ordered.findIndex((c) => c.id === category.id);
  const prev = ordered[index - 1];
  const next = ordered[index + 1];
  const linked = new Set<string>();
  const examples = category.exampleTools.map((t) => kb.tools.find((x) => x.id === t)).filter((t) => t !== undefined);
  const all = kb.tools.filter((t) => t.categories.includes(category.id)).sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));

  return (
    <article>
      <p className="breadcrumbs">
        <Link href="/methods">Method categories</Link> ›
      </p>
      <h1>{category.name}</h1>
      <p className="muted">
        Category {category.order} of {ordered.length} in order of computational comfort needed.
      </p>
      <p className="lead">
        <GlossaryText text={category.summary} linked={linked} />
      </p>
      <p>
        <GlossaryText text={category.description} linked={linked} />
      </p>

      <section aria-labelledby="attributes">
        <h2 id="attributes">What it asks of you</h2>
        <dl className="facts">
          <dt>Computational comfort</dt>
          <dd>{category.computationalComfort}</dd>
          <dt>Time required</dt>
          <dd>{category.timeRequired}</dd>
          <dt>Best if your priorities include</dt>
          <dd>
            <GlossaryText text={category.bestIfPriorities} linked={linked} />
          </dd>
          <dt>Biological expertise</dt>
          <dd>{category.biologicalExpertise}</dd>
          <dt>Noise and variability</dt>
          <dd>
            <GlossaryText text={category.noiseHandling} linked={linked} />
          </dd>
          <dt>Largest drawback</dt>
          <dd>
            <GlossaryText text={category.largestDrawback} linked={linked} />
          </dd>
        </dl>
      </section>

      <section aria-labelledby="examples">
        <h2 id="examples">Example tools</h2>
        <ul className="cards plain-list">
          {examples.map((t) => (
            <li key={t.id} className="card">
              <Link href={`/tools/${t.id}`}>{t.name}</Link>
              <p>{t.summary}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="all-tools">
        <h2 id="all-tools">All tools in this category ({all.length})</h2>
        {all.length > 0 ? (
          <ul>
            {all.map((t) => (
              <li key={t.id}>
                <Link href={`/tools/${t.id}`} prefetch={false}>
                  {t.name}
                </Link>{' '}
                <span className="muted">— {t.tasks.map(facetValueLabel).join(', ').toLowerCase()}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No tool in the catalogue is tagged with this category yet.</p>
        )}
        <p>
          <Link href={`/tools?category=${category.id}`}>Filter the tools list by this category</Link>
        </p>
      </section>

      <section aria-labelledby="book">
        <h2 id="book">In the book</h2>
        <BookRefList refs={category.bookRefs} />
      </section>

      <TermsSection ids={category.glossary} />

      <nav aria-label="Other categories" className="pager no-print">
        {prev ? <Link href={`/methods/${prev.id}`}>← {prev.name} (less computational comfort)</Link> : <span />}
        {next ? <Link href={`/methods/${next.id}`}>{next.name} (more computational comfort) →</Link> : <span />}
      </nav>
    </article>
  );
}
