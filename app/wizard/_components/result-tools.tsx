'use client';

import { useState } from 'react';

/**
 * Print (or save as PDF): by default the plan and the top of the evidence (at most three A4 pages);
 * with `full`, every disclosure is opened and the optional sections are printed too.
 */
export function printResult(full: boolean): void {
  const root = document.documentElement;
  const closed = full ? [...document.querySelectorAll<HTMLDetailsElement>('details:not([open])')] : [];
  root.classList.toggle('print-full', full);
  for (const d of closed) d.open = true;
  window.addEventListener(
    'afterprint',
    () => {
      root.classList.remove('print-full');
      for (const d of closed) d.open = false;
    },
    { once: true },
  );
  window.print();
}

/** Copy link, print and export buttons of the result page. */
export function ResultToolbar({ encoded }: { encoded: string }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="toolbar no-print" role="group" aria-label="Share and export">
      <button type="button" onClick={copy}>
        Copy link
      </button>
      <a className="button secondary" href={`/wizard/export?format=md&a=${encoded}`} download="bioimage-navigator-recommendation.md" title="Export the result as Markdown">
        Export Markdown
      </a>
      <a className="button secondary" href={`/wizard/export?format=json&a=${encoded}`} download="bioimage-navigator-recommendation.json">
        Export JSON
      </a>
      <button type="button" className="secondary" onClick={() => printResult(false)} title="The plan and the top of the evidence, at most three pages">
        Print plan
      </button>
      <button type="button" className="secondary" onClick={() => printResult(true)} title="Every ranked item, exclusion and answer; several pages">
        Print all
      </button>
      <a className="button secondary" href={`/wizard?a=${encoded}`}>
        Change answers
      </a>
      <span aria-live="polite" className="muted">
        {copied === 'done' ? 'Link copied.' : copied === 'failed' ? 'Could not copy; copy the address bar instead.' : ''}
      </span>
    </div>
  );
}
