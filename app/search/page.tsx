import type { Metadata } from 'next';
import { Suspense } from 'react';

import { SearchView } from './search-view';

export const metadata: Metadata = { title: 'Search' };

export default function SearchPage() {
  return (
    <>
      <h1>Search</h1>
      <p className="muted">Tools, method categories, restoration methods, glossary terms, case studies and decision trees. Typos are forgiven. Press Ctrl+K (⌘K) anywhere to search.</p>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <SearchView />
      </Suspense>
    </>
  );
}
