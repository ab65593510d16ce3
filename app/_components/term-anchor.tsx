import Link from 'next/link';

/**
 * The markup of a glossary term in prose: a link to its page whose one-line definition shows on
 * hover and on keyboard focus (CSS in globals.css). Presentational, so client components use it too.
 */
export function TermAnchor({ id, short, children }: { id: string; short: string; children: React.ReactNode }) {
  const tipId = `tip-${id}-${Math.abs(hash(`${id}:${String(children)}`))}`;
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

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}
