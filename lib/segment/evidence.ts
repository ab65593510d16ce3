// What a /try run tells the wizard: which rung was tried, how it was judged, and the score if a
// ground truth was given. Carried in the result link as `?tried=…` beside the answers (`?a=…`).

/** The URL parameter that carries the evidence. */
export const EVIDENCE_PARAM = 'tried';

/** One tried rung. */
export interface TryEvidence {
  rung: 'classical' | 'pixel';
  /** `otsu`, `li`, `triangle`, `yen`, `mean` (rung 1) or `forest` (rung 2). */
  method: string;
  /** The user's verdict (§8.4): good enough for the question, or not. */
  verdict: 'works' | 'failed';
  /** F1 at IoU 0.5 against the user's ground truth, when one was given. */
  f1?: number;
  /** When the F1 came from a few outlines drawn on the image rather than a full label image: how many. */
  outlines?: number;
}

const METHODS = new Set(['otsu', 'li', 'triangle', 'yen', 'mean', 'forest']);

/**
 * `classical.otsu.failed.0.62~pixel.forest.works.0.91.o5` (score optional, two decimals; `.o5`: the
 * score came from 5 outlines drawn on the image).
 */
export function encodeEvidence(list: readonly TryEvidence[]): string {
  return list
    .map((e) => {
      const score = e.f1 === undefined ? [] : [e.f1.toFixed(2), ...(e.outlines === undefined ? [] : [`o${e.outlines}`])];
      return [e.rung, e.method, e.verdict, ...score].join('.');
    })
    .join('~');
}

/** Parse the parameter; anything malformed is dropped (the result page then shows no evidence). */
export function decodeEvidence(param: string | undefined | null): TryEvidence[] {
  if (!param || param.length > 200) return [];
  const out: TryEvidence[] = [];
  for (const part of param.split('~')) {
    const m = /^(classical|pixel)\.([a-z]+)\.(works|failed)(?:\.(0\.\d{1,2}|1\.00?|1)(?:\.o([1-9]\d{0,3}))?)?$/.exec(part);
    if (!m || !METHODS.has(m[2]!)) continue;
    if ((m[1] === 'pixel') !== (m[2] === 'forest')) continue;
    if (out.some((e) => e.rung === m[1])) continue;
    out.push({
      rung: m[1] as TryEvidence['rung'],
      method: m[2]!,
      verdict: m[3] as TryEvidence['verdict'],
      ...(m[4] ? { f1: Number(m[4]) } : {}),
      ...(m[5] ? { outlines: Number(m[5]) } : {}),
    });
  }
  return out;
}

/**
 * The wizard answers the evidence implies: `tried-classical` and `tried-pixel` (question ids of
 * knowledge/questions.json) set to `works` or `failed`. A pixel-classifier try without a classical
 * one still records classical as failed only when the user said so, never by assumption.
 */
export function triedAnswers(list: readonly TryEvidence[]): Record<string, 'works' | 'failed'> {
  const answers: Record<string, 'works' | 'failed'> = {};
  for (const e of list) answers[e.rung === 'classical' ? 'tried-classical' : 'tried-pixel'] = e.verdict;
  return answers;
}

/** A method's name for people. */
export function methodLabel(e: Pick<TryEvidence, 'rung' | 'method'>): string {
  if (e.rung === 'pixel') return 'a random-forest pixel classifier';
  const name = { otsu: 'Otsu', li: 'Li', triangle: 'Triangle', yen: 'Yen', mean: 'mean' }[e.method] ?? e.method;
  return `${name} threshold + watershed`;
}

/** The book's next step after this evidence (§9.2.2 ladder; §8.3 keep what works). */
export function nextStep(list: readonly TryEvidence[]): { text: string; section: string } {
  const classical = list.find((e) => e.rung === 'classical');
  const pixel = list.find((e) => e.rung === 'pixel');
  if (classical?.verdict === 'works' || pixel?.verdict === 'works') {
    return { text: 'keep the method that works and check it on a few more images; there is no need for deep learning', section: '8.3' };
  }
  if (pixel?.verdict === 'failed') {
    return { text: 'try a pre-trained deep-learning model next, and fine-tune it only if that is not good enough', section: '9.2.2' };
  }
  return { text: 'try a pixel classifier (rung 2 on the same page) before any deep learning', section: '9.2.2' };
}
