import { describe, expect, it } from 'vitest';

import { loadTestKnowledgeBase } from '../../test/helpers/knowledge-fixture';
import { ValidationCaseSchema, type ValidationCase } from '../knowledge/validation-case';
import { caseReferenceProblems, compareRuns, comparisonLines, evaluateCase, perturbations, summarise, summariseBy, summaryLine, type CaseResult } from './guidance-eval';

const kb = loadTestKnowledgeBase();
const study = (id: string) => kb.caseStudies.find((c) => c.id === id)!;

/** A validation case built from a book case study, expecting what the book says. */
function fromStudy(id: string, expected: Partial<ValidationCase['expected']>): ValidationCase {
  const s = study(id);
  return ValidationCaseSchema.parse({
    id,
    title: s.title,
    source: { url: 'https://bioimagingai.janelia.org/8-choosing-tools.html', kind: 'book' },
    situation: s.summary,
    advice: s.lesson,
    answers: s.answers,
    determined: ['output', 'objects', 'dimensions', 'modality'],
    expected: { kind: 'segmentation', ...expected },
  });
}

describe('guidance evaluation', () => {
  it('the book case studies come out right: fine-tuned Cellpose, and an ilastik pixel classifier', () => {
    const a = evaluateCase(fromStudy('adipocyte-screen', { topCategory: 'finetuned-dl', topTools: ['cellpose'] }), kb);
    expect(a).toMatchObject({ kind: true, topCategory: true, topTools: true, right: true });
    const z = evaluateCase(fromStudy('zebrafish-microglia', { topCategory: 'pixel-classification', topTools: ['ilastik'] }), kb);
    expect(z).toMatchObject({ topCategory: true, topTools: true, right: true });
  });

  it('reports a wrong expectation as a miss (the check can fail)', () => {
    const r = evaluateCase(fromStudy('adipocyte-screen', { topCategory: 'manual-annotation', topTools: ['ilastik', ['qupath', 'icy']], restorationMethod: 'noise2noise-training' }), kb);
    expect(r.right).toBe(false);
    expect(r.topCategory).toBe(false);
    expect(r.topTools).toBe(false);
    expect(r.method).toBe(false);
    expect(r.misses.join(' ')).toMatch(/category .*≠manual-annotation/);
    expect(r.misses.join(' ')).toMatch(/tools miss ilastik,qupath\|icy/);
  });

  it('perturbs only undetermined, visible answers: every other option, or each option toggled', () => {
    const c = fromStudy('adipocyte-screen', {});
    const variants = perturbations(c.answers, c.determined, kb.questions);
    const questions = new Set(variants.map((v) => v.label.split(/[=+-]/)[0]));
    for (const d of c.determined) expect(questions.has(d), d).toBe(false);
    // A single question with n options gives n - 1 variants.
    const time = kb.questions.questions.find((q) => q.id === 'time-available')!;
    expect(variants.filter((v) => v.label.startsWith('time-available=')).length).toBe(time.options.length - 1);
    // A multi question is toggled option by option, never left empty.
    const difficulty = variants.filter((v) => v.label.startsWith('difficulty'));
    expect(difficulty.length).toBe(kb.questions.questions.find((q) => q.id === 'difficulty')!.options.length - 1);
    for (const v of difficulty) expect((v.answers.values.difficulty as string[]).length).toBeGreaterThan(0);
  });

  it('leaves out a change that would hide an answer the source settles, and only such a change', () => {
    const c = fromStudy('adipocyte-screen', {});
    expect(c.answers.values.pretrained).toBeDefined();
    const free = perturbations(c.answers, c.determined, kb.questions).map((v) => v.label);
    // "Classical processing works" makes the wizard skip the pre-trained-model question.
    expect(free).toContain('tried-classical=works');
    const settled = perturbations(c.answers, [...c.determined, 'pretrained'], kb.questions).map((v) => v.label);
    expect(settled).not.toContain('tried-classical=works');
    // Exactly the changes that hide the settled answer are gone.
    const hides = perturbations(c.answers, c.determined, kb.questions).filter((v) => v.answers.values.pretrained === undefined).map((v) => v.label);
    expect(hides).toContain('tried-classical=works');
    expect(settled.filter((l) => !l.startsWith('pretrained'))).toEqual(free.filter((l) => !l.startsWith('pretrained') && !hides.includes(l)));
  });

  it('summarises, names the missed targets and prints the summary line', () => {
    const r = (right: boolean, tools: boolean | null, p: number, f: number): CaseResult => ({
      id: 'x', kind: true, topCategory: null, topTools: tools, method: null, presetDeployment: null, right, misses: [], perturbations: p, flips: f, flipped: [],
      got: { top: '-', tools: [], method: null, training: null, deployment: null, preset: null },
    });
    const all = [r(true, true, 10, 0), r(true, true, 10, 1), r(false, false, 10, 2), r(true, null, 10, 0)];
    const s = summarise(all);
    expect(summaryLine(s)).toBe('4 cases: 3 right (75%), top-3 tools 67%, stability 93%');
    expect(s.missed).toEqual(['fully right 75.0% < 90%', 'top-3 tools 66.7% < 95%']);
    expect(summarise([r(true, true, 10, 0)]).missed).toEqual([]);
    // Per source kind: each group summarised on its own cases, the largest group first.
    const by = summariseBy(all, ['docs', 'issue', 'issue', 'docs']);
    expect(by.map((g) => `${g.group}: ${summaryLine(g.summary)}`)).toEqual(['docs: 2 cases: 2 right (100%), top-3 tools 100%, stability 100%', 'issue: 2 cases: 1 right (50%), top-3 tools 50%, stability 85%']);
    expect(summariseBy(all, ['paper', 'issue', 'issue', 'issue']).map((g) => [g.group, g.summary.cases])).toEqual([['issue', 3], ['paper', 1]]);
  });

  it('flags references to unknown questions, options and tools', () => {
    const c = fromStudy('adipocyte-screen', { topTools: ['no-such-tool'] });
    c.answers.values['no-such-question'] = 'x';
    c.answers.values.output = 'nonsense';
    expect(caseReferenceProblems(c, kb)).toEqual([
      'adipocyte-screen: "output" has no option "nonsense"',
      'adipocyte-screen: answers question "no-such-question", which the question set does not have',
      'adipocyte-screen: expected tool "no-such-tool" is not in the catalogue',
    ]);
  });
});

