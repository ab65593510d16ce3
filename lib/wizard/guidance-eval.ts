/**
 * Guidance evaluation: run validation cases (real users' situations with the advice they were given)
 * through `recommend()`, check the result against the advice, and measure how stable the top
 * recommendation is when answers the source does not settle change. `scripts/eval-guidance.ts`
 * (`npm run eval:guidance`) does the file reading and printing; everything here is pure.
 */
import type { Answers, QuestionSet } from '../knowledge/schema';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { ExpectedTool, ValidationCase } from '../knowledge/validation-case';
import { rank, recommend, type Ranking } from '../recommend';
import { isVisible, pruneAnswers } from './conditions';

/** How many top tools an expected tool may be among. */
export const TOP_TOOLS = 3;

/** The targets of issue 9: share of cases fully right, of cases with every expected tool in the top three, and stability. */
export const TARGETS = { right: 0.9, topTools: 0.95, stability: 0.9 } as const;

/** One check's result: true / false, or null when the case does not state that expectation. */
export type Check = boolean | null;

export interface CaseResult {
  id: string;
  kind: Check;
  topCategory: Check;
  topTools: Check;
  /** Restoration method and Fig 9.4 training approach, when expected. */
  method: Check;
  /** Runner preset and Fig 9.9 deployment, when expected. */
  presetDeployment: Check;
  /** Every stated expectation met. */
  right: boolean;
  /** What the engine put first: top category (or restoration method) and top tool. */
  got: { top: string; tools: string[]; method: string | null; training: string | null; deployment: string | null; preset: string | null };
  /** Expected entries that missed, in words, for the table. */
  misses: string[];
  perturbations: number;
  flips: number;
  /** The perturbations that flipped the top recommendation, as "question=option". */
  flipped: string[];
}

export interface EvalSummary {
  cases: number;
  right: number;
  /** Cases that name expected tools. */
  withTools: number;
  toolHits: number;
  perturbations: number;
  flips: number;
  /** Shares 0..1. */
  rightShare: number;
  toolShare: number;
  stability: number;
  /** Which targets were missed (empty when all met). */
  missed: string[];
}

/**
 * Problems with a case's references: unknown questions, options, tools, methods. Unknown questions
 * and options are ignored by `recommend()`, so these are warnings; the script prints them.
 *
 * @param c - a schema-valid case
 * @param kb - the knowledge base
 * @returns one line per problem
 */
export function caseReferenceProblems(c: ValidationCase, kb: KnowledgeBase): string[] {
  const out: string[] = [];
  const questions = new Map(kb.questions.questions.map((q) => [q.id, q]));
  for (const [qid, value] of Object.entries(c.answers.values)) {
    const q = questions.get(qid);
    if (!q) {
      out.push(`${c.id}: answers question "${qid}", which the question set does not have`);
      continue;
    }
    const chosen = Array.isArray(value) ? value : [value];
    if (q.kind === 'single' && Array.isArray(value)) out.push(`${c.id}: "${qid}" takes one answer, not a list`);
    for (const o of chosen) if (!q.options.some((x) => x.id === o)) out.push(`${c.id}: "${qid}" has no option "${o}"`);
  }
  for (const d of c.determined) if (!questions.has(d)) out.push(`${c.id}: determined lists "${d}", which is not a question`);
  const tools = new Set(kb.tools.map((t) => t.id));
  for (const id of c.expected.topTools.flat()) if (!tools.has(id)) out.push(`${c.id}: expected tool "${id}" is not in the catalogue`);
  const m = c.expected.restorationMethod;
  if (m !== undefined && !kb.restorationMethods.some((x) => x.id === m)) out.push(`${c.id}: expected restoration method "${m}" does not exist`);
  return out;
}

/** The top recommendation that stability watches: kind, first category or restoration method, first tool. */
export function topKey(rec: Ranking): string {
  const first = rec.kind === 'restoration' ? rec.restorationMethods[0]?.id : rec.categories[0]?.id;
  return `${rec.kind}/${first ?? '-'}/${rec.tools[0]?.id ?? '-'}`;
}

