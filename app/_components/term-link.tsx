import Link from 'next/link';

import { getKb } from './kb';

/** A glossary term in prose: links to its page, shows the one-line definition on hover and focus. */
export function TermLink({ id, children }: { id: string; children?: React.ReactNode }) {
  const term = getKb().glossary.find((g) => g.id === id);
  if (!term) return <>{children}</>;
  const tipId = `tip-${id}-${Math.abs(hash(String(children ?? term.term)))}`;
  return (
    <Link href={`/glossary/${id}`} className="term" aria-describedby={tipId}>
      {children ?? term.term}
      <span role="tooltip" id={tipId} className="term-tip">
        {term.short}
      </span>
    </Link>
  );
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}
