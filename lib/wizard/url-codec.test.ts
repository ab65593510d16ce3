import { describe, expect, it } from 'vitest';

import { loadTestKnowledgeBase } from '../../test/helpers/knowledge-fixture';
import { checkQuestionOrder, isValidAnswer, pruneAnswers, visibleQuestions } from './conditions';
import { FIXTURE_QUESTIONS } from './fixture-questions.test-helper';
import type { QuestionSet } from '../knowledge/schema';
import { checkPreviousVersions, decodeAnswers, encodeAnswers } from './url-codec';

const kb = loadTestKnowledgeBase();
const set = kb.questions;

describe('url codec', () => {
  it('encodes a hand-worked example with indices, multi answers and must-haves', () => {
    // output=restored-images (q0, option 1); degradation=[noise, blur] (q2, options 0 and 1); compute=laptop (q3, option 0), must-have.
    const encoded = encodeAnswers({ values: { output: 'restored-images', degradation: ['noise', 'blur'], compute: 'laptop' }, mustHave: ['compute'] }, FIXTURE_QUESTIONS);
    expect(encoded).toBe('1.0-1.2-0_1.3-0m');
    expect(encodeURIComponent(encoded)).toBe(encoded);
  });

  it('round-trips every case study through the real question set', () => {
    for (const study of kb.caseStudies) {
      const answers = pruneAnswers(set, study.answers);
      const encoded = encodeAnswers(answers, set);
      expect(encodeURIComponent(encoded), study.id).toBe(encoded);
      const decoded = decodeAnswers(encoded, set);
      expect(decoded, study.id).toEqual({ ok: true, answers });
    }
  });

  it('names the tampered answer and keeps the valid answers before it', () => {
    const encoded = encodeAnswers({ values: { output: 'objects', shape: 'round', compute: 'laptop' }, mustHave: [] }, FIXTURE_QUESTIONS);
    expect(encoded).toBe('1.0-0.1-0.3-0');
    const tampered = decodeAnswers('1.0-0.1-7.3-0', FIXTURE_QUESTIONS);
    expect(tampered.ok).toBe(false);
    if (tampered.ok) return;
    expect(tampered.badQuestion).toBe('shape');
    expect(tampered.message).toContain('What shape?');
    expect(tampered.lastValid).toEqual({ values: { output: 'objects' }, mustHave: [] });
  });

  it('rejects an answer to a question that the earlier answers hide', () => {
    const r = decodeAnswers('1.0-0.2-0', FIXTURE_QUESTIONS);
    expect(r).toMatchObject({ ok: false, badQuestion: 'degradation', lastValid: { values: { output: 'objects' } } });
  });

  it('rejects two options for a single-answer question, and must-have marks where not allowed', () => {
    expect(decodeAnswers('1.0-0_1', FIXTURE_QUESTIONS)).toMatchObject({ ok: false, badQuestion: 'output' });
    expect(decodeAnswers('1.0-0m', FIXTURE_QUESTIONS)).toMatchObject({ ok: false, badQuestion: 'output' });
  });

  it('rejects an unknown question number, repeated questions and garbage', () => {
    expect(decodeAnswers('1.0-0.9-0', FIXTURE_QUESTIONS)).toMatchObject({ ok: false, badQuestion: null, lastValid: { values: { output: 'objects' } } });
    expect(decodeAnswers('1.0-0.0-1', FIXTURE_QUESTIONS)).toMatchObject({ ok: false, badQuestion: 'output' });
    expect(decodeAnswers('<script>', FIXTURE_QUESTIONS)).toMatchObject({ ok: false, badQuestion: null, lastValid: { values: {}, mustHave: [] } });
  });

  it('refuses links made for another version of the question set', () => {
    const r = decodeAnswers('2.0-0', FIXTURE_QUESTIONS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/version 2.*version 1/);
  });

  it('opens a link made with question set version 2: same answers by id, new questions unanswered, with a note', () => {
    // v2 order: output=0 (restored-images = option 7), dimensions=4 (3d = 2, must-have), degradation=18
    // (noise, blur), restoration-data=19 (two-noisy = 2), compute=26 (laptop = 0, must-have).
    const r = decodeAnswers('2.0-7.4-2m.18-0_1.19-2.26-0m', set);
    expect(set.version).toBe(24);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 2 } });
    if (!r.ok) return;
    expect(r.answers).toEqual({
      values: { output: 'restored-images', dimensions: '3d', degradation: ['noise', 'blur'], 'restoration-data': ['two-noisy'], compute: 'laptop' },
      mustHave: ['dimensions', 'compute'],
    });
    expect(r.upgradedFrom?.note).toMatch(/version 2/);
    // Re-encoded, it is a current-version link with other indices that decodes to the same answers and no note.
    const again = encodeAnswers(r.answers, set);
    expect(again.startsWith(`${set.version}.`)).toBe(true);
    expect(again).not.toBe('3.0-7.4-2m.18-0_1.19-2.26-0m');
    expect(decodeAnswers(again, set)).toEqual({ ok: true, answers: r.answers });
  });

  it('round-trips every case study through a version-2 link', () => {
    const v2 = set.previousVersions!.find((p) => p.version === 2)!;
    // The old set as the encoder sees it: ids and option order only.
    const old = { version: 2, questions: v2.questions.map((q) => ({ id: q.id, options: q.options.map((id) => ({ id })) })) } as unknown as QuestionSet;
    for (const study of kb.caseStudies) {
      const answers = pruneAnswers(set, study.answers);
      const link = encodeAnswers(answers, old);
      expect(link.startsWith('2.'), study.id).toBe(true);
      const decoded = decodeAnswers(link, set);
      const v2Ids = new Set(v2.questions.map((q) => q.id));
      const expected = pruneAnswers(set, { values: Object.fromEntries(Object.entries(answers.values).filter(([id]) => v2Ids.has(id))), mustHave: answers.mustHave });
      expect(decoded, study.id).toMatchObject({ ok: true, answers: expected });
    }
  });

  it('opens a link made with question set version 3: "whole cells" and "other" objects keep their ids although version 4 inserted bacteria and yeast', () => {
    const v3 = set.previousVersions!.find((p) => p.version === 3)!;
    const qi = v3.questions.findIndex((q) => q.id === 'objects');
    const oi = (id: string) => v3.questions[qi]!.options.indexOf(id);
    const outputIndex = v3.questions.findIndex((q) => q.id === 'output');
    const objectsOption = v3.questions[outputIndex]!.options.indexOf('objects');
    for (const id of ['whole-cells', 'other', 'organisms']) {
      const r = decodeAnswers(`3.${outputIndex}-${objectsOption}.${qi}-${oi(id)}`, set);
      expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 3 }, answers: { values: { output: 'objects', objects: id } } });
      if (r.ok) expect(r.upgradedFrom?.note).toMatch(/bacteria and yeast/);
    }
    const current = set.questions.find((q) => q.id === 'objects')!.options.map((o) => o.id);
    expect(current).toEqual(expect.arrayContaining(['whole-cells', 'bacteria', 'yeast']));
    expect(current.indexOf('other')).not.toBe(oi('other'));
  });

  /**
   * A link as a version listed in `previousVersions` wrote it: `answers` (question id → option id) become
   * indices in that version's order. Returns the link and that version's `at` / `opt` index lookups.
   */
  const oldLink = (version: number, answers: [string, string][]) => {
    const old = set.previousVersions!.find((p) => p.version === version)!;
    const at = (id: string) => old.questions.findIndex((q) => q.id === id);
    const opt = (q: string, o: string) => old.questions[at(q)]!.options.indexOf(o);
    return { link: [String(version), ...answers.map(([q, o]) => `${at(q)}-${opt(q, o)}`)].join('.'), at, opt };
  };

  it('opens a link made with question set version 5: questions after the inserted ones keep their answers, "another model" stays "other", with a note naming what v6 adds', () => {
    // objects → bacteria, pretrained → not good enough, tried model → "other", compute → laptop: questions
    // on both sides of v6's inserted classify-what and time-series questions.
    const { link, at } = oldLink(5, [['output', 'objects'], ['objects', 'bacteria'], ['pretrained', 'not-good-enough'], ['pretrained-which', 'other'], ['compute', 'laptop']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 5 }, answers: { values: { output: 'objects', objects: 'bacteria', pretrained: 'not-good-enough', 'pretrained-which': ['other'], compute: 'laptop' } } });
    if (r.ok) expect(r.upgradedFrom?.note).toMatch(/time-lapse.*whole images or single cells.*Omnipose/s);
    // Indices moved: the same link read as version 6 would not give these answers.
    expect(set.questions.findIndex((q) => q.id === 'compute')).not.toBe(at('compute'));
  });

  it('opens a link made with question set version 6: "None of these yet" keeps its meaning although v7 inserts two answers before it', () => {
    const { link, opt } = oldLink(6, [['output', 'restored-images'], ['host', 'none'], ['compute', 'laptop']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 6 }, answers: { values: { output: 'restored-images', host: ['none'], compute: 'laptop' } } });
    if (r.ok) expect(r.upgradedFrom?.note).toMatch(/licensed commercial package.*dedicated analysis tool/s);
    // The option index moved: read as version 7, the same index is one of the new answers.
    const host = set.questions.find((q) => q.id === 'host')!;
    expect(['tool', 'commercial']).toContain(host.options[opt('host', 'none')]!.id);
  });

  it('opens a link made with question set version 7: a model that fell short keeps its answers, the new "how far off" stays unanswered, and the note says so', () => {
    const { link, at } = oldLink(7, [['output', 'objects'], ['pretrained', 'not-good-enough'], ['resemblance', 'different'], ['annotations', 'tens']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 7 }, answers: { values: { output: 'objects', pretrained: 'not-good-enough', resemblance: 'different', annotations: 'tens' } } });
    if (r.ok) {
      expect(r.answers.values['pretrained-gap']).toBeUndefined();
      expect(r.upgradedFrom?.note).toMatch(/how far off/);
    }
    // v8 inserts the question before "resemblance": read as version 8, the v7 index names another question.
    expect(set.questions[at('resemblance')]!.id).not.toBe('resemblance');
  });

  it('opens a link made with question set version 8: "Another model" and "Another tool" keep their meaning although v9 inserts spot-detection answers before them', () => {
    const { link, opt } = oldLink(8, [['output', 'positions'], ['host', 'tool'], ['tools-used', 'other'], ['pretrained', 'not-good-enough'], ['pretrained-which', 'other']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 8 }, answers: { values: { output: 'positions', host: ['tool'], 'tools-used': ['other'], pretrained: 'not-good-enough', 'pretrained-which': ['other'] } } });
    if (r.ok) expect(r.upgradedFrom?.note).toMatch(/spot detector.*Big-FISH, RS-FISH, Spotiflow and deepBlink/s);
    // Read as version 9, the same indices name the new answers.
    const which = set.questions.find((q) => q.id === 'pretrained-which')!;
    expect(which.options[opt('pretrained-which', 'other')]!.id).toBe('spots');
    const used = set.questions.find((q) => q.id === 'tools-used')!;
    expect(used.options[opt('tools-used', 'other')]!.id).toBe('big-fish');
  });

  it('opens a link made with question set version 9: "Another tool" keeps its meaning although v10 inserts four tools before it', () => {
    const { link, opt } = oldLink(9, [['output', 'restored-images'], ['host', 'tool'], ['tools-used', 'other']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 9 }, answers: { values: { output: 'restored-images', host: ['tool'], 'tools-used': ['other'] } } });
    if (r.ok) expect(r.upgradedFrom?.note).toMatch(/DeepCAD-RT, cryoCARE, Topaz-Denoise and ClearMap/);
    expect(set.questions.find((q) => q.id === 'tools-used')!.options[opt('tools-used', 'other')]!.id).toBe('deepcad-rt');
  });

  it('opens a link made with question set version 11: "Another tool" keeps its meaning although v12 inserts fifteen tools before it', () => {
    const { link, opt } = oldLink(11, [['output', 'objects'], ['host', 'tool'], ['tools-used', 'other'], ['pretrained', 'not-good-enough'], ['settings-tuned', 'not-sure']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 11 }, answers: { values: { output: 'objects', host: ['tool'], 'tools-used': ['other'], pretrained: 'not-good-enough', 'settings-tuned': 'not-sure' } } });
    if (r.ok) expect(r.upgradedFrom?.note).toMatch(/MOrgAna/);
    // The old index of "Another tool" now points at the first of the new tools.
    expect(set.questions.find((q) => q.id === 'tools-used')!.options[opt('tools-used', 'other')]!.id).toBe('bacmman');
  });

  it('opens a link made with question set version 12: "Another tool" and the commercial packages keep their meaning although v13 inserts twenty-six tools before them', () => {
    const { link: base, at, opt } = oldLink(12, [['output', 'objects'], ['host', 'tool']]);
    const link = `${base}.${at('tools-used')}-${[opt('tools-used', 'huygens'), opt('tools-used', 'other')].sort((a, b) => a - b).join('_')}`;
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 12 }, answers: { values: { output: 'objects', host: ['tool'], 'tools-used': ['huygens', 'other'] } } });
    if (r.ok) expect(r.upgradedFrom?.note).toMatch(/Cell-ACDC, YeaZ/);
    // The old index of Huygens now points at the first of the new tools.
    expect(set.questions.find((q) => q.id === 'tools-used')!.options[opt('tools-used', 'huygens')]!.id).toBe('allen-cell-segmenter');
  });

  // Versions that inserted tools into the tools in use, before "Another tool" and the commercial
  // packages: an old link's ticks keep their meaning, and the old index of Huygens names the first new tool.
  const INSERTED_TOOLS: { version: number; what: string; answers: [string, string][]; ticked: string; note: RegExp; first: string }[] = [
    { version: 13, what: 'MemBrain-seg', answers: [['output', 'mask'], ['host', 'tool']], ticked: 'yeaz', note: /MemBrain-seg/, first: 'membrain-seg' },
    { version: 16, what: 'three animal trackers', answers: [['output', 'tracks'], ['objects', 'organisms'], ['host', 'tool']], ticked: 'membrain-seg', note: /TRex, idtracker\.ai and Tierpsy Tracker/, first: 'trex' },
    { version: 17, what: 'btrack', answers: [['output', 'tracks'], ['host', 'tool']], ticked: 'tierpsy', note: /btrack/, first: 'btrack' },
    { version: 18, what: 'Suite2p, CaImAn and trackpy', answers: [['output', 'objects'], ['host', 'tool']], ticked: 'btrack', note: /Suite2p and CaImAn.*trackpy/, first: 'suite2p' },
  ];
  for (const c of INSERTED_TOOLS) {
    it(`opens a link made with question set version ${c.version}: "Another tool" and the commercial packages keep their meaning although v${c.version + 1} inserts ${c.what} before them`, () => {
      const { link: base, at, opt } = oldLink(c.version, c.answers);
      const link = `${base}.${at('tools-used')}-${[opt('tools-used', c.ticked), opt('tools-used', 'huygens'), opt('tools-used', 'other')].sort((a, b) => a - b).join('_')}`;
      const r = decodeAnswers(link, set);
      expect(r).toMatchObject({ ok: true, upgradedFrom: { version: c.version }, answers: { values: { ...Object.fromEntries(c.answers.filter(([q]) => q !== 'host')), host: ['tool'], 'tools-used': [c.ticked, 'huygens', 'other'] } } });
      if (r.ok) expect(r.upgradedFrom?.note).toMatch(c.note);
      expect(set.questions.find((q) => q.id === 'tools-used')!.options[opt('tools-used', 'huygens')]!.id).toBe(c.first);
    });
  }

  it('opens a link made with question set version 19: "Something else" stays "other" although v20 inserts cells found from their activity before it, with a note', () => {
    const { link, opt } = oldLink(19, [['output', 'objects'], ['objects', 'other'], ['compute', 'laptop']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 19 }, answers: { values: { output: 'objects', objects: 'other', compute: 'laptop' } } });
    if (r.ok) expect(r.upgradedFrom?.note).toMatch(/calcium or voltage imaging recording/);
    // The old index of "Something else" names the new answer now.
    expect(set.questions.find((q) => q.id === 'objects')!.options[opt('objects', 'other')]!.id).toBe('active-cells');
  });

  it('opens a link made with question set version 20: answers after the inserted "which kind of electron microscopy?" question keep their meaning, with a note', () => {
    const { link, at } = oldLink(20, [['output', 'restored-images'], ['modality', 'electron'], ['degradation', 'noise'], ['compute', 'laptop']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 20 }, answers: { values: { output: 'restored-images', modality: 'electron', degradation: ['noise'], compute: 'laptop' } } });
    if (r.ok) {
      expect(r.upgradedFrom?.note).toMatch(/which kind of electron microscopy/);
      // The new question is left for the user to answer.
      expect(r.answers.values['em-kind']).toBeUndefined();
    }
    // v21 inserted em-kind right after modality: the old index of the next question names em-kind now.
    expect(set.questions[at('modality') + 1]!.id).toBe('em-kind');
  });

  it('opens a link made with question set version 21: a detection with no ready model keeps its answers, and the question on a network to start from is left open, with a note', () => {
    const { link, at } = oldLink(21, [['output', 'positions'], ['pretrained', 'none'], ['annotations', 'hundreds'], ['compute', 'gpu-workstation']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 21 }, answers: { values: { output: 'positions', pretrained: 'none', annotations: 'hundreds', compute: 'gpu-workstation' } } });
    if (r.ok) {
      expect(r.upgradedFrom?.note).toMatch(/YOLO or Faster R-CNN/);
      expect(r.answers.values.encoder).toBeUndefined();
      // v22 shows the question on this path; v21 did not.
      expect(visibleQuestions(set, r.answers).map((q) => q.id)).toContain('encoder');
    }
    // v22 changed no question's place: the same indices name the same questions.
    expect(set.questions.map((q) => q.id)).toEqual(set.previousVersions!.find((p) => p.version === 21)!.questions.map((q) => q.id));
    expect(at('encoder')).toBe(set.questions.findIndex((q) => q.id === 'encoder'));
  });

  it('opens a link made with question set version 22: a brightfield user keeps their answers, and how their objects stand out is left open, with a note', () => {
    const { link, at } = oldLink(22, [['output', 'objects'], ['modality', 'brightfield'], ['difficulty', 'clean'], ['compute', 'laptop']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 22 }, answers: { values: { output: 'objects', modality: 'brightfield', difficulty: ['clean'], compute: 'laptop' } } });
    if (r.ok) {
      expect(r.upgradedFrom?.note).toMatch(/brightfield or phase-contrast/);
      expect(r.answers.values.appearance).toBeUndefined();
      // v23 shows the question on this path; v22 did not.
      expect(visibleQuestions(set, r.answers).map((q) => q.id)).toContain('appearance');
    }
    // v23 changed no question's place or option list: the same indices name the same answers.
    expect(set.previousVersions!.find((p) => p.version === 23)!.questions).toEqual(set.previousVersions!.find((p) => p.version === 22)!.questions);
    expect(at('appearance')).toBe(set.questions.findIndex((q) => q.id === 'appearance'));
  });

  it('opens a link made with question set version 23: a noisy restoration keeps its answers, and uneven brightness is a new choice after the old ones, with a note', () => {
    const { link, at, opt } = oldLink(23, [['output', 'restored-images'], ['degradation', 'anisotropic'], ['compute', 'laptop']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 23 }, answers: { values: { output: 'restored-images', degradation: ['anisotropic'], compute: 'laptop' } } });
    if (r.ok) expect(r.upgradedFrom?.note).toMatch(/flat-field correction/);
    // v24 appended an option: every old question keeps its place and every old option its index.
    const degradation = set.questions[at('degradation')]!;
    expect(degradation.options.findIndex((o) => o.id === 'anisotropic')).toBe(opt('degradation', 'anisotropic'));
    expect(degradation.options.at(-1)!.id).toBe('uneven-illumination');
    expect(set.questions.map((q) => q.id)).toEqual(set.previousVersions!.find((p) => p.version === 23)!.questions.map((q) => q.id));
  });

  it('opens a link made with question set version 14: answers after the inserted "what did you train?" question keep their meaning, with a note on the new questions', () => {
    const { link, at } = oldLink(14, [['output', 'objects'], ['pretrained', 'not-good-enough'], ['tried-finetune', 'failed'], ['annotations', 'tens'], ['compute', 'laptop']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 14 }, answers: { values: { output: 'objects', pretrained: 'not-good-enough', 'tried-finetune': 'failed', annotations: 'tens', compute: 'laptop' } } });
    if (r.ok) {
      expect(r.upgradedFrom?.note).toMatch(/sort images or cells into categories.*trained one of their own/s);
      // The new question is left for the user to answer.
      expect(r.answers.values['trained-from']).toBeUndefined();
    }
    // v15 inserted trained-from (and v16 encoder) before annotations: the old index names another question.
    expect(set.questions[at('annotations')]!.id).not.toBe('annotations');
  });

  it('opens a link made with question set version 15: a classification answered before the new "pre-trained network to adapt" question keeps its answers, with a note', () => {
    const { link, at } = oldLink(15, [['output', 'image-classes'], ['classify-what', 'images'], ['pretrained', 'dont-know'], ['annotations', 'tens']]);
    const r = decodeAnswers(link, set);
    expect(r).toMatchObject({ ok: true, upgradedFrom: { version: 15 }, answers: { values: { output: 'image-classes', 'classify-what': 'images', pretrained: 'dont-know', annotations: 'tens' } } });
    if (r.ok) {
      expect(r.answers.values.encoder).toBeUndefined();
      expect(r.upgradedFrom?.note).toMatch(/pre-trained on images like theirs/);
    }
    // v16 inserted encoder right after pretrained (and v21 em-kind before both): the old index of the
    // question after pretrained names another question now.
    expect(set.questions[at('pretrained') + 1]!.id).not.toBe(set.previousVersions!.find((p) => p.version === 15)!.questions[at('pretrained') + 1]!.id);
    expect(set.questions[set.questions.findIndex((q) => q.id === 'pretrained') + 1]!.id).toBe('encoder');
  });

  it('names the bad answer in an old link and keeps the valid ones', () => {
    const r = decodeAnswers('2.0-7.18-9', set);
    expect(r).toMatchObject({ ok: false, badQuestion: 'degradation', lastValid: { values: { output: 'restored-images' } } });
  });

  it('every earlier question set maps 1:1 onto the current one', () => {
    expect(checkPreviousVersions(set)).toEqual([]);
    const broken = structuredClone(set);
    broken.previousVersions![0]!.questions[0]!.options.push('gone');
    expect(checkPreviousVersions(broken)).toEqual(['version 2: option output=gone no longer exists']);
  });

  it('decodes an empty answer list', () => {
    expect(decodeAnswers('1', FIXTURE_QUESTIONS)).toEqual({ ok: true, answers: { values: {}, mustHave: [] } });
  });

  it('keeps links short: the longest case study fits in well under 200 characters', () => {
    const lengths = kb.caseStudies.map((c) => encodeAnswers(pruneAnswers(set, c.answers), set).length);
    expect(Math.max(...lengths)).toBeLessThan(200);
  });
});