/**
 * Every one-answer change the source does not rule out: for each answered, visible question not in
 * `determined`, each other option (single) or each option toggled (multi, keeping at least one).
 * Answers that the change hides are dropped (the wizard's pruning rule). A change that would hide an
 * answer the source settles is left out: the wizard would then never ask what that user told us (for
 * example "classical processing works" skips the pre-trained-model questions), so the changed answers
 * no longer describe the same situation.
 *
 * @param answers - the case's answers (pruned)
 * @param determined - question ids the source settles
 * @param set - the question set
 * @returns the perturbed answers, each with a label "question=option" or "question±option"
 */
export function perturbations(answers: Answers, determined: string[], set: QuestionSet): { label: string; answers: Answers }[] {
  const out: { label: string; answers: Answers }[] = [];
  for (const q of set.questions) {
    const value = answers.values[q.id];
    if (value === undefined || determined.includes(q.id) || !isVisible(q, answers)) continue;
    const variants: { label: string; value: string | string[] }[] = [];
    if (q.kind === 'single') {
      for (const o of q.options) if (o.id !== value) variants.push({ label: `${q.id}=${o.id}`, value: o.id });
    } else {
      const chosen = Array.isArray(value) ? value : [value];
      for (const o of q.options) {
        const next = chosen.includes(o.id) ? chosen.filter((x) => x !== o.id) : [...chosen, o.id];
        if (next.length === 0) continue;
        variants.push({ label: `${q.id}${chosen.includes(o.id) ? '-' : '+'}${o.id}`, value: q.options.map((x) => x.id).filter((id) => next.includes(id)) });
      }
    }
    for (const v of variants) {
      const changed = pruneAnswers(set, { values: { ...answers.values, [q.id]: v.value }, mustHave: answers.mustHave });
      if (determined.some((d) => answers.values[d] !== undefined && changed.values[d] === undefined)) continue;
      out.push({ label: v.label, answers: changed });
    }
  }
  return out;
}

const hit = (entry: ExpectedTool, top: string[]): boolean => (Array.isArray(entry) ? entry.some((id) => top.includes(id)) : top.includes(entry));
const both = (a: Check, b: Check): Check => (a === null ? b : b === null ? a : a && b);

/**
 * Run one case: recommend, compare with the expected advice, and perturb the undetermined answers.
 *
 * @param c - a schema-valid case
 * @param kb - the knowledge base
 * @returns the per-check results and the stability counts
 */
export function evaluateCase(c: ValidationCase, kb: KnowledgeBase): CaseResult {
  const answers = pruneAnswers(kb.questions, c.answers);
  const rec = recommend(answers, kb);
  const e = c.expected;
  const top3 = rec.tools.slice(0, TOP_TOOLS).map((t) => t.id);
  const misses: string[] = [];
  const kind = rec.kind === e.kind;
  if (!kind) misses.push(`kind ${rec.kind}≠${e.kind}`);
  const topCategory: Check = e.topCategory === undefined ? null : rec.categories[0]?.id === e.topCategory;
  if (topCategory === false) misses.push(`category ${rec.categories[0]?.id ?? '-'}≠${e.topCategory}`);
  const toolMisses = e.topTools.filter((t) => !hit(t, top3));
  const topTools: Check = e.topTools.length === 0 ? null : toolMisses.length === 0;
  if (toolMisses.length > 0) misses.push(`tools miss ${toolMisses.map((t) => (Array.isArray(t) ? t.join('|') : t)).join(',')}`);
  const methodCheck: Check = e.restorationMethod === undefined ? null : rec.restorationMethods[0]?.id === e.restorationMethod;
  if (methodCheck === false) misses.push(`method ${rec.restorationMethods[0]?.id ?? '-'}≠${e.restorationMethod}`);
  const trainingCheck: Check = e.trainingApproach === undefined ? null : rec.trainingApproach?.approach === e.trainingApproach;
  if (trainingCheck === false) misses.push(`training ${rec.trainingApproach?.approach ?? '-'}≠${e.trainingApproach}`);
  const presetCheck: Check = e.runnerPreset === undefined ? null : rec.runnerPreset?.preset === e.runnerPreset;
  if (presetCheck === false) misses.push(`preset ${rec.runnerPreset?.preset ?? '-'}≠${e.runnerPreset}`);
  const deploymentCheck: Check = e.deployment === undefined ? null : rec.deployment?.mode === e.deployment;
  if (deploymentCheck === false) misses.push(`deployment ${rec.deployment?.mode ?? '-'}≠${e.deployment}`);
  const method = both(methodCheck, trainingCheck);
  const presetDeployment = both(presetCheck, deploymentCheck);

  const base = topKey(rec);
  const flipped: string[] = [];
  const variants = perturbations(answers, c.determined, kb.questions);
  // Only the top is compared, so the ranking alone will do (rank gives recommend's order).
  for (const v of variants) if (topKey(rank(v.answers, kb)) !== base) flipped.push(v.label);

  return {
    id: c.id,
    kind,
    topCategory,
    topTools,
    method,
    presetDeployment,
    right: kind && [topCategory, topTools, method, presetDeployment].every((x) => x !== false),
    got: {
      top: (rec.kind === 'restoration' ? rec.restorationMethods[0]?.id : rec.categories[0]?.id) ?? '-',
      tools: top3,
      method: rec.restorationMethods[0]?.id ?? null,
      training: rec.trainingApproach?.approach ?? null,
      deployment: rec.deployment?.mode ?? null,
      preset: rec.runnerPreset?.preset ?? null,
    },
    misses,
    perturbations: variants.length,
    flips: flipped.length,
    flipped,
  };
}

