import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { offlineAncestors, offlineSectionPath, offlineSubtree, type OfflineSection } from '@/lib/knowledge';

import { getOfflineBook } from '../../../_components/kb';
import { DraftNotice, OfflineBlocks, OfflineLicence } from '../_components/offline-parts';

export const dynamicParams = false;

export function generateStaticParams() {
  return getOfflineBook().sections.map((s) => ({ section: s.number }));
}

function label(s: OfflineSection): string {
  if (s.level > 1) return `§${s.number} ${s.title}`;
  return /^\d+$/.test(s.number) ? `Chapter ${s.number}: ${s.title}` : `Appendix ${s.number}: ${s.title}`;
}

function find(param: string): OfflineSection | undefined {
  const number = decodeURIComponent(param);
  return getOfflineBook().sections.find((s) => s.number === number);
}

export async function generateMetadata({ params }: { params: Promise<{ section: string }> }): Promise<Metadata> {
  const s = find((await params).section);
  return s ? { title: `${label(s)} (offline)`, description: `Offline text of ${label(s)} from a draft of AI in Microscopy: A BioImaging Guide.` } : {};
}

export default async function OfflineSectionPage({ params }: { params: Promise<{ section: string }> }) {
  const section = find((await params).section);
  if (!section) notFound();
  const book = getOfflineBook();
  // A chapter page shows its introduction and a table of contents; a section page shows all its subsections.
  const chapterPage = section.level === 1;
  const subtree = chapterPage ? [section] : offlineSubtree(book, section.number);
  const children = chapterPage ? book.sections.filter((s) => s.level === 2 && s.number.startsWith(`${section.number}.`)) : [];
  const figures = subtree.reduce((n, s) => n + s.figuresOmitted, 0);
  const empty = subtree.every((s) => s.blocks.length === 0) && children.length === 0;
  const parent = offlineAncestors(book, section.number).at(-1);
  return (
    <article className="offline-book">
      <p className="breadcrumbs">
        <Link href="/book/offline">Book sections offline</Link> ›{' '}
        {offlineAncestors(book, section.number).map((a) => (
          <span key={a.number}>
            <Link href={offlineSectionPath(a.number)} prefetch={false}>
              {a.level === 1 ? label(a) : `§${a.number}`}
            </Link>{' '}
            ›{' '}
          </span>
        ))}
      </p>
      <h1>{label(section)}</h1>
      <DraftNotice onlineUrl={section.url} figures={figures} />
      <div className="offline-text">
        {subtree.map((s) => {
          const Heading = s === section ? null : (`h${Math.min(s.level - section.level + 1, 6)}` as 'h2');
          return (
            <section key={s.number} aria-label={s === section ? undefined : label(s)}>
              {Heading ? <Heading id={`s-${s.number}`}>{label(s)}</Heading> : null}
              <OfflineBlocks blocks={s.blocks} />
            </section>
          );
        })}
        {empty && parent ? (
          <>
            <p className="muted">This section is a heading only in the draft; here is the introduction of {label(parent)}.</p>
            <OfflineBlocks blocks={parent.blocks} />
          </>
        ) : null}
        {children.length > 0 ? (
          <nav aria-label="Sections of this chapter">
            <h2>Sections</h2>
            <ul>
              {children.map((c) => (
                <li key={c.number}>
                  <Link href={offlineSectionPath(c.number)} prefetch={false}>
                    {label(c)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>
      <p>
        <a className="book-link" href={section.url} target="_blank" rel="noopener noreferrer">
          Read {label(section)} in the online book
        </a>
      </p>
      <OfflineLicence book={book} />
    </article>
  );
}
