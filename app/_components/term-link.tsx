import { getKb } from './kb';
import { TermAnchor } from './term-anchor';

/** A glossary term in prose (server component): looks the term up and renders a {@link TermAnchor}. */
export function TermLink({ id, children }: { id: string; children?: React.ReactNode }) {
  const term = getKb().glossary.find((g) => g.id === id);
  if (!term) return <>{children}</>;
  return (
    <TermAnchor id={id} short={term.short}>
      {children ?? term.term}
    </TermAnchor>
  );
}
