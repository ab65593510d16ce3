import Link from 'next/link';

import type { BookRef } from '@/lib/knowledge';

import { offlineHref, resolveRef } from './kb';

/**
 * "§9.3.6 Fine-Tuning Pre-existing Models" linking to the exact section of the online book, followed by
 * a small "read offline" link to the site's offline copy of that section when there is one.
 */
export function BookRefLink({ bookRef, showWhy = false }: { bookRef: BookRef; showWhy?: boolean }) {
  const r = resolveRef(bookRef);
  if (!r) return null;
  const label = /^\d+$|^[A-Z]$/.test(r.number) && r.title ? `${r.chapterLabel}: ${r.title}` : `§${r.number} ${r.title}`;
  const offline = offlineHref(r.number);
  return (
    <>
      <a className="book-link" href={r.url} target="_blank" rel="noopener noreferrer" data-book-section={r.number} title="Opens the online book (needs the internet)">
        {label}
      </a>
      {offline ? (
        <>
          {' '}
          <Link className="offline-link no-print" href={offline} prefetch={false} aria-label={`read offline: ${label}`} data-offline-section={r.number}>
            read offline
          </Link>
        </>
      ) : null}
      {showWhy && bookRef.why ? <span className="muted"> — {bookRef.why}</span> : null}
    </>
  );
}

export function BookRefList({ refs, showWhy = true }: { refs: readonly BookRef[]; showWhy?: boolean }) {
  if (refs.length === 0) return null;
  return (
    <ul className="book-refs">
      {refs.map((ref, i) => (
        <li key={`${ref.section}-${i}`}>
          <BookRefLink bookRef={ref} showWhy={showWhy} />
        </li>
      ))}
    </ul>
  );
}
