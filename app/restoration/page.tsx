import type { Metadata } from 'next';
import Link from 'next/link';

import { RESTORATION_TASKS } from '@/lib/knowledge';

import { getKb } from '../_components/kb';
import { DATA_NEED_LABELS, FAILURE_LABELS, FAMILY_LABELS, TASK_INTROS } from './_components/labels';

export const metadata: Metadata = {
  title: 'Restoration methods',
  description: 'Denoising, deconvolution, deaberration and resolution enhancement methods for microscopy, the data each needs and how each can fail.',
};

export default function RestorationPage() {
  const methods = [...getKb().restorationMethods].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  return (
    <>
      <h1>Restoration methods</h1>
      <p className="lead">
        Classical and deep-learning ways to improve an image before you analyse it, grouped by what they fix. For each: the data you need to use it and the ways it
        can mislead you.
      </p>
      <nav aria-label="Tasks" className="no-print">
        <ul className="inline-list">
          {RESTORATION_TASKS.map((task) => (
            <li key={task}>
              <a href={`#${task}`}>{TASK_INTROS[task]?.title ?? task}</a>
            </li>
          ))}
        </ul>
      </nav>
      {RESTORATION_TASKS.map((task) => {
        const inTask = methods.filter((m) => m.tasks.includes(task));
        return (
          <section key={task} aria-labelledby={task}>
            <h2 id={task}>
              {TASK_INTROS[task]?.title ?? task} <span className="muted">({inTask.length})</span>
            </h2>
            <p>{TASK_INTROS[task]?.intro}</p>
            <ul className="cards plain-list">
              {inTask.map((m) => (
                <li key={m.id} className="card">
                  <h3>
                    <Link href={`/restoration/${m.id}`}>{m.name}</Link>
                  </h3>
                  <p>
                    <span className="tag">{FAMILY_LABELS[m.family] ?? m.family}</span>
                    {m.runnerPreset ? <span className="tag">runs here</span> : null}
                  </p>
                  <p>{m.summary}</p>
                  <p className="small">
                    <strong>Data needed (any one):</strong> {m.dataNeeds.map((d) => DATA_NEED_LABELS[d] ?? d).join('; ')}.
                  </p>
                  <p className="small">
                    <strong>Can fail by:</strong> {[...new Set(m.failureModes.map((f) => FAILURE_LABELS[f.kind] ?? f.kind))].join(', ').toLowerCase()}.
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