/**
 * Totals over case results, and which targets were missed.
 *
 * @param results - per-case results
 * @returns counts, shares and missed targets
 */
export function summarise(results: CaseResult[]): EvalSummary {
  const cases = results.length;
  const right = results.filter((r) => r.right).length;
  const withTools = results.filter((r) => r.topTools !== null).length;
  const toolHits = results.filter((r) => r.topTools === true).length;
  const perturbationCount = results.reduce((s, r) => s + r.perturbations, 0);
  const flips = results.reduce((s, r) => s + r.flips, 0);
  const rightShare = cases === 0 ? 0 : right / cases;
  const toolShare = withTools === 0 ? 1 : toolHits / withTools;
  const stability = perturbationCount === 0 ? 1 : 1 - flips / perturbationCount;
  const missed: string[] = [];
  if (cases === 0) missed.push('no cases');
  // One decimal here, so a share just below a target does not read as equal to it.
  const exact = (share: number) => `${(share * 100).toFixed(1)}%`;
  if (rightShare < TARGETS.right) missed.push(`fully right ${exact(rightShare)} < ${pct(TARGETS.right)}`);
  if (toolShare < TARGETS.topTools) missed.push(`top-3 tools ${exact(toolShare)} < ${pct(TARGETS.topTools)}`);
  if (stability < TARGETS.stability) missed.push(`stability ${exact(stability)} < ${pct(TARGETS.stability)}`);
  return { cases, right, withTools, toolHits, perturbations: perturbationCount, flips, rightShare, toolShare, stability, missed };
}

/**
 * The summary per group of cases (for example by `source.kind`: a maintainer's answer in an issue
 * thread, documentation, a paper), largest group first, then by name. Where the advice comes from
 * matters: a tool's own documentation or paper describes that tool's pipeline, not a neutral choice.
 *
 * @param results - per-case results
 * @param groupOf - the group of each result, in the same order
 * @returns each group's name and summary
 */
