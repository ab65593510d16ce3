import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { bookGlossaryUrl } from '@/lib/knowledge';

import { BookRefList } from '../../_components/book-ref-link';
import { GlossaryText } from '../../_components/glossary-text';
import { getKb } from '../../_components/kb';
import { pageTitle } from '../../_components/page-title';

export const dynamicParams = false;

export function generateStaticParams() {
  return getKb().glossary.map((g) => ({ id: g.id }));
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const term = getKb().glossary.find((g) => g.id === id);
  return term ? { title: term.term, description: term.short } : {};
}

export default async function GlossaryTermPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const kb = getKb();
  const term = kb.glossary.find((g) => g.id === id);
  if (!term) notFound();
  const bookUrl = term.bookAnchor ? bookGlossaryUrl(term.bookAnchor, kb.book) : null;
  const related = term.related.map((r) => kb.glossary.find((g) => g.id === r)).filter((g) => g !== undefined);
  return (
    <article>
      <p className="breadcrumbs">
        <Link href="/glossary">Glossary</Link> ›
      </p>
      <h1>{term.term}</h1>
      {term.aliases.length > 0 ? <p className="muted">Also called: {term.aliases.join(', ')}</p> : null}
      <p className="lead">
        <GlossaryText text={term.definition} skip={term.id} />
      </p>
      {bookUrl ? (
        <p>
          <a className="book-link" href={bookUrl} target="_blank" rel="noopener noreferrer" data-testid="book-glossary-link">
            Read the book&apos;s glossary entry
          </a>
        </p>
      ) : (
        <p className="muted">This term is not in the book&apos;s glossary; the definition above is this site&apos;s.</p>
      )}
      {term.bookRefs.length > 0 ? (
        <section>
          <h2>Where the book discusses it</h2>
          <BookRefList refs={term.bookRefs} />
        </section>
      ) : null}
      {related.length > 0 ? (
        <section>
          <h2>Related terms</h2>
          <ul>
            {related.map((r) => (
              <li key={r.id}>
                <Link href={`/glossary/${r.id}`}>{r.term}</Link> — {r.short}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {term.pages.length > 0 ? (
        <section>
          <h2>Where it matters on this site</h2>
          <ul>
            {term.pages.map((p) => (
              <li key={p}>
                <Link href={p}>{pageTitle(p, kb)}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
