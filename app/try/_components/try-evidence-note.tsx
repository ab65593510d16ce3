import { BookRefLink } from '@/app/_components/book-ref-link';
import { decodeEvidence, EVIDENCE_PARAM, methodLabel, nextStep } from '@/lib/segment';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * On the wizard result: what the user saw on /try (`?tried=…`), e.g. "Otsu threshold + watershed
 * gave F1 0.62 on your image: not good enough" (and, for a score from a few drawn outlines, how
 * many), and the book's next step. Renders nothing without it.
 */
export async function TryEvidenceNote({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const raw = params[EVIDENCE_PARAM];
  const list = decodeEvidence(typeof raw === 'string' ? raw : undefined);
  if (list.length === 0) return null;
  const next = nextStep(list);
  const a = typeof params.a === 'string' ? params.a : undefined;
  return (
    <aside className="callout" aria-labelledby="try-evidence-title" data-testid="try-evidence-note">
      <h2 id="try-evidence-title">What you saw on your own image</h2>
      <ul>
        {list.map((e) => (
          <li key={e.rung}>
            {capitalise(methodLabel(e))}
            {e.f1 === undefined ? ' was judged by eye' : ` gave F1 ${e.f1.toFixed(2)} on your image${e.outlines === undefined ? '' : ` (scored on the ${e.outlines} object${e.outlines === 1 ? '' : 's'} you outlined)`}`}:{' '}
            {e.verdict === 'works' ? 'good enough' : 'not good enough'}.
          </li>
        ))}
      </ul>
      <p>
        The book&apos;s next step: {next.text} (<BookRefLink bookRef={{ section: next.section }} />
        ).
      </p>
      <p className="small">
        <a href={a ? `/try?a=${encodeURIComponent(a)}` : '/try'}>Try again on your image</a>
      </p>
    </aside>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