export function summariseBy(results: CaseResult[], groupOf: string[]): { group: string; summary: EvalSummary }[] {
  const groups = new Map<string, CaseResult[]>();
  results.forEach((r, i) => {
    const g = groupOf[i] ?? '-';
    const members = groups.get(g);
    if (members === undefined) groups.set(g, [r]);
    else members.push(r);
  });
  // Code-unit order for equal sizes: the same on every machine, unlike localeCompare.
  return [...groups.entries()]
    .map(([group, rs]) => ({ group, summary: summarise(rs) }))
    .sort((a, b) => b.summary.cases - a.summary.cases || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

/** A share as a whole percentage ("92%"). */
export function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The summary line the script prints last, e.g. `64 cases: 59 right (92%), top-3 tools 97%, stability 93%`. */
export function summaryLine(s: EvalSummary): string {
  return `${s.cases} cases: ${s.right} right (${pct(s.rightShare)}), top-3 tools ${pct(s.toolShare)}, stability ${pct(s.stability)}`;
}

/** The per-case fields a comparison reads from an earlier `--json` run. */
export type EarlierResult = Pick<CaseResult, 'id' | 'right' | 'topTools' | 'perturbations' | 'flips'>;

/** What changed between an earlier run and this one, on the cases both runs evaluated. */
export interface RunComparison {
  common: number;
  onlyNow: number;
  onlyBefore: number;
  right: { before: number; now: number };
  /** Ids of the common cases that became fully right, and that stopped being fully right. */
  gained: string[];
  lost: string[];
  topTools: { before: number; now: number; of: number };
  flips: { before: number; now: number; perturbations: number };
}

/**
 * Compare this run with an earlier one (`npm run eval:guidance -- --json before.json`, then a change, then
 * `--compare before.json`): how a change to the questions, rules, trees or tool data moved each case.
 * Only cases in both runs count, so a run on more cases still compares like with like.
 */
export function compareRuns(before: EarlierResult[], now: CaseResult[]): RunComparison {
  const earlier = new Map(before.map((r) => [r.id, r]));
  const nowIds = new Set(now.map((r) => r.id));
  const pairs = now.flatMap((r) => {
    const b = earlier.get(r.id);
    return b === undefined ? [] : [{ b, r }];
  });
  const count = <T>(list: T[], test: (x: T) => boolean) => list.filter(test).length;
  const withTools = pairs.filter(({ b, r }) => b.topTools !== null && r.topTools !== null);
  const sameChanges = pairs.filter(({ b, r }) => b.perturbations === r.perturbations);
  return {
    common: pairs.length,
    onlyNow: now.length - pairs.length,
    onlyBefore: before.filter((b) => !nowIds.has(b.id)).length,
    right: { before: count(pairs, ({ b }) => b.right), now: count(pairs, ({ r }) => r.right) },
    gained: pairs.filter(({ b, r }) => r.right && !b.right).map(({ r }) => r.id),
    lost: pairs.filter(({ b, r }) => b.right && !r.right).map(({ r }) => r.id),
    topTools: { before: count(withTools, ({ b }) => b.topTools === true), now: count(withTools, ({ r }) => r.topTools === true), of: withTools.length },
    // Flips compare only where both runs tried the same number of changes (the questions did not change).
    flips: { before: sameChanges.reduce((s, { b }) => s + b.flips, 0), now: sameChanges.reduce((s, { r }) => s + r.flips, 0), perturbations: sameChanges.reduce((s, { r }) => s + r.perturbations, 0) },
  };
}

/** The lines `--compare` prints: the totals first, then each case that changed, as `+ id` or `- id`. */
export function comparisonLines(c: RunComparison, file: string): string[] {
  // Thousands separated by commas, the same in every locale.
  const n = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const extra = [c.onlyNow > 0 ? `${n(c.onlyNow)} new` : '', c.onlyBefore > 0 ? `${n(c.onlyBefore)} gone` : ''].filter((s) => s !== '').join(', ');
  return [
    `compared with ${file} on the ${n(c.common)} cases in both${extra === '' ? '' : ` (${extra} not compared)`}: fully right ${n(c.right.before)} → ${n(c.right.now)} (+${c.gained.length} −${c.lost.length}); top-3 tools ${n(c.topTools.before)} → ${n(c.topTools.now)} of ${n(c.topTools.of)}; flips ${n(c.flips.before)} → ${n(c.flips.now)} in ${n(c.flips.perturbations)} changes`,
    ...c.gained.map((id) => `+ ${id}`),
    ...c.lost.map((id) => `- ${id}`),
  ];
}
