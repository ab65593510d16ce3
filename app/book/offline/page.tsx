import type { Metadata } from 'next';
import Link from 'next/link';

import { buildBookMap, offlineChapterOf, offlineSectionPath } from '@/lib/knowledge';

import { getKb, getOfflineBook } from '../../_components/kb';
import { OfflineLicence } from './_components/offline-parts';

export const metadata: Metadata = {
  title: 'Book sections offline',
  description: 'An offline copy of the sections of AI in Microscopy: A BioImaging Guide that this site cites, for workshops without internet.',
};

export default function OfflineBookIndexPage() {
  const kb = getKb();
  const book = getOfflineBook();
  const map = buildBookMap(kb);
  const citedCount = new Map<string, number>();
  for (const ch of map.chapters) {
    if (ch.citations.length > 0) citedCount.set(ch.chapter.number, ch.citations.length);
    for (const s of ch.sections) if (s.citations.length > 0) citedCount.set(s.section.number, s.citations.length);
  }
  return (
    <article className="offline-book">
      <p className="breadcrumbs">
        <Link href="/book">Book map</Link> ›
      </p>
      <h1>Book sections offline</h1>
      <p className="lead">
        The text of the sections of <cite>{book.book.title}</cite> that this site cites, readable without the internet (in a workshop, for instance).
      </p>
      <p className="draft-notice" data-testid="draft-notice">
        Made from the text of a draft of the book; the published version may differ. Figures are omitted (some are third-party material); each page links to its section in the{' '}
        <a className="book-link" href={book.book.url} target="_blank" rel="noopener noreferrer">
          online book
        </a>
        .
      </p>
      {book.chapters.map((chapter) => {
        const top = book.sections.find((s) => s.number === chapter);
        const cited = book.sections.filter((s) => offlineChapterOf(s.number) === chapter && s.level > 1 && citedCount.has(s.number));
        if (!top) return null;
        const heading = /^\d+$/.test(chapter) ? `Chapter ${chapter}: ${top.title}` : `Appendix ${chapter}: ${top.title}`;
        return (
          <section key={chapter} aria-labelledby={`offline-chapter-${chapter}`}>
            <h2 id={`offline-chapter-${chapter}`}>
              <Link href={offlineSectionPath(chapter)} prefetch={false}>
                {heading}
              </Link>
            </h2>
            <ul className="book-sections">
              {cited.map((s) => (
                <li key={s.number} className={`level-${Math.min(s.level, 4)}`}>
                  <Link href={offlineSectionPath(s.number)} prefetch={false} data-offline-index={s.number}>
                    §{s.number} {s.title}
                  </Link>{' '}
                  <span className="muted">
                    (cited by {citedCount.get(s.number)} {citedCount.get(s.number) === 1 ? 'page' : 'pages'})
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {book.missing.length > 0 ? (
        <section aria-labelledby="offline-missing">
          <h2 id="offline-missing">Cited but only online</h2>
          <ul>
            {book.missing.map((m) => {
              const chapter = kb.book.chapters.find((c) => c.number === offlineChapterOf(m.section));
              return (
                <li key={m.section}>
                  {chapter ? (
                    <a className="book-link" href={chapter.url} target="_blank" rel="noopener noreferrer">
                      {/^\d+$/.test(chapter.number) ? `Chapter ${chapter.number}` : chapter.number}: {chapter.title}
                    </a>
                  ) : (
                    m.section
                  )}{' '}
                  <span className="muted">— {m.reason}</span>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <OfflineLicence book={book} />
    </article>
  );
}
