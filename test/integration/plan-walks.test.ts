import { describe, expect, it } from 'vitest';

import type { Answers } from '@/lib/knowledge/schema';
import { buildPlan, isInherentLimit, madeForTopApproach, recommend, reportMarkdown } from '@/lib/recommend';

import { loadTestKnowledgeBase } from '../helpers/knowledge-fixture';
import { lcg, randomWalk } from '../helpers/random-walk';

const kb = loadTestKnowledgeBase();

describe('a restoration problem no method can solve with the data at hand', () => {
  it('gets chapter 6 advice on what to record first, not a must-have message', () => {
    // Aberration with only the degraded images: every de-aberration method needs pairs, a PSF or
    // synthetic pairs, so none is ranked (found by a random walk).
    const answers: Answers = {
      values: { output: 'restored-images', modality: 'fluorescence', host: ['none'], dimensions: '3d', 'data-size': 'many', 'file-format': 'tiff', degradation: ['aberration'], 'restoration-data': ['noisy-only'], views: 'single', 'live-cell': 'live', 'time-available': 'days', coding: 'gui-only', compute: 'laptop', 'data-leave': 'no' },
      mustHave: [],
    };
    const rec = recommend(answers, kb);
    const plan = buildPlan(rec, answers, kb);
    expect(rec.restorationMethods).toHaveLength(0);
    expect(plan.firstStep).toBeNull();
    expect(plan.noFit?.bookRef.section).toBe('6.3.1');
    expect(plan.noFit?.text).toMatch(/works with the images you have/);
    for (const e of rec.excluded.filter((x) => x.kind === 'restoration-method')) expect(plan.noFit?.text).toContain(e.name);
  });
});

