'use client';

import Link from 'next/link';

/** Route-level error boundary: a plain message and a way forward, never a stack trace. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong on this page</h1>
      <p>{error.message ? `The page stopped with: ${error.message.split('\n')[0]}` : 'The page stopped unexpectedly.'}</p>
      <p>
        <button type="button" onClick={reset}>
          Try again
        </button>{' '}
        <Link href="/" className="button secondary">
          Home
        </Link>
      </p>
      {error.digest ? <p className="muted">Reference: {error.digest}</p> : null}
    </>
  );
}
