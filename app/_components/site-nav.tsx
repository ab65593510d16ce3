'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export const NAV_ITEMS = [
  { href: '/wizard', label: 'Wizard' },
  { href: '/tools', label: 'Tools' },
  { href: '/methods', label: 'Methods' },
  { href: '/restoration', label: 'Restoration' },
  { href: '/trees', label: 'Decision trees' },
  { href: '/glossary', label: 'Glossary' },
  { href: '/try', label: 'Try' },
  { href: '/evaluate', label: 'Evaluate' },
  { href: '/restore', label: 'Restore' },
  { href: '/book', label: 'Book map' },
  { href: '/help', label: 'Help' },
  { href: '/about', label: 'About' },
] as const;

export function SiteNav() {
  const pathname = usePathname() ?? '/';
  return (
    <nav className="site-nav" aria-label="Main">
      <ul>
        {NAV_ITEMS.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link href={item.href} aria-current={current ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
