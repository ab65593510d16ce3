import Link from 'next/link';

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have been renamed, or the link may be mistyped.</p>
      <p>
        Try the <Link href="/search">search</Link>, the <Link href="/tools">tool list</Link> or the <Link href="/glossary">glossary</Link>, or{' '}
        <Link href="/">go to the home page</Link>.
      </p>
    </>
  );
}
