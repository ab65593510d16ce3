import { createActor } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { describe, expect, it, vi } from 'vitest';

import { loadTestKnowledgeBase } from '../../test/helpers/knowledge-fixture';
import { lcg, randomWalkToReview } from '../../test/helpers/random-walk';
import type { QuestionSet } from '../knowledge/schema';
import { buildPlan, recommend } from '../recommend';
import { FIXTURE_QUESTIONS } from './fixture-questions.test-helper';
import { selectAnswers, selectCurrentQuestion, selectProgress, selectRecommendation, selectVisibleQuestions, type WizardSnapshot } from './selectors';
import { wizardMachine, type WizardEvent } from './wizard.machine';

const kb = loadTestKnowledgeBase();

function start(questions: QuestionSet = FIXTURE_QUESTIONS) {
  return createActor(wizardMachine, { input: { questions } }).start();
}
const current = (s: WizardSnapshot) => selectCurrentQuestion(s)?.id ?? null;

describe('wizard machine', () => {
  it('starts at the intro and moves to the first question', () => {
    const actor = start();
    expect(actor.getSnapshot().value).toBe('intro');
    actor.send({ type: 'nav.next' });
    expect(actor.getSnapshot().value).toBe('answering');
    expect(current(actor.getSnapshot())).toBe('output');
  });

  it('will not move past an unanswered required question, and ignores invalid answers', () => {
    const actor = start();
    actor.send({ type: 'nav.next' });
    actor.send({ type: 'nav.next' });
    expect(current(actor.getSnapshot())).toBe('output');
    actor.send({ type: 'answer.set', question: 'output', value: 'nonsense' });
    actor.send({ type: 'answer.set', question: 'output', value: ['objects'] });
    expect(actor.getSnapshot().context.answers.values).toEqual({});
    actor.send({ type: 'nav.skip' });
    expect(current(actor.getSnapshot())).toBe('output');
  });

  it('branches on visibility: segmentation asks for shape, restoration for degradation', () => {
    const seg = start();
    seg.send({ type: 'nav.next' });
    seg.send({ type: 'answer.set', question: 'output', value: 'objects' });
    seg.send({ type: 'nav.next' });
    expect(current(seg.getSnapshot())).toBe('shape');

    const res = start();
    res.send({ type: 'nav.next' });
    res.send({ type: 'answer.set', question: 'output', value: 'restored-images' });
    res.send({ type: 'nav.next' });
    expect(current(res.getSnapshot())).toBe('degradation');
    res.send({ type: 'answer.set', question: 'degradation', value: ['noise', 'blur'] });
    res.send({ type: 'nav.next' });
    expect(current(res.getSnapshot())).toBe('compute');
  });

  it('skips only optional questions, clearing their answer', () => {
    const actor = start();
    actor.send({ type: 'nav.next' });
    actor.send({ type: 'answer.set', question: 'output', value: 'objects' });
    actor.send({ type: 'nav.next' });
    actor.send({ type: 'nav.skip' });
    expect(current(actor.getSnapshot())).toBe('shape');
    actor.send({ type: 'answer.set', question: 'shape', value: 'round' });
    actor.send({ type: 'nav.next' });
    actor.send({ type: 'answer.set', question: 'compute', value: 'laptop' });
    actor.send({ type: 'nav.skip' });
    expect(actor.getSnapshot().value).toBe('review');
    expect(actor.getSnapshot().context.answers.values).toEqual({ output: 'objects', shape: 'round' });
  });

  it('goes back through visible questions and from the first to the intro', () => {
    const actor = start();
    actor.send({ type: 'nav.next' });
    actor.send({ type: 'answer.set', question: 'output', value: 'objects' });
    actor.send({ type: 'nav.next' });
    actor.send({ type: 'nav.back' });
    expect(current(actor.getSnapshot())).toBe('output');
    actor.send({ type: 'nav.back' });
    expect(actor.getSnapshot().value).toBe('intro');
  });

  it('toggles must-haves only on answered questions that allow them', () => {
    const actor = start();
    actor.send({ type: 'nav.next' });
    actor.send({ type: 'answer.set', question: 'output', value: 'objects' });
    actor.send({ type: 'mustHave.toggle', question: 'output' });
    actor.send({ type: 'nav.next' });
    actor.send({ type: 'mustHave.toggle', question: 'shape' });
    expect(actor.getSnapshot().context.answers.mustHave).toEqual([]);
    actor.send({ type: 'answer.set', question: 'shape', value: 'irregular' });
    actor.send({ type: 'mustHave.toggle', question: 'shape' });
    expect(actor.getSnapshot().context.answers.mustHave).toEqual(['shape']);
    actor.send({ type: 'mustHave.toggle', question: 'shape' });
    expect(actor.getSnapshot().context.answers.mustHave).toEqual([]);
  });

  it('review.edit jumps to a question, asks newly required ones, then returns to review; hidden answers are dropped', () => {
    const actor = start();
    for (const e of [
      { type: 'nav.next' },
      { type: 'answer.set', question: 'output', value: 'objects' },
      { type: 'nav.next' },
      { type: 'answer.set', question: 'shape', value: 'round' },
      { type: 'mustHave.toggle', question: 'shape' },
      { type: 'nav.next' },
      { type: 'nav.skip' },
    ] as WizardEvent[]) actor.send(e);
    expect(actor.getSnapshot().value).toBe('review');

    actor.send({ type: 'review.edit', question: 'degradation' });
    expect(actor.getSnapshot().value).toBe('review');
    actor.send({ type: 'review.edit', question: 'output' });
    expect(current(actor.getSnapshot())).toBe('output');
    actor.send({ type: 'answer.set', question: 'output', value: 'restored-images' });
    actor.send({ type: 'nav.next' });
    expect(current(actor.getSnapshot())).toBe('degradation');
    actor.send({ type: 'answer.set', question: 'degradation', value: ['noise'] });
    actor.send({ type: 'nav.next' });
    expect(actor.getSnapshot().value).toBe('review');

    const snap = actor.getSnapshot();
    // The shape answer stays in context (so switching back restores it) but no longer counts.
    expect(snap.context.answers.values['shape']).toBe('round');
    expect(selectAnswers(snap)).toEqual({ values: { output: 'restored-images', degradation: ['noise'] }, mustHave: [] });
    actor.send({ type: 'nav.next' });
    expect(actor.getSnapshot().value).toBe('result');
    expect(selectRecommendation(actor.getSnapshot(), kb).kind).toBe('restoration');
  });

  it('reports progress over visible questions', () => {
    const actor = start();
    expect(selectProgress(actor.getSnapshot())).toEqual({ position: 0, total: 2, answered: 0, fraction: 0 });
    actor.send({ type: 'nav.next' });
    actor.send({ type: 'answer.set', question: 'output', value: 'objects' });
    actor.send({ type: 'nav.next' });
    expect(selectProgress(actor.getSnapshot())).toEqual({ position: 2, total: 3, answered: 1, fraction: 1 / 3 });
  });

  it('calls the side effects the UI provides, and restart clears everything', () => {
    const reportCompletion = vi.fn();
    const persistProgress = vi.fn();
    const actor = createActor(wizardMachine.provide({ actions: { reportCompletion, persistProgress } }), { input: { questions: FIXTURE_QUESTIONS } }).start();
    for (const e of [
      { type: 'nav.next' },
      { type: 'answer.set', question: 'output', value: 'objects' },
      { type: 'nav.next' },
      { type: 'answer.set', question: 'shape', value: 'round' },
      { type: 'nav.next' },
      { type: 'nav.skip' },
      { type: 'nav.next' },
    ] as WizardEvent[]) actor.send(e);
    expect(actor.getSnapshot().value).toBe('result');
    expect(reportCompletion).toHaveBeenCalledTimes(1);
    expect(persistProgress).toHaveBeenCalled();
    actor.send({ type: 'wizard.restart' });
    expect(actor.getSnapshot().value).toBe('intro');
    expect(actor.getSnapshot().context.answers).toEqual({ values: {}, mustHave: [] });
  });

  it('resumes from the last valid answers of a link: first unanswered question, or review when complete', () => {
    const partial = createActor(wizardMachine, { input: { questions: FIXTURE_QUESTIONS, answers: { values: { output: 'objects' }, mustHave: [] }, resume: true } }).start();
    expect(partial.getSnapshot().value).toBe('answering');
    expect(current(partial.getSnapshot())).toBe('shape');
    const complete = createActor(wizardMachine, {
      input: { questions: FIXTURE_QUESTIONS, answers: { values: { output: 'objects', shape: 'round', compute: 'laptop' }, mustHave: [] }, resume: true },
    }).start();
    expect(complete.getSnapshot().value).toBe('review');
  });

  it('resumes from the intro on request, like the resume input', () => {
    const partial = createActor(wizardMachine, { input: { questions: FIXTURE_QUESTIONS, answers: { values: { output: 'objects' }, mustHave: [] } } }).start();
    expect(partial.getSnapshot().value).toBe('intro');
    partial.send({ type: 'nav.resume' });
    expect(partial.getSnapshot().value).toBe('answering');
    expect(current(partial.getSnapshot())).toBe('shape');
    const complete = createActor(wizardMachine, {
      input: { questions: FIXTURE_QUESTIONS, answers: { values: { output: 'objects', shape: 'round', compute: 'laptop' }, mustHave: [] } },
    }).start();
    complete.send({ type: 'nav.resume' });
    expect(complete.getSnapshot().value).toBe('review');
  });

  it('accepts prefilled answers from a link, keeping only valid ones', () => {
    const actor = createActor(wizardMachine, {
      input: { questions: FIXTURE_QUESTIONS, answers: { values: { output: 'objects', shape: 'oval', compute: 'laptop' }, mustHave: ['compute', 'shape'] } },
    }).start();
    expect(actor.getSnapshot().context.answers).toEqual({ values: { output: 'objects', compute: 'laptop' }, mustHave: ['compute'] });
  });
});

