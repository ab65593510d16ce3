import { getGlossaryMatcher } from './kb';
import { TermLink } from './term-link';

/**
 * Render a sentence of prose with glossary terms linked (first mention only).
 * Pass `linked` to share "already linked" state across several paragraphs of one page.
 */
export function GlossaryText({ text, linked, skip }: { text: string; linked?: Set<string>; skip?: string }) {
  const seen = linked ?? new Set<string>();
  if (skip) seen.add(skip);
  const segments = getGlossaryMatcher().link(text, seen);
  return (
    <>
      {segments.map((s, i) =>
        s.termId ? (
          <TermLink key={i} id={s.termId}>
            {s.text}
          </TermLink>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
