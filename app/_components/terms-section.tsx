import { getKb } from './kb';
import { TermLink } from './term-link';

/** "Terms to know": the glossary terms an entity uses, each linked with its one-line definition. */
export function TermsSection({ ids }: { ids: readonly string[] }) {
  const glossary = getKb().glossary;
  const terms = ids.map((id) => glossary.find((g) => g.id === id)).filter((g) => g !== undefined);
  if (terms.length === 0) return null;
  return (
    <section aria-labelledby="terms">
      <h2 id="terms">Terms to know</h2>
      <ul>
        {terms.map((g) => (
          <li key={g.id}>
            <TermLink id={g.id}>{g.term}</TermLink> — {g.short}
          </li>
        ))}
      </ul>
    </section>
  );
}
