import type { Metadata } from 'next';
import { Suspense } from 'react';

import { PRETRAINED_WHICH_TOOLS } from '@/lib/recommend';
import type { ToolSettingsHint } from '@/lib/wizard';

import { getKb } from '../_components/kb';
import { buildQuestionViews } from './_components/build-views';
import { questionCountRange } from './_components/question-range';
import { WizardApp } from './_components/wizard-app';

export const metadata: Metadata = { title: 'Wizard', description: 'Answer a few questions about your images and resources; get ranked tools with reasons and book links.' };

export default function WizardPage() {
  const kb = getKb();
  const set = kb.questions;
  const { questions, sections } = buildQuestionViews(set);
  // For "did you adjust its settings?": the key settings of the tools the user names (names only; the tool pages say more).
  const toolSettings: ToolSettingsHint[] = kb.tools.flatMap((t) => (t.keySettings ? [{ id: t.id, name: t.name, settings: t.keySettings.map((k) => k.name) }] : []));
  return (
    <Suspense fallback={<p className="muted">Loading the questions…</p>}>
      <WizardApp set={set} views={questions} sections={sections} questionRange={questionCountRange(set)} toolSettings={toolSettings} whichTools={PRETRAINED_WHICH_TOOLS} />
    </Suspense>
  );
}