describe('comparing two runs (--compare)', () => {
  const result = (id: string, right: boolean, topTools: boolean | null, flips: number, perturbations = 10): CaseResult => ({
    id,
    kind: true,
    topCategory: null,
    topTools,
    method: null,
    presetDeployment: null,
    right,
    got: { top: 'classical', tools: [], method: null, training: null, deployment: null, preset: null },
    misses: [],
    perturbations,
    flips,
    flipped: [],
  });

  it('counts only the cases in both runs and names each case that became or stopped being fully right', () => {
    const before = [result('a', false, false, 3), result('b', true, true, 1), result('c', true, null, 0), result('gone', true, true, 0)];
    const now = [result('a', true, true, 2), result('b', false, true, 1), result('c', true, null, 0), result('new', false, false, 5)];
    const c = compareRuns(before, now);
    expect(c).toMatchObject({ common: 3, onlyNow: 1, onlyBefore: 1, right: { before: 2, now: 2 }, gained: ['a'], lost: ['b'], topTools: { before: 1, now: 2, of: 2 }, flips: { before: 4, now: 3, perturbations: 30 } });
    const lines = comparisonLines(c, 'before.json');
    expect(lines[0]).toBe('compared with before.json on the 3 cases in both (1 new, 1 gone not compared): fully right 2 → 2 (+1 −1); top-3 tools 1 → 2 of 2; flips 4 → 3 in 30 changes');
    expect(lines.slice(1)).toEqual(['+ a', '- b']);
  });

  it('leaves flips out for a case whose number of changes differs (the questions changed between the runs)', () => {
    const c = compareRuns([result('a', true, null, 4, 10), result('b', true, null, 1, 10)], [result('a', true, null, 2, 12), result('b', true, null, 1, 10)]);
    expect(c.flips).toEqual({ before: 1, now: 1, perturbations: 10 });
    expect(comparisonLines(compareRuns([result('x', true, null, 1200, 2000)], [result('x', true, null, 1100, 2000)]), 'f')[0]).toContain('flips 1,200 → 1,100 in 2,000 changes');
  });
});
