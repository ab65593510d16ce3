import Link from 'next/link';

import { BookRefLink } from '../book-ref-link';
import { TermLink } from '../term-link';

/**
 * The only elements MDX pages in content/ may use (react.dev's registry pattern). Unknown
 * capitalised elements fail the build, so a typo cannot silently vanish from a page.
 */
export const MDX_COMPONENTS = {
  Term: ({ id, children }: { id: string; children?: React.ReactNode }) => <TermLink id={id}>{children}</TermLink>,
  Book: ({ section }: { section: string }) => <BookRefLink bookRef={{ section }} />,
  Note: ({ children }: { children: React.ReactNode }) => (
    <aside className="card" role="note">
      {children}
    </aside>
  ),
  a: ({ href = '', children }: { href?: string; children?: React.ReactNode }) =>
    href.startsWith('/') ? (
      <Link href={href}>{children}</Link>
    ) : (
      <a href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    ),
};