describe('buildPlan over 1,000 random walks of the wizard', () => {
  it('the first tool always implements the first kind, fits the constraints, and the plan is complete', () => {
    const random = lcg(20261206);
    const tally = { withTool: 0, restoration: 0, preset: 0, skipped: 0, constraints: 0, noFit: 0, linker: 0 };
    for (let run = 0; run < 1000; run++) {
      const answers = randomWalk(kb.questions, random);
      const rec = recommend(answers, kb);
      const plan = buildPlan(rec, answers, kb);
      const where = JSON.stringify(answers);
      if (rec.kind === 'other') continue;
      if (plan.firstStep === null) {
        // Only when every candidate was ruled out, and then the plan says why and what to do.
        expect(rec.kind === 'restoration' ? rec.restorationMethods : rec.categories, where).toHaveLength(0);
        expect(plan.noFit?.text, where).toBeTruthy();
        tally.noFit++;
        continue;
      }
      expect(plan.noFit, where).toBeNull();
      const first = plan.firstStep!;
      const ranked = rec.tools.map((t) => t.id);
      if (first.tool) {
        tally.withTool++;
        const tool = kb.tools.find((t) => t.id === first.tool!.id)!;
        // Fits the constraints: only tools that survived every hard constraint are ranked.
        expect(ranked, where).toContain(tool.id);
        expect(rec.excluded.some((e) => e.kind === 'tool' && e.id === tool.id), where).toBe(false);
        if (first.kindType === 'category') {
          expect(tool.categories, `${tool.id} for ${first.kindId}: ${where}`).toContain(first.kindId);
          expect(rec.categories.map((c) => c.id), where).toContain(first.kindId);
        } else {
          tally.restoration++;
          const method = kb.restorationMethods.find((m) => m.id === first.kindId)!;
          expect(method.tools, `${tool.id} for ${first.kindId}: ${where}`).toContain(tool.id);
        }
        // No better tool of the same kind was passed over: the best-ranked one with a positive score,
        // and for a category one made for it (its main, first-listed category, or for the top-ranked
        // category a tool the ranking found made for it), when there is such a tool.
        const sameKind = rec.tools.filter((t) => {
          const k = kb.tools.find((x) => x.id === t.id)!;
          return first.kindType === 'category' ? k.categories.includes(first.kindId as never) : kb.restorationMethods.find((m) => m.id === first.kindId)!.tools.includes(t.id);
        });
        const positive = sameKind.filter((t) => t.score > 0);
        const madeFor = (t: (typeof positive)[number]) => kb.tools.find((x) => x.id === t.id)!.categories[0] === first.kindId || (first.kindId === rec.categories[0]?.id && madeForTopApproach(t));
        const mainKind = first.kindType === 'category' ? positive.filter(madeFor) : [];
        const expected = mainKind[0] ?? positive[0] ?? sameKind[0]!;
        expect(first.tool.id, where).toBe(expected.id);
        expect(first.tool.score, where).toBeGreaterThan(rec.tools.some((t) => t.score > 0) && positive.length > 0 ? 0 : -Infinity);
      } else {
        // No tool at all: only when nothing implements the kind.
        expect(rec.tools.length === 0 || first.runnerPreset !== null, where).toBe(true);
      }
      // The first kind is the top-ranked kind unless higher ones had no fitting tool.
      const kinds = first.kindType === 'category' ? rec.categories : rec.restorationMethods;
      expect(kinds[first.skippedHigherKinds.length]?.id, where).toBe(first.kindId);
      if (first.skippedHigherKinds.length > 0) tally.skipped++;
      // A restoration plan offers the runner preset whenever the recommendation has one.
      if (rec.runnerPreset && first.kindType === 'restoration-method') {
        expect(first.runnerPreset, where).toEqual(rec.runnerPreset);
        tally.preset++;
      }
      // A tracking request names a dedicated tracker that links the detections, the best-ranked one
      // with a positive score, whenever the ranking has such a tracker; other requests name none.
      const trackers = rec.tools.filter((t) => t.score > 0 && kb.tools.find((x) => x.id === t.id)!.tasks[0] === 'tracking');
      if (answers.values.output === 'tracks' && first.kindType === 'category') {
        expect(first.linker?.id, where).toBe(trackers[0]?.id);
        if (first.linker) tally.linker++;
      } else expect(first.linker, where).toBeNull();
      // The next rung never repeats the first kind.
      if (plan.nextRung && first.kindType === 'category') expect(plan.nextRung.name, where).not.toBe(first.kindName);
      // Every exclusion's question is listed as a constraint, labelled must-have only when marked.
      for (const e of rec.excluded) {
        const c = plan.constraints.find((x) => x.question === e.question);
        expect(c, where).toBeDefined();
        expect(c!.removed, where).toContain(e.name);
        expect(c!.markedMustHave, where).toBe(answers.mustHave.includes(e.question));
      }
      if (plan.constraints.length > 0) tally.constraints++;
      expect(plan.whereToRun.text.length, where).toBeGreaterThan(0);
    }
    // The walks exercise both branches, the preset and the constraints (else the test proves little).
    expect(tally.withTool).toBeGreaterThan(800);
    expect(tally.restoration).toBeGreaterThan(20);
    expect(tally.preset).toBeGreaterThan(5);
    expect(tally.constraints).toBeGreaterThan(100);
    expect(tally.linker).toBeGreaterThan(20);
  });

  it('the time-lapse preset names a tool whose main kind is the first kind, not a classical platform that can run a model', () => {
    const study = kb.caseStudies.find((c) => c.id === 'time-lapse-tracking')!;
    const plan = buildPlan(recommend(study.answers, kb), study.answers, kb);
    const tool = kb.tools.find((t) => t.id === plan.firstStep!.tool!.id)!;
    expect(tool.categories[0]).toBe(plan.firstStep!.kindId);
  });

  it('the zebrafish preset starts with ilastik for pixel-based machine learning, not a classical tool that tied', () => {
    const study = kb.caseStudies.find((c) => c.id === 'zebrafish-microglia')!;
    const rec = recommend(study.answers, kb);
    const plan = buildPlan(rec, study.answers, kb);
    expect(plan.firstStep?.kindId).toBe(rec.categories[0]!.id);
    const tool = kb.tools.find((t) => t.id === plan.firstStep!.tool!.id)!;
    expect(tool.categories).toContain(plan.firstStep!.kindId);
  });

  it('a tool in use that fell short gets a "before switching" note when the first step names another tool, and only then', () => {
    const base = { output: 'positions', objects: 'organelles', modality: 'fluorescence', dimensions: '2d', appearance: 'bright-on-dark', 'tried-classical': 'failed', 'tried-pixel': 'not-tried', pretrained: 'dont-know', annotations: 'few', host: ['python', 'tool'], 'tools-used': ['big-fish'], coding: 'programming', compute: 'gpu-workstation' };
    const answers: Answers = { values: base, mustHave: [] };
    const plan = buildPlan(recommend(answers, kb), answers, kb);
    expect(plan.firstStep?.tool?.id).not.toBe('big-fish');
    expect(plan.retune?.tool.id).toBe('big-fish');
    expect(plan.retune?.text).toMatch(/^You already run Big-FISH, and it fell short\. Before switching, try its settings/);
    expect(plan.retune?.bookRef.section).toBe('8.3');
    // Not when it did not fall short, nor without a tool in use.
    const fine: Answers = { values: { ...base, 'tried-classical': 'not-tried' }, mustHave: [] };
    expect(buildPlan(recommend(fine, kb), fine, kb).retune).toBeNull();
    const none: Answers = { values: { ...base, host: ['python'], 'tools-used': undefined as unknown as string[] }, mustHave: [] };
    delete none.values['tools-used'];
    expect(buildPlan(recommend(none, kb), none, kb).retune).toBeNull();
    // Question set v11: settings already adjusted, so only its other models or modes are left to try;
    // run on its automatic threshold only, Big-FISH itself is the first step (set it up), no note needed.
    // Tuned and still short, with spots a threshold can separate: Big-FISH itself stays the first step
    // (a step or setting not yet tried, see UNTUNED), so no "before switching" note either.
    const tuned: Answers = { values: { ...base, 'settings-tuned': 'tuned' }, mustHave: [] };
    const plan3 = buildPlan(recommend(tuned, kb), tuned, kb);
    expect(plan3.firstStep?.tool?.id).toBe('big-fish');
    expect(plan3.retune).toBeNull();
    const defaults: Answers = { values: { ...base, 'settings-tuned': 'defaults' }, mustHave: [] };
    const plan2 = buildPlan(recommend(defaults, kb), defaults, kb);
    expect(plan2.firstStep?.tool?.id).toBe('big-fish');
    expect(plan2.retune).toBeNull();
  });

  it('thresholding tuned in a program the user runs and still falling short: a "before switching" note points to that program\'s other settings and where to ask', () => {
    const base = { output: 'objects', objects: 'whole-cells', modality: 'fluorescence', dimensions: '2d', appearance: 'bright-on-dark', shape: 'irregular', 'tried-classical': 'failed', 'settings-tuned': 'tuned', 'tried-pixel': 'not-tried', pretrained: 'dont-know', annotations: 'none', host: ['tool'], 'tools-used': ['other'], coding: 'gui-only', compute: 'laptop' };
    const answers: Answers = { values: base, mustHave: [] };
    const plan = buildPlan(recommend(answers, kb), answers, kb);
    // Classical processing stays first (a threshold can separate these cells), and the note says where to ask.
    expect(plan.firstStep?.kindId).toBe('classical');
    expect(plan.retune?.tool.id).toBe('image-sc-forum');
    expect(plan.retune?.text).toMatch(/^You adjusted the thresholding in the program you run and it still falls short\./);
    expect(plan.retune?.bookRef.section).toBe('8.3');
    // The same from inside Fiji or QuPath.
    const fiji: Answers = { values: { ...base, host: ['fiji'] }, mustHave: [] };
    delete fiji.values['tools-used'];
    expect(buildPlan(recommend(fiji, kb), fiji, kb).retune?.tool.id).toBe('image-sc-forum');
    // Not on default settings (then the plan sets the threshold up first), nor without a program of the user's.
    const defaults: Answers = { values: { ...base, 'settings-tuned': 'defaults' }, mustHave: [] };
    expect(buildPlan(recommend(defaults, kb), defaults, kb).retune).toBeNull();
    const scripts: Answers = { values: { ...base, host: ['python'] }, mustHave: [] };
    delete scripts.values['tools-used'];
    expect(buildPlan(recommend(scripts, kb), scripts, kb).retune).toBeNull();
  });

  it('the live-cell denoising preset names the method and offers the runner preset', () => {
    const study = kb.caseStudies.find((c) => c.id === 'live-cell-denoising')!;
    const rec = recommend(study.answers, kb);
    const plan = buildPlan(rec, study.answers, kb);
    expect(plan.firstStep?.kindType).toBe('restoration-method');
    expect(plan.firstStep?.kindName).toBe(rec.restorationMethods[0]!.name);
    expect(plan.firstStep?.runnerPreset?.route).toBe('/restore?preset=denoise');
    expect(plan.firstStep?.howToStart).toContain('restoration page');
  });

  it('images that may not leave are labelled a constraint applied without a must-have mark', () => {
    const study = kb.caseStudies.find((c) => c.id === 'live-cell-denoising')!;
    const answers: Answers = { ...study.answers, mustHave: study.answers.mustHave.filter((q) => q !== 'data-leave') };
    const plan = buildPlan(recommend(answers, kb), answers, kb);
    const c = plan.constraints.find((x) => x.question === 'data-leave');
    expect(c?.markedMustHave).toBe(false);
    expect(c?.nature).toBe('hard-limit');
    // Methods that need data the user does not have are ruled out by the data, not by a limit.
    const data = plan.constraints.find((x) => x.question === 'restoration-data');
    if (data) expect(data.nature).toBe('data');
    expect(c?.removed.length).toBeGreaterThan(0);
    // Listed even when it rules nothing out, so the user sees the limit was applied.
    const nuclei = kb.caseStudies.find((x) => x.id === 'nuclei-count-laptop')!;
    const local: Answers = { values: { ...nuclei.answers.values, 'data-leave': 'no' }, mustHave: [] };
    const limit = buildPlan(recommend(local, kb), local, kb).constraints.find((x) => x.question === 'data-leave');
    expect(limit).toMatchObject({ nature: 'hard-limit', markedMustHave: false });
    const open: Answers = { values: { ...nuclei.answers.values, 'data-leave': 'yes' }, mustHave: [] };
    expect(buildPlan(recommend(open, kb), open, kb).constraints.find((x) => x.question === 'data-leave')).toBeUndefined();
    expect(isInherentLimit(local, 'data-leave')).toBe(true);
    expect(isInherentLimit({ ...local, mustHave: ['data-leave'] }, 'data-leave')).toBe(false);
    expect(isInherentLimit(open, 'data-leave')).toBe(false);
  });
});