describe('conditions', () => {
  it('the real question set only refers to earlier questions and existing options', () => {
    expect(checkQuestionOrder(set)).toEqual([]);
  });

  it('reports a condition on a later question', () => {
    const bad = structuredClone(FIXTURE_QUESTIONS);
    bad.questions[0]!.visibleIf = { q: 'compute', is: ['laptop'] };
    expect(checkQuestionOrder(bad)).toEqual(['question output: condition refers to compute, which is not an earlier question']);
  });

  it('prunes answers in order, so hiding a question drops answers that depended on it', () => {
    const answers = { values: { output: 'restored-images', 'tried-classical': 'failed', 'tried-pixel': 'works', degradation: ['noise'] }, mustHave: ['tried-classical'] };
    expect(pruneAnswers(set, answers)).toEqual({ values: { output: 'restored-images', degradation: ['noise'] }, mustHave: [] });
    const ids = visibleQuestions(set, answers).map((q) => q.id);
    expect(ids).toContain('degradation');
    expect(ids).not.toContain('tried-pixel');
  });

  it('case-study answers are all visible and valid (they are usable as presets)', () => {
    for (const study of kb.caseStudies) {
      expect(pruneAnswers(set, study.answers), study.id).toEqual({ values: study.answers.values, mustHave: study.answers.mustHave });
      for (const [id, value] of Object.entries(study.answers.values)) {
        const q = set.questions.find((x) => x.id === id)!;
        expect(isValidAnswer(q, value), `${study.id}: ${id}`).toBe(true);
      }
      const required = visibleQuestions(set, study.answers).filter((q) => !q.optional).map((q) => q.id);
      for (const id of required) expect(study.answers.values[id], `${study.id} misses ${id}`).toBeDefined();
    }
  });

  it('validates answers by kind', () => {
    const multi = set.questions.find((q) => q.id === 'difficulty')!;
    expect(isValidAnswer(multi, ['noisy', 'crowded'])).toBe(true);
    expect(isValidAnswer(multi, ['noisy', 'noisy'])).toBe(false);
    expect(isValidAnswer(multi, [])).toBe(false);
    expect(isValidAnswer(multi, 'noisy')).toBe(false);
  });
});
