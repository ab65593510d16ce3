import type { Metadata } from 'next';
import { Suspense } from 'react';

import { getKb } from '../_components/kb';
import { buildQuestionViews } from './_components/build-views';
import { questionCountRange } from './_components/question-range';
import { WizardApp } from './_components/wizard-app';

export const metadata: Metadata = { title: 'Wizard', description: 'Answer a few questions about your images and resources; get ranked tools with reasons and book links.' };

export default function WizardPage() {
  const set = getKb().questions;
  const { questions, sections } = buildQuestionViews(set);
  return (
    <Suspense fallback={<p className="muted">Loading the questions…</p>}>
      <WizardApp set={set} views={questions} sections={sections} questionRange={questionCountRange(set)} />
    </Suspense>
  );
}
