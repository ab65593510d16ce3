import type { Metadata } from 'next';
import Link from 'next/link';

import { getKb } from '@/app/_components/kb';
import { buildPlan, recommend } from '@/lib/recommend';
import { encodeAnswers } from '@/lib/wizard';

import { decodeParam } from '../../_components/decode-param';
import { PlanView } from '../../_components/plan-view';

export const metadata: Metadata = { title: 'Present the plan' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/wizard/result/present?a=…`: the plan alone, in large type, for a projector in a workshop. */
export default async function PresentPage({ searchParams }: { searchParams: SearchParams }) {
  const kb = getKb();
  const decoded = decodeParam(await searchParams);
  if (!decoded || !decoded.ok) {
    return (
      <>
        <h1>Nothing to present</h1>
        <p>
          This view shows the plan for a set of answers, and the link has {decoded ? 'an invalid answer' : 'none'}. <Link href="/wizard/presets">Open a case-study preset</Link>{' '}
          and use its result&apos;s present link.
        </p>
      </>
    );
  }
  const answers = decoded.answers;
  const encoded = encodeAnswers(answers, kb.questions);
  const plan = buildPlan(recommend(answers, kb), answers, kb);
  const study = kb.caseStudies.find((c) => encodeAnswers(c.answers, kb.questions) === encoded);
  return (
    <article className="present">
      <p className="breadcrumbs no-print">
        <Link href={`/wizard/result?a=${encoded}`}>Back to the full result</Link>
      </p>
      <h1 className="present-title">{study ? study.title : 'The plan'}</h1>
      <PlanView plan={plan} linked={new Set<string>()} present />
    </article>
  );
}
