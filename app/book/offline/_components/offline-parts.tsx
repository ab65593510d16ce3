import type { OfflineBlock, OfflineBook } from '@/lib/knowledge';

/** The blocks of one section's text: paragraphs, lists, code and the draft's tables (as one list per row). */
export function OfflineBlocks({ blocks }: { blocks: readonly OfflineBlock[] }) {
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.type) {
          case 'p':
            return <p key={i}>{b.text}</p>;
          case 'code':
            return (
              <pre key={i}>
                <code>{b.text}</code>
              </pre>
            );
          case 'list': {
            const items = b.items.map((item, j) => <li key={j}>{item}</li>);
            return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
          }
          case 'table':
            return (
              <div key={i} className="offline-table">
                {b.rows.map((row, j) => (
                  <dl key={j} className="offline-row">
                    {row.map((cell, k) =>
                      cell ? (
                        <div key={k} style={{ display: 'contents' }}>
                          <dt>{b.header[k] ?? ''}</dt>
                          <dd>{cell}</dd>
                        </div>
                      ) : null,
                    )}
                  </dl>
                ))}
              </div>
            );
        }
      })}
    </>
  );
}

/** "Text of a draft; the published version may differ" — shown at the top of every offline page. */
export function DraftNotice({ onlineUrl, figures }: { onlineUrl: string; figures: number }) {
  return (
    <p className="draft-notice" data-testid="draft-notice">
      Offline copy made from the text of a draft of the book; the published version may differ. Figures are omitted
      {figures > 0 ? ` (${figures} in this part)` : ''}: see them in the{' '}
      <a className="book-link" href={onlineUrl} target="_blank" rel="noopener noreferrer" data-testid="online-link">
        online book
      </a>
      .
    </p>
  );
}

/** The book's attribution and BSD-3-Clause licence text, required wherever its text is redistributed. */
export function OfflineLicence({ book }: { book: OfflineBook }) {
  return (
    <footer className="licence" data-testid="offline-licence" aria-label="Licence of the book text">
      <p>
        <strong>Licence.</strong> {book.licence.attribution} Source:{' '}
        <a href={book.book.source} target="_blank" rel="noopener noreferrer">
          {book.book.source}
        </a>
        .
      </p>
      <details open>
        <summary>BSD-3-Clause licence text</summary>
        {book.licence.text.split('\n\n').map((para, i) => (
          <p key={i}>{para}</p>
        ))}
      </details>
    </footer>
  );
}
