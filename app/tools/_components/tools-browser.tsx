'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';

import {
  FACET_IDS,
  FACETS,
  countSelected,
  emptyFacetSelection,
  facetCounts,
  facetValueLabel,
  filterTools,
  parseFacetSelection,
  serializeFacetSelection,
  toggleFacetValue,
  usedFacetValues,
  type FacetId,
  type FacetSelection,
} from '@/lib/knowledge/facets';

import type { ToolSummary } from './tool-summary';

/** Facets shown open at first: the ones people reach for most. */
const OPEN_BY_DEFAULT: readonly FacetId[] = ['task', 'gpu', 'dim', 'interface'];
const MAX_COMPARE = 4;

/** The faceted tools list. The selection lives in the URL, so a filtered view can be shared and survives a reload. */
export function ToolsBrowser({ tools }: { tools: ToolSummary[] }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const parsed = useMemo(() => parseFacetSelection(new URLSearchParams(params.toString())), [params]);
  const { ignored } = parsed;
  // The URL is the source of truth, but it updates after a transition; showing the new selection at
  // once keeps a checkbox from lagging behind the click.
  const [selection, setSelection] = useState<FacetSelection>(parsed.selection);
  useEffect(() => setSelection(parsed.selection), [parsed]);
  const results = useMemo(() => filterTools(tools, selection), [tools, selection]);
  const counts = useMemo(() => facetCounts(tools, selection), [tools, selection]);
  // Values no tool has are hidden: ticking one could only ever show an empty list.
  const used = useMemo(() => usedFacetValues(tools), [tools]);
  const [compare, setCompare] = useState<string[]>([]);
  const selectedCount = countSelected(selection);

  const go = (next: FacetSelection) => {
    setSelection(next);
    const query = serializeFacetSelection(next);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const toggleCompare = (id: string) => setCompare((c) => (c.includes(id) ? c.filter((x) => x !== id) : c.length < MAX_COMPARE ? [...c, id] : c));

  return (
    <div className="tools-layout">
      <form className="facets no-print" aria-labelledby="facets-heading" onSubmit={(e) => e.preventDefault()}>
        <h2 id="facets-heading">Filters</h2>
        {/* On narrow screens and at high zoom the filters come first and are long. */}
        <p className="skip-results">
          <a href="#results-heading">Skip to the {results.length} results</a>
        </p>
        <p className="muted facets-rule">
          A tool must match <strong>every</strong> filter group you use; within a group, <strong>any</strong> ticked value is enough. Numbers say how many tools
          you would see with that value added.
        </p>
        <button type="button" className="secondary" onClick={() => go(emptyFacetSelection())} disabled={selectedCount === 0}>
          Clear filters{selectedCount > 0 ? ` (${selectedCount})` : ''}
        </button>
        {FACET_IDS.map((f) => {
          const picked = selection[f];
          const values = FACETS[f].values.filter((v) => used[f].includes(v) || picked.includes(v));
          if (values.length === 0) return null;
          return (
            <details key={f} className="facet" open={OPEN_BY_DEFAULT.includes(f) || picked.length > 0}>
              <summary>
                {FACETS[f].label}
                {picked.length > 0 ? <span className="tag">{picked.length} selected</span> : null}
              </summary>
              <fieldset>
                <legend className="visually-hidden">{FACETS[f].label} (any of)</legend>
                <ul>
                  {values.map((v) => {
                    const n = counts[f][v] ?? 0;
                    const checked = picked.includes(v);
                    const id = `facet-${f}-${v}`;
                    return (
                      <li key={v} className={n === 0 && !checked ? 'muted' : undefined}>
                        <input type="checkbox" id={id} name={f} value={v} checked={checked} onChange={() => go(toggleFacetValue(selection, f, v))} />
                        <label htmlFor={id}>
                          {facetValueLabel(v)} <span className="facet-count">({n})</span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            </details>
          );
        })}
      </form>

      <section className="tools-results" aria-labelledby="results-heading">
        <h2 id="results-heading" tabIndex={-1}>
          Results
        </h2>
        {ignored.length > 0 ? (
          <div className="notice" role="note">
            <p>
              Some filters in this link were not understood and are ignored:{' '}
              {ignored.map((i, k) => (
                <span key={k}>
                  {k > 0 ? '; ' : ''}
                  <code>
                    {i.param}={i.value}
                  </code>{' '}
                  ({i.reason})
                </span>
              ))}
              .
            </p>
            <p>
              <Link href={`${pathname}${serializeFacetSelection(selection) ? `?${serializeFacetSelection(selection)}` : ''}`} prefetch={false}>
                Open the link without them
              </Link>
            </p>
          </div>
        ) : null}
        <p role="status" aria-live="polite" className="result-count" data-testid="result-count">
          {results.length === tools.length ? `All ${tools.length} tools shown.` : `${results.length} of ${tools.length} tools match the filters.`}
        </p>
        {selectedCount > 0 ? (
          <ul className="active-filters" aria-label="Active filters">
            {FACET_IDS.flatMap((f) =>
              selection[f].map((v) => (
                <li key={`${f}-${v}`}>
                  <button type="button" className="secondary chip" onClick={() => go(toggleFacetValue(selection, f, v))} aria-label={`Remove filter ${FACETS[f].label}: ${facetValueLabel(v)}`}>
                    {FACETS[f].label}: {facetValueLabel(v)} ✕
                  </button>
                </li>
              )),
            )}
          </ul>
        ) : null}
        <div className="compare-bar" aria-live="polite">
          {compare.length === 0 ? (
            <span className="muted">Tick &quot;Compare&quot; on two to four tools to see them side by side.</span>
          ) : (
            <>
              <span>
                {compare.length} of {MAX_COMPARE} picked for comparison.
              </span>{' '}
              {compare.length >= 2 ? (
                <Link className="button" href={`/compare?ids=${compare.join(',')}`} prefetch={false}>
                  Compare {compare.length} tools
                </Link>
              ) : (
                <span className="muted">Pick at least one more.</span>
              )}{' '}
              <button type="button" className="secondary" onClick={() => setCompare([])}>
                Clear comparison
              </button>
            </>
          )}
        </div>
        {results.length === 0 ? (
          <p>No tool matches all of these filters. Remove one of them, or clear the filters.</p>
        ) : (
          <ul className="tool-results">
            {results.map((t) => (
              <li key={t.id} className="card" data-tool={t.id}>
                <h3>
                  <Link href={`/tools/${t.id}`} prefetch={false}>
                    {t.name}
                  </Link>
                </h3>
                <p>{t.summary}</p>
                <p className="tool-tags">
                  <span className="tag">{facetValueLabel(t.kind)}</span>
                  {t.tasks.map((x) => (
                    <span key={x} className="tag">
                      {facetValueLabel(x)}
                    </span>
                  ))}
                </p>
                <p className="muted tool-meta">
                  GPU: {facetValueLabel(t.gpu)} · Install effort: {facetValueLabel(t.installEffort)} · Coding: {facetValueLabel(t.coding)}
                </p>
                <label className="compare-pick">
                  <input
                    type="checkbox"
                    checked={compare.includes(t.id)}
                    disabled={!compare.includes(t.id) && compare.length >= MAX_COMPARE}
                    onChange={() => toggleCompare(t.id)}
                  />{' '}
                  Compare <span className="visually-hidden">{t.name}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
