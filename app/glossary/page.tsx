import type { Metadata } from 'next';
import Link from 'next/link';

import { getKb } from '../_components/kb';

export const metadata: Metadata = { title: 'Glossary' };

export default function GlossaryIndex() {
  const terms = [...getKb().glossary].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
  const groups = new Map<string, typeof terms>();
  for (const t of terms) {
    const letter = /[A-Za-z]/.test(t.term[0] ?? '') ? t.term[0]!.toUpperCase() : '#';
    groups.set(letter, [...(groups.get(letter) ?? []), t]);
  }
  return (
    <>
      <h1>Glossary</h1>
      <p className="lead">
        {terms.length} terms in plain language. {terms.filter((t) => t.source === 'book').length} come from the book&apos;s glossary; the rest are terms this site uses
        that the book does not define.
      </p>
      <nav aria-label="Letters" className="no-print letter-index">
        {[...groups.keys()].map((l) => (
          <a key={l} href={`#letter-${l}`}>
            {l}
          </a>
        ))}
      </nav>
      {[...groups.entries()].map(([letter, list]) => (
        <section key={letter} aria-labelledby={`letter-${letter}`}>
          <h2 id={`letter-${letter}`}>{letter}</h2>
          <dl>
            {list.map((t) => (
              <div key={t.id} style={{ marginBottom: '0.6rem' }}>
                <dt>
                  <Link href={`/glossary/${t.id}`} prefetch={false}>
                    {t.term}
                  </Link> {t.source === 'navigator' ? <span className="tag">not in the book</span> : null}
                </dt>
                <dd style={{ margin: 0 }}>{t.short}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}