describe("the plan names the key settings of a tool the user tried, when it fell short (Fig 9.10, question set v11)", () => {
  // A copy of the catalogue in which Big-FISH records two settings, so the test does not depend on
  // which tools carry data today.
  const withSettings = structuredClone(kb);
  const bigFish = withSettings.tools.find((t) => t.id === 'big-fish')!;
  bigFish.keySettings = [
    { name: 'threshold', what: 'the spot intensity cut-off; lower it when spots are missed', source: 'https://big-fish.readthedocs.io/' },
    { name: 'voxel_size', what: 'the pixel size of your images, so spot sizes are in physical units', source: 'https://big-fish.readthedocs.io/' },
  ];
  const base = { output: 'positions', objects: 'organelles', modality: 'fluorescence', dimensions: '2d', appearance: 'bright-on-dark', 'tried-classical': 'failed', 'tried-pixel': 'not-tried', pretrained: 'dont-know', annotations: 'few', host: ['python', 'tool'], 'tools-used': ['big-fish'], coding: 'programming', compute: 'gpu-workstation' };
  const plan = (values: Answers['values'], k = withSettings) => {
    const answers: Answers = { values, mustHave: [] };
    const rec = recommend(answers, k);
    return { rec, answers, plan: buildPlan(rec, answers, k) };
  };

  it('lists them when the tool ran on its defaults and the plan starts with it, and the report says the same', () => {
    const r = plan({ ...base, 'settings-tuned': 'defaults' });
    expect(r.plan.firstStep?.tool?.id).toBe('big-fish');
    expect(r.plan.settings?.tool.id).toBe('big-fish');
    expect(r.plan.settings?.settings.map((k) => k.name)).toEqual(['threshold', 'voxel_size']);
    expect(r.plan.settings?.bookRef.section).toBe('9.3.9');
    const md = reportMarkdown(r.answers, r.rec, withSettings);
    expect(md).toContain('**Settings to check on Big-FISH first**');
    expect(md).toContain('- `threshold`: the spot intensity cut-off');
  });

  it('lists them beside "before switching" when the plan moves to another tool, not after the user says they adjusted them', () => {
    const unanswered = plan(base);
    expect(unanswered.plan.retune?.tool.id).toBe('big-fish');
    expect(unanswered.plan.settings?.tool.id).toBe('big-fish');
    expect(plan({ ...base, 'settings-tuned': 'tuned' }).plan.settings).toBeNull();
  });

  it('stays silent when nothing fell short, or when the tool records no settings', () => {
    const { 'tried-pixel': _pixel, ...rest } = base;
    expect(plan({ ...rest, 'tried-classical': 'not-tried' }).plan.settings).toBeNull();
    const without = structuredClone(kb);
    delete without.tools.find((t) => t.id === 'big-fish')!.keySettings;
    expect(plan({ ...base, 'settings-tuned': 'defaults' }, without).plan.settings).toBeNull();
  });
});
