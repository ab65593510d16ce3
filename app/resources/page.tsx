import type { Metadata } from 'next';

import { BookRefList } from '../_components/book-ref-link';
import { GlossaryText } from '../_components/glossary-text';
import { getKb } from '../_components/kb';

export const metadata: Metadata = { title: 'Learning resources', description: 'Books, tutorials, courses, papers and data sets for learning AI-based microscopy image analysis.' };

const KIND_LABEL = { book: 'Book', tutorial: 'Tutorial', course: 'Course', video: 'Video', paper: 'Paper', guide: 'Guide', dataset: 'Data set' } as const;

export default function ResourcesPage() {
  const resources = getKb().resources;
  const linked = new Set<string>();
  return (
    <>
      <h1>Learning resources</h1>
      <p className="lead">Places to learn more, beyond the tools themselves: the book, step-by-step tutorials, courses, key papers and data sets. Links open the original sites.</p>
      <ul className="cards" style={{ listStyle: 'none', padding: 0 }}>
        {resources.map((r) => (
          <li key={r.id} id={r.id} className="card">
            <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>
              <a href={r.url} target="_blank" rel="noopener noreferrer">
                {r.name}
              </a>
            </h2>
            <p>
              <span className="tag">{KIND_LABEL[r.kind]}</span>
              {r.topics.map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            </p>
            <p>
              <GlossaryText text={r.summary} linked={linked} />
            </p>
            <BookRefList refs={r.bookRefs} />
          </li>
        ))}
      </ul>
    </>
  );
}
