// The link from /try back to the wizard: the user's earlier answers (if /try was opened from the
// wizard) plus "tried classical / tried a pixel classifier" from what they saw, and the evidence.
import type { Answers, QuestionSet } from '@/lib/knowledge/schema';
import { decodeEvidence, encodeEvidence, EVIDENCE_PARAM, triedAnswers, type TryEvidence } from '@/lib/segment';
import { ANSWERS_PARAM, decodeAnswers, encodeAnswers, pruneAnswers } from '@/lib/wizard';

/** Outputs for which the wizard asks the tried-classical question (objects is what /try makes). */
const SEGMENTATION_OUTPUTS = ['mask', 'classes', 'objects', 'objects-in-regions', 'positions', 'tracks'];

/**
 * The answers /try hands to the wizard.
 * @param answersParam - the `a` parameter /try was opened with, if any
 */
export function answersWithEvidence(set: QuestionSet, answersParam: string | undefined, evidence: readonly TryEvidence[]): Answers {
  const prior = answersParam ? decodeAnswers(answersParam, set) : null;
  const base: Answers = prior?.ok ? prior.answers : prior ? prior.lastValid : { values: {}, mustHave: [] };
  const values: Answers['values'] = { ...base.values, ...triedAnswers(evidence) };
  const output = values.output;
  if (typeof output !== 'string' || !SEGMENTATION_OUTPUTS.includes(output)) values.output = 'objects';
  return pruneAnswers(set, { values, mustHave: base.mustHave });
}

/** `/wizard/result?a=…&tried=…` (or `/wizard?a=…` to keep answering). */
export function wizardLink(set: QuestionSet, answersParam: string | undefined, evidence: readonly TryEvidence[], page: 'result' | 'wizard' = 'result'): string {
  const a = encodeAnswers(answersWithEvidence(set, answersParam, evidence), set);
  const tried = encodeEvidence(evidence);
  return `${page === 'result' ? '/wizard/result' : '/wizard'}?${ANSWERS_PARAM}=${a}${tried ? `&${EVIDENCE_PARAM}=${tried}` : ''}`;
}

export { decodeEvidence };
