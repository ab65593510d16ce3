import type { Metadata } from 'next';
import Link from 'next/link';

import { getKb } from '../_components/kb';

export const metadata: Metadata = { title: 'Decision trees' };

export default function TreesIndex() {
  const kb = getKb();
  return (
    <>
      <h1>Decision trees</h1>
      <p className="lead">
        The book&apos;s flowcharts for choosing an approach, drawn from the same data the wizard walks — so a diagram cannot disagree with what the wizard recommends. Open a
        tree from your result page to see your own path highlighted.
      </p>
      <ul className="cards" style={{ listStyle: 'none', padding: 0 }}>
        {kb.trees.map((t) => (
          <li key={t.id} className="card">
            <h2 style={{ marginTop: 0, fontSize: '1.15rem' }}>
              <Link href={`/trees/${t.id}`}>{t.title}</Link>
            </h2>
            {t.figure ? <p className="muted">Book {t.figure}</p> : null}
            <p>{t.summary}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
