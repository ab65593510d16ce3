'use client';

import { useState } from 'react';

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
      <a className="button secondary" href={`/wizard/export?format=md&a=${encoded}`} download="bioimage-navigator-recommendation.md">
        Export Markdown
      </a>
      <a className="button secondary" href={`/wizard/export?format=json&a=${encoded}`} download="bioimage-navigator-recommendation.json">
        Export JSON
      </a>
      <button type="button" className="secondary" onClick={() => window.print()}>
        Print or save as PDF
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
