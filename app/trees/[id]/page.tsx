import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Fragment } from 'react';

import { BookRefList } from '@/app/_components/book-ref-link';
import { getKb, resolveRef } from '@/app/_components/kb';
import { layoutTree } from '@/lib/knowledge';
import { walkTree } from '@/lib/recommend';

import { decodeParam } from '../../wizard/_components/decode-param';

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const tree = getKb().trees.find((t) => t.id === id);
  return tree ? { title: tree.title, description: tree.summary } : {};
}

/** A decision tree drawn as SVG; each node links to its book section; `?a=…` highlights the path of those answers. */
export default async function TreePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const kb = getKb();
  const { id } = await params;
  const tree = kb.trees.find((t) => t.id === id);
  if (!tree) notFound();
  const decoded = decodeParam(await searchParams);
  const walk = decoded?.ok ? walkTree(tree, decoded.answers) : null;
  const onPath = new Set(walk?.path ?? []);
  const edgeOnPath = (from: string, to: string) => walk?.edges.some((e) => e.from === from && e.to === to) ?? false;
  const layout = layoutTree(tree);
  const pad = 10;
  const nodeById = new Map(tree.nodes.map((n) => [n.id, n]));

  return (
    <article>
      <p className="breadcrumbs">
        <Link href="/trees">Decision trees</Link> ›
      </p>
      <h1>{tree.title}</h1>
      <p className="lead">{tree.summary}</p>
      {tree.figure ? <p className="muted">Encodes the book&apos;s {tree.figure}.</p> : null}
      {decoded && !decoded.ok ? (
        <p role="alert" className="card notice-bad">
          The answers in this link could not be read ({decoded.message}); the tree is shown without a highlighted path.
        </p>
      ) : null}
      {walk ? (
        <p className="card" data-testid="tree-path">
          Your answers take the highlighted path
          {walk.outcome ? (
            <>
              {' '}
              to <strong>{walk.outcome.label}</strong>.
            </>
          ) : (
            ' and stop where a question is still unanswered.'
          )}
        </p>
      ) : (
        <p className="muted">Tip: open this tree from a wizard result to highlight the path your answers take.</p>
      )}

      <div className="tree-figure">
        <svg
          viewBox={`${-pad} ${-pad} ${layout.width + 2 * pad} ${layout.height + 2 * pad}`}
          width="100%"
          // A group, not role="img": an image's children are presentational, which would hide the node links.
          role="group"
          aria-labelledby={`tree-title-${tree.id}`}
          // --tree-min-width: in workshop mode the drawing never shrinks below 7/6 of its natural size, so
          // 12 px edge labels render at 14 px; the figure scrolls sideways inside itself instead. (Two pixels
          // more than 7/6, so sub-pixel layout cannot leave a label a hair under 14 px.)
          style={{ maxWidth: `${layout.width + 2 * pad}px`, ['--tree-min-width' as string]: `${Math.ceil(((layout.width + 2 * pad) * 7) / 6) + 2}px` }}
        >
          <title id={`tree-title-${tree.id}`}>{`${tree.title}: a flowchart; the same content is listed as text below.`}</title>
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#52606d" />
            </marker>
            <marker id="arrow-on" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#0b5cad" />
            </marker>
          </defs>
          {layout.edges.map((e) => {
            const on = edgeOnPath(e.from, e.to);
            return (
              // Hidden from screen readers: the arrows and their labels are in "The tree as text" below, in order.
              <g key={`${e.from}-${e.to}`} className={on ? 'edge on' : 'edge'} aria-hidden="true">
                <polyline points={e.points.map((p) => p.join(',')).join(' ')} fill="none" markerEnd={on ? 'url(#arrow-on)' : 'url(#arrow)'} />
                <text x={e.labelX} y={e.labelY} textAnchor="middle" className="edge-label">
                  {e.label.length > 34 ? `${e.label.slice(0, 33)}…` : e.label}
                </text>
              </g>
            );
          })}
          {layout.nodes.map((n) => {
            const node = nodeById.get(n.id)!;
            const ref = resolveRef(node.bookRef);
            const cls = `node ${node.type}${onPath.has(n.id) ? ' on' : ''}`;
            return (
              <a key={n.id} href={ref?.url ?? kb.book.meta.url} target="_blank" rel="noopener noreferrer" aria-label={`${n.lines.join(' ')} (${ref ? `book §${ref.number}` : 'the book'})`} data-node={n.id} data-on-path={onPath.has(n.id) || undefined}>
                <g className={cls}>
                  <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={node.type === 'outcome' ? 16 : 4} />
                  {n.lines.map((line, i) => (
                    <Fragment key={i}>
                      {/* The space between lines is not drawn but keeps the words apart for assistive tech. */}
                      {i > 0 ? ' ' : null}
                      <text x={n.x + n.width / 2} y={n.y + 20 + i * 18} textAnchor="middle">
                        {line}
                      </text>
                    </Fragment>
                  ))}
                </g>
              </a>
            );
          })}
        </svg>
      </div>

      <section aria-labelledby="tree-text">
        <h2 id="tree-text">The tree as text</h2>
        <ol>
          {tree.nodes.map((node) => {
            const out = tree.edges.filter((e) => e.from === node.id);
            return (
              <li key={node.id} id={`node-${node.id}`} className={onPath.has(node.id) ? 'on-path' : undefined}>
                <strong>{node.label}</strong> {onPath.has(node.id) ? <span className="tag">your path</span> : null}
                {node.detail ? <> — {node.detail}</> : null}
                {node.outcome ? <> {node.outcome.advice}</> : null}{' '}
                {(() => {
                  const r = resolveRef(node.bookRef);
                  return r ? (
                    <a className="book-link" href={r.url} target="_blank" rel="noopener noreferrer">
                      §{r.number}
                    </a>
                  ) : null;
                })()}
                {out.length > 0 ? (
                  <ul>
                    {out.map((e) => (
                      <li key={e.to}>
                        {e.label} → <a href={`#node-${e.to}`}>{nodeById.get(e.to)?.label}</a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>
      <section>
        <h2>In the book</h2>
        <BookRefList refs={tree.bookRefs} />
      </section>
    </article>
  );
}
