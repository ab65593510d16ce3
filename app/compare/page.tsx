import type { Metadata } from 'next';
import { Suspense } from 'react';

import { getKb } from '../_components/kb';
import { CompareView } from './_components/compare-view';
import { toCompareTool } from './_components/to-compare-tool';

export const metadata: Metadata = {
  title: 'Compare tools',
  description: 'Two to four microscopy tools side by side on every attribute, with the differences highlighted.',
};

export default function ComparePage() {
  const kb = getKb();
  const tools = [...kb.tools].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })).map((t) => toCompareTool(t, kb.tools, kb.book));
  return (
    <>
      <h1>Compare tools</h1>
      <p className="lead">Put two to four tools side by side. Rows where they differ are highlighted; the address of this page always holds your choice, so you can share it.</p>
      <Suspense fallback={<p className="muted">Loading the comparison…</p>}>
        <CompareView tools={tools} />
      </Suspense>
    </>
  );
}
