import type { Metadata } from 'next';
import Link from 'next/link';
import { Fragment } from 'react';
import { notFound } from 'next/navigation';

import { FACETS, facetValueLabel, similarTools, type Tool } from '@/lib/knowledge';

import { BookRefLink, BookRefList } from '../../_components/book-ref-link';
import { GlossaryText } from '../../_components/glossary-text';
import { getKb } from '../../_components/kb';
import { TermsSection } from '../../_components/terms-section';

export const dynamicParams = false;

export function generateStaticParams() {
  return getKb().tools.map((t) => ({ id: t.id }));
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const tool = getKb().tools.find((t) => t.id === id);
  return tool ? { title: tool.name, description: tool.summary } : {};
}

const labels = (values: readonly string[]) => (values.length > 0 ? values.map(facetValueLabel).join(', ') : 'none listed');
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

function ToolLinks({ ids, tools }: { ids: readonly string[]; tools: readonly Tool[] }) {
  const known = ids.map((id) => tools.find((t) => t.id === id)).filter((t) => t !== undefined);
  if (known.length === 0) return <>none listed</>;
  return (
    <>
      {known.map((t, i) => (
        <span key={t.id}>
          {i > 0 ? ', ' : ''}
          <Link href={`/tools/${t.id}`} prefetch={false}>
            {t.name}
          </Link>
        </span>
      ))}
    </>
  );
}

