'use client';

import { useEffect, useState } from 'react';

/** The wizard questions this entry point belongs to (knowledge/questions.json ids). */
const TRIED_QUESTIONS = new Set(['tried-classical', 'tried-pixel']);

/**
 * In the wizard, beside "have you tried thresholding / a pixel classifier?": when the answer is not
 * known yet, offer to try it now on /try, carrying the answers so far (`?a=`) there and back.
 */
export function TryItLink({ question, value }: { question: string; value: string | string[] | undefined }) {
  const [href, setHref] = useState('/try');
  useEffect(() => {
    const a = new URLSearchParams(window.location.search).get('a');
    setHref(a ? `/try?a=${encodeURIComponent(a)}` : '/try');
  }, [value]);
  if (!TRIED_QUESTIONS.has(question) || (value !== undefined && value !== 'not-tried')) return null;
  return (
    <p className="callout no-print" data-testid="try-it-link">
      Not tried yet? <a href={href}>Try it on your image</a>: thresholding and a pixel classifier run in this browser on your own image or a sample, and the
      outcome comes back here as your answer.
    </p>
  );
}
