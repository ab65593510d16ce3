/**
 * Compact, readable URL encoding of wizard answers: `?a=<version>.<pair>.<pair>…` where a pair is
 * `<question index>-<option index>` (multi answers join option indices with `_`) and a trailing `m`
 * marks a must-have. Example: `?a=1.0-2.5-0m.9-1_2`. Only characters that survive URL encoding
 * unchanged are used (digits, `.`, `-`, `_`, `m`).
 *
 * Indices keep links short; the question-set version guards against links made for an older set.
 * Links made with an earlier version listed in the set's `previousVersions` still decode: their
 * indices are read through that version's question and option order, so each answer keeps its id,
 * new questions stay unanswered, and the result carries the version's note on what changed.
 */
// zod/mini: the same validation, tree-shakable, so the wizard's first load stays small.
import * as z from 'zod/mini';
import type { Answers, PreviousQuestionSet, QuestionSet } from '../knowledge/schema';
import { isValidAnswer, isVisible, pruneAnswers } from './conditions';

/** The query parameter that carries the answers. */
export const ANSWERS_PARAM = 'a';

const PairSchema = z.string().check(z.regex(/^\d{1,3}-\d{1,2}(?:_\d{1,2})*m?$/, 'must look like <question>-<option>[_<option>…][m]'));
const EncodedSchema = z.string().check(z.maxLength(2000, 'is too long to be an answers link'), z.regex(/^\d{1,4}(?:\.[0-9_m-]+)*$/, 'must look like <version>.<pair>.<pair>…'));

/** A decoded link: the answers, or what was wrong and the valid answers before the problem. */
export type DecodeResult =
  | { ok: true; answers: Answers; /** Set when the link was made with an earlier question set. */ upgradedFrom?: { version: number; note: string } }
  | { ok: false; badQuestion: string | null; message: string; lastValid: Answers };

/**
 * Encode answers for a URL. Answers to unknown questions or options are left out.
 *
 * @param answers - the answers (pass pruned answers so hidden ones are not shared)
 * @param set - the question set they answer
 * @returns the value of the `a` parameter
 */
export function encodeAnswers(answers: Answers, set: QuestionSet): string {
  const parts = [String(set.version)];
  set.questions.forEach((q, qi) => {
    const value = answers.values[q.id];
    if (value === undefined) return;
    const chosen = Array.isArray(value) ? value : [value];
    const indices = chosen.map((o) => q.options.findIndex((x) => x.id === o));
    if (indices.length === 0 || indices.some((i) => i < 0)) return;
    parts.push(`${qi}-${indices.join('_')}${answers.mustHave.includes(q.id) ? 'm' : ''}`);
  });
  return parts.join('.');
}

/**
 * Decode and validate the `a` parameter against a question set. Pairs are read in order; the first
 * invalid one stops decoding, and the result names its question (when the index is known) so the UI
 * can say which answer is wrong and continue from the last valid answers.
 *
 * @param encoded - the parameter value
 * @param set - the question set to validate against
 * @returns `{ok: true, answers}` or `{ok: false, badQuestion, message, lastValid}`
 */
export function decodeAnswers(encoded: string, set: QuestionSet): DecodeResult {
  const empty: Answers = { values: {}, mustHave: [] };
  const shape = EncodedSchema.safeParse(encoded);
  if (!shape.success) return { ok: false, badQuestion: null, message: `the answers link ${shape.error.issues[0]?.message ?? 'is malformed'}`, lastValid: empty };
  const [version, ...pairs] = encoded.split('.');
  if (Number(version) !== set.version) {
    const previous = (set.previousVersions ?? []).find((p) => p.version === Number(version));
    if (previous) return decodePrevious(pairs, previous, set);
    return { ok: false, badQuestion: null, message: `the link was made for question set version ${version}, but this is version ${set.version}; please answer again`, lastValid: empty };
  }
  const answers: Answers = { values: {}, mustHave: [] };
  const fail = (badQuestion: string | null, message: string): DecodeResult => ({ ok: false, badQuestion, message, lastValid: structuredClone(answers) });
  let lastIndex = -1;
  for (const pair of pairs) {
    const parsed = splitPair(pair);
    if (!parsed) return fail(null, `the answer "${pair}" in the link is malformed; expected <question>-<option>`);
    const { must, question: qi, options: picked } = parsed;
    const q = set.questions[qi];
    if (!q) return fail(null, `the link answers question number ${qi}, but there are only ${set.questions.length} questions`);
    if (qi <= lastIndex) return fail(q.id, `the link answers question "${q.id}" twice or out of order`);
    lastIndex = qi;
    const ids = picked.map((i) => q.options[i]?.id);
    if (ids.some((id) => id === undefined)) return fail(q.id, `the answer to "${q.text}" refers to an option that does not exist`);
    const value = q.kind === 'single' ? ids[0]! : (ids as string[]);
    if (q.kind === 'single' && ids.length !== 1) return fail(q.id, `"${q.text}" takes one answer, but the link gives ${ids.length}`);
    if (!isValidAnswer(q, value)) return fail(q.id, `the answer to "${q.text}" is not valid`);
    if (!isVisible(q, answers)) return fail(q.id, `"${q.text}" does not apply given the earlier answers in the link`);
    if (must && !q.canBeMustHave) return fail(q.id, `"${q.text}" cannot be marked as a must-have`);
    answers.values[q.id] = value;
    if (must) answers.mustHave.push(q.id);
  }
  return { ok: true, answers };
}