export default async function ToolPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const kb = getKb();
  const tool = kb.tools.find((t) => t.id === id);
  if (!tool) notFound();
  const linked = new Set<string>();
  const categories = tool.categories.map((c) => kb.categories.find((k) => k.id === c)).filter((c) => c !== undefined);
  const hosts = kb.tools.filter((t) => t.runsInside.includes(tool.id) || t.canRun.includes(tool.id)).map((t) => t.id);
  const similar = similarTools(tool, kb.tools);
  const methods = kb.restorationMethods.filter((m) => m.tools.includes(tool.id));

  return (
    <article className="tool-page">
      <p className="breadcrumbs">
        <Link href="/tools">Tools</Link> ›
      </p>
      <h1>{tool.name}</h1>
      {tool.aliases && tool.aliases.length > 0 ? <p className="muted">Also known as: {tool.aliases.join(', ')}</p> : null}
      <p className="lead">
        <GlossaryText text={tool.summary} linked={linked} />
      </p>
      <p>
        <GlossaryText text={tool.description} linked={linked} />
      </p>
      <p className="no-print">
        <Link className="button secondary" href={`/compare?ids=${tool.id}`} prefetch={false}>
          Compare with…
        </Link>{' '}
        <a className="button secondary" href={tool.homepage} target="_blank" rel="noopener noreferrer">
          Homepage
        </a>
      </p>

      <section aria-labelledby="glance">
        <h2 id="glance">At a glance</h2>
        <dl className="facts">
          <dt>Kind</dt>
          <dd>{facetValueLabel(tool.kind)}</dd>
          <dt>Tasks</dt>
          <dd>{labels(tool.tasks)}</dd>
          <dt>Method categories</dt>
          <dd>
            {categories.length > 0
              ? categories.map((c, i) => (
                  <span key={c.id}>
                    {i > 0 ? ', ' : ''}
                    <Link href={`/methods/${c.id}`}>{c.name}</Link>
                  </span>
                ))
              : 'none (not an analysis method)'}
          </dd>
          <dt>What you get</dt>
          <dd>{tool.outputs.length > 0 ? tool.outputs.join('; ') : 'not stated'}</dd>
          <dt>Dimensionality</dt>
          <dd>{labels(tool.dimensionality)}</dd>
          <dt>Interfaces</dt>
          <dd>{labels(tool.interfaces)}</dd>
          <dt>Operating systems</dt>
          <dd>{labels(tool.os)}</dd>
          <dt>Runs where</dt>
          <dd>
            {labels(tool.runsWhere)}
            {tool.runsWhere.includes('cloud') ? <span className="muted"> (cloud: your images leave your machine)</span> : null}
          </dd>
          <dt>{FACETS.gpu.label}</dt>
          <dd>{facetValueLabel(tool.gpu)}</dd>
          <dt>Install effort</dt>
          <dd>{facetValueLabel(tool.installEffort)}</dd>
          <dt>Coding needed</dt>
          <dd>{tool.coding === 'none' ? 'None (graphical interface)' : tool.coding === 'scripting' ? 'Scripting (run or edit a notebook or macro)' : 'Programming'}</dd>
          <dt>Shape assumptions</dt>
          <dd>{tool.shapeAssumptions ? <GlossaryText text={tool.shapeAssumptions} linked={linked} /> : 'none'}</dd>
        </dl>
      </section>

      <section aria-labelledby="training">
        <h2 id="training">Training support</h2>
        <dl className="facts">
          <dt>Pre-trained models</dt>
          <dd>
            {yesNo(tool.training.pretrained)}
            {tool.pretrainedModels && tool.pretrainedModels.length > 0 ? (
              <ul className="pretrained-models" data-testid="pretrained-models">
                {tool.pretrainedModels.map((m) => (
                  <li key={m.name}>
                    {m.source ? (
                      <a href={m.source} target="_blank" rel="noopener noreferrer">
                        {m.name}
                      </a>
                    ) : (
                      m.name
                    )}
                    <span className="muted">
                      {' '}
                      — {labels(m.objects).toLowerCase()}; {labels(m.modalities).toLowerCase()}; {labels(m.dimensionality)}
                      {m.startingPoint ? '; offered as a starting point for training your own model' : ''}
                      {m.rehostedFrom ? `; ${kb.tools.find((t) => t.id === m.rehostedFrom)?.name ?? m.rehostedFrom}'s model, run here` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </dd>
          {tool.featureEncoders ? (
            <>
              <dt>Pre-trained feature encoders</dt>
              <dd>
                <ul className="pretrained-models" data-testid="feature-encoders">
                  {tool.featureEncoders.map((e) => (
                    <li key={e.name}>
                      <a href={e.source} target="_blank" rel="noopener noreferrer">
                        {e.name}
                      </a>
                      <span className="muted"> — {labels(e.modalities).toLowerCase()}; a small classifier trained on their features sorts your images (transfer learning)</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          <dt>Fine-tuning</dt>
          <dd>
            {yesNo(tool.training.fineTune)}
            {tool.training.freezesLayers === true ? <span className="muted"> — can freeze parts of the model and retrain the rest (transfer learning)</span> : null}
            {tool.training.freezesLayers === false ? <span className="muted"> — its training updates every layer; it has no setting to freeze some (so no transfer learning in the book&apos;s sense)</span> : null}
          </dd>
          <dt>Training from scratch</dt>
          <dd>{yesNo(tool.training.fromScratch)}</dd>
        </dl>
      </section>

      <section aria-labelledby="fit">
        <h2 id="fit">Good fit, poor fit</h2>
        <h3>Best for</h3>
        <ul>
          {tool.bestFor.map((b) => (
            <li key={b}>
              <GlossaryText text={b} linked={linked} />
            </li>
          ))}
        </ul>
        <h3>Not for</h3>
        {tool.notFor.length > 0 ? (
          <ul>
            {tool.notFor.map((b) => (
              <li key={b}>
                <GlossaryText text={b} linked={linked} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing listed.</p>
        )}
        <h3>Largest drawback</h3>
        <p>
          <GlossaryText text={tool.largestDrawback} linked={linked} />
        </p>
      </section>

      {tool.keySettings ? (
        <section aria-labelledby="settings" data-testid="tool-key-settings">
          <h2 id="settings">Settings that matter</h2>
          <p className="muted">
            The settings that most often decide whether {tool.name} works on new images. Before deciding it does not suit yours, set
            these to match them (<BookRefLink bookRef={{ section: '9.3.9', why: 'check that a tool fits your data (Fig 9.10)' }} />).
          </p>
          <dl className="facts">
            {tool.keySettings.map((k) => (
              <Fragment key={k.name}>
                <dt>
                  <code>{k.name}</code>
                </dt>
                <dd>
                  <GlossaryText text={k.what} linked={linked} />{' '}
                  <a href={k.source} rel="noopener noreferrer">
                    (docs)
                  </a>
                </dd>
              </Fragment>
            ))}
          </dl>
        </section>
      ) : null}

      <section aria-labelledby="works-with">
        <h2 id="works-with">Works with</h2>
        <dl className="facts">
          <dt>Runs inside</dt>
          <dd>
            <ToolLinks ids={tool.runsInside} tools={kb.tools} />
          </dd>
          <dt>Can run</dt>
          <dd>
            <ToolLinks ids={tool.canRun} tools={kb.tools} />
          </dd>
          <dt>Hosts or runs it</dt>
          <dd>
            <ToolLinks ids={hosts.filter((h) => !tool.runsInside.includes(h))} tools={kb.tools} />
          </dd>
          {methods.length > 0 ? (
            <>
              <dt>Restoration methods</dt>
              <dd>
                {methods.map((m, i) => (
                  <span key={m.id}>
                    {i > 0 ? ', ' : ''}
                    <Link href={`/restoration/${m.id}`}>{m.name}</Link>
                  </span>
                ))}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="facts-source">
        <h2 id="facts-source">Licence, paper and links</h2>
        <dl className="facts">
          <dt>Licence</dt>
          <dd>{tool.license}</dd>
          <dt>Paper</dt>
          <dd>
            {tool.doi === 'none' ? (
              'no paper'
            ) : tool.doi === 'unknown' ? (
              'unknown'
            ) : (
              <a href={`https://doi.org/${tool.doi}`} target="_blank" rel="noopener noreferrer" data-testid="doi-link">
                doi:{tool.doi}
              </a>
            )}
          </dd>
          <dt>Homepage</dt>
          <dd>
            <a href={tool.homepage} target="_blank" rel="noopener noreferrer">
              {tool.homepage}
            </a>
          </dd>
          {tool.repository ? (
            <>
              <dt>Source code</dt>
              <dd>
                <a href={tool.repository} target="_blank" rel="noopener noreferrer">
                  {tool.repository}
                </a>
              </dd>
            </>
          ) : null}
          {tool.docRefs && tool.docRefs.length > 0 ? (
            <>
              <dt>Sources for these facts</dt>
              <dd>
                <ul className="doc-refs" data-testid="doc-refs">
                  {tool.docRefs.map((d) => (
                    <li key={d.url}>
                      <a href={d.url} target="_blank" rel="noopener noreferrer">
                        {d.url.replace(/^https:\/\//, '')}
                      </a>
                      <span className="muted"> — {d.why}</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          <dt>Last checked</dt>
          <dd>
            <time dateTime={tool.lastChecked}>{tool.lastChecked}</time>
          </dd>
        </dl>
      </section>

      <section aria-labelledby="book">
        <h2 id="book">In the book</h2>
        {tool.bookRefs.length > 0 ? <BookRefList refs={tool.bookRefs} /> : <p className="muted">The book does not cover it: {tool.noBookRefReason}</p>}
      </section>

      <TermsSection ids={tool.glossary} />

      <section aria-labelledby="similar">
        <h2 id="similar">Similar tools</h2>
        {similar.length > 0 ? (
          <>
            <p className="muted">Ranked by shared tasks, method categories, dimensionality and interfaces, and the same coding level and GPU need.</p>
            <ul className="similar-tools">
              {similar.map((s) => (
                <li key={s.tool.id}>
                  <Link href={`/tools/${s.tool.id}`} prefetch={false}>
                    {s.tool.name}
                  </Link>{' '}
                  <span className="muted">
                    — {Math.round(s.score * 100)}% alike; also does {s.sharedTasks.map(facetValueLabel).join(', ').toLowerCase()}
                  </span>{' '}
                  <Link href={`/compare?ids=${tool.id},${s.tool.id}`} prefetch={false} className="small-link">
                    compare
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">No other tool shares enough of its attributes.</p>
        )}
      </section>
    </article>
  );
}