/** Events worth trying in a snapshot: every option of the current question, navigation, edits. */
function eventsFor(full: boolean) {
  return (snapshot: WizardSnapshot): WizardEvent[] => {
    const events: WizardEvent[] = [{ type: 'nav.next' }];
    const q = selectCurrentQuestion(snapshot);
    if (q) {
      for (const o of q.options) events.push({ type: 'answer.set', question: q.id, value: q.kind === 'single' ? o.id : [o.id] });
      if (q.optional) events.push({ type: 'nav.skip' });
      if (full) events.push({ type: 'nav.back' }, { type: 'mustHave.toggle', question: q.id });
    }
    if (full && snapshot.matches('review')) {
      for (const id of ['output', 'shape', 'degradation', 'compute']) events.push({ type: 'review.edit', question: id });
      events.push({ type: 'nav.back' });
    }
    if (full && snapshot.matches('result')) events.push({ type: 'nav.back' }, { type: 'wizard.restart' });
    return events;
  };
}

describe('wizard machine, model-based (xstate/graph)', () => {
  it('fixture: every question and state is reachable with all events', () => {
    const paths = getShortestPaths(wizardMachine, { input: { questions: FIXTURE_QUESTIONS }, events: eventsFor(true) });
    const onScreen = new Set(paths.map((p) => selectCurrentQuestion(p.state)).filter((q) => q !== null).map((q) => q.id));
    expect([...onScreen].sort()).toEqual(['compute', 'degradation', 'output', 'shape']);
    const states = new Set(paths.map((p) => String(p.state.value)));
    expect([...states].sort()).toEqual(['answering', 'intro', 'result', 'review']);
  });

  it('fixture: every simple path to the result carries answers that give at least one recommendation', () => {
    const paths = getSimplePaths(wizardMachine, {
      input: { questions: FIXTURE_QUESTIONS },
      events: eventsFor(false),
      toState: (s) => s.matches('result'),
    });
    expect(paths.length).toBeGreaterThan(3);
    for (const p of paths) {
      expect(p.state.matches('result')).toBe(true);
      const answers = selectAnswers(p.state);
      expect(answers.values['output']).toBeDefined();
      const rec = recommend(answers, kb);
      expect(rec.tools.length + rec.restorationMethods.length, JSON.stringify(answers)).toBeGreaterThan(0);
    }
  });

  it('real question set: every question can be reached', () => {
    const paths = getShortestPaths(wizardMachine, {
      input: { questions: kb.questions },
      events: eventsFor(false),
      // Reachability only: a state is its machine state, the question on screen, whether it is answered
      // and which of the questions still to come are visible. Answer sets that leave the same questions
      // ahead are treated as one, which can only hide reachable states (a false failure), never invent
      // them. (Keying on the whole visible set made the graph too large once version 3 added questions
      // whose visibility depends on multi-answer questions.)
      serializeState: (s) => {
        const visible = selectVisibleQuestions(s).map((q) => q.id);
        const ahead = s.context.current === null ? visible : visible.slice(visible.indexOf(s.context.current) + 1);
        return `${String(s.value)}:${s.context.current}:${s.context.current !== null && s.context.answers.values[s.context.current] !== undefined}:${ahead.join(',')}`;
      },
    });
    const onScreen = new Set(paths.map((p) => selectCurrentQuestion(p.state)?.id).filter((id) => id !== undefined));
    expect([...onScreen].sort()).toEqual(kb.questions.questions.map((q) => q.id).sort());
    expect(paths.some((p) => p.state.matches('result'))).toBe(true);
  });

  it('real question set: seeded random walks all end in a result with recommendations', () => {
    const random = lcg(12345);
    const visibleCounts: number[] = [];
    const requiredCounts: number[] = [];
    for (let run = 0; run < 150; run++) {
      // The shared seeded walk (test/helpers/random-walk.ts), marking must-haves 30% of the time.
      const actor = randomWalkToReview(kb.questions, random, 0.3);
      expect(actor.getSnapshot().value).toBe('review');
      visibleCounts.push(selectProgress(actor.getSnapshot()).total);
      requiredCounts.push(selectVisibleQuestions(actor.getSnapshot()).filter((q) => !q.optional).length);
      actor.send({ type: 'nav.next' });
      const snap = actor.getSnapshot();
      expect(snap.value).toBe('result');
      const rec = selectRecommendation(snap, kb);
      // Something to do: ranked items, or (restoration with no method for the data at hand) the plan's
      // chapter 6 advice on what to record first (test/integration/plan-walks.test.ts checks its text).
      const plan = buildPlan(rec, selectAnswers(snap), kb);
      expect(rec.tools.length + rec.restorationMethods.length > 0 || (rec.kind === 'restoration' && plan.noFit !== null), JSON.stringify(selectAnswers(snap))).toBe(true);
    }
    // Branching keeps the questionnaire a sensible length.
    const sorted = [...visibleCounts].sort((a, b) => a - b);
    // Target: about 20 for most users (version 1 of the set measured min 15, median 21, max 27; version 3 adds
    // seven questions and hides those that cannot matter on a path). Version 8 asks Fig 9.4's "how far off
    // is the model" on the path where a ready model fell short (and skips the resemblance question when it
    // is far off); these seeded walks then measure min 12, median 21, max 31. Versions 15 and 16 add
    // questions on some paths (a model trained on your own annotations; a pre-trained network to adapt when
    // sorting images): median 22. Version 20 adds an answer, not a question; with one more option to pick,
    // the same seed walks other paths, and its longest is 32 questions (paths that long existed before).
    // Version 22 asks for a network to start from on the paths where no ready model fits objects to be
    // found or outlined: median 23. Version 23 asks brightfield and phase-contrast users how their objects
    // stand out: one more question on those paths, whose longest is then 33.
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(23);
    expect(sorted[0]).toBeGreaterThanOrEqual(10);
    expect(sorted.at(-1)).toBeLessThanOrEqual(33);
    const required = [...requiredCounts].sort((a, b) => a - b);
    if (process.env.WIZARD_STATS) {
      console.log(`visible questions per random walk: min ${sorted[0]}, median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)}`);
      console.log(`required (not optional) questions per random walk: min ${required[0]}, median ${required[Math.floor(required.length / 2)]}, max ${required.at(-1)}`);
    }
  });
});
