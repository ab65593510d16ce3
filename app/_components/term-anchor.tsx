'use client';

import Link from 'next/link';
import { useId } from 'react';

/**
 * The markup of a glossary term in prose: a link to its page whose one-line definition shows on
 * hover and on keyboard focus (CSS in globals.css). Presentational, so client components use it too.
 */
export function TermAnchor({ id, short, children }: { id: string; short: string; children: React.ReactNode }) {
  // useId keeps tooltip ids unique when a term appears more than once on a page.
  const tipId = `tip-${useId()}`;
  return (
    <Link href={`/glossary/${id}`} className="term" aria-describedby={tipId} prefetch={false}>
      {children}
      <span role="tooltip" id={tipId} className="term-tip">
        {short}
      </span>
    </Link>
  );
}

/** Prose segments with glossary links, prepared on the server (see `linkProse`). */
export type ProseSegment = { text: string; term?: { id: string; short: string } };

export function Prose({ segments }: { segments: readonly ProseSegment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.term ? (
          <TermAnchor key={i} id={s.term.id} short={s.term.short}>
            {s.text}
          </TermAnchor>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
