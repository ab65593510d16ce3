'use client';

import Link from 'next/link';

/** Error boundary of /restore: the message only, and a way back to the preset list. */
export default function RestoreError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>The restoration page stopped</h1>
      <p>{error.message ? error.message.split('\n')[0] : 'Something unexpected happened.'} Your images were not uploaded anywhere.</p>
      <p>
        <button type="button" onClick={reset}>
          Try again
        </button>{' '}
        <Link href="/restore" className="button secondary">
          Choose a preset
        </Link>
      </p>
    </>
  );
}
