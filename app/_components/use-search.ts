'use client';

import { useEffect, useState } from 'react';

import type { SearchEngine, SerializedSearchIndex } from '@/lib/knowledge/search';

let pending: Promise<SearchEngine> | undefined;

/** Load the prebuilt search index once per page load (same origin, cached by the browser). */
export function loadSearchEngine(): Promise<SearchEngine> {
  pending ??= fetch('/search-index.json')
    .then((r) => {
      if (!r.ok) throw new Error(`the search index could not be loaded (HTTP ${r.status})`);
      return r.json() as Promise<SerializedSearchIndex>;
    })
    // fuse.js loads only when someone searches, keeping it out of every page's first load.
    .then(async (index) => (await import('@/lib/knowledge/search')).reviveSearchEngine(index));
  pending.catch(() => (pending = undefined));
  return pending;
}

export function useSearchEngine(enabled = true): { engine: SearchEngine | null; error: string | null } {
  const [engine, setEngine] = useState<SearchEngine | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled || engine) return;
    let live = true;
    loadSearchEngine().then(
      (e) => live && setEngine(e),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [enabled, engine]);
  return { engine, error };
}
