import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';

import { facetValueLabel } from '@/lib/knowledge';

import { getKb } from '../_components/kb';
import { ToolsBrowser } from './_components/tools-browser';
import { toToolSummary } from './_components/tool-summary';

export const metadata: Metadata = {
  title: 'Tools',
  description: 'Filter microscopy image-analysis tools by task, method category, dimensionality, interface, GPU need, install effort, fine-tuning and operating system.',
};

export default function ToolsPage() {
  const tools = [...getKb().tools].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })).map(toToolSummary);
  return (
    <>
      <h1>Tools</h1>
      <p className="lead">
        {tools.length} tools, platforms and community resources for microscopy image analysis. Narrow the list with the filters, open a tool for its full profile, or
        tick up to four and compare them side by side.
      </p>
      {/* Without JavaScript (or before it loads) the full list is shown; the filters need the browser. */}
      <Suspense
        fallback={
          <ul className="tool-results">
            {tools.map((t) => (
              <li key={t.id} className="card">
                <Link href={`/tools/${t.id}`} prefetch={false}>
                  {t.name}
                </Link>{' '}
                <span className="tag">{facetValueLabel(t.kind)}</span>
                <p>{t.summary}</p>
              </li>
            ))}
          </ul>
        }
      >
        <ToolsBrowser tools={tools} />
      </Suspense>
    </>
  );
}