/**
 * Decode the pairs of a link made with an earlier question set: indices are read through that
 * version's order, answers are checked against the current questions by id, and answers whose
 * questions the current set hides for these answers are dropped (the wizard's pruning rule).
 */
function decodePrevious(pairs: string[], previous: PreviousQuestionSet, set: QuestionSet): DecodeResult {
  const raw: Answers = { values: {}, mustHave: [] };
  const fail = (badQuestion: string | null, message: string): DecodeResult => ({ ok: false, badQuestion, message, lastValid: pruneAnswers(set, raw) });
  let lastIndex = -1;
  for (const pair of pairs) {
    const parsed = splitPair(pair);
    if (!parsed) return fail(null, `the answer "${pair}" in the link is malformed; expected <question>-<option>`);
    const { must, question: qi, options: picked } = parsed;
    const old = previous.questions[qi];
    if (!old) return fail(null, `the link answers question number ${qi}, but version ${previous.version} had only ${previous.questions.length} questions`);
    if (qi <= lastIndex) return fail(old.id, `the link answers question "${old.id}" twice or out of order`);
    lastIndex = qi;
    const q = set.questions.find((x) => x.id === old.id);
    // A question dropped since that version: its answer no longer applies.
    if (!q) continue;
    const ids = picked.map((i) => old.options[i]);
    if (ids.some((id) => id === undefined)) return fail(q.id, `the answer to "${q.text}" refers to an option that does not exist`);
    const value = q.kind === 'single' ? ids[0]! : (ids as string[]);
    if (q.kind === 'single' && ids.length !== 1) return fail(q.id, `"${q.text}" takes one answer, but the link gives ${ids.length}`);
    if (!isValidAnswer(q, value)) return fail(q.id, `the answer to "${q.text}" is not valid`);
    if (must && !q.canBeMustHave) return fail(q.id, `"${q.text}" cannot be marked as a must-have`);
    raw.values[q.id] = value;
    if (must) raw.mustHave.push(q.id);
  }
  return { ok: true, answers: pruneAnswers(set, raw), upgradedFrom: { version: previous.version, note: previous.note } };
}

/**
 * Check that every earlier question set can be read through the current one: each of its questions
 * still exists (or was dropped on purpose) and each of its options is still an option, so links map 1:1.
 *
 * @param set - the current question set
 * @returns problems, one line each; empty when fine
 */
export function checkPreviousVersions(set: QuestionSet): string[] {
  const problems: string[] = [];
  for (const p of set.previousVersions ?? []) {
    if (p.version >= set.version) problems.push(`previous version ${p.version} is not older than the current version ${set.version}`);
    for (const old of p.questions) {
      const q = set.questions.find((x) => x.id === old.id);
      if (!q) {
        problems.push(`version ${p.version}: question ${old.id} no longer exists; links that answer it lose that answer`);
        continue;
      }
      for (const o of old.options) if (!q.options.some((x) => x.id === o)) problems.push(`version ${p.version}: option ${old.id}=${o} no longer exists`);
    }
  }
  return problems;
}

/** One `<question>-<option>[_<option>…][m]` pair of a link, or null when it is malformed. */
function splitPair(pair: string): { must: boolean; question: number; options: number[] } | null {
  if (!PairSchema.safeParse(pair).success) return null;
  const must = pair.endsWith('m');
  const [qPart, oPart] = (must ? pair.slice(0, -1) : pair).split('-') as [string, string];
  return { must, question: Number(qPart), options: oPart.split('_').map(Number) };
}
