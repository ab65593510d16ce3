import type { Metadata } from 'next';
import Link from 'next/link';

import { buildBookMap, type BookCitation, type CitingType } from '@/lib/knowledge';

import { getKb, sectionTitle } from '../_components/kb';

export const metadata: Metadata = {
  title: 'Book map',
  description: 'Every chapter and section of AI in Microscopy: A BioImaging Guide, with the pages of this site that cite it.',
};

const TYPE_LABELS: Record<CitingType, string> = {
  tool: 'Tool',
  category: 'Method category',
  'restoration-method': 'Restoration method',
  glossary: 'Glossary',
  question: 'Wizard',
  tree: 'Decision tree',
  'case-study': 'Case study',
};

function Citations({ citations }: { citations: BookCitation[] }) {
  if (citations.length === 0) return null;
  return (
    <ul className="citations">
      {citations.map((c) => (
        <li key={`${c.type}-${c.id}`}>
          <span className="tag">{TYPE_LABELS[c.type]}</span>{' '}
          <Link href={c.url} prefetch={false}>
            {c.title}
          </Link>
          {c.why ? <span className="muted"> — {c.why}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export default function BookMapPage() {
  const kb = getKb();
  const map = buildBookMap(kb);
  const cited = map.chapters.reduce((n, c) => n + c.sections.filter((s) => s.citations.length > 0).length + (c.citations.length > 0 ? 1 : 0), 0);
  return (
    <>
      <h1>Book map</h1>
      <p className="lead">
        The chapters of{' '}
        <a href={kb.book.meta.url} target="_blank" rel="noopener noreferrer">
          {kb.book.meta.title}
        </a>{' '}
        and, under each section, the pages of this site that rely on it. Use it to go from a passage you are reading to the tools and advice built on it.
      </p>
      <p className="muted">
        {cited} chapters and sections are cited. Section-level detail exists for chapters 6, 8, 9 and appendix A, the parts this site builds on.
      </p>
      <p>
        No internet (in a workshop, say)? <Link href="/book/offline">Read the cited sections offline</Link>: the text of a draft of those chapters, without figures.
      </p>
      <nav aria-label="Chapters" className="no-print">
        <ul className="inline-list">
          {map.chapters.map(({ chapter }) => (
            <li key={chapter.number}>
              <a href={`#chapter-${chapter.number}`}>
                {/^\d+$/.test(chapter.number) ? <span className="visually-hidden">Chapter </span> : /^[A-Z]$/.test(chapter.number) ? <span className="visually-hidden">Appendix </span> : null}
                {/^\d+$|^[A-Z]$/.test(chapter.number) ? chapter.number : chapter.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {map.chapters.map(({ chapter, citations, sections }) => (
        <section key={chapter.number} aria-labelledby={`chapter-${chapter.number}`} className="book-chapter">
          <h2 id={`chapter-${chapter.number}`}>
            {/^\d+$/.test(chapter.number) ? `Chapter ${chapter.number}: ` : /^[A-Z]$/.test(chapter.number) ? `Appendix ${chapter.number}: ` : ''}
            {chapter.title}
          </h2>
          <p>
            <a className="book-link" href={chapter.url} target="_blank" rel="noopener noreferrer">
              Read the chapter
            </a>
          </p>
          <Citations citations={citations} />
          {sections.length > 0 ? (
            <ul className="book-sections">
              {sections.map(({ section, citations: cs }) => (
                <li key={section.number} className={`level-${Math.min(section.level, 4)}`} id={`section-${section.number}`}>
                  <a className="book-link" href={section.url} target="_blank" rel="noopener noreferrer" data-book-section={section.number}>
                    §{section.number} {sectionTitle(section.title)}
                  </a>{' '}
                  {cs.length > 0 ? <span className="muted">({cs.length} {cs.length === 1 ? 'page' : 'pages'})</span> : null}
                  <Citations citations={cs} />
                </li>
              ))}
            </ul>
          ) : citations.length === 0 ? (
            <p className="muted">No page of this site cites this chapter yet.</p>
          ) : null}
        </section>
      ))}
      {map.unresolved.length > 0 ? (
        <section aria-labelledby="unresolved">
          <h2 id="unresolved">References that do not match a section</h2>
          {map.unresolved.map((u) => (
            <div key={u.section}>
              <h3>“{u.section}”</h3>
              <Citations citations={u.citations} />
            </div>
          ))}
        </section>
      ) : null}
    </>
  );
}
