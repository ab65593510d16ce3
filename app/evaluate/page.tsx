import type { Metadata } from 'next';
import type { ReactNode } from 'react';

import { BookRefList } from '../_components/book-ref-link';
import { GlossaryText } from '../_components/glossary-text';
import { TermLink } from '../_components/term-link';
import { Evaluator } from './_components/evaluator';
import { METRICS, parseMetricParam, ROW_NOTES, shortName, type MetricId } from './_components/metric-catalog';

export const metadata: Metadata = {
  title: 'Evaluate',
  description: 'Score a segmentation or restoration result against ground truth in your browser: F1, AP, IoU, Dice, Hausdorff, MSE, PSNR, SSIM, with an overlay and CSV/JSON export.',
};

const EVALUATION_REFS = [
  { section: '9.3.7', why: 'why every model must be evaluated, and with which metrics' },
  { section: '10', why: 'choosing a metric for your question (10.2) and worked examples of Dice, Hausdorff and AP' },
];

// "IoU threshold" is not intensity thresholding, so that glossary term is never linked here.
const NOT_HERE = ['thresholding'];

/** Prose with glossary links, leaving out the given term ids (usually the metric's own). */
function Prose({ text, skip = [] }: { text: string; skip?: string[] }) {
  return <GlossaryText text={text} linked={new Set([...NOT_HERE, ...skip])} />;
}

/** `/evaluate`: drop ground truth and prediction, see the scores; `?metric=<id>` puts one metric first. */
export default async function EvaluatePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const param = parseMetricParam((await searchParams).metric);
  const highlight = param.type === 'metric' ? param.metric.id : null;
  const names = {} as Record<MetricId, ReactNode>;
  const explanations = {} as Record<MetricId, ReactNode>;
  for (const m of METRICS) {
    names[m.id] = <TermLink id={m.glossary}>{shortName(m)}</TermLink>;
    explanations[m.id] = <Prose text={m.summary} skip={[m.glossary]} />;
  }
  const notes: Record<string, ReactNode> = {};
  for (const [key, note] of Object.entries(ROW_NOTES)) {
    notes[key] = note.glossary ? (
      <>
        <TermLink id={note.glossary} />: <Prose text={note.text} skip={[note.glossary]} />
      </>
    ) : (
      <Prose text={note.text} />
    );
  }
  // The suggested metric leads the explanations list; the others keep the catalog order.
  const ordered = highlight ? [...METRICS.filter((m) => m.id === highlight), ...METRICS.filter((m) => m.id !== highlight)] : METRICS;
  const linked = new Set<string>(NOT_HERE);
  return (
    <article className="evaluate-page">
      <h1>Is it good enough? Score a result against ground truth</h1>
      <p className="lead">
        <GlossaryText
          text="Give the page a ground truth you trust and the output of a tool for the same image. Label images and masks get object and pixel scores with an overlay of matched, extra and missed objects; restored images get MSE, NRMSE, PSNR and SSIM. Everything is computed in this browser."
          linked={linked}
        />
      </p>
      {param.type === 'metric' ? (
        <aside className="callout suggested-metric" data-testid="suggested-metric" aria-labelledby="suggested-heading">
          <h2 id="suggested-heading">Your recommendation suggests: {names[param.metric.id]}</h2>
          <p>{explanations[param.metric.id]}</p>
          <p>
            <Prose text={param.metric.use} skip={[param.metric.glossary]} />
          </p>
          <p className="muted">Its row is marked “suggested” in the results.</p>
        </aside>
      ) : null}
      {param.type === 'unknown' ? (
        <aside className="callout error" role="alert" data-testid="metric-error">
          <p>{param.message}.</p>
          <p>
            {METRICS.map((m, i) => (
              <span key={m.id}>
                {i > 0 ? ', ' : ''}
                <a href={`/evaluate?metric=${m.id}`}>{m.id}</a>
              </span>
            ))}
          </p>
        </aside>
      ) : null}

      <Evaluator names={names} explanations={explanations} notes={notes} highlight={highlight} />

      <section className="callout guidance" aria-labelledby="guidance-heading" id="guidance">
        <h2 id="guidance-heading">Counting objects or measuring them?</h2>
        <p>
          <GlossaryText
            text="Decide first what the segmentation is for, because the same result can be fine for one purpose and poor for another. The best metric is the one that predicts how much work it will take you to fix the result for your own analysis."
            linked={linked}
          />
        </p>
        <ul>
          <li>
            <strong>Counting</strong> (how many nuclei, how many cells per field):{' '}
            <GlossaryText
              text="what matters is that each real object is found once. Use the F1 score or average precision at an IoU threshold of 0.5: an object counts as found when it overlaps its ground-truth partner by half, and misses (false negatives) and extras (false positives) both lower the score. Look at the split and merge counts too, since a split adds an object and a merge removes one."
              linked={linked}
            />
          </li>
          <li>
            <strong>Size and shape</strong> (areas, volumes, outlines, distances to a boundary):{' '}
            <GlossaryText
              text="what matters is where the boundary is drawn. Use IoU or the Dice coefficient for how much of the area agrees, and the Hausdorff distance (or HD95) for the worst boundary error; set the voxel size to get it in microns. Mean AP over IoU 0.5 to 0.95 and the mean IoU of matched objects also reward tight outlines."
              linked={linked}
            />
          </li>
          <li>
            <strong>Both</strong>:{' '}
            <GlossaryText text="panoptic quality multiplies the two aspects; read its factors to see which one is weak." linked={linked} />
          </li>
        </ul>
        <p className="muted">
          <GlossaryText
            text="Use a few (5 to 10) images that were not used for training, with a careful ground truth, and always look at the overlay: a single number can hide a systematic error."
            linked={linked}
          />
        </p>
        <BookRefList refs={[{ section: '10', why: 'what metric to pick (10.2): counting versus size estimation' }]} />
      </section>

      <section aria-labelledby="metrics-heading">
        <h2 id="metrics-heading">What each score means</h2>
        <dl className="metric-list">
          {ordered.map((m) => (
            <div key={m.id} id={`about-${m.id}`} className={m.id === highlight ? 'highlight' : undefined} data-highlighted={m.id === highlight ? 'true' : undefined}>
              <dt>
                <TermLink id={m.glossary}>{m.name}</TermLink> <span className="tag">{m.family}</span>
                {m.id === highlight ? <span className="tag">suggested</span> : null}
              </dt>
              <dd>
                <Prose text={m.summary} skip={[m.glossary]} /> <Prose text={m.use} skip={[m.glossary]} />
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="book-heading">
        <h2 id="book-heading">In the book</h2>
        <BookRefList refs={EVALUATION_REFS} />
      </section>
    </article>
  );
}
