'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';

import { SEARCH_TYPES, type SearchType } from '@/lib/knowledge/search';

import { TYPE_LABELS } from '../_components/search-labels';
import { useSearchEngine } from '../_components/use-search';

/** The /search page body: query and type filters live in the URL, so results can be shared. */
export function SearchView() {
  const params = useSearchParams();
  const router = useRouter();
  const query = params.get('q') ?? '';
  const types = (params.get('types')?.split(',') ?? []).filter((t): t is SearchType => (SEARCH_TYPES as readonly string[]).includes(t));
  const { engine, error } = useSearchEngine();
  const results = engine ? engine.search(query, { types, limit: 50 }) : [];

  const update = (q: string, t: SearchType[]) => {
    const next = new URLSearchParams();
    if (q) next.set('q', q);
    if (t.length > 0) next.set('types', t.join(','));
    router.replace(`/search${next.size > 0 ? `?${next}` : ''}`, { scroll: false });
  };

  return (
    <>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="search-q">Search</label>
        <input id="search-q" type="search" value={query} onChange={(e) => update(e.target.value, types)} style={{ width: '100%', marginTop: '0.3rem' }} autoFocus />
        <fieldset style={{ border: 0, padding: 0, marginTop: '0.6rem' }}>
          <legend className="muted">Only show</legend>
          {SEARCH_TYPES.map((t) => (
            <label key={t} style={{ marginRight: '1rem', whiteSpace: 'nowrap' }}>
              <input type="checkbox" checked={types.includes(t)} onChange={(e) => update(query, e.target.checked ? [...types, t] : types.filter((x) => x !== t))} /> {TYPE_LABELS[t]}
            </label>
          ))}
        </fieldset>
      </form>
      {error ? <p role="alert">{error}</p> : null}
      {!engine && !error ? <p className="muted">Loading the search index…</p> : null}
      {engine && query.trim().length >= 2 ? (
        <p aria-live="polite" className="muted">
          {results.length} result{results.length === 1 ? '' : 's'} for “{query}”
        </p>
      ) : null}
      <ol className="result-list" data-testid="search-results">
        {results.map((r) => (
          <li key={`${r.type}-${r.id}`}>
            <Link href={r.url}>
              <strong>{r.title}</strong>
            </Link>{' '}
            <span className="tag">{TYPE_LABELS[r.type]}</span>
            <br />
            <span className="muted">{r.summary}</span>
          </li>
        ))}
      </ol>
    </>
  );
}
