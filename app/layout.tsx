import type { Metadata, Viewport } from 'next';
import Link from 'next/link';

import { CommandPalette } from './_components/command-palette';
import { OfflineNotice } from './_components/offline-notice';
import { SiteNav } from './_components/site-nav';
import { WorkshopToggle } from './_components/workshop-toggle';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'BioImage Navigator', template: '%s · BioImage Navigator' },
  description: 'Which AI tool should I use for my microscopy images, and is it good enough? A guide built on the open book AI in Microscopy: A BioImaging Guide.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="site-header">
          <div className="inner">
            <Link href="/" className="brand">
              BioImage Navigator
            </Link>
            <SiteNav />
            <div className="header-tools no-print">
              <Link href="/search" className="button secondary" aria-keyshortcuts="Control+K Meta+K">
                Search
              </Link>
              <WorkshopToggle />
            </div>
          </div>
        </header>
        {/* tabIndex -1: the skip link moves keyboard focus here, not only the scroll position. */}
        <main id="main" tabIndex={-1}>
          <OfflineNotice />
          {children}
        </main>
        <CommandPalette />
        <footer className="site-footer">
          <div className="inner">
            Built on <a href="https://bioimagingai.janelia.org/">AI in Microscopy: A BioImaging Guide</a> (HHMI Janelia, BSD-3-Clause text).
            Everything runs on this machine: no images or answers are uploaded. <Link href="/about">About and citation</Link>.
          </div>
        </footer>
      </body>
    </html>
  );
}
