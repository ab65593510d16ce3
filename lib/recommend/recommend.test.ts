import { describe, expect, it } from 'vitest';

import { loadTestKnowledgeBase } from '../../test/helpers/knowledge-fixture';
import type { Answers } from '../knowledge/schema';
import { ANOTHER_MODEL_WEIGHT, rank, recommend } from './recommend';
import { assumesStarConvex, COMMERCIAL_SUITES, starConvexListProblems } from './rules';
import { lcg, randomWalk, randomWalks } from '../../test/helpers/random-walk';
import type { Recommendation } from './types';

const kb = loadTestKnowledgeBase();

/** A neutral segmentation profile: answers that push no category either way. Profiles override it. */
const NEUTRAL: Answers['values'] = {
  output: 'objects',
  assessment: 'against-annotations',
  quality: 'good-enough',
  software: 'several-ok',
  dimensions: '2d',
  'data-size': 'many',
  'file-format': 'tiff',
  difficulty: ['clean'],
  'time-available': 'days',
  expertise: 'me',
  'data-leave': 'yes',
  compute: 'gpu-workstation',
  coding: 'command-line',
};

const run = (values: Answers['values'], mustHave: string[] = []): Recommendation => recommend({ values: { ...NEUTRAL, ...values }, mustHave }, kb);
const topTools = (r: Recommendation, n = 5) => r.tools.slice(0, n).map((t) => t.id);
const toolById = (id: string) => kb.tools.find((t) => t.id === id)!;
/** Each non-zero move a question's answer makes on the categories, as `category:delta`. */
const categoryShifts = (r: Recommendation, question: string) => r.categories.flatMap((c) => c.reasons.filter((x) => x.question === question && x.delta !== 0).map((x) => `${c.id}:${x.delta}`));

describe('recommend: profiles drawn from the book', () => {
  it('GUI-only user with bright nuclei on a dark background gets classical processing and CellProfiler (§8.5, Fig 9.2)', () => {
    const r = run({ coding: 'gui-only', appearance: 'bright-on-dark', shape: 'round', 'tried-classical': 'not-tried', compute: 'laptop', annotations: 'few', pretrained: 'dont-know' });
    expect(r.categories[0]!.id).toBe('classical');
    expect(topTools(r, 3)).toContain('cellprofiler');
    const reason = r.categories[0]!.reasons.find((x) => x.question === 'appearance');
    expect(reason?.bookRef.section).toBe('8.5');
  });

  it('no pre-trained model, hundreds of annotated images and programming skills lead to training from scratch (Fig 9.4)', () => {
    const r = run({ coding: 'programming', pretrained: 'none', annotations: 'hundreds', 'tried-classical': 'failed', 'tried-pixel': 'failed', 'time-available': 'weeks', appearance: 'texture' });
    expect(r.categories[0]!.id).toBe('scratch-dl');
    expect(r.trainingApproach?.approach).toBe('from-scratch');
  });

  it('data that may not leave the lab, without a GPU: no cloud-only tools and slow local deployment (Fig 9.9)', () => {
    const r = run({ 'data-leave': 'no', compute: 'laptop', 'tried-classical': 'failed', pretrained: 'untested', annotations: 'tens', appearance: 'texture' });
    const cloudOnly = kb.tools.filter((t) => !t.runsWhere.includes('local') && !t.runsWhere.includes('hpc')).map((t) => t.id);
    expect(cloudOnly.length).toBeGreaterThan(0);
    for (const id of r.tools.map((t) => t.id)) expect(cloudOnly).not.toContain(id);
    const web = r.excluded.find((e) => e.id === 'cellpose-web');
    expect(web?.question).toBe('data-leave');
    expect(r.deployment?.mode).toBe('slow-local');
  });

  it('a laptop, a ready model applied as it is: slow local deployment, unless the tool listed first runs only in the cloud and the images may go there (Fig 9.9)', () => {
    const values = { output: 'objects', objects: 'whole-cells', dimensions: '2d', modality: 'fluorescence', 'data-size': 'few', appearance: 'bright-on-dark', shape: 'mixed', 'tried-classical': 'not-tried', pretrained: 'untested', 'tried-finetune': 'not-tried', annotations: 'none', 'time-available': 'hours', coding: 'gui-only', compute: 'laptop', 'data-leave': 'yes', quality: 'quick', host: ['none'] };
    const r = recommend({ values, mustHave: [] }, kb);
    const first = kb.tools.find((t) => t.id === r.tools[0]!.id)!;
    expect(r.trainingApproach?.approach).toBe('use-as-is');
    expect(r.deployment?.mode).toBe(first.runsWhere.every((w) => w === 'cloud') ? 'cloud' : 'slow-local');
    expect(first.id).toBe('cellpose-web');
    expect(r.deployment?.text).toMatch(/Cellpose/);
    // With many images the web console (one image at a time) is not first, and the model runs locally.
    const many = recommend({ values: { ...values, 'data-size': 'many' }, mustHave: [] }, kb);
    expect(kb.tools.find((t) => t.id === many.tools[0]!.id)!.runsWhere).toContain('local');
    expect(many.deployment?.mode).toBe('slow-local');
  });

  it('round, star-convex nuclei put StarDist near the top with a shape reason (§9.3.2)', () => {
    const r = run({ shape: 'round', appearance: 'texture', 'tried-classical': 'failed', pretrained: 'untested', annotations: 'few' });
    expect(topTools(r, 3)).toContain('stardist');
    const stardist = r.tools.find((t) => t.id === 'stardist')!;
    expect(stardist.reasons.some((x) => x.question === 'shape' && x.delta > 0)).toBe(true);
  });

  it('irregular, elongated objects lower StarDist, and the reason names the shape (§9.3.2)', () => {
    const round = run({ shape: 'round', 'tried-classical': 'failed', appearance: 'texture' });
    const irregular = run({ shape: 'irregular', 'tried-classical': 'failed', appearance: 'texture' });
    const before = round.tools.find((t) => t.id === 'stardist')!;
    const after = irregular.tools.find((t) => t.id === 'stardist')!;
    expect(after.score).toBeLessThan(before.score);
    const why = after.reasons.find((x) => x.question === 'shape')!;
    expect(why.delta).toBeLessThan(0);
    expect(why.text).toMatch(/irregular|elongated/);
    expect(why.option).toEqual(['irregular']);
    // Cellpose has no star-convex assumption, so it must not get the same penalty.
    const cellpose = irregular.tools.find((t) => t.id === 'cellpose')!;
    expect(cellpose.reasons.some((x) => x.question === 'shape' && x.delta < 0)).toBe(false);
    expect(cellpose.score).toBeGreaterThan(after.score);
  });

  // Star-convexity comes from an explicit list, not from prose (so rewording a tool file cannot flip it).
  for (const [id, expected] of [['stardist', true], ['cellpose', false], ['embedseg', false], ['instanseg', false], ['fiji', false]] as const) {
    it(`${id} ${expected ? 'assumes' : 'does not assume'} star-convex objects`, () => {
      expect(assumesStarConvex(toolById(id))).toBe(expected);
    });
  }

  it('the star-convex list agrees with every tool\'s shapeAssumptions prose', () => {
    expect(starConvexListProblems(kb.tools)).toEqual([]);
  });

  it('the star-convex cross-check catches drift both ways, including the negated form', () => {
    const table: { tools: { id: string; shapeAssumptions: string | null }[]; problems: RegExp[] }[] = [
      { tools: [{ id: 'stardist', shapeAssumptions: 'Objects must be star-convex.' }], problems: [] },
      { tools: [{ id: 'stardist', shapeAssumptions: 'Objects should be roundish.' }], problems: [/stardist: listed .* no longer states/] },
      { tools: [{ id: 'stardist', shapeAssumptions: 'star convex polygons' }, { id: 'newnet', shapeAssumptions: 'Assumes star-convex nuclei.' }], problems: [/newnet: .* not in STAR_CONVEX_TOOLS/] },
      { tools: [{ id: 'stardist', shapeAssumptions: 'Star-convex.' }, { id: 'flows', shapeAssumptions: 'No star-convex assumption.' }], problems: [] },
      { tools: [], problems: [/lists stardist, which is not a tool/] },
    ];
    for (const row of table) {
      const got = starConvexListProblems(row.tools);
      expect(got.length, JSON.stringify(row.tools)).toBe(row.problems.length);
      row.problems.forEach((re, i) => expect(got[i]).toMatch(re));
    }
  });

  it('rewording StarDist\'s shape prose does not change its shape penalty', () => {
    const reworded = { ...kb, tools: kb.tools.map((t) => (t.id === 'stardist' ? { ...t, shapeAssumptions: 'Works best on roundish blobs.' } : t)) };
    const answers = { values: { ...NEUTRAL, shape: 'irregular', 'tried-classical': 'failed', appearance: 'texture' }, mustHave: [] };
    const shapeReason = (k: typeof kb) => recommend(answers, k).tools.find((t) => t.id === 'stardist')!.reasons.find((x) => x.question === 'shape')!.delta;
    expect(shapeReason(reworded)).toBe(-35);
    expect(shapeReason(kb)).toBe(-35);
  });

  it('equally bright look-alikes favour a pixel classifier over thresholds (§8.5, §8.7.2)', () => {
    const r = run({ appearance: 'look-alikes', 'tried-classical': 'failed', 'tried-pixel': 'not-tried', pretrained: 'dont-know', annotations: 'few' });
    expect(r.categories[0]!.id).toBe('pixel-classification');
    expect(topTools(r, 3)).toContain('ilastik');
    const classical = r.categories.find((c) => c.id === 'classical')!;
    expect(classical.reasons.some((x) => x.question === 'appearance' && x.delta < 0)).toBe(true);
  });

  it('labelling every pixel by class (semantic segmentation) favours a pixel classifier such as ilastik (Box 1, §8.5)', () => {
    const r = run({ output: 'classes', appearance: 'texture', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'few', coding: 'gui-only' });
    expect(r.categories[0]!.id).toBe('pixel-classification');
    expect(topTools(r, 3)).toContain('ilastik');
    expect(r.metric?.id).toBe('dice');
  });

  it('sorting images into classes is checked with per-class F1', () => {
    expect(run({ output: 'image-classes' }).metric).toMatchObject({ id: 'f1', route: '/evaluate?metric=f1' });
  });

  it('a classical pipeline that already works stays first ("if it ain\'t broke", §8.3)', () => {
    const r = run({ 'tried-classical': 'works', appearance: 'texture' });
    expect(r.categories[0]!.id).toBe('classical');
  });

  it('a pre-trained model that meets the success criterion is used as is (Fig 9.4)', () => {
    const r = run({ 'tried-classical': 'failed', 'tried-pixel': 'failed', pretrained: 'works', shape: 'round' });
    expect(r.categories[0]!.id).toBe('pretrained-dl');
    expect(r.trainingApproach?.approach).toBe('use-as-is');
    expect(r.caveats.map((c) => c.id)).toContain('evaluate-first');
  });

  it('a handful of images that must be near-perfect point to manual annotation (§9.3.9, §8.5)', () => {
    const r = run({ 'data-size': 'few', quality: 'near-truth', 'tried-classical': 'failed', 'tried-pixel': 'failed', annotations: 'none', appearance: 'texture' });
    expect(r.categories[0]!.id).toBe('manual-annotation');
    const chain = r.fallback.map((f) => (f.kind === 'category' ? f.category : f.step));
    expect(chain).not.toContain('classical');
    expect(chain).not.toContain('pixel-classification');
    expect(chain).not.toContain('manual-annotation');
  });

  it('the fallback chain climbs the book\'s category order and skips what already failed', () => {
    const r = run({ coding: 'gui-only', appearance: 'bright-on-dark', 'tried-classical': 'not-tried', compute: 'laptop', pretrained: 'not-good-enough' });
    expect(r.categories[0]!.id).toBe('classical');
    const chain = r.fallback.map((f) => (f.kind === 'category' ? f.category : f.step));
    expect(chain.at(-1)).toBe('manual-annotation');
    expect(chain).not.toContain('pretrained-dl');
    const order = chain.slice(0, -1).map((id) => kb.categories.find((c) => c.id === id)!.order);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('only noisy images: self-supervised (Noise2Void-style) denoising, supervised CARE excluded (§6.2.1)', () => {
    const r = run({ output: 'restored-images', degradation: ['noise'], 'restoration-data': ['noisy-only'], dimensions: '3d', 'live-cell': 'live' });
    expect(r.kind).toBe('restoration');
    const ids = r.restorationMethods.map((m) => m.id);
    const selfSupervised = kb.restorationMethods.filter((m) => m.family === 'self-supervised-dl' && m.tasks.includes('denoising')).map((m) => m.id);
    expect(selfSupervised).toContain(ids[0]);
    expect(ids).not.toContain('care-supervised-restoration');
    const care = r.excluded.find((e) => e.id === 'care-supervised-restoration')!;
    expect(care.question).toBe('restoration-data');
    expect(topTools(r)).toContain('noise2void');
    // The built-in runner trains the same network in blind-spot mode (issue 12).
    expect(r.runnerPreset).toEqual({ preset: 'denoise-n2v', method: 'blind-spot-self-supervised-denoising', route: '/restore?preset=denoise-n2v' });
  });

  it('two noisy recordings: Noise2Noise ranks and the runner offers its preset', () => {
    const r = run({ output: 'restored-images', degradation: ['noise'], 'restoration-data': ['two-noisy'], dimensions: '3d', 'live-cell': 'live' });
    expect(r.kind).toBe('restoration');
    expect(r.restorationMethods.map((m) => m.id)).toContain('noise2noise-training');
    // The runner follows the top-ranked method that has a preset (today blind-spot ranks first; the
    // page lets the user switch the training mode to Noise2Noise).
    expect(r.runnerPreset?.preset).toMatch(/^denoise-n2[nv]$/);
  });

  it('paired 3D data for denoising selects the 3D-RCAN denoise preset and its route (Appendix A)', () => {
    const r = run({ output: 'restored-images', degradation: ['noise'], 'restoration-data': ['paired'], dimensions: '3d', coding: 'gui-only' });
    expect(r.runnerPreset).toEqual({ preset: 'denoise', method: 'rcan-3d-denoise', route: '/restore?preset=denoise' });
    expect(r.metric?.route).toBe('/evaluate?metric=psnr');
    expect(r.caveats.map((c) => c.id)).toContain('hallucination');
  });

  it('blurred 3D stacks with paired data select the deconvolution preset', () => {
    const r = run({ output: 'restored-images', degradation: ['blur'], 'restoration-data': ['paired'], dimensions: '3d' });
    expect(r.runnerPreset?.preset).toBe('deconvolution');
  });

  it('confocal→STED pairs for resolution select the resolution preset (§6.2.4)', () => {
    const r = run({ output: 'restored-images', degradation: ['low-resolution'], 'restoration-data': ['cross-modality'], dimensions: '3d' });
    expect(r.runnerPreset?.preset).toBe('resolution');
  });

  it('a known PSF and no pairs: PSF-based deconvolution ranks, methods that need real pairs are excluded', () => {
    const r = run({ output: 'restored-images', degradation: ['blur'], 'restoration-data': ['psf'], dimensions: '3d' });
    const top = kb.restorationMethods.find((m) => m.id === r.restorationMethods[0]!.id)!;
    expect(top.dataNeeds.some((n) => n === 'known-psf' || n === 'synthetic-pairs')).toBe(true);
    const pairsOnly = kb.restorationMethods.filter((m) => m.tasks.includes('deconvolution') && m.dataNeeds.every((n) => n === 'paired-low-high'));
    expect(pairsOnly.length).toBeGreaterThan(0);
    for (const m of pairsOnly) expect(r.excluded.map((e) => e.id)).toContain(m.id);
  });

  it('must-have "no coding" excludes tools that need code, naming the must-have (§8.3)', () => {
    const r = run({ coding: 'gui-only', appearance: 'bright-on-dark' }, ['coding']);
    const needCode = kb.tools.filter((t) => t.coding !== 'none').map((t) => t.id);
    for (const id of r.tools.map((t) => t.id)) expect(needCode).not.toContain(id);
    const sk = r.excluded.find((e) => e.id === 'scikit-image')!;
    expect(sk.question).toBe('coding');
    expect(sk.text).toMatch(/must-have/);
  });

  it('without the must-have mark, code-needing tools are only lowered, with the coding reason', () => {
    const r = run({ coding: 'gui-only', appearance: 'bright-on-dark' });
    const sk = r.tools.find((t) => t.id === 'scikit-image')!;
    expect(sk.reasons.find((x) => x.question === 'coding')!.delta).toBe(-40);
  });

  it('a notebook user is marked down for a library that needs code unless their pipeline is their own Python scripts (§9.4.1)', () => {
    const coding = (host: string[]) => run({ coding: 'notebooks', host, appearance: 'bright-on-dark' }).tools.find((t) => t.id === 'scikit-image')!.reasons.find((x) => x.question === 'coding' && x.delta < 0)!;
    expect(coding(['napari']).delta).toBe(-20);
    expect(coding(['napari', 'python'])).toMatchObject({ delta: -5, bookRef: { section: '9.4.1' } });
    expect(coding(['napari', 'python']).text).toMatch(/your own Python scripts/);
  });

  it('a must-have result within hours rules out training categories', () => {
    const r = run({ 'time-available': 'hours' }, ['time-available']);
    expect(r.categories.map((c) => c.id)).not.toContain('scratch-dl');
    expect(r.excluded.filter((e) => e.kind === 'category').map((e) => e.id).sort()).toEqual(['finetuned-dl', 'scratch-dl']);
  });

  it('picks the check that fits the measurement (§9.3.7)', () => {
    expect(run({ measurements: 'counts' }).metric?.id).toBe('f1');
    expect(run({ measurements: 'size-shape' }).metric?.id).toBe('hausdorff');
    expect(run({ output: 'classes' }).metric?.id).toBe('dice');
    expect(run({ measurements: 'intensity' }).metric?.route).toBe('/evaluate?metric=iou');
  });

  it('suggests tools for the pre-processing steps the user needs (§8.2.3)', () => {
    const r = run({ 'data-size': 'tiles', difficulty: ['uneven'], preprocessing: ['stitching', 'flat-field', 'cropping'] });
    expect(r.preprocessing.map((p) => p.step)).toEqual(['stitching', 'flat-field']);
    const stitchers = kb.tools.filter((t) => (t.tasks as string[]).includes('stitching')).map((t) => t.id);
    for (const id of r.preprocessing[0]!.tools) expect(stitchers).toContain(id);
    const flat = kb.tools.filter((t) => (t.tasks as string[]).includes('illumination-correction')).map((t) => t.id);
    for (const id of r.preprocessing[1]!.tools) expect(flat).toContain(id);
  });

  it('always carries the biological-validation caveat and cites the book', () => {
    const r = run({});
    const c = r.caveats.find((x) => x.id === 'biological-validation')!;
    expect(c.bookRef.url).toMatch(/^https:\/\/bioimagingai\.janelia\.org\/8-existing-tools\.html#/);
  });

  it('every reason names its question, the chosen option and a resolvable book section', () => {
    const r = run({ shape: 'irregular', appearance: 'look-alikes', coding: 'gui-only', compute: 'laptop' });
    const sections = new Set([...kb.book.sections.map((s) => s.number), ...kb.book.chapters.map((c) => c.number)]);
    for (const item of [...r.categories, ...r.tools]) {
      for (const reason of item.reasons) {
        expect(sections.has(reason.bookRef.section), `${item.id}: ${reason.bookRef.section}`).toBe(true);
        expect(kb.questions.questions.some((q) => q.id === reason.question)).toBe(true);
      }
    }
  });

  it('is deterministic, sorted by score, and says why a tie near the top went one way (never by id alone)', () => {
    const a = run({ shape: 'mixed' });
    const b = run({ shape: 'mixed' });
    expect(a).toEqual(b);
    let ties = 0;
    for (let i = 1; i < a.tools.length; i++) {
      const [p, q] = [a.tools[i - 1]!, a.tools[i]!];
      expect(p.score).toBeGreaterThanOrEqual(q.score);
      if (i <= 5 && p.score === q.score) {
        ties++;
        expect(p.reasons.some((r) => r.delta === 0 && r.text.startsWith(`Ranked above ${q.name}`)), `${p.id} over ${q.id}`).toBe(true);
      }
    }
    expect(ties).toBeGreaterThan(0);
  });

  it('a tool score equals the base plus the sum of its reasons', () => {
    const r = run({ shape: 'round', coding: 'gui-only' });
    for (const t of r.tools) expect(t.score).toBe(50 + t.reasons.reduce((s, x) => s + x.delta, 0));
  });
});

describe('recommend: case studies', () => {
  it('has the two book case studies and at least four more', () => {
    expect(kb.caseStudies.filter((c) => c.source === 'book').map((c) => c.id).sort()).toEqual(['adipocyte-screen', 'zebrafish-microglia']);
    expect(kb.caseStudies.length).toBeGreaterThanOrEqual(6);
  });

  for (const study of kb.caseStudies) {
    it(`${study.id}: reproduces the expected outcome`, () => {
      const r = recommend(study.answers, kb);
      if (study.expected.topCategory) expect(r.categories[0]?.id).toBe(study.expected.topCategory);
      for (const tool of study.expected.topTools) expect(topTools(r)).toContain(tool);
      if (study.expected.runnerPreset) expect(r.runnerPreset?.preset).toBe(study.expected.runnerPreset);
    });
  }

  it('case study 2: the fine-tuned model\'s failure is a reason against fine-tuning (§8.7.2)', () => {
    const study = kb.caseStudies.find((c) => c.id === 'zebrafish-microglia')!;
    const r = recommend(study.answers, kb);
    const ft = r.categories.find((c) => c.id === 'finetuned-dl')!;
    expect(ft.reasons.some((x) => x.question === 'tried-finetune' && x.delta < 0)).toBe(true);
    expect(r.caveats.map((c) => c.id)).toContain('class-imbalance');
  });
});

describe('recommend: learning style (§8.2.2)', () => {
  const LEARN = { ...NEUTRAL, priority: 'learn', output: 'mask', 'tried-classical': 'failed', appearance: 'texture', pretrained: 'none', annotations: 'hundreds' };
  const learningDelta = (style: string | undefined, toolId: string) => {
    const values: Answers['values'] = style === undefined ? LEARN : { ...LEARN, 'learning-style': style };
    const tool = recommend({ values, mustHave: [] }, kb).tools.find((t) => t.id === toolId);
    expect(tool, `${toolId} is ranked`).toBeDefined();
    return tool!.reasons.filter((r) => r.question === 'learning-style').reduce((s, r) => s + r.delta, 0);
  };
  // Hand-worked from the tools' interfaces: ilastik and CellProfiler have desktop GUIs; nnU-Net is driven
  // from the command line and Python only; ZeroCOSTDL4Mic and scikit-image come with notebooks.
  const rows: { style: string | undefined; tool: string; delta: number }[] = [
    { style: 'explore', tool: 'ilastik', delta: 5 },
    { style: 'explore', tool: 'cellprofiler', delta: 5 },
    { style: 'explore', tool: 'nnunet', delta: -5 },
    { style: 'explore', tool: 'scikit-image', delta: 0 },
    { style: 'read', tool: 'zerocostdl4mic', delta: 5 },
    { style: 'read', tool: 'scikit-image', delta: 5 },
    { style: 'read', tool: 'ilastik', delta: 0 },
    { style: 'watch', tool: 'ilastik', delta: 0 },
    { style: 'ask', tool: 'nnunet', delta: 0 },
    { style: undefined, tool: 'ilastik', delta: 0 },
  ];
  for (const row of rows) {
    it(`${row.style ?? 'no style'}: ${row.tool} moves by ${row.delta}`, () => {
      expect(learningDelta(row.style, row.tool)).toBe(row.delta);
    });
  }

  it('every learning-style reason cites §8.2.2 and quotes the chosen style', () => {
    const r = recommend({ values: { ...LEARN, 'learning-style': 'explore' }, mustHave: [] }, kb);
    const reasons = r.tools.flatMap((t) => t.reasons).filter((x) => x.question === 'learning-style');
    expect(reasons.length).toBeGreaterThan(0);
    for (const x of reasons) expect(x).toMatchObject({ option: ['explore'], bookRef: { section: '8.2.2' } });
  });

  const advice: { style: string | undefined; leave?: string; resources: string[] | null; text?: RegExp }[] = [
    { style: 'ask', resources: ['image-sc-forum', 'globias'], text: /image\.sc forum/ },
    { style: 'ask', leave: 'no', resources: ['image-sc-forum', 'globias'], text: /may not leave the lab/ },
    { style: 'watch', resources: ['globias', 'biii'], text: /not recorded here/ },
    { style: 'read', resources: ['biii'] },
    { style: 'explore', resources: ['biii'] },
    { style: undefined, resources: null },
  ];
  for (const row of advice) {
    it(`learning advice for ${row.style ?? 'no style'}${row.leave ? ' (images stay in the lab)' : ''}`, () => {
      const values: Answers['values'] = { ...LEARN, ...(row.style ? { 'learning-style': row.style } : {}), ...(row.leave ? { 'data-leave': row.leave } : {}) };
      const r = recommend({ values, mustHave: [] }, kb);
      if (row.resources === null) return expect(r.learning).toBeNull();
      expect(r.learning?.resources).toEqual(row.resources);
      expect(r.learning?.bookRef.section).toBe('8.2.2');
      if (row.text) expect(r.learning?.text).toMatch(row.text);
      for (const id of row.resources) expect(kb.tools.find((t) => t.id === id)?.kind).toMatch(/community|index/);
    });
  }
});

describe('recommend: pre-trained coverage matches the task asked', () => {
  it('a restoration model (Cellpose3 restoration) is not counted as a segmentation model for nuclei in fluorescence', () => {
    const answers: Answers = { values: { output: 'objects', objects: 'nuclei', modality: 'fluorescence', dimensions: '2d', pretrained: 'untested' }, mustHave: [] };
    const r = recommend(answers, kb);
    const pre = r.categories.find((c) => c.id === 'pretrained-dl')!;
    const coverage = pre.reasons.find((x) => x.question === 'objects' && x.delta > 0);
    expect(coverage?.text).toMatch(/StarDist|Cellpose/);
    expect(coverage?.text).not.toMatch(/restoration/i);
    const restore = r.tools.find((t) => t.id === 'cellpose3-restore');
    expect(restore?.reasons.some((x) => x.question === 'objects') ?? false).toBe(false);
  });
});

describe('recommend: pre-trained coverage needs a tool that delivers the output asked', () => {
  const mito = { output: 'mask', objects: 'organelles', modality: 'fluorescence', dimensions: '2d', pretrained: 'untested', appearance: 'bright-on-dark', 'tried-classical': 'not-tried' };
  const coverage = (r: Recommendation) => r.categories.find((c) => c.id === 'pretrained-dl')!.reasons.find((x) => x.question === 'objects');

  it('a mask of organelles is not covered by spot detectors (their models find points, §8.2.1)', () => {
    const r = run(mito);
    // deepBlink, Spotiflow and DeepCell Spots have organelle models, but they return coordinates.
    for (const id of ['deepblink', 'spotiflow', 'deepcell-spots']) expect(toolById(id).tasks).not.toContain('binary-segmentation');
    expect(coverage(r)).toMatchObject({ delta: -10 });
    expect(coverage(r)!.text).not.toMatch(/deepBlink|Spotiflow/);
  });

  it('the same organelles asked as positions are covered by those detectors', () => {
    const r = run({ ...mito, output: 'positions' });
    expect(coverage(r)).toMatchObject({ delta: 20 });
    expect(coverage(r)!.text).toMatch(/deepBlink|Spotiflow|SpotDetection/);
  });

  // Confluence: the area a cell layer covers, measured per image. Models that only outline each cell
  // (Cellpose, Omnipose) are not made for that; the same cells counted one by one are their job.
  const confluence = { output: 'mask', objects: 'whole-cells', modality: 'phase-contrast', measurements: ['per-image'], pretrained: 'untested', 'tried-classical': 'not-tried' };
  it('a mask of the area cells cover, measured as a whole, is not covered by models that only separate cells', () => {
    for (const id of ['cellpose', 'omnipose']) expect(toolById(id).tasks).not.toContain('binary-segmentation');
    const r = run(confluence);
    expect(coverage(r)).toMatchObject({ delta: -10 });
    expect(coverage(r)!.text).not.toMatch(/Cellpose|Omnipose/);
  });

  it('the same cell mask, counted or measured cell by cell, is covered by those models', () => {
    for (const m of ['counts', 'size-shape']) {
      const r = run({ ...confluence, measurements: [m] });
      expect(coverage(r)).toMatchObject({ delta: 20 });
      expect(coverage(r)!.text).toMatch(/Cellpose|Omnipose/);
    }
  });
});

describe('recommend: a host is made for its own main approach when that is not deep learning (§8.5)', () => {
  const madeForTop = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.some((x) => /made for the top-ranked approach/.test(x.text)) ?? false;

  it("Fiji's own classical tools count for classical processing, also for someone who does not use Fiji yet", () => {
    const r = run({ objects: 'other', modality: 'other', appearance: 'bright-on-dark', shape: 'round', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', host: ['none'], coding: 'gui-only', compute: 'laptop' });
    expect(r.categories[0]!.id).toBe('classical');
    expect(toolById('fiji').categories[0]).toBe('classical');
    expect(madeForTop(r, 'fiji')).toBe(true);
  });

  it('a platform whose main approach is deep learning only hosts it, unless the book names it', () => {
    const r = run({ objects: 'other', modality: 'electron', annotations: 'hundreds', pretrained: 'none', 'tried-classical': 'failed', 'tried-pixel': 'failed', host: ['none'], coding: 'programming', compute: 'gpu-workstation', quality: 'near-truth', 'time-available': 'weeks' });
    expect(r.categories[0]!.id).toBe('scratch-dl');
    expect(toolById('dl4miceverywhere').categories[0]).toBe('scratch-dl');
    expect(madeForTop(r, 'dl4miceverywhere')).toBe(false);
  });
});

describe('recommend: tens of annotated images train a narrow model when there is nothing to adapt (§9.3.4.5)', () => {
  const values = { output: 'objects', objects: 'other', modality: 'electron', dimensions: '2d', annotations: 'tens', pretrained: 'none', encoder: 'dont-know', 'tried-finetune': 'not-tried', coding: 'programming', compute: 'gpu-workstation' };
  const annotationReasons = (r: Recommendation) => categoryShifts(r, 'annotations');

  it('no ready model and no network to start from: tens of images go to training one, not to adapting one', () => {
    const r = run(values);
    expect(annotationReasons(r)).toContain('scratch-dl:10');
    expect(annotationReasons(r)).not.toContain('finetuned-dl:10');
    expect(r.categories.find((c) => c.id === 'scratch-dl')!.reasons.find((x) => x.question === 'annotations')!.bookRef.section).toBe('9.3.4.5');
  });

  it('with a network to start from, or a ready model that fell short, tens of images adapt it', () => {
    expect(annotationReasons(run({ ...values, encoder: 'general' }))).toContain('finetuned-dl:10');
    expect(annotationReasons(run({ ...values, pretrained: 'not-good-enough', 'pretrained-which': ['other'] }))).toContain('finetuned-dl:10');
  });
});

describe('recommend: programmers get tools used from code, as GUI users get point-and-click tools (§9.4.1)', () => {
  const values = { output: 'objects', objects: 'other', modality: 'electron', dimensions: '2d', annotations: 'tens', pretrained: 'none', encoder: 'dont-know', 'tried-finetune': 'not-tried', host: ['python'], compute: 'gpu-workstation', 'time-available': 'weeks' };
  const codingReason = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'coding' && x.text.includes('used from code'));

  it('someone who programs and trains their own network gets U-Net, the architecture they would train, in the top three', () => {
    const r = run({ ...values, coding: 'programming' });
    expect(r.categories[0]!.id).toBe('scratch-dl');
    expect(codingReason(r, 'unet')).toMatchObject({ delta: 5, bookRef: { section: '9.4.1' } });
    expect(topTools(r, 3)).toContain('unet');
    // A tool run from notebooks or a GUI is not "used from code" in this sense.
    expect(toolById('zerocostdl4mic').coding).not.toBe('programming');
    expect(codingReason(r, 'zerocostdl4mic')).toBeUndefined();
  });

  it('not for someone who works from the command line or notebooks', () => {
    for (const coding of ['command-line', 'notebooks']) expect(codingReason(run({ ...values, coding }), 'unet')).toBeUndefined();
  });
});

describe('recommend: with no ready model for the objects, tools made for training are judged on training (Fig 9.4)', () => {
  const cells = { output: 'objects', objects: 'whole-cells', modality: 'fluorescence', dimensions: '2d', annotations: 'tens', encoder: 'dont-know', 'tried-finetune': 'not-tried', coding: 'programming' };
  const coverage = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'objects' && x.text.includes('was trained on'));

  it('"nothing exists for my objects": a trainer\'s own ready models earn it nothing, as they cost it nothing', () => {
    expect(toolById('cellpose').training.fromScratch).toBe(true);
    expect(coverage(run({ ...cells, pretrained: 'none' }), 'cellpose')).toBeUndefined();
  });

  it('while a ready model is still to be found or tested, its coverage counts', () => {
    for (const pretrained of ['dont-know', 'untested']) expect(coverage(run({ ...cells, pretrained }), 'cellpose')?.delta).toBeGreaterThan(0);
  });
});

describe('recommend: in transmitted light, how the objects stand out decides, once the user says (question set v23, §8.5)', () => {
  const particles = { output: 'objects', objects: 'other', modality: 'brightfield', dimensions: '2d', difficulty: ['clean'], 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', coding: 'gui-only', compute: 'laptop' };
  const textureReason = (r: Recommendation) => r.categories.find((c) => c.id === 'classical')!.reasons.find((x) => x.text.startsWith('objects defined by texture'));
  const appearanceShift = (r: Recommendation) => categoryShifts(r, 'appearance');

  it('unanswered, brightfield still implies texture (the v22 reading)', () => {
    expect(textureReason(run(particles))?.delta).toBe(-15);
  });

  it('objects clearly darker than a plain background: no texture mark-down, and classical processing gets the reason bright objects get in fluorescence', () => {
    const r = run({ ...particles, appearance: 'bright-on-dark' });
    expect(textureReason(r)).toBeUndefined();
    expect(appearanceShift(r)).toContain('classical:10');
    expect(appearanceShift(r).every((x) => x.startsWith('classical:'))).toBe(true);
    expect(r.categories[0]!.id).toBe('classical');
    expect(run(particles).categories[0]!.id).not.toBe('classical');
  });

  it('texture or look-alikes, said outright, keep the pixel classifier ahead; filaments in transmitted light stay lines for a ridge filter', () => {
    expect(textureReason(run({ ...particles, appearance: 'texture' }))?.delta).toBe(-15);
    expect(appearanceShift(run({ ...particles, appearance: 'look-alikes', 'tried-classical': 'failed', 'tried-pixel': 'not-tried', 'settings-tuned': 'tuned' }))).toContain('pixel-classification:25');
    expect(textureReason(run({ ...particles, objects: 'filaments', appearance: 'texture' }))).toBeUndefined();
    expect(textureReason(run({ ...particles, objects: 'filaments', modality: 'fluorescence', appearance: 'texture' }))?.delta).toBe(-15);
  });
});

describe('recommend: look-alikes before and after a threshold was tried (§8.5 table, Fig 9.2)', () => {
  // The appearance rule's own moves (the trees' outcome reasons quote the answer too).
  const ruleShifts = (r: Recommendation) => r.categories.flatMap((c) => c.reasons.filter((x) => x.question === 'appearance' && x.delta !== 0 && !x.text.startsWith("the book's decision path")).map((x) => `${c.id}:${x.delta}`)).sort();
  const spots = { output: 'objects', objects: 'other', modality: 'fluorescence', dimensions: '2d', difficulty: ['debris'], appearance: 'look-alikes', pretrained: 'dont-know', annotations: 'few', coding: 'gui-only', compute: 'laptop' };
  it('untried: the table\'s preference for a pixel classifier, weighed as bright-on-dark is for classical processing; classical processing is not marked down, and Fig 9.2 still starts with it', () => {
    const r = run({ ...spots, 'tried-classical': 'not-tried' });
    expect(ruleShifts(r)).toEqual(['pixel-classification:10']);
    const bright = run({ ...spots, appearance: 'bright-on-dark', 'tried-classical': 'not-tried' });
    expect(ruleShifts(bright)).toEqual(['classical:10']);
    expect(r.treeOutcomes.find((t) => t.tree === 'is-dl-right')?.outcome).toBe('try-classical');
    expect(r.categories.find((c) => c.id === 'pixel-classification')!.reasons.find((x) => x.question === 'appearance')!.text).toMatch(/size and shape filters/);
  });
  it('after thresholds failed on them: the pixel classifier is the next rung, and classical processing is marked down', () => {
    const r = run({ ...spots, 'tried-classical': 'failed', 'tried-pixel': 'not-tried', 'settings-tuned': 'tuned' });
    expect(ruleShifts(r)).toEqual(['classical:-20', 'pixel-classification:25']);
    expect(r.categories[0]!.id).toBe('pixel-classification');
  });
});

describe('recommend: a pilot or first look (§8.4) marks down what needs annotation or training, and favours neither of the rungs that need none', () => {
  it('hand annotation, fine-tuning and training from scratch lose; classical processing and ready models are left as they were', () => {
    const r = run({ output: 'objects', objects: 'whole-cells', modality: 'fluorescence', appearance: 'bright-on-dark', pretrained: 'dont-know', 'tried-classical': 'not-tried', quality: 'quick' });
    const shifts = categoryShifts(r, 'quality');
    expect(shifts.sort()).toEqual(['finetuned-dl:-10', 'manual-annotation:-10', 'scratch-dl:-20']);
    expect(r.categories.find((c) => c.id === 'scratch-dl')!.reasons.find((x) => x.question === 'quality')!.bookRef.section).toBe('8.4');
  });
});

describe('recommend: uneven brightness is corrected with a flat field, not denoised (question set v24, §8.2.3)', () => {
  const shading = { output: 'restored-images', modality: 'fluorescence', dimensions: '2d', degradation: ['uneven-illumination'], 'restoration-data': ['noisy-only'], 'time-series': 'no', coding: 'gui-only', compute: 'laptop' };

  it('flat-field correction leads, BaSiC first among the tools, citing the book\'s pre-processing steps', () => {
    const r = run(shading);
    expect(r.kind).toBe('restoration');
    expect(r.restorationMethods[0]!.id).toBe('flat-field-correction');
    expect(r.restorationMethods.map((m) => m.id)).not.toContain('blind-spot-self-supervised-denoising');
    expect(r.tools[0]!.id).toBe('basic-flatfield');
    expect(kb.restorationMethods.find((m) => m.id === 'flat-field-correction')!.bookRefs[0]!.section).toBe('8.2.3');
  });

  it('the plan around it fits a classical correction: it runs on the laptop, the next rung is a measured flat field, and no network caveats or PSNR', () => {
    const r = run(shading);
    expect(r.deployment).toMatchObject({ mode: 'slow-local' });
    expect(r.deployment!.text).not.toMatch(/deep-learning/);
    expect(r.fallback.map((f) => (f.kind === 'category' ? f.category : f.step))).toContain('reference-flat-field');
    expect(r.fallback.map((f) => (f.kind === 'category' ? f.category : f.step))).not.toContain('acquire-paired-data');
    expect(r.caveats.map((c) => c.id)).not.toContain('hallucination');
    expect(r.metric).toBeNull();
    // Noise beside the shading brings the networks, their caveats and PSNR back.
    const both = run({ ...shading, degradation: ['noise', 'uneven-illumination'] });
    expect(both.caveats.map((c) => c.id)).toContain('hallucination');
    expect(both.metric?.id).toBe('psnr');
  });

  it('noise alone does not bring it in; noise and shading together list both jobs', () => {
    expect(run({ ...shading, degradation: ['noise'] }).restorationMethods.map((m) => m.id)).not.toContain('flat-field-correction');
    const both = run({ ...shading, degradation: ['noise', 'uneven-illumination'] }).restorationMethods.map((m) => m.id);
    expect(both).toContain('flat-field-correction');
    expect(both.some((id) => id !== 'flat-field-correction')).toBe(true);
  });
});

describe('recommend: a classical restoration method first runs on the laptop (Fig 9.9, §9.4.2)', () => {
  it('deconvolution with a known PSF on a laptop: the CPU, with the GPU advice kept for the networks further down', () => {
    const r = run({ output: 'restored-images', modality: 'fluorescence', dimensions: '3d', degradation: ['blur'], 'restoration-data': ['psf'], views: 'single', 'live-cell': 'fixed', compute: 'laptop', 'data-leave': 'yes', coding: 'gui-only' });
    expect(kb.restorationMethods.find((m) => m.id === r.restorationMethods[0]!.id)!.family).toBe('classical');
    expect(r.deployment).toMatchObject({ mode: 'slow-local', bookRef: { section: '9.3.8' } });
    expect(r.deployment!.text).toMatch(/CPU/);
    expect(r.deployment!.text).toMatch(/deep-learning options further down/);
  });
});

describe('recommend: a few annotated images suit a pixel classifier (§9.2.1)', () => {
  const cells = { output: 'objects', objects: 'whole-cells', modality: 'fluorescence', pretrained: 'dont-know', 'tried-classical': 'not-tried' };
  const pixelReason = (r: Recommendation) => r.categories.find((c) => c.id === 'pixel-classification')!.reasons.find((x) => x.question === 'annotations');

  it('a few annotated images count for the pixel classifier, citing §9.2.1', () => {
    const few = pixelReason(run({ ...cells, annotations: 'few' }));
    expect(few?.delta).toBeGreaterThan(0);
    expect(few?.bookRef.section).toBe('9.2.1');
  });

  it('not when sorting whole images, nor with no annotations or many, nor once a ready model fell short (Fig 9.4 decides)', () => {
    expect(pixelReason(run({ ...cells, output: 'image-classes', 'classify-what': 'images', annotations: 'few' }))?.delta ?? 0).toBeLessThanOrEqual(0);
    expect(pixelReason(run({ ...cells, annotations: 'few', pretrained: 'not-good-enough', 'pretrained-which': ['cellpose'] }))?.delta ?? 0).toBeLessThanOrEqual(0);
    for (const annotations of ['none', 'tens', 'hundreds']) expect(pixelReason(run({ ...cells, annotations }))?.delta ?? 0).toBeLessThanOrEqual(0);
  });
});

describe('recommend: the approach of the program the user works in (§8.3, Fig 9.2)', () => {
  const nuclei = { output: 'objects', objects: 'nuclei', modality: 'fluorescence', appearance: 'bright-on-dark', difficulty: ['crowded'], 'tried-classical': 'not-tried', pretrained: 'dont-know', coding: 'gui-only' };
  const hostReason = (r: Recommendation, id: string) => r.categories.find((c) => c.id === id)!.reasons.find((x) => x.question === 'host');

  it('a CellProfiler user who has not tried its modules: classical processing gets the head start of a tool in use', () => {
    const r = run({ ...nuclei, host: ['cellprofiler'] });
    expect(hostReason(r, 'classical')).toMatchObject({ delta: 10, bookRef: { section: '8.3' } });
    expect(hostReason(r, 'classical')!.text).toMatch(/CellProfiler/);
    expect(hostReason(r, 'pretrained-dl')).toBeUndefined();
    const without = run(nuclei);
    const score = (x: Recommendation) => x.categories.find((c) => c.id === 'classical')!.score;
    expect(score(r) - score(without)).toBe(10);
  });

  it('not for napari or Python, not once thresholds were tried, and not when a tool in use is named', () => {
    expect(hostReason(run({ ...nuclei, host: ['napari'] }), 'classical')).toBeUndefined();
    expect(hostReason(run({ ...nuclei, host: ['python'] }), 'classical')).toBeUndefined();
    expect(hostReason(run({ ...nuclei, host: ['cellprofiler'], 'tried-classical': 'failed' }), 'classical')).toBeUndefined();
    expect(hostReason(run({ ...nuclei, host: ['cellprofiler', 'tool'], 'tools-used': ['cellpose'] }), 'classical')).toBeUndefined();
    // Fiji's and QuPath's own first approach after annotation is classical too.
    expect(hostReason(run({ ...nuclei, host: ['qupath'] }), 'classical')!.text).toMatch(/QuPath/);
  });
});

describe('recommend: a deep-learning tool in use is past the first rung (§8.3, Fig 9.2)', () => {
  const cells = { output: 'objects', objects: 'whole-cells', modality: 'fluorescence', appearance: 'bright-on-dark', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'tens', host: ['python', 'tool'] };
  const past = (r: Recommendation) => r.categories.find((c) => c.id === 'classical')!.reasons.find((x) => x.question === 'tools-used' && x.delta < 0);

  it('a Cellpose user who never tried thresholds: the first-rung pulls on classical processing are taken back', () => {
    const r = run({ ...cells, 'tools-used': ['cellpose'] });
    expect(past(r)).toMatchObject({ delta: -15, bookRef: { section: '8.3' } });
    expect(past(r)!.text).toMatch(/Cellpose, a deep-learning tool/);
    // What is taken back equals what the first rung gave: the Fig 9.2 path and the §9.2.2 rule.
    const firstRung = r.categories.find((c) => c.id === 'classical')!.reasons.filter((x) => x.question === 'tried-classical' && x.delta > 0);
    expect(firstRung.reduce((sum, x) => sum + x.delta, 0)).toBe(15);
    expect(r.categories[0]!.id).not.toBe('classical');
  });

  it('not without a deep-learning tool in use, not for a classical tool in use, not once thresholds were tried', () => {
    expect(past(run(cells))).toBeUndefined();
    expect(past(run({ ...cells, 'tools-used': ['morpholibj'] }))).toBeUndefined();
    expect(past(run({ ...cells, 'tools-used': ['cellpose'], 'tried-classical': 'works' }))).toBeUndefined();
    expect(past(run({ ...cells, 'tools-used': ['cellpose'], 'tried-classical': 'failed' }))).toBeUndefined();
  });

  it('a Cellpose model that falls short is adapted, not traded for thresholds the user never chose (§9.3.3.1)', () => {
    // Crowded fluorescent cells, Cellpose tuned and still merging neighbours, no annotations, a laptop.
    const short = { ...cells, difficulty: ['crowded'], annotations: 'none', compute: 'laptop', coding: 'gui-only', 'tools-used': ['cellpose'], pretrained: 'not-good-enough', 'pretrained-which': ['cellpose'], 'pretrained-gap': 'not-sure', 'settings-tuned': 'tuned' };
    const r = run(short);
    expect(past(r)).toMatchObject({ delta: -15, bookRef: { section: '9.3.3.1' } });
    expect(past(r)!.text).toMatch(/adapt that model/);
    expect(r.categories[0]!.id).toBe('finetuned-dl');
    expect(r.tools[0]!.id).toBe('cellpose');
    // The same answers with no tool in use: no such pull.
    const { 'tools-used': _used, ...without } = short;
    expect(past(run({ ...without, host: ['python'] }))).toBeUndefined();
  });
});

describe('recommend: finer kinds of whole cells (bacteria, yeast)', () => {
  const base = { output: 'objects', dimensions: '2d', annotations: 'few', resemblance: 'similar', 'tried-finetune': 'not-tried' };
  it('a model made for bacteria outranks a general whole-cell model as a reason, and yeast models do not cover animal cells', () => {
    const bacteria = recommend({ values: { ...base, objects: 'bacteria', modality: 'phase-contrast', pretrained: 'untested' }, mustHave: [] }, kb);
    const omnipose = bacteria.tools.find((t) => t.id === 'omnipose')!;
    expect(omnipose.reasons.find((x) => x.question === 'objects')?.text).toMatch(/made specifically for bacteria/);
    const cells = recommend({ values: { ...base, objects: 'whole-cells', modality: 'brightfield', pretrained: 'untested' }, mustHave: [] }, kb);
    const yeaz = cells.tools.find((t) => t.id === 'yeaz');
    expect(yeaz?.reasons.find((x) => x.question === 'objects')?.delta ?? -1).toBeLessThan(0);
  });

  it('"try another pre-trained model": after an unnamed model fell short on yeast, the yeast model comes before fine-tuning', () => {
    const answers: Answers = { values: { ...base, objects: 'yeast', modality: 'brightfield', pretrained: 'not-good-enough', 'pretrained-which': ['other'] }, mustHave: [] };
    const r = recommend(answers, kb);
    expect(r.categories[0]?.id).toBe('pretrained-dl');
    expect(r.categories[0]?.reasons.some((x) => x.question === 'pretrained-which' && /YeaZ/.test(x.text))).toBe(true);
    // Whole cells have no finer-kind model: after a widely used generalist (Cellpose) fell short, the
    // same answers keep Fig 9.4's "adapt the model".
    const cells = recommend({ values: { ...answers.values, objects: 'whole-cells', 'pretrained-which': ['cellpose'] }, mustHave: [] }, kb);
    expect(cells.categories[0]?.id).toBe('finetuned-dl');
    expect(cells.categories.flatMap((c) => c.reasons).some((x) => x.question === 'pretrained-which' && /made for/.test(x.text))).toBe(false);
  });
});

describe('recommend: specialists for a modality, a kind of object or a shape', () => {
  const base = { output: 'objects', dimensions: '2d', annotations: 'few', pretrained: 'untested' };
  it('a tool made for one modality gains on those images and loses on others (steinbock: multiplexed)', () => {
    const imc = recommend({ values: { ...base, objects: 'whole-cells', modality: 'multiplexed' }, mustHave: [] }, kb);
    const fluo = recommend({ values: { ...base, objects: 'whole-cells', modality: 'fluorescence' }, mustHave: [] }, kb);
    const reason = (r: Recommendation) => r.tools.find((t) => t.id === 'steinbock')?.reasons.find((x) => x.question === 'modality');
    expect(reason(imc)?.delta).toBeGreaterThan(0);
    expect(reason(imc)?.text).toMatch(/multiplexed/);
    expect(reason(fluo)?.delta).toBeLessThan(0);
    // Tools not tied to a modality get no such reason.
    expect(imc.tools.find((t) => t.id === 'cellpose')?.reasons.some((x) => x.question === 'modality')).toBe(false);
    // A cryo-EM denoiser is not the tool for fluorescence denoising.
    const denoise = recommend({ values: { output: 'restored-images', modality: 'fluorescence', degradation: ['noise'], 'restoration-data': ['two-noisy'] }, mustHave: [] }, kb);
    const cryo = denoise.tools.find((t) => t.id === 'cryocare');
    expect(cryo?.reasons.find((x) => x.question === 'modality')?.delta ?? 0).toBeLessThan(0);
    expect(topTools(denoise, 2)).not.toContain('cryocare');
  });

  it('"try another pre-trained model" covers every specialised kind of object (worms), never nuclei or whole cells', () => {
    const answers: Answers = { values: { ...base, objects: 'organisms', modality: 'brightfield', pretrained: 'not-good-enough', 'pretrained-which': ['other'], resemblance: 'different' }, mustHave: [] };
    const worms = recommend(answers, kb);
    expect(worms.categories[0]?.id).toBe('pretrained-dl');
    expect(worms.categories[0]?.reasons.some((x) => x.question === 'pretrained-which' && /Omnipose/.test(x.text))).toBe(true);
    const nuclei = recommend({ values: { ...answers.values, objects: 'nuclei', modality: 'fluorescence', 'pretrained-which': ['stardist'] }, mustHave: [] }, kb);
    expect(nuclei.categories.flatMap((c) => c.reasons).some((x) => x.question === 'pretrained-which' && /made for/.test(x.text))).toBe(false);
  });

  it('"try another pre-trained model" also names models made for the image type itself when the model tried reached it only through one fluorescence channel (StarDist on multiplexed nuclei)', () => {
    const answers: Answers = { values: { ...base, objects: 'nuclei', modality: 'multiplexed', pretrained: 'not-good-enough', 'pretrained-which': ['stardist'], 'pretrained-gap': 'close', annotations: 'none' }, mustHave: [] };
    const r = recommend(answers, kb);
    const reason = r.categories.find((c) => c.id === 'pretrained-dl')?.reasons.find((x) => x.question === 'pretrained-which');
    expect(reason?.delta).toBeGreaterThan(0);
    expect(reason?.text).toMatch(/multiplexed/);
    expect(r.categories[0]?.id).toBe('pretrained-dl');
    // A model made for plain fluorescence nuclei that fell short on fluorescence keeps Fig 9.4's adaptation.
    const fluo = recommend({ values: { ...answers.values, modality: 'fluorescence' }, mustHave: [] }, kb);
    expect(fluo.categories.flatMap((c) => c.reasons).some((x) => x.question === 'pretrained-which' && /made for/.test(x.text))).toBe(false);
  });

  it('a tool designed for long, thin or branched objects gains when the objects are irregular, not when round', () => {
    const reason = (shape: string) =>
      recommend({ values: { ...base, objects: 'bacteria', modality: 'phase-contrast', shape }, mustHave: [] }, kb)
        .tools.find((t) => t.id === 'omnipose')
        ?.reasons.find((x) => /long, thin/.test(x.text));
    expect(reason('irregular')?.delta).toBe(5);
    expect(reason('round')).toBeUndefined();
    // Filaments are long and thin by definition; the shape question is not asked for them.
    const filaments = recommend({ values: { ...base, objects: 'filaments', modality: 'fluorescence' }, mustHave: [] }, kb).tools.find((t) => t.id === 'omnipose');
    expect(filaments?.reasons.find((x) => /long, thin/.test(x.text))?.delta).toBe(5);
  });
});

describe('recommend: denoisers that learn from neighbouring frames (question set v6)', () => {
  const noisy = { output: 'restored-images', modality: 'fluorescence', degradation: ['noise'], 'noise-structure': 'random', 'restoration-data': ['noisy-only'], views: 'single', coding: 'programming' };
  it('DeepCAD-RT leads for fast recordings and drops for single time points; unanswered moves nothing', () => {
    const at = (timeSeries?: string) => {
      const r = recommend({ values: { ...noisy, ...(timeSeries ? { 'time-series': timeSeries } : {}) }, mustHave: [] }, kb);
      return { index: r.tools.findIndex((t) => t.id === 'deepcad-rt'), reason: r.tools.find((t) => t.id === 'deepcad-rt')?.reasons.find((x) => x.question === 'time-series') };
    };
    expect(at('similar-frames').index).toBe(0);
    expect(at('similar-frames').reason?.delta).toBeGreaterThan(0);
    expect(at('single').reason?.delta).toBeLessThan(0);
    expect(at('single').index).toBeGreaterThan(4);
    expect(at().reason).toBeUndefined();
  });

  it("only the tool this site's runner re-implements (3D-RCAN) gets the in-browser bonus, not every tool of the method", () => {
    const r = recommend({ values: noisy, mustHave: [] }, kb);
    const bonus = (id: string) => r.tools.find((t) => t.id === id)?.reasons.some((x) => /this site's restoration page/.test(x.text));
    expect(r.runnerPreset?.preset).toBe('denoise-n2v');
    expect(bonus('noise2void')).toBe(false);
    expect(bonus('deepcad-rt')).toBe(false);
    const paired = recommend({ values: { ...noisy, 'restoration-data': ['paired'] }, mustHave: [] }, kb);
    expect(paired.tools.find((t) => t.id === 'rcan-3d')?.reasons.some((x) => /this site's restoration page/.test(x.text))).toBe(true);
  });
});

describe('recommend: uneven brightness (§8.7.2.1)', () => {
  it('marks a plain threshold down by one step only: background subtraction or a local threshold is classical too, so clear nuclei lit unevenly still start classical', () => {
    const values = { output: 'objects', objects: 'nuclei', dimensions: '2d', modality: 'fluorescence', appearance: 'bright-on-dark', difficulty: ['uneven'], 'tried-classical': 'not-tried', pretrained: 'dont-know', host: ['none'], coding: 'gui-only', compute: 'laptop', 'data-size': 'many', annotations: 'none' };
    const r = run(values);
    const reason = (id: string) => r.categories.find((c) => c.id === id)!.reasons.find((x) => x.question === 'difficulty' && /uneven/.test(x.text));
    expect(reason('classical')).toMatchObject({ delta: -5, bookRef: { section: '8.7.2.1' } });
    expect(reason('pixel-classification')?.delta).toBe(5);
    expect(r.categories[0]!.id).toBe('classical');
    expect(r.categories[0]!.score).toBeGreaterThan(r.categories.find((c) => c.id === 'pretrained-dl')!.score);
  });
});

describe('recommend: a handful of images (§8.5)', () => {
  it('gives classical processing a step when every result can be checked by eye, so crowded nuclei in a few images start classical; many images, or results that must be near ground truth, do not get it', () => {
    const values = { output: 'objects', objects: 'nuclei', measurements: ['counts'], host: ['python'], dimensions: '2d', modality: 'fluorescence', difficulty: ['crowded', 'marked'], appearance: 'bright-on-dark', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', 'time-available': 'hours', coding: 'programming', compute: 'laptop', quality: 'good-enough' };
    const reason = (r: Recommendation) => r.categories.find((c) => c.id === 'classical')!.reasons.find((x) => x.question === 'data-size' && /look at every result/.test(x.text));
    const few = run({ ...values, 'data-size': 'few' });
    expect(reason(few)).toMatchObject({ delta: 5, bookRef: { section: '8.5' } });
    expect(few.categories[0]!.id).toBe('classical');
    const many = run({ ...values, 'data-size': 'many' });
    expect(reason(many)).toBeUndefined();
    const lead = (r: Recommendation) => r.categories.find((c) => c.id === 'classical')!.score - r.categories.find((c) => c.id === 'pretrained-dl')!.score;
    expect(lead(few) - lead(many)).toBe(5);
    // Results that must come close to ground truth call for hand annotation or fine-tuning (§8.5 table), not hand-checked thresholds.
    expect(reason(run({ ...values, 'data-size': 'few', quality: 'near-truth' }))).toBeUndefined();
  });
});

describe('recommend: structured noise and classical denoisers (§6.1.2.1)', () => {
  it('Poisson-aware denoising is marked down for stripes or correlated noise, so a block-matching denoiser leads the classical ones; random noise leaves it alone', () => {
    const values = { output: 'restored-images', modality: 'fluorescence', dimensions: '2d', degradation: ['noise'], 'restoration-data': ['noisy-only'], views: 'single', 'time-series': 'single', 'time-available': 'hours', host: ['python'], coding: 'programming', compute: 'laptop' };
    const at = (structure: string) => recommend({ values: { ...values, 'noise-structure': structure }, mustHave: [] }, kb);
    const reason = (r: Recommendation) => r.restorationMethods.find((m) => m.id === 'poisson-aware-denoising')?.reasons.find((x) => x.question === 'noise-structure');
    expect(reason(at('structured'))?.delta).toBeLessThan(0);
    expect(reason(at('structured'))?.bookRef.section).toBe('6.1.2.1');
    expect(reason(at('random'))).toBeUndefined();
    const structured = at('structured').restorationMethods.map((m) => m.id);
    expect(structured.indexOf('non-local-means-bm3d')).toBeLessThan(structured.indexOf('poisson-aware-denoising'));
  });
});

describe('recommend: restoration with only hours', () => {
  it('a classical denoiser that needs no training leads when only hours are available; with days the trained method leads', () => {
    const values = { output: 'restored-images', modality: 'fluorescence', degradation: ['noise'], 'noise-structure': 'random', 'restoration-data': ['noisy-only'], views: 'single', 'live-cell': 'live', coding: 'gui-only', compute: 'laptop' };
    const hours = recommend({ values: { ...values, 'time-available': 'hours' }, mustHave: [] }, kb);
    const days = recommend({ values: { ...values, 'time-available': 'days' }, mustHave: [] }, kb);
    expect(kb.restorationMethods.find((m) => m.id === hours.restorationMethods[0]!.id)?.family).toBe('classical');
    expect(hours.restorationMethods.find((m) => m.id === 'blind-spot-self-supervised-denoising')?.reasons.some((x) => x.question === 'time-available' && x.delta < 0)).toBe(true);
    expect(days.restorationMethods[0]?.id).toBe('blind-spot-self-supervised-denoising');
  });

  it('a few images and a GPU: a self-supervised denoiser trains within the hours, so it leads; on a laptop (or with many images) the full mark-down stays', () => {
    const values = { output: 'restored-images', modality: 'fluorescence', dimensions: '2d', 'data-size': 'few', degradation: ['noise'], 'noise-structure': 'random', 'restoration-data': ['noisy-only'], views: 'single', 'time-available': 'hours', host: ['napari'], coding: 'gui-only', compute: 'gpu-workstation' };
    const timeReason = (r: Recommendation) => r.restorationMethods.find((m) => m.id === 'blind-spot-self-supervised-denoising')!.reasons.find((x) => x.question === 'time-available')!;
    const gpu = recommend({ values, mustHave: [] }, kb);
    expect(gpu.restorationMethods[0]!.id).toBe('blind-spot-self-supervised-denoising');
    expect(timeReason(gpu)).toMatchObject({ delta: -5, bookRef: { section: '8.2.2' } });
    expect(gpu.restorationMethods[0]!.score).toBeGreaterThan(gpu.restorationMethods[1]!.score);
    for (const change of [{ compute: 'laptop' }, { 'data-size': 'many' }]) {
      expect(timeReason(recommend({ values: { ...values, ...change }, mustHave: [] }, kb)).delta, JSON.stringify(change)).toBe(-20);
    }
    const laptop = recommend({ values: { ...values, compute: 'laptop' }, mustHave: [] }, kb);
    expect(kb.restorationMethods.find((m) => m.id === laptop.restorationMethods[0]!.id)?.family).toBe('classical');
  });
});

describe('recommend: restoring resolution in single planes', () => {
  const values = { output: 'restored-images', modality: 'fluorescence', dimensions: '2d', degradation: ['low-resolution'], 'restoration-data': ['psf'], views: 'single', 'live-cell': 'fixed', coding: 'notebooks', compute: 'gpu-workstation', 'time-available': 'days' };

  it('methods made only for stacks (isotropy from the lateral planes, 3D networks) are marked down for 2D images', () => {
    const r = recommend({ values, mustHave: [] }, kb);
    const iso = r.restorationMethods.find((m) => m.id === 'axial-isotropy-restoration')!;
    expect(kb.restorationMethods.find((m) => m.id === 'axial-isotropy-restoration')!.dimensionality).not.toContain('2d');
    expect(iso.reasons.find((x) => x.question === 'dimensions')).toMatchObject({ delta: -25 });
    const stacks = recommend({ values: { ...values, dimensions: '3d' }, mustHave: [] }, kb);
    expect(stacks.restorationMethods.find((m) => m.id === 'axial-isotropy-restoration')!.reasons.some((x) => x.question === 'dimensions' && x.delta < 0)).toBe(false);
  });

  it('"the resolution is too low" with a known PSF makes deconvolution a candidate that matches (§6.1.2.2); without the PSF it is not', () => {
    const r = recommend({ values, mustHave: [] }, kb);
    expect(r.restorationMethods[0]!.id).toBe('richardson-lucy-deconvolution');
    expect(r.restorationMethods[0]!.reasons.find((x) => x.question === 'degradation')).toMatchObject({ delta: 20, bookRef: { section: '6.1.2.2' } });
    const noPsf = recommend({ values: { ...values, 'restoration-data': ['noisy-only'] }, mustHave: [] }, kb);
    expect(noPsf.restorationMethods.some((m) => m.id === 'richardson-lucy-deconvolution')).toBe(false);
    // Blur named as well: deconvolution matches through "blur" already, and is not counted twice.
    const blur = recommend({ values: { ...values, degradation: ['low-resolution', 'blur'] }, mustHave: [] }, kb);
    expect(blur.restorationMethods.find((m) => m.id === 'richardson-lucy-deconvolution')!.reasons.filter((x) => x.question === 'degradation' && x.delta === 20)).toHaveLength(1);
  });
});

describe('recommend: a restoration made for another tool to segment (§6.4.1)', () => {
  const values = { output: 'restored-images', modality: 'fluorescence', dimensions: '2d', degradation: ['noise', 'blur'], 'noise-structure': 'random', 'restoration-data': ['noisy-only'], views: 'single', 'live-cell': 'fixed', 'time-series': 'single', coding: 'programming', compute: 'gpu-workstation', 'time-available': 'days' };
  const penalty = (r: Recommendation) => r.restorationMethods.find((m) => m.id === 'cellpose3-restoration')!.reasons.find((x) => x.bookRef.section === '6.4.1');

  it("Cellpose3's restoration models are marked down for someone who does not segment with Cellpose", () => {
    expect(kb.restorationMethods.find((m) => m.id === 'cellpose3-restoration')!.forSegmentationWith).toBe('cellpose');
    const r = recommend({ values: { ...values, host: ['python'] }, mustHave: [] }, kb);
    expect(penalty(r)).toMatchObject({ delta: -20 });
    expect(penalty(r)!.text).toMatch(/Cellpose to segment/);
    expect(r.restorationMethods[0]!.id).not.toBe('cellpose3-restoration');
  });

  it('a Cellpose user keeps them at full weight', () => {
    const r = recommend({ values: { ...values, host: ['python', 'tool'], 'tools-used': ['cellpose'] }, mustHave: [] }, kb);
    expect(penalty(r)).toBeUndefined();
    expect(r.restorationMethods[0]!.id).toBe('cellpose3-restoration');
  });
});

describe('recommend: cells in stained tissue, and Omnipose as a tried model', () => {
  it('in histology a nucleus model covers whole cells (grown from nuclei), with a reason saying so; not in fluorescence', () => {
    const base = { output: 'objects', objects: 'whole-cells', dimensions: '2d', pretrained: 'untested', annotations: 'few' };
    const he = recommend({ values: { ...base, modality: 'histology' }, mustHave: [] }, kb);
    const stardist = he.tools.find((t) => t.id === 'stardist')?.reasons.find((x) => x.question === 'objects');
    expect(stardist?.delta).toBeGreaterThan(0);
    expect(stardist?.text).toMatch(/nucleus outwards/);
    const fluo = recommend({ values: { ...base, modality: 'fluorescence' }, mustHave: [] }, kb);
    expect(fluo.tools.find((t) => t.id === 'stardist')?.reasons.find((x) => x.question === 'objects')?.delta ?? 0).toBeLessThan(0);
  });

  it('in histology a model trained on whole cells counts for more than one that reaches them by growing nuclei', () => {
    const he = recommend({ values: { output: 'objects', objects: 'whole-cells', dimensions: '2d', modality: 'histology', pretrained: 'untested', annotations: 'few' }, mustHave: [] }, kb);
    const objects = (id: string) => he.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'objects');
    expect(objects('stardist')?.text).toMatch(/nucleus outwards/);
    expect(objects('cellpose')?.text).not.toMatch(/nucleus outwards/);
    expect(objects('cellpose')!.delta).toBeGreaterThan(objects('stardist')!.delta);
  });

  it('"Omnipose works" keeps Omnipose (v6 option), as "Cellpose works" keeps Cellpose', () => {
    const r = recommend({ values: { output: 'objects', objects: 'bacteria', modality: 'phase-contrast', dimensions: '2d', pretrained: 'works', 'pretrained-which': ['omnipose'] }, mustHave: [] }, kb);
    expect(r.tools.find((t) => t.id === 'omnipose')?.reasons.some((x) => x.question === 'pretrained-which' && x.delta > 0)).toBe(true);
    expect(r.tools.find((t) => t.id === 'cellpose')?.reasons.some((x) => x.question === 'pretrained-which')).toBe(false);
  });
});

describe('recommend: sorting whole images or single objects (question set v6)', () => {
  const base = { output: 'image-classes', modality: 'fluorescence', dimensions: '2d', coding: 'gui-only', compute: 'laptop' };
  it('objects: feature-based object classifiers (ilastik, CellProfiler Analyst) gain, an image-only classifier (WSInfer) loses; images: the reverse; Piximi sorts both', () => {
    const objects = recommend({ values: { ...base, 'classify-what': 'objects' }, mustHave: [] }, kb);
    const images = recommend({ values: { ...base, 'classify-what': 'images' }, mustHave: [] }, kb);
    const delta = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'classify-what')?.delta ?? 0;
    expect(delta(objects, 'ilastik')).toBeGreaterThan(0);
    expect(kb.tools.find((t) => t.id === 'wsinfer')!.classifies).toEqual(['images']);
    expect(delta(objects, 'wsinfer')).toBeLessThan(0);
    expect(delta(images, 'wsinfer')).toBeGreaterThan(0);
    // Piximi's classifier sorts whole images and, after its segmenter, single cells (its translocation tutorial).
    expect(delta(objects, 'piximi')).toBeGreaterThan(0);
    expect(delta(images, 'piximi')).toBeGreaterThan(0);
    // CellProfiler Analyst's Classifier sorts cells, and whole images from per-image measurements (its image quality-control tutorial).
    expect(delta(images, 'cellprofiler-analyst')).toBeGreaterThan(0);
    expect(delta(images, 'ilastik')).toBeLessThan(0);
    expect(topTools(objects, 3)).toContain('ilastik');
    expect(topTools(images, 3)).toEqual(expect.arrayContaining(['piximi', 'cellprofiler-analyst']));
    expect(objects.categories[0]?.id).toBe('pixel-classification');
  });

  it('a CellProfiler user sorting cells keeps CellProfiler (ClassifyObjects), and an object-only classifier falls behind whole-image classifiers for images', () => {
    const withHost = { ...base, host: ['cellprofiler'], software: 'several-ok' };
    const objects = recommend({ values: { ...withHost, 'classify-what': 'objects' }, mustHave: [] }, kb);
    const images = recommend({ values: { ...withHost, 'classify-what': 'images' }, mustHave: [] }, kb);
    const delta = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'classify-what')?.delta ?? 0;
    expect(kb.tools.find((t) => t.id === 'cellprofiler')!.classifies).toEqual(['objects']);
    expect(delta(objects, 'cellprofiler')).toBeGreaterThan(0);
    expect(delta(images, 'cellprofiler')).toBeLessThan(-20);
    const rank = (r: Recommendation, id: string) => r.tools.findIndex((t) => t.id === id);
    expect(rank(images, 'cellprofiler-analyst')).toBeLessThan(rank(images, 'cellprofiler'));
  });
});

describe('recommend: tissue regions stand out by texture', () => {
  it('appearance is not asked for tissue regions, and the texture rule applies as for stained tissue', () => {
    const r = recommend({ values: { output: 'classes', objects: 'tissue-regions', modality: 'multiplexed', dimensions: '2d', 'tried-classical': 'not-tried', pretrained: 'none', annotations: 'few' }, mustHave: [] }, kb);
    expect(r.categories[0]?.id).toBe('pixel-classification');
    expect(r.categories.find((c) => c.id === 'classical')?.reasons.some((x) => /texture/.test(x.text) && x.delta < 0)).toBe(true);
    const appearance = kb.questions.questions.find((q) => q.id === 'appearance')!;
    expect(JSON.stringify(appearance.visibleIf)).toContain('tissue-regions');
  });
});

describe('recommend: the tool list follows the top approach and names where to train', () => {
  it('a tool made for the clearly top-ranked approach is listed first, with a reason, even when another scores higher', () => {
    // DIC-like cells: classical failed, a pixel classifier is next (Fig 9.2), though Cellpose's models cover the cells.
    const r = recommend({ values: { output: 'objects', objects: 'whole-cells', modality: 'phase-contrast', dimensions: '2d', 'tried-classical': 'failed', 'tried-pixel': 'not-tried', pretrained: 'dont-know', annotations: 'few', host: ['cellprofiler'], coding: 'gui-only', compute: 'laptop' }, mustHave: [] }, kb);
    expect(r.categories[0]!.id).toBe('pixel-classification');
    expect(r.categories[0]!.score - r.categories[1]!.score).toBeGreaterThanOrEqual(5);
    const first = kb.tools.find((t) => t.id === r.tools[0]!.id)!;
    expect(first.categories).toContain('pixel-classification');
    if (r.tools[1]!.score > r.tools[0]!.score) expect(r.tools[0]!.reasons.some((x) => /Listed first/.test(x.text))).toBe(true);
  });

  it('training on a laptop with images allowed to move (Fig 9.9: cloud): a cloud notebook platform that runs the top tool is listed second', () => {
    const values = { output: 'objects', objects: 'nuclei', modality: 'fluorescence', dimensions: '2d', shape: 'round', pretrained: 'not-good-enough', 'pretrained-which': ['stardist'], resemblance: 'somewhat', annotations: 'tens', host: ['fiji'], coding: 'notebooks', compute: 'laptop' };
    const cloud = recommend({ values: { ...values, 'data-leave': 'yes' }, mustHave: [] }, kb);
    expect(cloud.deployment?.mode).toBe('cloud');
    const second = kb.tools.find((t) => t.id === cloud.tools[1]!.id)!;
    expect(second.runsWhere).toContain('cloud');
    expect(second.canRun).toContain(cloud.tools[0]!.id);
    const local = recommend({ values: { ...values, 'data-leave': 'no' }, mustHave: ['data-leave'] }, kb);
    expect(local.tools.slice(0, 2).some((t) => kb.tools.find((k) => k.id === t.id)!.runsWhere.every((w) => w === 'cloud'))).toBe(false);
  });
});

describe('recommend: how to get a restoration model', () => {
  it('learned restoration trains on your own data; classical needs no model; label-free trains on your own pairs', () => {
    const base = { output: 'restored-images', modality: 'fluorescence', dimensions: '3d', views: 'single', 'live-cell': 'fixed' };
    const paired = recommend({ values: { ...base, degradation: ['noise'], 'noise-structure': 'random', 'restoration-data': ['paired'] }, mustHave: [] }, kb);
    expect(paired.trainingApproach?.approach).toBe('from-scratch');
    expect(paired.trainingApproach?.bookRef.section).toBe('6.3.1');
    const psf = recommend({ values: { ...base, degradation: ['blur'], 'restoration-data': ['psf'] }, mustHave: [] }, kb);
    expect(kb.restorationMethods.find((m) => m.id === psf.restorationMethods[0]!.id)?.family).toBe('classical');
    expect(psf.trainingApproach).toBeNull();
    const labelFree = recommend({ values: { output: 'label-free', modality: 'brightfield', dimensions: '3d', 'restoration-data': ['cross-modality'] }, mustHave: [] }, kb);
    expect(labelFree.trainingApproach?.approach).toBe('from-scratch');
    expect(labelFree.trainingApproach?.text).toMatch(/transmitted-light/);
  });
});

describe('recommend: after a model fell short, the one made for your objects first', () => {
  it('DeepCell tried on bacteria: DeLTA/Omnipose-type specialists lead, DeepCell is lowered, and the training approach is to test them as they are', () => {
    const r = recommend({ values: { output: 'objects', objects: 'bacteria', modality: 'phase-contrast', dimensions: '2d', pretrained: 'not-good-enough', 'pretrained-which': ['deepcell'], resemblance: 'dont-know', annotations: 'none', coding: 'programming', compute: 'gpu-workstation' }, mustHave: [] }, kb);
    expect(r.categories[0]?.id).toBe('pretrained-dl');
    expect(r.trainingApproach?.approach).toBe('use-as-is');
    expect(r.tools[0]?.id).not.toBe('deepcell');
    expect(r.tools.find((t) => t.id === 'deepcell')?.reasons.some((x) => x.question === 'pretrained-which' && x.delta < 0)).toBe(true);
    expect(topTools(r, 4)).toContain('delta');
  });
  it('organelles are a bucket, not a specialised kind: after Cellpose fell short on EM organelles, Fig 9.4 (adapt) stays', () => {
    const r = recommend({ values: { output: 'objects', objects: 'organelles', modality: 'electron', dimensions: '2d', pretrained: 'not-good-enough', 'pretrained-which': ['cellpose'], resemblance: 'different', annotations: 'few' }, mustHave: [] }, kb);
    expect(r.categories[0]?.id).not.toBe('pretrained-dl');
  });
});

describe('recommend: pixel classifier plus a splitter; hosts are not the segmenter', () => {
  it('a pixel classifier leading for objects is followed by a classical tool that splits objects, the user program first', () => {
    const r = recommend({ values: { output: 'objects', objects: 'whole-cells', modality: 'phase-contrast', dimensions: '2d', 'tried-classical': 'failed', 'tried-pixel': 'not-tried', pretrained: 'dont-know', annotations: 'few', host: ['cellprofiler'], coding: 'gui-only', compute: 'laptop' }, mustHave: [] }, kb);
    expect(r.categories[0]?.id).toBe('pixel-classification');
    expect(r.tools[0]?.id).toBe('ilastik');
    expect(r.tools[1]?.id).toBe('cellprofiler');
    expect(r.tools[1]?.reasons.some((x) => /splits/.test(x.text))).toBe(true);
  });
  it('napari, a host the user works in, is not "made for" a deep-learning approach; QuPath is for its own pixel classifier', () => {
    const dl = recommend({ values: { output: 'objects', objects: 'whole-cells', modality: 'fluorescence', dimensions: '2d', pretrained: 'untested', host: ['napari'] }, mustHave: [] }, kb);
    expect(dl.tools.find((t) => t.id === 'napari')?.reasons.some((x) => /made for the top-ranked approach/.test(x.text))).toBe(false);
    const px = recommend({ values: { output: 'classes', objects: 'tissue-regions', modality: 'histology', dimensions: '2d', pretrained: 'none', annotations: 'few', host: ['qupath'] }, mustHave: [] }, kb);
    expect(px.categories[0]?.id).toBe('pixel-classification');
    expect(px.tools.find((t) => t.id === 'qupath')?.reasons.some((x) => /made for the top-ranked approach/.test(x.text))).toBe(true);
  });
});

describe('recommend: a ready model that is close, with no annotations to adapt it (Fig 9.4 medium, Fig 9.10)', () => {
  // A Cellpose user whose model mostly works.
  const values = { output: 'objects', objects: 'whole-cells', dimensions: '2d', modality: 'fluorescence', appearance: 'bright-on-dark', 'tried-classical': 'not-tried', pretrained: 'not-good-enough', 'pretrained-which': ['cellpose'], 'tools-used': ['cellpose'], 'pretrained-gap': 'close', 'settings-tuned': 'not-sure', resemblance: 'dont-know', 'tried-finetune': 'not-tried', host: ['python', 'tool'], coding: 'programming', compute: 'gpu-workstation', priority: 'speed' };

  it('no annotations and little time to make them: keep the model and correct its mistakes, citing §9.3.9; with tens of annotations, fine-tune it', () => {
    const none = recommend({ values: { ...values, annotations: 'none' }, mustHave: [] }, kb);
    expect(none.categories[0]!.id).toBe('pretrained-dl');
    expect(none.categories[0]!.reasons.some((x) => x.question === 'annotations' && x.delta > 0 && x.bookRef?.section === '9.3.9')).toBe(true);
    expect(none.trainingApproach?.approach).toBe('use-as-is');
    expect(none.trainingApproach?.text).toMatch(/correct|fix what it still gets wrong/);
    const tens = recommend({ values: { ...values, annotations: 'tens' }, mustHave: [] }, kb);
    expect(tens.categories[0]!.id).toBe('finetuned-dl');
    expect(tens.trainingApproach?.approach).toBe('fine-tuning');
  });
});

describe('recommend: a tool made for one kind of object and "another kind of object"', () => {
  it('an organoid tool does not lead a mask of membranes in EM answered as "other" objects; it keeps its lead for organoids', () => {
    const values = { output: 'mask', objects: 'other', dimensions: '2d', modality: 'electron', appearance: 'texture', pretrained: 'dont-know', annotations: 'few', host: ['none'], coding: 'notebooks', compute: 'cloud' };
    const other = recommend({ values, mustHave: [] }, kb);
    const reason = other.tools.find((t) => t.id === 'morgana')?.reasons.find((x) => x.question === 'objects');
    expect(reason).toMatchObject({ delta: -10, bookRef: { section: '8.2.1' } });
    expect(reason!.text).toMatch(/another kind of object/);
    expect(other.tools[0]!.id).not.toBe('morgana');
    const organoids = recommend({ values: { ...values, objects: 'organoids', modality: 'brightfield' }, mustHave: [] }, kb);
    expect(organoids.tools.find((t) => t.id === 'morgana')?.reasons.find((x) => x.question === 'objects')?.delta).toBeGreaterThan(0);
  });
});

describe('recommend: filaments, neurites and vessels are measured as networks', () => {
  it('tools that skeletonise (the catalogue task skeleton-analysis) get a reason citing §8.2.1 for filaments, and not for nuclei', () => {
    const values = { output: 'mask', objects: 'filaments', dimensions: '2d', modality: 'fluorescence', appearance: 'bright-on-dark', 'tried-classical': 'not-tried', pretrained: 'dont-know', host: ['none'], coding: 'gui-only', compute: 'laptop' };
    const skeletonisers = kb.tools.filter((t) => t.tasks.includes('skeleton-analysis')).map((t) => t.id);
    expect(skeletonisers).toEqual(expect.arrayContaining(['fiji', 'cellprofiler', 'scikit-image']));
    const reasonOf = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => /skeletons/.test(x.text));
    const fil = recommend({ values, mustHave: [] }, kb);
    expect(reasonOf(fil, 'cellprofiler')).toMatchObject({ delta: 10, bookRef: { section: '8.2.1' } });
    expect(reasonOf(fil, 'qupath')).toBeUndefined();
    expect(reasonOf(recommend({ values: { ...values, objects: 'nuclei' }, mustHave: [] }, kb), 'cellprofiler')).toBeUndefined();
  });
});

describe('recommend: a btrack user (question set v18)', () => {
  it('btrack, named among the tools in use, is listed first for tracking with its own key settings on its card; without it, it is not', () => {
    const values = { output: 'tracks', objects: 'whole-cells', dimensions: '2d', modality: 'fluorescence', host: ['python', 'tool'], 'tools-used': ['btrack'], 'tried-classical': 'not-tried', pretrained: 'dont-know', coding: 'programming', compute: 'laptop' };
    const r = recommend({ values, mustHave: [] }, kb);
    expect(r.tools[0]!.id).toBe('btrack');
    expect(r.tools[0]!.reasons.some((x) => x.question === 'tools-used' && x.delta > 0 && x.bookRef?.section === '8.3')).toBe(true);
    expect(kb.tools.find((t) => t.id === 'btrack')!.keySettings!.length).toBeGreaterThan(0);
    const fresh = recommend({ values: { ...values, host: ['python'], 'tools-used': [] }, mustHave: [] }, kb);
    expect(fresh.tools[0]!.id).not.toBe('btrack');
  });
});

describe('recommend: calcium-imaging pipelines (question set v19)', () => {
  const values = { output: 'objects', objects: 'whole-cells', measurements: ['intensity'], dimensions: '2d', modality: 'fluorescence', appearance: 'bright-on-dark', 'tried-classical': 'not-tried', pretrained: 'dont-know', coding: 'programming', compute: 'gpu-workstation' };
  it('Suite2p, named among the tools in use, is listed first; for still images (no tool in use) neither Suite2p nor CaImAn is offered, with a reason saying why', () => {
    const user = recommend({ values: { ...values, host: ['tool'], 'tools-used': ['suite2p'] }, mustHave: [] }, kb);
    expect(user.tools[0]!.id).toBe('suite2p');
    const still = recommend({ values: { ...values, host: ['python'] }, mustHave: [] }, kb);
    for (const id of ['suite2p', 'caiman']) {
      expect(kb.tools.find((t) => t.id === id)!.needsSimilarFrames).toBe(true);
      expect(topTools(still, 5)).not.toContain(id);
      const reason = still.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'tools-used');
      expect(reason?.delta).toBeLessThan(0);
      expect(reason?.text).toMatch(/recording/);
    }
  });

  it('for a CaImAn user, models made for still images do not pull towards the pre-trained category; a user who also runs Cellpose keeps that pull', () => {
    const caiman = { ...values, host: ['tool'], 'tools-used': ['caiman'], difficulty: ['noisy'], 'tried-classical': 'failed', 'settings-tuned': 'tuned', priority: 'speed', shape: 'round' };
    const objectsReason = (r: Recommendation) => r.categories.find((c) => c.id === 'pretrained-dl')!.reasons.find((x) => x.question === 'objects');
    const r = recommend({ values: caiman, mustHave: [] }, kb);
    expect(objectsReason(r)).toMatchObject({ delta: 0, bookRef: { section: '8.2.1' } });
    expect(objectsReason(r)!.text).toMatch(/CaImAn.*average/);
    const score = (x: Recommendation, id: string) => x.categories.find((c) => c.id === id)!.score;
    const both = recommend({ values: { ...caiman, 'tools-used': ['caiman', 'cellpose'] }, mustHave: [] }, kb);
    expect(objectsReason(both)!.delta).toBeGreaterThan(0);
    expect(score(both, 'pretrained-dl') - score(both, 'classical')).toBeGreaterThan(score(r, 'pretrained-dl') - score(r, 'classical'));
    const still = recommend({ values: { ...caiman, host: ['python'], 'tools-used': [] }, mustHave: [] }, kb);
    expect(objectsReason(still)!.delta).toBeGreaterThan(0);
  });
});

describe('recommend: a trackpy user (question set v19)', () => {
  it('trackpy, named among the tools in use, leads particle tracking; a tracker made for particles does not lead the tracking of cells for someone who does not use it', () => {
    const values = { output: 'tracks', objects: 'organelles', dimensions: '2d', modality: 'fluorescence', host: ['python', 'tool'], 'tools-used': ['trackpy'], 'tried-classical': 'works', coding: 'programming', compute: 'laptop' };
    const user = recommend({ values, mustHave: [] }, kb);
    expect(user.tools[0]!.id).toBe('trackpy');
    expect(kb.tools.find((t) => t.id === 'trackpy')!.madeForObjects).toEqual(['organelles']);
    const cells = recommend({ values: { ...values, objects: 'nuclei', host: ['python'], 'tools-used': [], 'tried-classical': 'not-tried', pretrained: 'untested' }, mustHave: [] }, kb);
    expect(cells.tools[0]!.id).not.toBe('trackpy');
    expect(cells.tools.find((t) => t.id === 'trackpy')?.reasons.some((x) => x.question === 'objects' && x.delta < 0)).toBe(true);
  });
});

describe('recommend: NIS-Elements segments and tracks, not only restores (its GA3 and NIS.ai docs)', () => {
  it('an NIS-Elements user counting objects gets NIS-Elements among the first three, with no "mainly a restoration tool" reason', () => {
    const values = { output: 'objects', objects: 'nuclei', measurements: ['counts'], dimensions: '3d', modality: 'fluorescence', appearance: 'bright-on-dark', host: ['commercial'], 'tools-used': ['nikon-nis-elements'], 'tried-classical': 'not-tried', pretrained: 'dont-know', coding: 'gui-only', compute: 'gpu-workstation' };
    const r = recommend({ values, mustHave: [] }, kb);
    expect(topTools(r, 3)).toContain('nikon-nis-elements');
    expect(r.tools.find((t) => t.id === 'nikon-nis-elements')!.reasons.some((x) => /mainly an image restoration tool/.test(x.text))).toBe(false);
  });
});

describe('recommend: ZEISS arivis is an analysis platform first (its analysis-pipeline docs)', () => {
  it('an arivis user finding particles inside cells gets arivis among the first three, with no "mainly a restoration tool" reason', () => {
    const values = { output: 'objects-in-regions', objects: 'nuclei', dimensions: '3d', modality: 'fluorescence', appearance: 'bright-on-dark', host: ['commercial'], 'tools-used': ['zeiss-arivis'], 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', coding: 'gui-only', compute: 'gpu-workstation' };
    const r = recommend({ values, mustHave: [] }, kb);
    expect(topTools(r, 3)).toContain('zeiss-arivis');
    expect(r.tools.find((t) => t.id === 'zeiss-arivis')!.reasons.some((x) => /mainly an image restoration tool/.test(x.text))).toBe(false);
  });
});

describe("recommend: Huygens segments objects too (its Object Analyzer's docs), though it is mainly for deconvolution", () => {
  it('a Huygens user counting objects in 3D keeps Huygens in the first three; for other users it stays a restoration tool', () => {
    const values = { output: 'objects', objects: 'other', dimensions: '3d', modality: 'fluorescence', appearance: 'bright-on-dark', difficulty: ['crowded', 'noisy'], host: ['commercial'], 'tools-used': ['huygens'], 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', coding: 'gui-only', compute: 'gpu-workstation' };
    const r = recommend({ values, mustHave: [] }, kb);
    expect(toolById('huygens').tasks).toContain('instance-segmentation');
    expect(topTools(r, 3)).toContain('huygens');
    const huygens = r.tools.find((t) => t.id === 'huygens')!;
    expect(huygens.reasons.some((x) => /mainly an image restoration tool/.test(x.text))).toBe(true);
    const others = recommend({ values: { ...values, host: ['none'], 'tools-used': [] }, mustHave: [] }, kb);
    expect(topTools(others, 3)).not.toContain('huygens');
  });
});

describe("recommend: CLIJ deconvolves on the GPU (clij2-fft's Richardson–Lucy)", () => {
  it('a Fiji user with a measured PSF and a GPU finds CLIJ among the Richardson–Lucy tools; it is listed under the method', () => {
    const rl = kb.restorationMethods.find((m) => m.id === 'richardson-lucy-deconvolution')!;
    expect(rl.tools).toContain('clij');
    expect(toolById('clij').tasks).toContain('deconvolution');
    const values = { output: 'restored-images', host: ['fiji'], software: 'one-program', dimensions: '3d', modality: 'fluorescence', 'data-size': 'many', degradation: ['blur'], 'restoration-data': ['psf'], views: 'single', 'live-cell': 'fixed', coding: 'notebooks', compute: 'gpu-workstation' };
    const r = recommend({ values, mustHave: [] }, kb);
    expect(r.restorationMethods[0]!.id).toBe('richardson-lucy-deconvolution');
    expect(r.tools.find((t) => t.id === 'clij')!.reasons.some((x) => /implements the top-ranked method/.test(x.text))).toBe(true);
  });
});

describe('recommend: tracking whole animals in videos', () => {
  const values = { output: 'tracks', objects: 'organisms', dimensions: '2d', modality: 'other', 'data-size': 'many', difficulty: ['clean'], 'tried-classical': 'not-tried', pretrained: 'dont-know', host: ['none'], coding: 'gui-only', compute: 'laptop', 'time-available': 'days', priority: 'speed' };
  const animalTrackers = kb.tools.filter((t) => t.tasks[0] === 'tracking' && t.madeForObjects?.includes('organisms')).map((t) => t.id);

  it('a tracker made for animals leads (TRex, idtracker.ai, Tierpsy Tracker), and none of them is offered for cells', () => {
    expect(animalTrackers.length).toBeGreaterThanOrEqual(3);
    const animals = recommend({ values, mustHave: [] }, kb);
    expect(animalTrackers).toContain(animals.tools[0]!.id);
    expect(animals.tools[0]!.reasons.some((x) => x.question === 'objects' && x.delta > 0 && x.bookRef?.section === '8.2.1')).toBe(true);
    const cells = recommend({ values: { ...values, objects: 'whole-cells', modality: 'fluorescence' }, mustHave: [] }, kb);
    for (const id of animalTrackers) expect(cells.tools.slice(0, 3).map((t) => t.id)).not.toContain(id);
  });
});

describe('recommend: a tool built for tiled and multi-view data is not the first pick for one field of view', () => {
  const values = { output: 'restored-images', modality: 'fluorescence', dimensions: '3d', degradation: ['blur'], 'restoration-data': ['psf'], views: 'single', host: ['fiji'], coding: 'gui-only', compute: 'laptop' };
  const tiledReason = (r: Recommendation) => r.tools.find((t) => t.id === 'bigstitcher')?.reasons.find((x) => x.question === 'views' && x.delta < 0);

  it('a single-view widefield stack with a PSF: BigStitcher is marked down and leaves the top three; tiles or several views keep it', () => {
    const single = recommend({ values, mustHave: [] }, kb);
    expect(tiledReason(single)).toMatchObject({ delta: -10, bookRef: { section: '6.1.2.2' } });
    expect(single.tools.slice(0, 3).map((t) => t.id)).not.toContain('bigstitcher');
    expect(tiledReason(recommend({ values: { ...values, 'data-size': 'tiles' }, mustHave: [] }, kb))).toBeUndefined();
    const multi = recommend({ values: { ...values, views: 'multi' }, mustHave: [] }, kb);
    expect(tiledReason(multi)).toBeUndefined();
    expect(multi.tools.slice(0, 3).map((t) => t.id)).toContain('bigstitcher');
  });
});

describe('recommend: paid packages need a licence the user has (question set v7)', () => {
  // A napari user deconvolving a 3D widefield stack with a measured PSF: several free tools and several
  // commercial suites implement Richardson–Lucy.
  const values = { output: 'restored-images', modality: 'fluorescence', dimensions: '3d', degradation: ['blur'], 'restoration-data': ['psf'], views: 'single', host: ['napari'], coding: 'gui-only', compute: 'laptop' };
  const suites = kb.tools.filter((t) => t.kind === 'commercial-suite').map((t) => t.id);

  it('without a licence answer, a free tool leads and each commercial suite carries the reason, citing §6.1.2.2', () => {
    const r = recommend({ values, mustHave: [] }, kb);
    expect(suites).toContain(r.tools.find((t) => t.id === 'nikon-nis-elements')?.id);
    expect(suites).not.toContain(r.tools[0]!.id);
    const nikon = r.tools.find((t) => t.id === 'nikon-nis-elements')!;
    const reason = nikon.reasons.find((x) => x.question === 'host' && x.delta < 0);
    expect(reason?.text).toMatch(/paid licence/);
    expect(reason?.bookRef.section).toBe('6.1.2.2');
    for (const t of r.tools.filter((x) => !suites.includes(x.id))) expect(t.reasons.some((x) => /paid licence/.test(x.text))).toBe(false);
  });

  it('with "a licensed commercial package" the penalty gives way to a small nudge up (§8.3), for every suite alike', () => {
    const without = recommend({ values, mustHave: [] }, kb);
    const withLicence = recommend({ values: { ...values, host: ['napari', 'commercial'] }, mustHave: [] }, kb);
    for (const id of suites) {
      const a = without.tools.find((t) => t.id === id);
      const b = withLicence.tools.find((t) => t.id === id);
      if (a === undefined || b === undefined) continue;
      expect(b.score - a.score).toBe(15);
      expect(b.reasons.some((x) => /paid licence/.test(x.text))).toBe(false);
      expect(b.reasons.find((x) => x.question === 'host' && x.delta === 5)?.bookRef.section).toBe('8.3');
    }
    expect(suites.filter((id) => without.tools.some((t) => t.id === id)).length).toBeGreaterThan(2);
  });

  it('naming the package among the tools in use (question set v12): that suite is kept, the others need a licence the user did not name', () => {
    expect([...COMMERCIAL_SUITES].sort()).toEqual([...suites].sort());
    const toolsUsed = kb.questions.questions.find((q) => q.id === 'tools-used')!;
    for (const id of suites) expect(toolsUsed.options.some((o) => o.id === id)).toBe(true);
    const named = recommend({ values: { ...values, host: ['napari', 'commercial'], 'tools-used': ['huygens'] }, mustHave: [] }, kb);
    const huygens = named.tools.find((t) => t.id === 'huygens')!;
    expect(huygens.reasons.some((x) => x.question === 'tools-used' && x.delta === 15)).toBe(true);
    expect(huygens.reasons.some((x) => /paid licence/.test(x.text))).toBe(false);
    expect(named.tools.slice(0, 3).map((t) => t.id)).toContain('huygens');
    for (const id of suites.filter((x) => x !== 'huygens')) {
      const t = named.tools.find((x) => x.id === id);
      if (t === undefined) continue;
      expect(t.reasons.find((x) => x.delta < 0 && /paid licence/.test(x.text))?.text).toMatch(/the commercial package you named is another one/);
    }
  });
});

describe('recommend: images larger than memory, and who may lead the tool list', () => {
  const tracking = { output: 'tracks', objects: 'whole-cells', dimensions: '3d', modality: 'fluorescence', pretrained: 'works', 'pretrained-which': ['stardist'], host: ['python'], coding: 'programming', compute: 'gpu-workstation' };

  it('with files larger than memory, tools built for them gain and tools whose docs rule them out lose (§8.2.3); other sizes move nothing', () => {
    const reason = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'data-size');
    const huge = recommend({ values: { ...tracking, 'data-size': 'huge-files' }, mustHave: [] }, kb);
    expect(reason(huge, 'ultrack')?.delta).toBeGreaterThan(0);
    expect(reason(huge, 'ultrack')?.bookRef.section).toBe('8.2.3');
    expect(reason(huge, 'trackmate')?.delta).toBeLessThan(0);
    const trackers = huge.tools.filter((t) => ['ultrack', 'trackmate'].includes(t.id)).map((t) => t.id);
    expect(trackers[0]).toBe('ultrack');
    const many = recommend({ values: { ...tracking, 'data-size': 'many' }, mustHave: [] }, kb);
    expect(reason(many, 'ultrack')).toBeUndefined();
    expect(reason(many, 'trackmate')).toBeUndefined();
  });

  it('when the detector model falls short, tools that can retrain a detector gain, a tracker with a trainable linker does not (Fig 9.4)', () => {
    const shortfall = { ...tracking, objects: 'nuclei', dimensions: '2d', pretrained: 'not-good-enough', 'pretrained-gap': 'close', 'settings-tuned': 'tuned', annotations: 'tens', host: ['fiji', 'python'] };
    const r = recommend({ values: shortfall, mustHave: [] }, kb);
    const retrain = (id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => /lets you fine-tune its models/.test(x.text));
    expect(toolById('trackastra').training.fineTune).toBe(true);
    expect(retrain('trackastra')).toBeUndefined();
    expect(retrain('stardist')?.delta).toBe(10);
  });

  it('without a GPU, huge files lower every deep-learning approach (§8.2.2), and only then', () => {
    const base = { output: 'positions', objects: 'nuclei', dimensions: '3d', modality: 'fluorescence', appearance: 'bright-on-dark', pretrained: 'dont-know', annotations: 'none' };
    const dlReason = (r: Recommendation) => r.categories.find((c) => c.id === 'pretrained-dl')?.reasons.find((x) => x.bookRef.section === '8.2.2');
    const laptopHuge = recommend({ values: { ...base, compute: 'laptop', 'data-size': 'huge-files' }, mustHave: [] }, kb);
    expect(dlReason(laptopHuge)?.delta).toBe(-10);
    expect(dlReason(recommend({ values: { ...base, compute: 'gpu-workstation', 'data-size': 'huge-files' }, mustHave: [] }, kb))).toBeUndefined();
    expect(dlReason(recommend({ values: { ...base, compute: 'laptop', 'data-size': 'many' }, mustHave: [] }, kb))).toBeUndefined();
  });

  it('a tool made for the top approach but for other images (modality, missing model) is not moved to first place', () => {
    // Tissue masks in H&E whole slides: TRAILMAP (axons in cleared fluorescence brains) is a pre-trained tool,
    // but neither its modality nor its model fits.
    const r = recommend({ values: { output: 'mask', objects: 'tissue-regions', dimensions: '2d', modality: 'histology', 'data-size': 'huge-files', pretrained: 'untested', annotations: 'none', host: ['python'], coding: 'command-line', compute: 'gpu-workstation' }, mustHave: [] }, kb);
    expect(r.tools[0]!.id).not.toBe('trailmap');
    for (const t of r.tools) {
      if (!t.reasons.some((x) => x.text.startsWith('Listed first: it is made for the top-ranked approach'))) continue;
      expect(t.reasons.filter((x) => x.delta < 0 && ['objects', 'modality', 'dimensions', 'shape'].includes(x.question))).toEqual([]);
    }
    const trailmap = r.tools.find((t) => t.id === 'trailmap')!;
    expect(trailmap.reasons.some((x) => x.question === 'modality' && x.delta < 0)).toBe(true);
  });
});

describe('recommend: tools the analysis already uses (question set v7, §8.3)', () => {
  const tracking = { output: 'tracks', objects: 'nuclei', dimensions: '2d', modality: 'brightfield', pretrained: 'works', 'pretrained-which': ['other'], host: ['python', 'tool'], coding: 'programming', compute: 'gpu-workstation' };
  const usedReason = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'tools-used');

  it('a tracker already in use is kept (+15, §8.3); unanswered, nothing moves', () => {
    const without = recommend({ values: tracking, mustHave: [] }, kb);
    const used = recommend({ values: { ...tracking, 'tools-used': ['ultrack'] }, mustHave: [] }, kb);
    expect(usedReason(without, 'ultrack')).toBeUndefined();
    expect(usedReason(used, 'ultrack')).toMatchObject({ delta: 15, bookRef: { section: '8.3' } });
    expect(used.tools[0]!.id).toBe('ultrack');
    expect(without.tools.find((t) => t.id === 'ultrack')!.score + 15).toBe(used.tools.find((t) => t.id === 'ultrack')!.score);
  });

  it('a tool in use whose model fell short gets only a nudge, saying so', () => {
    const values = { output: 'objects', objects: 'whole-cells', dimensions: '2d', modality: 'fluorescence', pretrained: 'not-good-enough', 'pretrained-which': ['cellpose'], 'tools-used': ['cellpose', 'ilastik'], annotations: 'tens' };
    const r = recommend({ values, mustHave: [] }, kb);
    expect(usedReason(r, 'cellpose')).toMatchObject({ delta: 5 });
    expect(usedReason(r, 'cellpose')!.text).toMatch(/falls short/);
    // ilastik is in use and nothing says it failed: the full head start.
    expect(usedReason(r, 'ilastik')).toMatchObject({ delta: 15 });
    const pixelFailed = recommend({ values: { ...values, 'tried-pixel': 'failed' }, mustHave: [] }, kb);
    expect(usedReason(pixelFailed, 'ilastik')).toMatchObject({ delta: 5 });
  });
});

describe('recommend: a model the user already trained, with no ready-made model to start from', () => {
  const values = { output: 'objects', objects: 'organelles', dimensions: '2d', modality: 'fluorescence', appearance: 'bright-on-dark', shape: 'round', 'tried-classical': 'not-tried', pretrained: 'none', annotations: 'few', compute: 'cloud', 'data-leave': 'yes', coding: 'notebooks' };
  const reason = (r: Recommendation, cat: string) => r.categories.find((c) => c.id === cat)?.reasons.find((x) => x.question === 'tried-finetune');

  it('"it works" keeps training your own (scratch, §8.3), and the few-annotations prior no longer applies', () => {
    const works = recommend({ values: { ...values, 'tried-finetune': 'works' }, mustHave: [] }, kb);
    expect(reason(works, 'scratch-dl')).toMatchObject({ delta: 40, bookRef: { section: '8.3' } });
    expect(reason(works, 'finetuned-dl')).toBeUndefined();
    expect(works.categories.find((c) => c.id === 'scratch-dl')!.reasons.some((x) => x.question === 'annotations' && x.delta === -30)).toBe(false);
    expect(works.categories[0]!.id).toBe('scratch-dl');
    const notTried = recommend({ values: { ...values, 'tried-finetune': 'not-tried' }, mustHave: [] }, kb);
    expect(notTried.categories.find((c) => c.id === 'scratch-dl')!.reasons.some((x) => x.question === 'annotations' && x.delta === -30)).toBe(true);
    expect(notTried.categories[0]!.id).not.toBe('scratch-dl');
  });

  it('"it failed" lowers training from scratch, not fine-tuning, and the ladder skips it', () => {
    const failed = recommend({ values: { ...values, 'tried-finetune': 'failed' }, mustHave: [] }, kb);
    expect(reason(failed, 'scratch-dl')?.delta).toBe(-40);
    expect(reason(failed, 'finetuned-dl')).toBeUndefined();
    expect(failed.fallback.map((s) => (s.kind === 'category' ? s.category : s.step))).not.toContain('scratch-dl');
    // After a ready-made model fell short, the same answer is about fine-tuning, as before.
    const short = recommend({ values: { ...values, pretrained: 'not-good-enough', 'pretrained-gap': 'far-off', 'tried-finetune': 'failed' }, mustHave: [] }, kb);
    expect(reason(short, 'finetuned-dl')?.delta).toBe(-40);
    expect(reason(short, 'scratch-dl')).toBeUndefined();
  });

  it('a fine-tune that fell short is troubleshot (Fig 9.10: training, data) before it is dropped, unless the ready model was far off and annotations are few (case study 2)', () => {
    const few = recommend({ values: { ...values, pretrained: 'not-good-enough', 'pretrained-gap': 'far-off', 'tried-finetune': 'failed' }, mustHave: [] }, kb);
    const tens = recommend({ values: { ...values, pretrained: 'not-good-enough', 'pretrained-gap': 'far-off', 'tried-finetune': 'failed', annotations: 'tens' }, mustHave: [] }, kb);
    // Few annotations, but the ready model was not far off: still Fig 9.10's check of the training first.
    const fewClose = recommend({ values: { ...values, pretrained: 'not-good-enough', 'pretrained-gap': 'not-sure', 'tried-finetune': 'failed' }, mustHave: [] }, kb);
    expect(reason(fewClose, 'finetuned-dl')).toMatchObject({ delta: -10, bookRef: { section: '9.3.9' } });
    expect(reason(tens, 'finetuned-dl')).toMatchObject({ delta: -10, bookRef: { section: '9.3.9' } });
    expect(reason(few, 'finetuned-dl')).toMatchObject({ delta: -40, bookRef: { section: '8.7.2.3' } });
    const score = (r: Recommendation, id: string) => r.categories.find((c) => c.id === id)!.score;
    expect(score(tens, 'finetuned-dl') - score(tens, 'pixel-classification')).toBeGreaterThan(score(few, 'finetuned-dl') - score(few, 'pixel-classification'));
  });
});

describe('recommend: training already under way, with no ready-made model tested (question set v15)', () => {
  // Tuned thresholds fell short first, the usual way into training one's own model (Fig 9.2).
  const values = { output: 'objects', objects: 'nuclei', dimensions: '3d', modality: 'fluorescence', appearance: 'bright-on-dark', 'tried-classical': 'failed', 'settings-tuned': 'tuned', pretrained: 'dont-know', annotations: 'tens', host: ['python'], coding: 'programming', compute: 'gpu-workstation' };
  const reason = (r: Recommendation, cat: string) => r.categories.find((c) => c.id === cat)?.reasons.find((x) => x.question === 'tried-finetune');

  it('a model trained from scratch that falls short is improved (Fig 9.10: train longer, then better training data), not replaced by "test a ready model"', () => {
    const r = recommend({ values: { ...values, 'tried-finetune': 'failed', 'trained-from': 'scratch' }, mustHave: [] }, kb);
    expect(r.trainingApproach).toMatchObject({ approach: 'from-scratch', bookRef: { section: '9.3.9' } });
    expect(r.trainingApproach!.text).toMatch(/validation loss/);
    // With tens of annotations the approach is troubleshot first: a small step down, not the case study's −40.
    expect(reason(r, 'scratch-dl')).toMatchObject({ delta: -10, bookRef: { section: '9.3.9' } });
    expect(reason(r, 'finetuned-dl')).toBeUndefined();
    // The same answers without the model of their own: find and evaluate a ready model first.
    const none = recommend({ values: { ...values, 'tried-finetune': 'not-tried' }, mustHave: [] }, kb);
    expect(none.trainingApproach?.text ?? '').not.toMatch(/validation loss/);
  });

  it('a fine-tuned model that falls short is improved as a fine-tune; one that works is kept (§8.3)', () => {
    const short = recommend({ values: { ...values, 'tried-finetune': 'failed', 'trained-from': 'ready-model' }, mustHave: [] }, kb);
    expect(short.trainingApproach).toMatchObject({ approach: 'fine-tuning', bookRef: { section: '9.3.9' } });
    expect(reason(short, 'finetuned-dl')).toMatchObject({ delta: -10 });
    const works = recommend({ values: { ...values, 'tried-finetune': 'works', 'trained-from': 'scratch' }, mustHave: [] }, kb);
    expect(works.categories[0]!.id).toBe('scratch-dl');
    expect(works.trainingApproach?.approach).toBe('from-scratch');
    expect(reason(works, 'scratch-dl')).toMatchObject({ delta: 40, bookRef: { section: '8.3' } });
  });

  it('after a ready model fell short, a model trained from scratch that works is kept as trained from scratch', () => {
    const r = recommend({ values: { ...values, pretrained: 'not-good-enough', 'pretrained-which': ['stardist'], 'pretrained-gap': 'far-off', 'settings-tuned': 'tuned', 'tried-finetune': 'works', 'trained-from': 'scratch' }, mustHave: [] }, kb);
    expect(r.categories[0]!.id).toBe('scratch-dl');
    expect(r.trainingApproach?.approach).toBe('from-scratch');
  });
});

describe('recommend: sorting cells into categories asks about ready models and labelled examples (question set v15)', () => {
  const values = { output: 'image-classes', 'classify-what': 'objects', assessment: 'against-annotations', host: ['python'], dimensions: '2d', modality: 'histology', 'data-size': 'many', difficulty: ['clean'], 'time-available': 'weeks', priority: 'best-score', coding: 'programming', compute: 'gpu-workstation', 'data-leave': 'yes', quality: 'good-enough' };
  const go = (v: Record<string, unknown>) => recommend({ values: { ...values, ...v } as Answers['values'], mustHave: [] }, kb);

  it('a few dozen labelled cells and no ready model: a feature-based classifier, no training approach', () => {
    const r = go({ pretrained: 'none', 'tried-finetune': 'not-tried', annotations: 'few' });
    expect(r.categories[0]!.id).toBe('pixel-classification');
    expect(r.trainingApproach).toBeNull();
  });

  it('thousands of labelled cells and no ready model: a network trained from scratch', () => {
    const r = go({ pretrained: 'none', 'tried-finetune': 'not-tried', annotations: 'hundreds' });
    expect(r.categories[0]!.id).toBe('scratch-dl');
    expect(r.trainingApproach?.approach).toBe('from-scratch');
  });

  it('no ready model for the categories, but a network pre-trained on images like yours: transfer learning (§9.3.6.1, question set v16)', () => {
    const r = go({ pretrained: 'none', encoder: 'similar', 'tried-finetune': 'not-tried', annotations: 'tens' });
    expect(r.categories[0]!.id).toBe('finetuned-dl');
    expect(r.trainingApproach).toMatchObject({ approach: 'transfer-learning', bookRef: { section: '9.3.6.1' } });
    expect(r.categories[0]!.reasons.some((x) => x.question === 'encoder' && x.delta > 0)).toBe(true);
    // Sorting whole H&E slides: pathology encoders exist even when the user does not know of one; not
    // when they say only general networks are at hand.
    const slides = { 'classify-what': 'images', pretrained: 'dont-know', 'tried-finetune': 'not-tried', annotations: 'tens' };
    expect(go({ ...slides, encoder: 'dont-know' }).trainingApproach?.approach).toBe('transfer-learning');
    // Only general networks at hand: no pathology encoder is assumed; with no ready classifier known and
    // nothing trained yet, training starts from the general network (§9.3.6), not from random weights.
    const general = go({ ...slides, encoder: 'general' });
    expect(general.treeOutcomes.find((o) => o.tree === 'training-approach')?.outcome).toBe('transfer-general');
    expect(general.trainingApproach?.bookRef.section).toBe('9.3.6');
    expect(go({ ...slides, encoder: 'general', 'tried-finetune': 'failed', 'trained-from': 'ready-model' }).treeOutcomes.find((o) => o.tree === 'training-approach')?.outcome).toBe('improve-adapted');
  });

  it('no ready model for the categories and only a network pre-trained on everyday photos: start from it (§9.3.6), not from random weights', () => {
    const r = go({ 'classify-what': 'images', modality: 'fluorescence', pretrained: 'none', encoder: 'general', 'tried-finetune': 'not-tried', annotations: 'hundreds' });
    expect(r.categories[0]!.id).toBe('finetuned-dl');
    expect(r.trainingApproach).toMatchObject({ approach: 'transfer-learning', bookRef: { section: '9.3.6' } });
    expect(r.treeOutcomes.find((o) => o.tree === 'training-approach')?.outcome).toBe('transfer-general');
    // Using a ready model as it is stays out; training from scratch loses its "no model fits" push.
    expect(r.categories.find((c) => c.id === 'pretrained-dl')!.reasons.find((x) => x.question === 'pretrained')!.delta).toBe(-35);
    expect(r.categories.find((c) => c.id === 'scratch-dl')!.reasons.some((x) => x.question === 'pretrained' && x.delta > 0)).toBe(false);
    // Without that network (not known of one, fluorescence images), thousands of labels still mean training from scratch.
    const unknown = go({ 'classify-what': 'images', modality: 'fluorescence', pretrained: 'none', encoder: 'dont-know', 'tried-finetune': 'not-tried', annotations: 'hundreds' });
    expect(unknown.trainingApproach?.approach).toBe('from-scratch');
    expect(unknown.categories[0]!.id).toBe('scratch-dl');
  });

  it('sorting whole slides: the §8.5 table (how objects stand out) does not weigh in, and a model of your own that works is kept, not traded for an encoder', () => {
    const slides = go({ 'classify-what': 'images', pretrained: 'dont-know', encoder: 'dont-know', 'tried-finetune': 'not-tried', annotations: 'tens' });
    const cites = (r: Recommendation, text: RegExp) => r.categories.some((c) => c.reasons.some((x) => text.test(x.text)));
    expect(cites(slides, /texture rather than brightness/)).toBe(false);
    expect(slides.treeOutcomes.find((o) => o.tree === 'tool-category')?.outcome).toBe('whole-images');
    // Sorting single cells in H&E still finds them first: the table applies there.
    const cells = go({ pretrained: 'dont-know', encoder: 'dont-know', 'tried-finetune': 'not-tried', annotations: 'tens' });
    expect(cites(cells, /texture rather than brightness/)).toBe(true);
    const own = go({ 'classify-what': 'images', pretrained: 'none', encoder: 'similar', 'tried-finetune': 'works', annotations: 'tens' });
    expect(own.categories.some((c) => c.reasons.some((x) => x.question === 'encoder'))).toBe(false);
    expect(own.categories[0]!.id).toBe('scratch-dl');
  });

  it("sorting whole H&E slides with no ready model: a tool that runs pathology encoders supplies transfer learning's starting point (its featureEncoders)", () => {
    const slides = { 'classify-what': 'images', pretrained: 'dont-know', encoder: 'dont-know', 'tried-finetune': 'not-tried', annotations: 'tens' };
    const encoderReason = (r: Recommendation) => r.tools.find((t) => t.id === 'trident')?.reasons.find((x) => x.question === 'encoder');
    const r = go(slides);
    expect(r.tools.slice(0, 3).map((t) => t.id)).toContain('trident');
    expect(encoderReason(r)).toMatchObject({ delta: 15, bookRef: { section: '9.3.6.1' } });
    expect(encoderReason(r)!.text).toMatch(/UNI/);
    // Only general networks at hand, or fluorescence images: no pathology encoder step.
    expect(go({ ...slides, encoder: 'general' }).tools.some((t) => t.id === 'trident')).toBe(false);
    expect(go({ ...slides, modality: 'fluorescence' }).tools.some((t) => t.id === 'trident')).toBe(false);
    // The catalogue field drives it: without its featureEncoders, TRIDENT (a tissue finder) is not listed.
    const bare = { ...kb, tools: kb.tools.map((t) => (t.id === 'trident' ? { ...t, featureEncoders: undefined } : t)) };
    expect(recommend({ values: { ...values, ...slides } as Answers['values'], mustHave: [] }, bare).tools.some((t) => t.id === 'trident')).toBe(false);
  });

  it('no labelled examples and little time to make them: a ready model for the categories first, not a classifier to train or an encoder to adapt (§9.3.3.1)', () => {
    const cells = go({ pretrained: 'untested', 'tried-finetune': 'not-tried', annotations: 'none' });
    expect(cells.categories[0]!.id).toBe('pretrained-dl');
    expect(cells.categories[0]!.reasons.some((x) => x.question === 'annotations' && x.delta > 0 && x.bookRef?.section === '9.3.3.1')).toBe(true);
    // With a few dozen labelled cells, the feature-based classifier is back in front.
    expect(go({ pretrained: 'untested', 'tried-finetune': 'not-tried', annotations: 'few' }).categories[0]!.id).not.toBe('pretrained-dl');
    const slides = go({ 'classify-what': 'images', pretrained: 'dont-know', encoder: 'dont-know', 'tried-finetune': 'not-tried', annotations: 'none' });
    expect(slides.trainingApproach?.approach).not.toBe('transfer-learning');
    expect(slides.categories[0]!.id).toBe('pretrained-dl');
  });

  it('a tested ready model that types the cells: use it as it is', () => {
    const r = go({ pretrained: 'works', 'pretrained-which': ['other'] });
    expect(r.categories[0]!.id).toBe('pretrained-dl');
    expect(r.trainingApproach?.approach).toBe('use-as-is');
  });
});

describe('recommend: multiplexed images are read channel by channel', () => {
  const spots = { output: 'positions', objects: 'organelles', dimensions: '2d', modality: 'multiplexed', appearance: 'bright-on-dark', shape: 'round', pretrained: 'dont-know', host: ['python'], coding: 'programming', compute: 'laptop' };
  const objectsReason = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'objects');

  it('a model made for fluorescence covers one channel of a multiplexed image, a little less than a model made for multiplexed images', () => {
    const r = recommend({ values: spots, mustHave: [] }, kb);
    const spotiflow = r.tools.find((t) => t.id === 'spotiflow')!;
    expect(spotiflow.reasons.find((x) => x.question === 'modality')?.delta).toBeGreaterThan(0);
    expect(objectsReason(r, 'spotiflow')?.delta).toBeGreaterThan(0);
    expect(objectsReason(r, 'spotiflow')?.text).toMatch(/each channel of a multiplexed image/);
    // Whole cells in imaging mass cytometry: Mesmer (made for multiplexed tissue) outranks a fluorescence-only model.
    const cells = recommend({ values: { ...spots, output: 'objects', objects: 'whole-cells' }, mustHave: [] }, kb);
    expect(objectsReason(cells, 'deepcell')!.delta).toBeGreaterThan(objectsReason(cells, 'omnipose')!.delta);
    // A histology specialist still does not fit multiplexed images.
    expect(cells.tools.find((t) => t.id === 'hover-next')?.reasons.find((x) => x.question === 'modality')?.delta).toBeLessThan(0);
  });
});

describe('recommend: after an unlisted model fell short, the widely used models for the objects come first', () => {
  const values = { output: 'objects', objects: 'nuclei', dimensions: '2d', modality: 'fluorescence', appearance: 'bright-on-dark', pretrained: 'not-good-enough', resemblance: 'somewhat', 'tried-finetune': 'not-tried', annotations: 'few', host: ['python'], coding: 'programming', compute: 'gpu-workstation' };

  const margin = (r: Recommendation) => r.categories.find((c) => c.id === 'pretrained-dl')!.score - r.categories.find((c) => c.id === 'finetuned-dl')!.score;

  it('"another model" (a pipeline\'s own network) fell short: testing the untested widely used models is weighed before adapting (§9.3.3.1)', () => {
    const other = recommend({ values: { ...values, 'pretrained-which': ['other'] }, mustHave: [] }, kb);
    const generalist = recommend({ values: { ...values, 'pretrained-which': ['cellpose', 'stardist'] }, mustHave: [] }, kb);
    const reason = other.categories.find((c) => c.id === 'pretrained-dl')!.reasons.find((x) => x.question === 'pretrained-which' && x.delta > 0);
    expect(reason?.text).toMatch(/Cellpose|StarDist/);
    expect(reason?.bookRef.section).toBe('9.3.3.1');
    expect(margin(other) - margin(generalist)).toBeGreaterThanOrEqual(50);
    // With time pressure (the §8.5 speed answer) the untested model leads and is used as it is.
    const fast = recommend({ values: { ...values, 'pretrained-which': ['other'], priority: 'speed' }, mustHave: [] }, kb);
    expect(fast.categories[0]!.id).toBe('pretrained-dl');
    expect(fast.trainingApproach?.approach).toBe('use-as-is');
  });

  it('when the widely used models themselves fell short, no such reason: Fig 9.4 says adapt one', () => {
    const r = recommend({ values: { ...values, 'pretrained-which': ['cellpose', 'stardist'] }, mustHave: [] }, kb);
    expect(r.categories.flatMap((c) => c.reasons).some((x) => x.question === 'pretrained-which' && x.delta > 0 && /not said you tested/.test(x.text))).toBe(false);
    expect(r.categories[0]!.id).toBe('finetuned-dl');
  });
});

describe('recommend: methods and modules of a tool already in use (§8.3)', () => {
  const values = { output: 'restored-images', modality: 'fluorescence', dimensions: '2d', degradation: ['noise', 'blur'], 'noise-structure': 'random', 'restoration-data': ['noisy-only'], views: 'single', 'live-cell': 'fixed', 'time-series': 'single', host: ['python', 'tool'], coding: 'programming', compute: 'gpu-workstation' };

  it("a Cellpose user with noisy, blurred images gets Cellpose3's restoration first: it runs inside the Cellpose they have", () => {
    const used = recommend({ values: { ...values, 'tools-used': ['cellpose'] }, mustHave: [] }, kb);
    const none = recommend({ values, mustHave: [] }, kb);
    const reason = used.restorationMethods.find((m) => m.id === 'cellpose3-restoration')!.reasons.find((x) => x.question === 'tools-used');
    // Its ready-made models need no training: with no pairs to train anything else on, that counts double.
    expect(reason).toMatchObject({ delta: 20, bookRef: { section: '9.3.3.1' } });
    expect(reason!.text).toMatch(/ready-made models run inside Cellpose.*nothing to train/);
    expect(none.restorationMethods.find((m) => m.id === 'cellpose3-restoration')!.reasons.some((x) => x.question === 'tools-used' && x.delta > 0)).toBe(false);
    expect(used.restorationMethods[0]!.id).toBe('cellpose3-restoration');
    expect(used.trainingApproach?.approach).toBe('use-as-is');
    expect(used.tools[0]!.id).toBe('cellpose3-restore');
    expect(used.tools[0]!.reasons.find((x) => x.question === 'tools-used')?.text).toMatch(/runs inside Cellpose,/);
    // Ready-made models are not held against the user for lacking training pairs.
    expect(used.restorationMethods.find((m) => m.id === 'cellpose3-restoration')!.reasons.some((x) => /must be trained before use/.test(x.text))).toBe(false);
  });

  it('noise alone: Cellpose3 restoration leads for a Cellpose user, not for anyone else, and not over training on pairs', () => {
    const noise = { ...values, degradation: ['noise'] };
    expect(recommend({ values: { ...noise, 'tools-used': ['cellpose'] }, mustHave: [] }, kb).restorationMethods[0]!.id).toBe('cellpose3-restoration');
    expect(recommend({ values: noise, mustHave: [] }, kb).restorationMethods[0]!.id).toBe('blind-spot-self-supervised-denoising');
    const pairs = recommend({ values: { ...noise, 'tools-used': ['cellpose'], 'restoration-data': ['paired'] }, mustHave: [] }, kb);
    expect(pairs.restorationMethods[0]!.id).toBe('care-supervised-restoration');
    expect(pairs.restorationMethods.find((m) => m.id === 'cellpose3-restoration')!.reasons.find((x) => x.question === 'tools-used')?.delta).toBe(10);
  });
});

describe('recommend: the approach of a tool already in use (§8.3)', () => {
  const values = { output: 'mask', objects: 'tissue-regions', dimensions: '2d', modality: 'histology', pretrained: 'dont-know', annotations: 'few', host: ['tool'], coding: 'gui-only', compute: 'laptop' };
  const reason = (r: Recommendation, cat: string) => r.categories.find((c) => c.id === cat)?.reasons.find((x) => x.question === 'tools-used');

  it('ilastik in use raises pixel classification (its approach) by the head-start weight; nothing without the answer', () => {
    const used = recommend({ values: { ...values, 'tools-used': ['ilastik'] }, mustHave: [] }, kb);
    expect(reason(used, 'pixel-classification')).toMatchObject({ delta: 20, bookRef: { section: '8.3' } });
    expect(reason(used, 'classical')).toBeUndefined();
    expect(reason(recommend({ values, mustHave: [] }, kb), 'pixel-classification')).toBeUndefined();
  });

  it('weighs as much as the ready models for the objects: a TrackMate user tracking clear nuclei keeps its classical detectors first', () => {
    // Ready nucleus models exist (StarDist, Cellpose); nothing says TrackMate falls short.
    const tracking = { output: 'tracks', objects: 'nuclei', dimensions: '2d', modality: 'fluorescence', appearance: 'bright-on-dark', difficulty: ['clean'], 'tried-classical': 'not-tried', pretrained: 'dont-know', host: ['fiji', 'tool'], 'tools-used': ['trackmate'], coding: 'gui-only', compute: 'laptop', annotations: 'none', priority: 'speed' };
    const r = recommend({ values: tracking, mustHave: [] }, kb);
    const pull = r.categories.find((c) => c.id === 'pretrained-dl')!.reasons.find((x) => x.question === 'objects')!.delta;
    expect(reason(r, 'classical')!.delta).toBe(pull);
    expect(r.categories[0]!.id).toBe('classical');
    expect(r.categories[0]!.score).toBeGreaterThan(r.categories.find((c) => c.id === 'pretrained-dl')!.score);
    expect(r.tools[0]!.id).toBe('trackmate');
  });

  it('a model in use that fell short on its default settings: the head start goes to using it as it is, set up first (Fig 9.10), not to retraining it', () => {
    const values = { output: 'objects', objects: 'whole-cells', dimensions: '2d', modality: 'fluorescence', 'data-size': 'few', difficulty: ['clean'], appearance: 'bright-on-dark', shape: 'round', 'tried-classical': 'not-tried', host: ['tool'], 'tools-used': ['cellpose'], pretrained: 'not-good-enough', 'pretrained-which': ['cellpose'], 'pretrained-gap': 'far-off', 'settings-tuned': 'defaults' };
    const r = recommend({ values, mustHave: [] }, kb);
    expect(reason(r, 'pretrained-dl')?.delta).toBe(20);
    expect(reason(r, 'finetuned-dl')).toBeUndefined();
    expect(r.categories[0]!.id).toBe('pretrained-dl');
    expect(r.categories[0]!.score).toBeGreaterThan(r.categories[1]!.score);
    expect(r.tools[0]!.id).toBe('cellpose');
    // Set up and still short: retraining it is the approach in use.
    expect(reason(recommend({ values: { ...values, 'settings-tuned': 'tuned' }, mustHave: [] }, kb), 'pretrained-dl')).toBeUndefined();
  });

  it('not when the answers say the tool falls short (its pixel classifier failed)', () => {
    const failed = recommend({ values: { ...values, 'tools-used': ['ilastik'], 'tried-classical': 'failed', 'tried-pixel': 'failed' }, mustHave: [] }, kb);
    expect(reason(failed, 'pixel-classification')).toBeUndefined();
  });
});

describe('recommend: ready-made virtual staining (label-free prediction)', () => {
  const values = { output: 'label-free', modality: 'brightfield', dimensions: '2d', host: ['python'], coding: 'programming', compute: 'gpu-workstation' };

  it('without matched pairs, a ready model for the user\'s images is applied as it is (§9.3.3.1)', () => {
    const r = recommend({ values: { ...values, 'restoration-data': ['noisy-only'] }, mustHave: [] }, kb);
    expect(r.trainingApproach?.approach).toBe('use-as-is');
    expect(r.trainingApproach?.text).toMatch(/VSCyto2D/);
    expect(r.trainingApproach?.bookRef.section).toBe('9.3.3.1');
    expect(r.tools[0]!.id).toBe('viscy');
  });

  it('with matched pairs, or with no ready model for the images (3D brightfield), training on your own pairs stays the advice', () => {
    const pairs = recommend({ values: { ...values, 'restoration-data': ['cross-modality'] }, mustHave: [] }, kb);
    expect(pairs.trainingApproach?.approach).toBe('from-scratch');
    const stacks = recommend({ values: { ...values, dimensions: '3d', 'restoration-data': ['noisy-only'] }, mustHave: [] }, kb);
    expect(stacks.trainingApproach?.approach).toBe('from-scratch');
  });
});

describe('recommend: a tool in use whose model fell short, when a model made for the objects is untested', () => {
  it('gets no "you already use it" nudge: the untested specialist comes first (§9.3.3.1)', () => {
    const values = { output: 'objects', objects: 'bacteria', dimensions: '2d', modality: 'phase-contrast', pretrained: 'not-good-enough', 'pretrained-which': ['deepcell'], host: ['python', 'tool'], 'tools-used': ['deepcell'], annotations: 'tens', resemblance: 'somewhat', 'tried-finetune': 'not-tried' };
    const r = recommend({ values, mustHave: [] }, kb);
    const deepcell = r.tools.find((t) => t.id === 'deepcell')!;
    expect(deepcell.reasons.some((x) => x.question === 'tools-used' && x.delta > 0)).toBe(false);
    expect(deepcell.reasons.some((x) => x.question === 'pretrained-which' && x.delta < 0)).toBe(true);
    // Without a model made for the objects (nuclei), the nudge stays.
    const nuclei = recommend({ values: { ...values, objects: 'nuclei', modality: 'fluorescence' }, mustHave: [] }, kb);
    expect(nuclei.tools.find((t) => t.id === 'deepcell')!.reasons.find((x) => x.question === 'tools-used' && x.delta !== 0)?.delta).toBe(5);
    // Nor is it pulled into the top three as the tool in use (below): the specialist comes first.
    expect(r.tools.slice(0, 3).map((t) => t.id)).not.toContain('deepcell');
  });
});

describe('recommend: a pixel classifier needs labels drawn on the images', () => {
  it('with no labels and little time to make them, a pixel classifier is marked down and classical processing comes first (Fig 9.2); sorting images keeps its own rule', () => {
    const values = { output: 'mask', objects: 'other', dimensions: '2d', modality: 'fluorescence', appearance: 'bright-on-dark', difficulty: ['noisy', 'uneven'], 'tried-classical': 'not-tried', pretrained: 'dont-know', host: ['fiji'], coding: 'gui-only', compute: 'laptop' };
    const pixelReason = (r: Recommendation) => r.categories.find((c) => c.id === 'pixel-classification')!.reasons.find((x) => x.question === 'annotations');
    const none = recommend({ values: { ...values, annotations: 'none' }, mustHave: [] }, kb);
    expect(pixelReason(none)).toMatchObject({ delta: -10, bookRef: { section: '9.2.2' } });
    expect(pixelReason(none)!.text).toMatch(/labels you draw/);
    // A few labelled images are what a pixel classifier learns from (§9.2.1).
    const few = recommend({ values: { ...values, annotations: 'few' }, mustHave: [] }, kb);
    expect(pixelReason(few)).toMatchObject({ delta: 5, bookRef: { section: '9.2.1' } });
    const score = (r: Recommendation, id: string) => r.categories.find((c) => c.id === id)!.score;
    expect(score(few, 'pixel-classification') - score(none, 'pixel-classification')).toBe(15);
    const sorting = recommend({ values: { output: 'image-classes', 'classify-what': 'images', modality: 'fluorescence', annotations: 'none' }, mustHave: [] }, kb);
    expect(sorting.categories.find((c) => c.id === 'pixel-classification')!.reasons.filter((x) => x.question === 'annotations').map((x) => x.delta)).toEqual([-15]);
  });
});

describe('recommend: a stain or darkness that alone marks the target (question set v7)', () => {
  const values = { output: 'mask', objects: 'filaments', dimensions: '2d', modality: 'histology', 'data-size': 'many', quality: 'good-enough', measurements: ['per-image'], pretrained: 'dont-know', annotations: 'few', host: ['qupath'], coding: 'gui-only', compute: 'laptop' };
  const reason = (r: Recommendation, cat: string, q: string) => r.categories.find((c) => c.id === cat)?.reasons.find((x) => x.question === q);
  /** Classical processing leads, raised +15 by the reason that answer gives (§8.5), and the texture assumption is dropped. */
  const expectThresholdJob = (r: Recommendation, question: string) => {
    expect(r.categories[0]!.id).toBe('classical');
    expect(reason(r, 'classical', question)).toMatchObject({ delta: 15, bookRef: { section: '8.5' } });
    expect(reason(r, 'classical', 'appearance')).toBeUndefined();
  };

  it('DAB-stained axons in stained tissue: classical leads, the texture assumption is dropped, and Fig "which kind of tool" agrees', () => {
    const marked = recommend({ values: { ...values, difficulty: ['marked'] }, mustHave: [] }, kb);
    expectThresholdJob(marked, 'difficulty');
    expect(marked.categories.find((c) => c.id === 'classical')!.reasons.some((x) => /Classical image processing/.test(x.text) && x.delta > 0)).toBe(true);
    const plain = recommend({ values: { ...values, difficulty: ['clean'] }, mustHave: [] }, kb);
    expect(reason(plain, 'classical', 'appearance')?.delta).toBe(-15);
    expect(plain.categories[0]!.id).not.toBe('classical');
  });

  it('a mask of where the tissue is (tissue against the bare slide) is a threshold\'s job; telling tissue types apart stays a matter of texture', () => {
    const tissue = { ...values, objects: 'tissue-regions', difficulty: ['clean'], 'tried-classical': 'not-tried', 'data-size': 'huge-files' };
    const mask = recommend({ values: tissue, mustHave: [] }, kb);
    expectThresholdJob(mask, 'output');
    expect(mask.categories.find((c) => c.id === 'classical')!.reasons.some((x) => /Classical image processing/.test(x.text) && x.delta > 0)).toBe(true);
    // Tumour against stroma: every pixel labelled by tissue type.
    const types = recommend({ values: { ...tissue, output: 'classes' }, mustHave: [] }, kb);
    expect(reason(types, 'classical', 'appearance')?.delta).toBe(-15);
    expect(types.categories[0]!.id).not.toBe('classical');
    // Said as a stain that marks the target, the reason is given once, for that answer.
    const both = recommend({ values: { ...tissue, difficulty: ['marked'] }, mustHave: [] }, kb);
    expect(reason(both, 'classical', 'difficulty')?.delta).toBe(15);
    expect(reason(both, 'classical', 'output')?.delta ?? 0).toBeLessThan(15);
  });

  it('a mask of the area cells cover in transmitted light (confluency, a scratch assay\'s gap) is a filter-and-threshold job; outlines of each cell are not', () => {
    const covered = { output: 'mask', objects: 'other', dimensions: '2d', modality: 'phase-contrast', 'data-size': 'many', quality: 'good-enough', difficulty: ['clean'], 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', host: ['fiji'], coding: 'gui-only', compute: 'laptop' };
    const gap = recommend({ values: covered, mustHave: [] }, kb);
    expectThresholdJob(gap, 'output');
    const confluency = recommend({ values: { ...covered, objects: 'whole-cells', modality: 'brightfield' }, mustHave: [] }, kb);
    expect(confluency.categories[0]!.id).toBe('classical');
    // One outline per cell: the texture assumption holds and classical processing does not lead.
    const outlines = recommend({ values: { ...covered, objects: 'whole-cells', output: 'objects', shape: 'irregular' }, mustHave: [] }, kb);
    expect(reason(outlines, 'classical', 'appearance')?.delta).toBe(-15);
    expect(outlines.categories[0]!.id).not.toBe('classical');
    // In fluorescence the appearance question decides, as before.
    const fluo = recommend({ values: { ...covered, modality: 'fluorescence', appearance: 'look-alikes' }, mustHave: [] }, kb);
    expect(reason(fluo, 'classical', 'output')).toBeUndefined();
  });

  it('whole animals apart from one another in transmitted light are found by a threshold; touching animals are not', () => {
    const worms = { output: 'tracks', objects: 'organisms', dimensions: '2d', modality: 'brightfield', 'data-size': 'many', quality: 'good-enough', difficulty: ['clean'], 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', host: ['none'], coding: 'gui-only', compute: 'laptop' };
    const apart = recommend({ values: worms, mustHave: [] }, kb);
    expectThresholdJob(apart, 'objects');
    const crowded = recommend({ values: { ...worms, difficulty: ['crowded'] }, mustHave: [] }, kb);
    expect(reason(crowded, 'classical', 'objects')?.delta ?? 0).toBeLessThan(15);
    expect(reason(crowded, 'classical', 'appearance')?.delta).toBe(-15);
  });
});

describe('recommend: a tool in use for a related step stays in the list (question set v12)', () => {
  it('MOrgAna (one mask per image) is listed, marked as covering a step, for its user who now wants separate organoids; not for a user who does not run it', () => {
    const values = { output: 'objects', objects: 'organoids', host: ['tool'], 'tools-used': ['morgana'], dimensions: '2d', modality: 'brightfield', 'data-size': 'many', difficulty: ['clean'], 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'few', coding: 'gui-only', compute: 'laptop' };
    expect(kb.tools.find((t) => t.id === 'morgana')!.tasks).not.toContain('instance-segmentation');
    const rec = recommend({ values, mustHave: [] }, kb);
    const morgana = rec.tools.find((t) => t.id === 'morgana');
    expect(morgana).toBeDefined();
    expect(morgana!.reasons.some((r) => r.text.includes('covers a step'))).toBe(true);
    expect(morgana!.reasons.some((r) => r.question === 'tools-used' && r.delta > 0)).toBe(true);
    const other = recommend({ values: { ...values, 'tools-used': ['other'] }, mustHave: [] }, kb);
    expect(other.tools.some((t) => t.id === 'morgana')).toBe(false);
    // A restoration tool in use is not pulled into a segmentation list.
    const care = recommend({ values: { ...values, 'tools-used': ['care'] }, mustHave: [] }, kb);
    expect(care.tools.some((t) => t.id === 'care')).toBe(false);
  });
});

describe('recommend: tracking by hand pairs no detector', () => {
  it('exact lineages of one small movie (manual annotation first): a tracker that lets you mark objects leads, with no segmenter paired to it', () => {
    const values = { output: 'tracks', objects: 'nuclei', host: ['none'], dimensions: '2d', modality: 'fluorescence', 'data-size': 'few', difficulty: ['clean'], appearance: 'bright-on-dark', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'few', priority: 'best-score', quality: 'near-truth', coding: 'gui-only', compute: 'laptop' };
    const rec = recommend({ values, mustHave: [] }, kb);
    expect(rec.categories[0]!.id).toBe('manual-annotation');
    const first = kb.tools.find((t) => t.id === rec.tools[0]!.id)!;
    expect(first.tasks[0]).toBe('tracking');
    expect(first.tasks).toContain('annotation');
    expect(rec.tools.some((t) => t.reasons.some((r) => r.text.includes('detector to pair')))).toBe(false);
    // The same movie with a ready model to try: the tracker is paired with a detector again.
    const auto = recommend({ values: { ...values, priority: 'speed', quality: 'good-enough', pretrained: 'untested' }, mustHave: [] }, kb);
    expect(auto.categories[0]!.id).not.toBe('manual-annotation');
    expect(auto.tools[1]!.reasons.some((r) => r.text.includes('detector to pair'))).toBe(true);
  });
});

describe('recommend: tracking spots pairs a spot detector', () => {
  const values = { output: 'tracks', objects: 'organelles', host: ['fiji'], dimensions: '2d', modality: 'fluorescence', 'data-size': 'many', difficulty: ['clean'], appearance: 'bright-on-dark', shape: 'round', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', priority: 'speed', quality: 'good-enough', coding: 'gui-only', compute: 'laptop' };
  const isSpotDetector = (id: string) => {
    const t = kb.tools.find((x) => x.id === id)!;
    return t.tasks[0] !== 'tracking' && t.tasks.includes('object-detection') && !t.tasks.includes('instance-segmentation');
  };
  it('spots, foci or organelles: the detector listed second may be a spot detector, and a tracker with a spot detector of its own says so', () => {
    const rec = recommend({ values, mustHave: [] }, kb);
    expect(kb.tools.find((t) => t.id === rec.tools[0]!.id)!.tasks[0]).toBe('tracking');
    expect(isSpotDetector(rec.tools[1]!.id)).toBe(true);
    const first = kb.tools.find((t) => t.id === rec.tools[0]!.id)!;
    const ownText = rec.tools[0]!.reasons.some((r) => r.text.includes('finds spots with a detector of its own'));
    expect(ownText).toBe(first.tasks.includes('object-detection') && !first.canRun.includes(rec.tools[1]!.id));
    if (ownText) expect(rec.tools[1]!.reasons[0]!.text).toMatch(/^Listed second as a dedicated spot detector to try if/);
    // The caveat on tracking names the same detector the list pairs.
    expect(rec.caveats.find((c) => c.id === 'tracking-detector')?.text).toContain(`such as ${rec.tools[1]!.name},`);
  });
  it('a pixel classifier the user already works with, which the tracker runs as its detector, is the one paired (§8.3), though it outlines no objects itself', () => {
    const weka = { ...values, host: ['fiji', 'tool'], 'tools-used': ['trainable-weka-segmentation'], shape: 'irregular', difficulty: ['uneven'], annotations: 'few', 'data-size': 'few' };
    const rec = recommend({ values: weka, mustHave: [] }, kb);
    expect(rec.tools[0]!.id).toBe('trackmate');
    expect(kb.tools.find((t) => t.id === 'trainable-weka-segmentation')!.tasks).not.toContain('instance-segmentation');
    expect(rec.tools[1]!.id).toBe('trainable-weka-segmentation');
    expect(rec.tools[1]!.reasons[0]!.text).toMatch(/^Listed second as the detector to pair with TrackMate/);
    // Not in use: the ranked spot detectors and segmenters are the candidates, as before.
    const { 'tools-used': _inUse, ...notInUse } = weka;
    const fresh = recommend({ values: { ...notInUse, host: ['fiji'] }, mustHave: [] }, kb);
    expect(fresh.tools[1]!.id).not.toBe('trainable-weka-segmentation');
  });
  it("a tracker's own spot detector counts for tracking, not for positions alone: trackpy links spots in Python with its own locate step, but is no spot counter", () => {
    const python = { ...values, host: ['python'], coding: 'programming' };
    const own = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'output' && /detector of its own|what you asked for|covers a step/.test(x.text));
    const tracks = recommend({ values: python, mustHave: [] }, kb);
    expect(tracks.tools[0]!.id).toBe('trackpy');
    expect(own(tracks, 'trackpy')?.text).toMatch(/finds spots with a detector of its own/);
    const positions = recommend({ values: { ...python, output: 'positions' }, mustHave: [] }, kb);
    for (const id of ['trackpy', 'trackmate']) expect(own(positions, id)).toMatchObject({ delta: -10, text: expect.stringMatching(/covers a step towards object detection/) });
    expect(positions.tools.slice(0, 3).map((t) => t.id)).not.toContain('trackpy');
  });
  it("Fiji and QuPath find spots themselves (Find Maxima, subcellular detection), but the program hosting the tracker is never paired with it as a spot detector", () => {
    const asked = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'output' && /what you asked for|covers a step/.test(x.text));
    for (const host of ['fiji', 'qupath']) {
      const positions = recommend({ values: { ...values, output: 'positions', host: [host], modality: host === 'qupath' ? 'histology' : 'fluorescence' }, mustHave: [] }, kb);
      expect(asked(positions, host)?.text).toMatch(/produces what you asked for \(object detection\)/);
      expect(positions.tools.slice(0, 3).map((t) => t.id)).toContain(host);
    }
    const tracks = recommend({ values, mustHave: [] }, kb);
    expect(tracks.tools[0]!.id).toBe('trackmate');
    expect(tracks.tools[1]!.id).not.toBe('fiji');
    expect(tracks.tools.find((t) => t.id === 'fiji')?.reasons.some((x) => /Listed second/.test(x.text))).toBe(false);
  });
  it('whole cells: spot detectors are not ranked for tracking at all', () => {
    const rec = recommend({ values: { ...values, objects: 'whole-cells', shape: 'mixed' }, mustHave: [] }, kb);
    expect(rec.tools.some((t) => isSpotDetector(t.id))).toBe(false);
    expect(rec.tools.some((t) => t.reasons.some((r) => r.text.includes('finds spots with a detector of its own')))).toBe(false);
  });
});

describe('recommend: a mask is a two-class semantic segmentation', () => {
  it('QuPath (semantic segmentation, no separate binary task) produces a mask and leads when its classical thresholding already works for a QuPath user', () => {
    const values = { output: 'mask', objects: 'tissue-regions', measurements: ['per-image'], host: ['qupath'], dimensions: '2d', modality: 'histology', 'data-size': 'huge-files', difficulty: ['clean'], 'tried-classical': 'works', quality: 'good-enough', coding: 'gui-only', compute: 'laptop' };
    const rec = recommend({ values, mustHave: [] }, kb);
    const qupath = rec.tools.find((t) => t.id === 'qupath')!;
    expect(kb.tools.find((t) => t.id === 'qupath')!.tasks).not.toContain('binary-segmentation');
    expect(qupath.reasons.some((r) => r.delta === 10 && r.text.includes('produces what you asked for'))).toBe(true);
    expect(qupath.reasons.some((r) => r.text.includes('covers a step'))).toBe(false);
    expect(rec.tools[0]!.id).toBe('qupath');
  });
  it('Fiji (Trainable Weka Segmentation ships with it) labels pixels by class, so a Fiji user sorting tissue into classes by thresholds keeps Fiji in the top three', () => {
    const values = { output: 'classes', objects: 'tissue-regions', measurements: ['intensity', 'per-image'], host: ['fiji'], dimensions: '2d', modality: 'histology', 'data-size': 'many', difficulty: ['marked'], 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', quality: 'good-enough', coding: 'gui-only', compute: 'laptop' };
    const rec = recommend({ values, mustHave: [] }, kb);
    expect(rec.categories[0]!.id).toBe('classical');
    expect(kb.tools.find((t) => t.id === 'fiji')!.tasks).toContain('semantic-segmentation');
    expect(rec.tools.slice(0, 3).map((t) => t.id)).toContain('fiji');
  });
});

describe('recommend: spot detection is not object splitting (positions)', () => {
  const values = { output: 'positions', objects: 'organelles', dimensions: '2d', modality: 'fluorescence', 'data-size': 'few', quality: 'good-enough', appearance: 'bright-on-dark', shape: 'round', difficulty: ['crowded'], 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', host: ['python'], coding: 'programming', compute: 'laptop' };
  const shift = categoryShifts;

  it('crowded, round spots: the watershed-splitting reason does not move the approach; for objects it does (round shapes move tools only, §9.3.2)', () => {
    const spots = recommend({ values, mustHave: [] }, kb);
    expect(shift(spots, 'difficulty')).toEqual([]);
    expect(shift(spots, 'shape')).toEqual([]);
    const cells = recommend({ values: { ...values, output: 'objects', objects: 'nuclei' }, mustHave: [] }, kb);
    // Touching nuclei are what a watershed after the threshold splits: learned models gain, classical
    // processing is not marked down (see the next test).
    expect(shift(cells, 'difficulty').sort()).toEqual(['finetuned-dl:10', 'pretrained-dl:5']);
    // §9.3.2 chooses among deep-learning models by shape; it moves no approach, for spots or nuclei.
    expect(shift(cells, 'shape')).toEqual([]);
    expect(cells.tools.find((t) => t.id === 'stardist')!.reasons.find((x) => x.question === 'shape')?.delta).toBeGreaterThan(0);
    // Cells counted as points still touch and merge: the crowding reason applies to them, with the
    // classical mark-down when their outlines are irregular.
    const counted = recommend({ values: { ...values, objects: 'whole-cells', shape: 'irregular' }, mustHave: [] }, kb);
    expect(shift(counted, 'difficulty')).toEqual(expect.arrayContaining(['classical:-10']));
  });

  it('crowding marks classical processing down for irregular objects only; round ones are what a watershed splits (§8.5)', () => {
    const objects = { ...values, output: 'objects', objects: 'whole-cells' };
    const round = recommend({ values: { ...objects, shape: 'round' }, mustHave: [] }, kb);
    expect(shift(round, 'difficulty').sort()).toEqual(['finetuned-dl:10', 'pretrained-dl:5']);
    expect(round.categories.find((c) => c.id === 'pretrained-dl')!.reasons.find((x) => x.question === 'difficulty')!.text).toMatch(/watershed/);
    for (const shape of ['irregular', 'mixed']) {
      const r = recommend({ values: { ...objects, shape }, mustHave: [] }, kb);
      expect(shift(r, 'difficulty').sort()).toEqual(['classical:-10', 'finetuned-dl:10', 'pretrained-dl:5']);
    }
  });

  it('tracking spots (vesicles, comets, single molecules) starts with spot detection: neither reason applies, so a spot detector with a linker stays first', () => {
    const tracks = recommend({ values: { ...values, output: 'tracks', host: ['none'], coding: 'gui-only', 'time-available': 'hours' }, mustHave: [] }, kb);
    expect(shift(tracks, 'difficulty')).toEqual([]);
    expect(shift(tracks, 'shape')).toEqual([]);
    expect(tracks.categories[0]!.id).toBe('classical');
    // Tracking nuclei is object splitting again: the crowding reason applies (round nuclei: no
    // classical mark-down, learned models gain).
    const nuclei = recommend({ values: { ...values, output: 'tracks', objects: 'nuclei' }, mustHave: [] }, kb);
    expect(shift(nuclei, 'difficulty')).toEqual(expect.arrayContaining(['pretrained-dl:5']));
  });
});

describe('recommend: ready restoration models for electron microscopy, and after fine-tuning failed', () => {
  it('cryo-ET tomograms with only the noisy images: Topaz-Denoise\'s ready 3D model is applied as it is; with two noisy halves, Noise2Noise is trained', () => {
    const values = { output: 'restored-images', modality: 'electron', dimensions: '3d', degradation: ['noise'], 'noise-structure': 'random', views: 'single', 'live-cell': 'fixed', 'time-series': 'single', 'time-available': 'hours', coding: 'command-line', compute: 'gpu-workstation' };
    const noisy = recommend({ values: { ...values, 'restoration-data': ['noisy-only'] }, mustHave: [] }, kb);
    expect(noisy.restorationMethods[0]!.id).toBe('noise2noise-training');
    expect(noisy.trainingApproach?.approach).toBe('use-as-is');
    expect(noisy.trainingApproach?.text).toMatch(/Topaz/);
    expect(noisy.restorationMethods[0]!.reasons.some((x) => x.question === 'time-available' && x.delta < 0)).toBe(false);
    const halves = recommend({ values: { ...values, 'restoration-data': ['two-noisy'], 'time-available': 'days' }, mustHave: [] }, kb);
    expect(halves.restorationMethods[0]!.id).toBe('noise2noise-training');
    expect(halves.trainingApproach?.approach).toBe('from-scratch');
    // Fluorescence has no such shortcut (§6.3.1: restoration models rarely transfer).
    const fluo = recommend({ values: { ...values, modality: 'fluorescence', 'restoration-data': ['noisy-only'] }, mustHave: [] }, kb);
    expect(fluo.trainingApproach?.approach).not.toBe('use-as-is');
  });

  it("cryo-EM micrographs with only the noisy images and days to spare: Topaz-Denoise's ready micrograph model is tried first (§6.3.2), though a blind-spot method could be trained", () => {
    const values = { output: 'restored-images', modality: 'electron', dimensions: '2d', degradation: ['noise'], 'noise-structure': 'random', 'restoration-data': ['noisy-only'], views: 'single', 'live-cell': 'fixed', 'time-series': 'single', 'time-available': 'days', coding: 'command-line', compute: 'gpu-workstation' };
    const ready = (r: Recommendation) => r.tools.flatMap((t) => t.reasons.filter((x) => x.bookRef?.section === '6.3.2').map(() => t.id));
    const em = recommend({ values, mustHave: [] }, kb);
    expect(em.tools[0]!.id).toBe('topaz-denoise');
    expect(ready(em)).toEqual(['topaz-denoise']);
    // Fluorescence: a tool's model trained on one kind of fluorescence recording (SRDTrans's calcium
    // imaging) is not "made for" the user's images, so no tool gets this reason.
    expect(ready(recommend({ values: { ...values, modality: 'fluorescence' }, mustHave: [] }, kb))).toEqual([]);
    // Nor when the tool does not fix what needs fixing (blur).
    expect(ready(recommend({ values: { ...values, degradation: ['blur'], 'restoration-data': ['known-psf'] }, mustHave: [] }, kb))).toEqual([]);
  });

  it('StarDist fell short and fine-tuning it failed too: the untested Cellpose comes first, used as it is, and StarDist is not offered for fine-tuning again', () => {
    const values = { output: 'objects', objects: 'nuclei', dimensions: '3d', modality: 'fluorescence', pretrained: 'not-good-enough', 'pretrained-which': ['stardist'], 'tried-finetune': 'failed', resemblance: 'dont-know', annotations: 'few', coding: 'notebooks', compute: 'gpu-workstation', priority: 'speed' };
    const r = recommend({ values, mustHave: [] }, kb);
    expect(r.categories[0]!.id).toBe('pretrained-dl');
    expect(r.trainingApproach?.approach).toBe('use-as-is');
    expect(r.tools[0]!.id).not.toBe('stardist');
    expect(r.tools.find((t) => t.id === 'stardist')!.reasons.some((x) => /fine-tune the model you already tried/.test(x.text))).toBe(false);
  });
});

describe('recommend: the model that fell short, read against what the catalogue records (§9.3.3.1, Fig 9.4)', () => {
  const sparse = { output: 'objects', objects: 'whole-cells', modality: 'phase-contrast', shape: 'mixed', pretrained: 'not-good-enough', 'pretrained-which': ['cellpose'], 'tools-used': ['cellpose'], host: ['python', 'tool'], resemblance: 'dont-know', 'tried-finetune': 'not-tried', annotations: 'none', difficulty: ['debris'], priority: 'speed', assessment: 'by-eye' };

  it("Cellpose's default fell short on phase-contrast cells: its LIVECell model is still untested, so testing it comes before adapting a model", () => {
    const r = run(sparse);
    expect(r.categories[0]!.id).toBe('pretrained-dl');
    expect(r.tools[0]!.id).toBe('cellpose');
    expect(r.trainingApproach?.approach).toBe('use-as-is');
    expect(r.trainingApproach?.text).toMatch(/livecell/i);
    expect(r.categories[0]!.reasons.find((x) => x.question === 'pretrained-which')).toMatchObject({ delta: ANOTHER_MODEL_WEIGHT, bookRef: { section: '9.3.3.1' } });
  });

  it('not in fluorescence, which the default generalist was trained on, nor once fine-tuning has failed', () => {
    const another = (r: Recommendation) => r.categories.find((c) => c.id === 'pretrained-dl')!.reasons.find((x) => x.question === 'pretrained-which' && x.delta > 0);
    expect(another(run(sparse))?.text).toMatch(/livecell/i);
    expect(another(run({ ...sparse, modality: 'fluorescence' }))).toBeUndefined();
    expect(another(run({ ...sparse, 'tried-finetune': 'failed' }))?.text ?? '').not.toMatch(/livecell/i);
  });

  const embryo = { output: 'objects', objects: 'nuclei', modality: 'fluorescence', appearance: 'bright-on-dark', pretrained: 'not-good-enough', 'pretrained-which': ['sam'], 'tools-used': ['micro-sam'], host: ['napari', 'tool'], 'pretrained-gap': 'not-sure', resemblance: 'dont-know', 'tried-finetune': 'not-tried', annotations: 'few', priority: 'speed' };

  it('"I do not know how close my images are" to a model trained on data like theirs is Fig 9.4\'s medium case: fine-tune, and the tree walk agrees', () => {
    const r = run(embryo);
    expect(r.trainingApproach).toMatchObject({ approach: 'fine-tuning', bookRef: { section: '9.3.6.2' } });
    expect(r.trainingApproach?.text).toMatch(/µSAM/);
    expect(r.treeOutcomes.find((t) => t.tree === 'training-approach')?.outcome).toBe('finetune');
  });

  it('the cautious branch stays when the images are known to differ, when there are no annotations, or when the model tried was not made for such data', () => {
    expect(run({ ...embryo, resemblance: 'different' }).trainingApproach?.approach).toBe('human-in-the-loop');
    // The user's own judgement of how far off the model is decides, when they give one (Fig 9.4).
    expect(run({ ...embryo, 'pretrained-gap': 'far-off' }).trainingApproach?.approach).toBe('human-in-the-loop');
    expect(run({ ...embryo, annotations: 'none' }).treeOutcomes.find((t) => t.tree === 'training-approach')?.outcome).toBe('hitl');
    expect(run({ ...embryo, objects: 'organisms' }).trainingApproach?.approach).not.toBe('fine-tuning');
  });
});

describe('recommend: answers that do not concern a tool in its role', () => {
  it('with no ready model for the objects, a tool that trains new models is not marked down for what its own ready models cover', () => {
    const values = { output: 'objects', objects: 'organelles', modality: 'electron', shape: 'round', pretrained: 'none', 'tried-finetune': 'not-tried', annotations: 'tens', coding: 'notebooks', compute: 'cloud' };
    const none = run(values);
    const marked = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)!.reasons.some((x) => x.question === 'objects' && x.delta < 0);
    expect(toolById('zerocostdl4mic').training.fromScratch).toBe(true);
    expect(toolById('cellpose-web').training.fromScratch).toBe(false);
    expect(marked(none, 'zerocostdl4mic')).toBe(false);
    // A tool that cannot train keeps the mark; asked about a model to use as it is, every tool's coverage counts again.
    expect(marked(none, 'cellpose-web')).toBe(true);
    expect(marked(run({ ...values, pretrained: 'untested' }), 'zerocostdl4mic')).toBe(true);
  });

  it('not a tool made for its own ready models: with no model for bacteria in electron micrographs, SynapseNet (which could also train) keeps the mark', () => {
    const values = { output: 'classes', objects: 'bacteria', modality: 'electron', dimensions: '2d', pretrained: 'none', 'tried-finetune': 'not-tried', annotations: 'tens', coding: 'programming', compute: 'gpu-workstation', host: ['python'] };
    const synapse = toolById('synapse-net');
    expect(synapse.training.fromScratch).toBe(true);
    expect(synapse.categories).not.toContain('scratch-dl');
    const reason = run(values).tools.find((t) => t.id === 'synapse-net')!.reasons.find((x) => x.question === 'objects');
    expect(reason?.delta).toBeLessThan(0);
    expect(reason?.text).toMatch(/none of SynapseNet's pre-trained models/);
    expect(run(values).tools.find((t) => t.id === 'unet')!.reasons.some((x) => x.question === 'objects' && x.delta < 0)).toBe(false);
  });

  it('with only hours, installation effort is not held against a tool the user already runs', () => {
    const values = { output: 'objects', objects: 'nuclei', modality: 'fluorescence', pretrained: 'works', 'time-available': 'hours' };
    const installEffort = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)!.reasons.find((x) => x.question === 'time-available');
    expect(toolById('cellpose').installEffort).toBe('medium');
    expect(installEffort(run(values), 'cellpose')?.delta).toBe(-5);
    expect(installEffort(run({ ...values, 'tools-used': ['cellpose'], host: ['tool'] }), 'cellpose')).toBeUndefined();
    expect(installEffort(run({ ...values, 'tools-used': ['cellpose'], host: ['tool'] }), 'micro-sam')?.delta).toBe(-5);
  });
});

describe('recommend: the approach a multi-purpose tool in use takes for this user (§8.3)', () => {
  const inUse = (r: Recommendation) => r.categories.filter((c) => c.reasons.some((x) => x.question === 'tools-used')).map((c) => c.id);
  const base = { objects: 'whole-cells', modality: 'fluorescence', 'tools-used': ['cellpose'], host: ['tool'] };

  it('Cellpose whose ready model works is a pre-trained-model pipeline; one whose fine-tuned model works is a fine-tuning one', () => {
    expect(toolById('cellpose').categories[0]).toBe('finetuned-dl');
    expect(inUse(run({ ...base, pretrained: 'works' }))).toEqual(['pretrained-dl']);
    expect(inUse(run({ ...base, pretrained: 'not-good-enough', 'pretrained-which': ['omnipose'], 'tried-finetune': 'works', annotations: 'tens' }))).toEqual(['finetuned-dl']);
    expect(inUse(run({ ...base, pretrained: 'none', 'tried-finetune': 'works', annotations: 'tens' }))).toEqual(['scratch-dl']);
    // Unsaid, the approach the tool is first made for.
    expect(inUse(run({ ...base, pretrained: 'untested' }))).toEqual(['finetuned-dl']);
  });
});

describe('recommend: label-free prediction with pairs, in a tool whose ready model fits (Fig 9.4, §8.3)', () => {
  const values = { output: 'label-free', modality: 'phase-contrast', dimensions: '2d', 'restoration-data': ['paired'], coding: 'programming', compute: 'gpu-workstation' };
  it("a VisCy user with matched pairs fine-tunes its ready VSCyto2D model instead of training from scratch", () => {
    const r = run({ ...values, host: ['python', 'tool'], 'tools-used': ['viscy'] });
    expect(r.trainingApproach).toMatchObject({ approach: 'fine-tuning', bookRef: { section: '9.3.6.2' } });
    expect(r.trainingApproach?.text).toMatch(/VSCyto2D/);
  });
  it('not when VisCy is not in use, nor when its ready models do not fit the images (3D brightfield)', () => {
    expect(run(values).trainingApproach?.approach).toBe('from-scratch');
    expect(run({ ...values, modality: 'brightfield', dimensions: '3d', host: ['python', 'tool'], 'tools-used': ['viscy'] }).trainingApproach?.approach).toBe('from-scratch');
  });
});

describe('recommend: the first rung is classical processing or a pixel classifier (Fig 9.2, §9.2.2)', () => {
  // A Python user: a program with classical tools of its own (Fiji) would give classical its head start (approachInHost).
  const values = { output: 'mask', objects: 'filaments', modality: 'fluorescence', appearance: 'bright-on-dark', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'few', host: ['python'], coding: 'notebooks', compute: 'laptop' };
  const category = (id: string) => toolById(id).categories[0];

  it('classical leads and the pixel classifier is close: the best pixel-classifier tool is listed third, saying why', () => {
    const r = run(values);
    expect(r.categories[0]!.id).toBe('classical');
    expect(r.tools.slice(0, 2).some((t) => category(t.id) === 'pixel-classification')).toBe(false);
    expect(category(r.tools[2]!.id)).toBe('pixel-classification');
    expect(r.tools[2]!.reasons[0]!.text).toMatch(/^Listed third: the book's first step is classical processing or a pixel classifier/);
  });

  it('not once the user has tried classical processing, nor when the pixel classifier is far behind', () => {
    const tried = run({ ...values, 'tried-classical': 'works' });
    expect(tried.tools.slice(0, 3).some((t) => /^Listed third/.test(t.reasons[0]!.text))).toBe(false);
    const { appearance: _unused, ...rest } = values;
    const far = run({ ...rest, output: 'objects', difficulty: ['marked'] });
    const gap = far.categories[0]!.score - far.categories.find((c) => c.id === 'pixel-classification')!.score;
    if (far.categories[0]!.id === 'classical' && gap > 20) expect(far.tools.slice(0, 3).some((t) => /^Listed third/.test(t.reasons[0]!.text))).toBe(false);
    else throw new Error(`profile no longer has a far-behind pixel classifier (gap ${gap})`);
  });
});

describe('recommend: a tool the analysis already runs stays in view (§8.3)', () => {
  const values = { objects: 'whole-cells', modality: 'fluorescence', shape: 'mixed', pretrained: 'untested', annotations: 'none', host: ['python', 'tool'], coding: 'programming', compute: 'cluster' };
  it('StarDist in use, outranked for whole cells: listed third with a reason, the leaders unchanged', () => {
    const without = run(values);
    const r = run({ ...values, 'tools-used': ['stardist'] });
    expect(without.tools.slice(0, 3).map((t) => t.id)).not.toContain('stardist');
    expect(r.tools.slice(0, 2).map((t) => t.id)).toEqual(without.tools.slice(0, 2).map((t) => t.id));
    expect(r.tools[2]!.id).toBe('stardist');
    expect(r.tools[2]!.reasons[0]!.text).toMatch(/^Listed third: you already use StarDist, and it does this job/);
  });
  it('after it fell short, the reason points at its settings first; a tool that does not do the job is not pulled up', () => {
    const short = run({ ...values, pretrained: 'not-good-enough', 'pretrained-which': ['stardist'], 'pretrained-gap': 'close', resemblance: 'somewhat', 'tried-finetune': 'not-tried', annotations: 'tens', 'tools-used': ['stardist'] });
    const at = short.tools.findIndex((t) => t.id === 'stardist');
    expect(at).toBeLessThan(3);
    if (at === 2) expect(short.tools[2]!.reasons[0]!.text).toMatch(/before switching, check its settings/);
    // Noise2Void restores images; it does not segment them.
    const n2v = run({ ...values, 'tools-used': ['noise2void'] });
    expect(n2v.tools.slice(0, 3).map((t) => t.id)).not.toContain('noise2void');
  });
  it('a tool in use that runs the two tools above it (Cell-ACDC runs Cellpose, Omnipose, YeaZ) is listed third, saying they run inside it (§8.3)', () => {
    const values = { output: 'objects', objects: 'yeast', host: ['tool'], 'tools-used': ['cell-acdc'], dimensions: '2d', modality: 'brightfield', 'data-size': 'many', difficulty: ['clean'], shape: 'irregular', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'few', 'time-available': 'days', priority: 'speed', coding: 'gui-only', compute: 'laptop' };
    const r = run(values);
    const acdc = toolById('cell-acdc');
    expect(r.tools.slice(0, 2).every((t) => acdc.canRun.includes(t.id))).toBe(true);
    expect(r.tools[2]!.id).toBe('cell-acdc');
    expect(r.tools[2]!.reasons[0]!.text).toBe(`Listed third: you already use Cell-ACDC, which runs ${r.tools[0]!.name} and ${r.tools[1]!.name}; you can use them without leaving it`);
    expect(r.tools[0]!.reasons.some((x) => x.question === 'tools-used' && /runs inside Cell-ACDC, which you already use/.test(x.text))).toBe(true);
  });
  it('the program the user works in (§8.3): QuPath, which detects cells itself, is kept third for a QuPath user; a viewer whose segmentation comes from plugins (napari) is not', () => {
    const values = { output: 'objects', objects: 'whole-cells', host: ['qupath'], dimensions: '2d', modality: 'histology', 'data-size': 'huge-files', difficulty: ['clean'], shape: 'round', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', 'time-available': 'days', priority: 'speed', coding: 'gui-only', compute: 'laptop' };
    const without = run({ ...values, host: ['none'] });
    expect(without.tools.slice(0, 3).map((t) => t.id)).not.toContain('qupath');
    const r = run(values);
    expect(r.tools.slice(0, 2).map((t) => t.id)).toEqual(without.tools.slice(0, 2).map((t) => t.id));
    expect(r.tools[2]!.id).toBe('qupath');
    expect(r.tools[2]!.reasons[0]!.text).toMatch(/^Listed third: you already work in QuPath, which can do this job with its own tools/);
    // It names only the tools above that QuPath can run.
    const runsAbove = r.tools.slice(0, 2).filter((t) => toolById('qupath').canRun.includes(t.id)).map((t) => t.name);
    for (const name of runsAbove) expect(r.tools[2]!.reasons[0]!.text).toContain(name);
    const napari = run({ ...values, modality: 'fluorescence', host: ['napari'] });
    expect(napari.tools.slice(0, 3).map((t) => t.id)).not.toContain('napari');
    // A tool in use named by the user takes that place instead (one "Listed third" at most).
    const named = run({ ...values, host: ['qupath', 'tool'], 'tools-used': ['cellprofiler'] });
    expect(named.tools.filter((t) => t.reasons.some((x) => x.text.startsWith('Listed third:'))).length).toBeLessThanOrEqual(1);
    expect(named.tools.some((t) => t.reasons.some((x) => x.text.startsWith('Listed third: you already work in')))).toBe(false);
  });
  it('the pixel classifier in use works (§8.3): it leads, above the program that hosts it; not when the user has not said it works', () => {
    const values = { output: 'objects', objects: 'other', host: ['fiji', 'tool'], 'tools-used': ['trainable-weka-segmentation'], dimensions: '2d', modality: 'other', 'data-size': 'many', difficulty: ['crowded'], appearance: 'bright-on-dark', shape: 'round', 'tried-classical': 'failed', 'settings-tuned': 'not-sure', 'tried-pixel': 'works', 'time-available': 'days', priority: 'speed', coding: 'gui-only', compute: 'laptop' };
    const r = run(values);
    expect(r.categories[0]!.id).toBe('pixel-classification');
    expect(r.tools[0]!.id).toBe('trainable-weka-segmentation');
    expect(r.tools[0]!.reasons.some((x) => x.question === 'tried-pixel' && x.delta > 0 && /pixel classifier you tried works/.test(x.text))).toBe(true);
    const untried = run({ ...values, 'tried-pixel': 'not-tried' });
    expect(untried.tools.some((t) => t.reasons.some((x) => /you tried works/.test(x.text)))).toBe(false);
  });
  it('sorting objects into classes: the tool the user finds the objects with stays third, saying so; not when whole images are sorted', () => {
    const objects = { output: 'image-classes', 'classify-what': 'objects', assessment: 'by-eye', host: ['tool'], dimensions: '2d', modality: 'fluorescence', 'data-size': 'many', difficulty: ['clean'], 'time-available': 'days', priority: 'speed', coding: 'gui-only', compute: 'laptop' };
    const without = run(objects);
    expect(without.tools.slice(0, 3).map((t) => t.id)).not.toContain('cellpose');
    const r = run({ ...objects, 'tools-used': ['cellpose'] });
    // The classifiers keep the first two places; Cellpose, which finds the objects, is third.
    expect(r.tools.slice(0, 2).map((t) => t.id)).toEqual(without.tools.slice(0, 2).map((t) => t.id));
    expect(r.tools[2]!.id).toBe('cellpose');
    expect(r.tools[2]!.reasons[0]!.text).toMatch(/^Listed third: you already find the objects with Cellpose/);
    // Whole images have no objects to find first: a segmenter does no step of that job and is not listed.
    const images = run({ ...objects, 'classify-what': 'images', 'tools-used': ['cellpose'] });
    expect(images.tools.some((t) => t.reasons.some((x) => /you already find the objects/.test(x.text)))).toBe(false);
    expect(images.tools.map((t) => t.id)).not.toContain('cellpose');
  });
});

describe('recommend: a model the user already adapted or trained that works is kept (Fig 9.4 with Fig 9.8)', () => {
  it('fine-tuned and working: keep the adapted model, not another round of training; trained from scratch and working: keep it', () => {
    const base = { output: 'objects', objects: 'organelles', modality: 'electron', dimensions: '3d', pretrained: 'not-good-enough', 'pretrained-which': ['other'], 'pretrained-gap': 'not-sure', resemblance: 'dont-know', 'settings-tuned': 'not-sure', annotations: 'few', priority: 'speed', compute: 'gpu-workstation' };
    const adapted = run({ ...base, 'tried-finetune': 'works' });
    expect(adapted.categories[0]!.id).toBe('finetuned-dl');
    expect(adapted.trainingApproach).toMatchObject({ approach: 'fine-tuning', bookRef: { section: '9.3.7' } });
    expect(adapted.trainingApproach?.text).toMatch(/^The model you adapted to your images already meets your criterion: keep it/);
    // Not yet adapted: the tree goes on to the model's settings and how far off it is.
    const notYet = run({ ...base, 'tried-finetune': 'not-tried' });
    expect(notYet.trainingApproach?.text).not.toMatch(/keep it/);
    const { 'pretrained-which': _w, 'pretrained-gap': _g, resemblance: _r, 'settings-tuned': _s, ...rest } = base;
    const trained = run({ ...rest, pretrained: 'none', 'tried-finetune': 'works' });
    expect(trained.trainingApproach).toMatchObject({ approach: 'from-scratch', bookRef: { section: '9.3.7' } });
    expect(trained.trainingApproach?.text).toMatch(/^The model you trained on your own annotations already meets your criterion: keep it/);
  });
});

describe('recommend: adapting a model that fell short starts with its settings', () => {
  it('fine-tuning, transfer learning and human-in-the-loop advice first asks to check object size, pixel size and channels; use-as-is and training from scratch do not', () => {
    const base = { objects: 'nuclei', modality: 'fluorescence', pretrained: 'not-good-enough', 'pretrained-which': ['cellpose'], 'tried-finetune': 'not-tried', priority: 'speed' };
    const close = run({ ...base, 'pretrained-gap': 'close', resemblance: 'somewhat', annotations: 'tens' });
    const far = run({ ...base, 'pretrained-gap': 'far-off', annotations: 'few' });
    const scratch = run({ ...base, 'pretrained-gap': 'far-off', annotations: 'hundreds', coding: 'programming' });
    expect(close.trainingApproach?.approach).toBe('fine-tuning');
    expect(far.trainingApproach?.approach).toBe('human-in-the-loop');
    for (const r of [close, far]) expect(r.trainingApproach?.text).toMatch(/^First check that its settings match your images \(object size or diameter, pixel size, channels\)/);
    expect(scratch.trainingApproach?.approach).toBe('from-scratch');
    expect(scratch.trainingApproach?.text).not.toMatch(/First check/);
    expect(run({ ...base, pretrained: 'works' }).trainingApproach?.text).not.toMatch(/First check/);
  });
});

describe('recommend: which kind of electron microscopy (question set v21, em-kind)', () => {
  const sem = { output: 'restored-images', modality: 'electron', dimensions: '2d', degradation: ['noise'], 'noise-structure': 'random', 'restoration-data': ['noisy-only'], views: 'single', 'data-size': 'few', compute: 'gpu-workstation', coding: 'notebooks' };
  it('noisy SEM micrographs with no clean images: Noise2Void, not Topaz-Denoise\'s ready cryo-EM models; cryo-EM micrographs keep them', () => {
    expect(toolById('topaz-denoise').electronKinds).toEqual(['cryo']);
    const micrographs = run({ ...sem, 'em-kind': 'micrographs' });
    expect(micrographs.restorationMethods[0]?.id).toBe('blind-spot-self-supervised-denoising');
    expect(micrographs.restorationMethods.flatMap((m) => m.reasons).some((x) => /Topaz-Denoise ships a ready model/.test(x.text))).toBe(false);
    expect(micrographs.tools.slice(0, 3).map((t) => t.id)).not.toContain('topaz-denoise');
    const cryo = run({ ...sem, 'em-kind': 'cryo' });
    expect(cryo.restorationMethods.flatMap((m) => m.reasons).some((x) => /Topaz-Denoise ships a ready model/.test(x.text))).toBe(true);
    // Not sure of the kind: nothing is ruled out, as before the question existed.
    expect(run({ ...sem, 'em-kind': 'not-sure' }).restorationMethods[0]?.id).toBe(run(sem).restorationMethods[0]?.id);
  });
  it('a tool made for one kind of EM (cryoCARE: cryo-electron tomograms) is marked down for another, and says so', () => {
    const pairs = { ...sem, dimensions: '3d', 'restoration-data': ['two-noisy'] };
    expect(toolById('cryocare').electronKinds).toEqual(['cryo']);
    const reason = (kind: string) => run({ ...pairs, 'em-kind': kind }).tools.find((t) => t.id === 'cryocare')?.reasons.find((x) => x.question === 'em-kind' || x.question === 'modality');
    expect(reason('volume')).toMatchObject({ delta: -20, question: 'em-kind', bookRef: { section: '9.3.3.2' } });
    expect(reason('volume')?.text).toMatch(/made for cryo-EM and cryo-electron tomography, not volume EM/);
    expect(reason('cryo')).toMatchObject({ delta: 10, question: 'modality' });
  });
  it('a model made for one kind of EM covers only that kind (empanada\'s MitoNet: micrographs and volume EM, not cryo-ET)', () => {
    const values = { output: 'objects', objects: 'organelles', modality: 'electron', dimensions: '3d', pretrained: 'untested' };
    const coverage = (kind: string) => run({ ...values, 'em-kind': kind }).tools.find((t) => t.id === 'empanada')?.reasons.find((x) => x.question === 'objects' && /model/.test(x.text))?.delta ?? 0;
    expect(coverage('volume')).toBeGreaterThan(0);
    expect(coverage('cryo')).toBeLessThan(0);
  });
});

describe('recommend: a copy of another tool\'s model counts at half weight (rehostedFrom)', () => {
  it('Piximi\'s in-browser Cellpose model counts half as much as Cellpose\'s own', () => {
    expect(toolById('piximi').pretrainedModels?.find((m) => m.name === 'Cellpose model')?.rehostedFrom).toBe('cellpose');
    const r = run({ objects: 'whole-cells', modality: 'fluorescence', pretrained: 'untested' });
    const coverage = (id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'objects' && x.text.includes('was trained on'))?.delta;
    expect(coverage('cellpose')).toBe(15);
    expect(coverage('piximi')).toBe(8);
  });
});

describe('recommend: transfer learning needs a tool that can freeze layers (§9.3.6.1 vs §9.3.6.2)', () => {
  const values = { output: 'objects', objects: 'whole-cells', modality: 'fluorescence', dimensions: '2d', 'tried-classical': 'failed', appearance: 'texture', pretrained: 'not-good-enough', 'pretrained-gap': 'close', resemblance: 'similar', annotations: 'few', coding: 'programming', compute: 'gpu-workstation' };
  it('after Cellpose fell short on images like its training data, Fig 9.4 says transfer learning; Cellpose trains every layer, so the advice is fine-tuning and says why', () => {
    expect(toolById('cellpose').training.freezesLayers).toBe(false);
    const r = run({ ...values, 'pretrained-which': ['cellpose'] });
    expect(r.treeOutcomes.find((o) => o.tree === 'training-approach')?.outcome).toBe('transfer');
    expect(r.trainingApproach?.approach).toBe('fine-tuning');
    expect(r.trainingApproach?.text).toMatch(/Fig 9\.4 points to transfer learning.*Cellpose's training always updates every layer/);
    expect(r.trainingApproach?.bookRef.section).toBe('9.3.6.2');
  });
  it('after µSAM fell short, whose training can freeze parts of the model, transfer learning stays', () => {
    expect(toolById('micro-sam').training.freezesLayers).toBe(true);
    expect(run({ ...values, 'pretrained-which': ['sam'] }).trainingApproach?.approach).toBe('transfer-learning');
  });
});

describe('recommend: a tool whose own method is made for one kind of object (madeForObjects)', () => {
  const values = { output: 'positions', dimensions: '3d', modality: 'fluorescence', appearance: 'bright-on-dark', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', host: ['fiji'], coding: 'gui-only', compute: 'laptop' };
  const reason = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'objects');
  it('RS-FISH, a spot detector, gains for spots and loses for nuclei, saying so', () => {
    expect(toolById('rs-fish').madeForObjects).toEqual(['organelles']);
    expect(reason(run({ ...values, objects: 'organelles' }), 'rs-fish')).toMatchObject({ delta: 10, bookRef: { section: '8.2.1' } });
    const nuclei = reason(run({ ...values, objects: 'nuclei' }), 'rs-fish');
    expect(nuclei?.delta).toBe(-20);
    expect(nuclei?.text).toMatch(/made for spots, foci or organelles, not nuclei/);
  });
  it('a tool with shipped models for other objects is not marked down when its own method covers the objects (ClearMap\'s cell detection)', () => {
    const clearmap = run({ ...values, objects: 'nuclei' }).tools.find((t) => t.id === 'clearmap')!;
    expect(clearmap.reasons.some((x) => /pre-trained models was trained on/.test(x.text))).toBe(false);
    expect(reason(run({ ...values, objects: 'nuclei' }), 'clearmap')?.delta).toBe(10);
  });
  it('a tool made for an unlisted kind of object (AxonDeepSeg: axons and myelin) is not said to miss a user\'s unlisted objects, and names its kind in plain words', () => {
    const em = { ...values, output: 'classes', dimensions: '2d', modality: 'electron' };
    expect(toolById('axondeepseg').madeForObjects).toEqual(['other']);
    expect(reason(run({ ...em, objects: 'other' }), 'axondeepseg')?.text ?? '').not.toMatch(/another kind of object/);
    expect(reason(run({ ...em, objects: 'nuclei' }), 'axondeepseg')?.text).toMatch(/made for a kind of object not in the list, not nuclei/);
  });
});

describe('recommend: spot detectors in the tried-model and tools-in-use answers (question set v9)', () => {
  it('"a spot detector\'s model" counts Spotiflow, deepBlink and DeepCell Spots as tried, so none is offered as an untested specialist', () => {
    const values = { output: 'positions', objects: 'organelles', modality: 'fluorescence', pretrained: 'not-good-enough', 'pretrained-gap': 'close', resemblance: 'somewhat', 'tried-finetune': 'not-tried', annotations: 'tens', priority: 'speed' };
    const other = run({ ...values, 'pretrained-which': ['other'] });
    const spots = run({ ...values, 'pretrained-which': ['spots'] });
    const untested = (r: Recommendation) => r.categories.flatMap((c) => c.reasons).some((x) => x.question === 'pretrained-which' && x.delta > 0 && /not said you tested/.test(x.text));
    expect(untested(other)).toBe(true);
    expect(untested(spots)).toBe(false);
    expect(spots.categories[0]!.id).toBe('finetuned-dl');
  });
});

describe('recommend: a restoration tool in use that implements the top method stays in view (§8.3)', () => {
  it('DeepCAD-RT in use on single frames: Noise2Void-style methods lead, DeepCAD-RT is listed third with the reason', () => {
    const values = { output: 'restored-images', modality: 'fluorescence', dimensions: '2d', degradation: ['noise'], 'noise-structure': 'random', 'restoration-data': ['noisy-only'], views: 'single', 'live-cell': 'live', 'time-series': 'single', host: ['python', 'tool'], coding: 'programming', compute: 'gpu-workstation' };
    const without = run(values);
    const r = run({ ...values, 'tools-used': ['deepcad-rt'] });
    expect(without.tools.slice(0, 3).map((t) => t.id)).not.toContain('deepcad-rt');
    expect(r.restorationMethods[0]!.id).toBe('blind-spot-self-supervised-denoising');
    expect(r.tools[2]!.id).toBe('deepcad-rt');
    expect(r.tools[2]!.reasons[0]!.text).toMatch(/^Listed third: you already use DeepCAD-RT/);
  });
});

describe('recommend: "Listed third" is said of one tool only', () => {
  it('over 600 random walks of the wizard, at most one tool carries a "Listed third" reason, and it is third', () => {
    let seen = 0;
    for (const answers of randomWalks(kb.questions, 20261206, 600)) {
      const r = recommend(answers, kb);
      const claims = r.tools.map((t, at) => ({ at, says: t.reasons.some((x) => x.text.startsWith('Listed third:')) })).filter((x) => x.says);
      expect(claims.length, JSON.stringify(answers.values)).toBeLessThanOrEqual(1);
      if (claims.length === 1) {
        seen++;
        expect(claims[0]!.at, JSON.stringify(answers.values)).toBe(2);
      }
    }
    // The walks reach the placements this guards (the test could not pass on nothing).
    expect(seen).toBeGreaterThan(10);
  });

  it('a tool in use placed third after a first-rung partner was: the partner, now fourth, no longer says "Listed third"', () => {
    // Found by searching random walks (seed 7, three thousand walks); a rare combination: a first-rung
    // partner (Labkit) is listed third, then a tool in use (scikit-image) takes third place. (Earlier
    // examples stopped reaching it when the head start of a tool in use changed.)
    const values = { output: 'mask', objects: 'other', measurements: ['intensity', 'per-image'], assessment: 'against-annotations', host: ['fiji', 'cellprofiler', 'tool'], software: 'several-ok', dimensions: '3d', modality: 'fluorescence', 'data-size': 'huge-files', 'file-format': 'tiff', difficulty: ['crowded', 'uneven', 'debris', 'out-of-focus', 'marked'], preprocessing: ['stitching', 'background', 'flat-field', 'mask-artefacts'], appearance: 'bright-on-dark', 'tried-classical': 'not-tried', pretrained: 'none', 'tried-finetune': 'failed', annotations: 'tens', 'time-available': 'hours', coding: 'notebooks', compute: 'laptop', 'data-leave': 'no', quality: 'quick' };
    const base = recommend({ values, mustHave: [] }, kb);
    expect(base.tools[2]!.reasons[0]!.text).toMatch(/^Listed third: the book's first step/);
    const partner = base.tools[2]!.id;
    const r = recommend({ values: { ...values, 'tools-used': ['scikit-image'] }, mustHave: [] }, kb);
    expect(r.tools[2]!.reasons[0]!.text).toMatch(/^Listed third: you already use scikit-image/);
    expect(r.tools[3]!.id).toBe(partner);
    expect(r.tools[3]!.reasons.some((x) => x.text.startsWith('Listed third:'))).toBe(false);
  });
});

describe('recommend: the training approach never contradicts the approach ranked first', () => {
  it('sorting cells into classes with the ready-model question unanswered (links made before v15): fine-tuned deep learning first means fine-tuning, not "use a ready model as it is"', () => {
    const values = { output: 'image-classes', 'classify-what': 'objects', assessment: 'by-eye', host: ['python'], dimensions: '2d', modality: 'histology', 'data-size': 'huge-files', 'file-format': 'vendor', difficulty: ['crowded'], 'time-available': 'weeks', priority: 'best-score', coding: 'programming', compute: 'gpu-workstation' };
    const r = run(values);
    expect(r.categories[0]!.id).toBe('finetuned-dl');
    expect(r.trainingApproach).toMatchObject({ approach: 'fine-tuning', bookRef: { section: '9.3.6.2' } });
    // Over many walks: a deep-learning approach ranked first with no ready-model answers gets its own approach.
    const random = lcg(99);
    for (let i = 0; i < 300; i++) {
      const answers = randomWalk(kb.questions, random);
      if (answers.values.pretrained !== undefined) continue;
      const w = recommend(answers, kb);
      const top = w.categories[0]?.id;
      if (top === 'finetuned-dl') expect(w.trainingApproach?.approach, JSON.stringify(answers.values)).toBe('fine-tuning');
      if (top === 'scratch-dl') expect(w.trainingApproach?.approach, JSON.stringify(answers.values)).toBe('from-scratch');
    }
  });
});

describe('recommend: the dimensions a tool works in (§9.3.2), both ways', () => {
  const dimReason = (values: Answers['values'], id: string) => recommend({ values, mustHave: [] }, kb).tools.find((t) => t.id === id)?.reasons.find((r) => r.question === 'dimensions');
  const base = { output: 'objects', objects: 'nuclei', modality: 'fluorescence', pretrained: 'untested', compute: 'gpu-workstation' };

  it('a tool made for 3D stacks only is marked down for 2D images, and up for 3D ones', () => {
    const only3d = kb.tools.find((t) => t.dimensionality.length === 1 && t.dimensionality[0] === '3d' && t.tasks.includes('instance-segmentation'))!;
    expect(only3d).toBeDefined();
    expect(dimReason({ ...base, dimensions: '2d' }, only3d.id)).toMatchObject({ delta: -30, bookRef: { section: '9.3.2' } });
    expect(dimReason({ ...base, dimensions: '2d' }, only3d.id)!.text).toMatch(/3D stacks only/);
    expect(dimReason({ ...base, dimensions: '3d' }, only3d.id)).toMatchObject({ delta: 5 });
  });

  it('a tool that works in both is not marked down for either', () => {
    expect(dimReason({ ...base, dimensions: '2d' }, 'cellpose')).toBeUndefined();
    expect(dimReason({ ...base, dimensions: '3d' }, 'cellpose')).toMatchObject({ delta: 5 });
  });
});

describe('recommend: a tool that takes one image at a time (§8.2.3, the first case study)', () => {
  it('the Cellpose web console is marked down for many images or huge files, not for a few', () => {
    const values = { output: 'objects', objects: 'whole-cells', modality: 'fluorescence', dimensions: '2d', appearance: 'bright-on-dark', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', coding: 'gui-only', compute: 'laptop' };
    const web = (size: string) => run({ ...values, 'data-size': size }).tools.find((t) => t.id === 'cellpose-web')!;
    expect(toolById('cellpose-web').oneImageAtATime).toBe(true);
    for (const size of ['many', 'huge-files']) expect(web(size).reasons.some((r) => r.question === 'data-size' && r.delta === -10 && /one image at a time/.test(r.text))).toBe(true);
    expect(web('few').reasons.some((r) => /one image at a time/.test(r.text))).toBe(false);
  });
});

describe('recommend: a tie between tools is explained truthfully', () => {
  const CODING = { none: 0, scripting: 1, programming: 2 } as const;
  const EFFORT = { none: 0, low: 1, medium: 2, high: 3 } as const;
  // What a tool asks of this user: a plugin also asks for its host when the user does not run one.
  const HOSTS: Record<string, string[]> = { fiji: ['fiji', 'imagej'], cellprofiler: ['cellprofiler'], qupath: ['qupath'], napari: ['napari'], python: ['jupyter'] };
  const install = (id: string, has: Set<string>, depth = 0): number => {
    const t = kb.tools.find((x) => x.id === id);
    if (t === undefined) return EFFORT.low;
    const own = EFFORT[t.installEffort];
    if (t.kind !== 'plugin' || t.runsInside.length === 0 || t.runsInside.some((h) => has.has(h)) || depth > 2) return own;
    return own + Math.min(...t.runsInside.map((h) => install(h, has, depth + 1)));
  };
  const ask = (id: string, answers?: Answers) => {
    const t = kb.tools.find((x) => x.id === id)!;
    const has = new Set(((answers?.values.host as string[] | undefined) ?? []).flatMap((h) => HOSTS[h] ?? []));
    return CODING[t.coding] * 4 + install(id, has);
  };

  it('installation is counted for this user: Labkit, which ships with Fiji, is the easier pixel classifier for a Fiji user; for a Python user it means installing Fiji, and a classifier Python runs (ilastik, APOC) comes first', () => {
    const values = { output: 'mask', objects: 'filaments', modality: 'fluorescence', appearance: 'bright-on-dark', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'few', coding: 'notebooks', compute: 'laptop' };
    const pixelTool = (host: string) => {
      const r = run({ ...values, host: [host] });
      return r.tools.find((t) => toolById(t.id).categories[0] === 'pixel-classification')!.id;
    };
    expect(pixelTool('fiji')).toBe('labkit');
    expect(['ilastik', 'apoc']).toContain(pixelTool('python'));
    expect(ask('labkit', { values: { host: ['fiji'] }, mustHave: [] })).toBeLessThan(ask('ilastik', { values: { host: ['fiji'] }, mustHave: [] }));
    expect(ask('labkit', { values: { host: ['python'] }, mustHave: [] })).toBe(ask('ilastik', { values: { host: ['python'] }, mustHave: [] }));
  });

  it('"needs less coding or installation" only when it does; otherwise the reason says nothing separates them (300 random walks)', () => {
    const random = lcg(4242);
    let lessCoding = 0;
    let equal = 0;
    for (let i = 0; i < 300; i++) {
      const answers = randomWalk(kb.questions, random);
      const rec = recommend(answers, kb);
      for (const t of rec.tools.slice(0, 6)) {
        for (const r of t.reasons) {
          const m = /^Ranked above (.+), which scores the same, because (.+)$/.exec(r.text);
          if (!m) continue;
          const loser = rec.tools.find((x) => x.name === m[1])!;
          if (/needs less coding or installation/.test(m[2]!)) {
            lessCoding++;
            expect(ask(t.id, answers), `${t.id} vs ${loser.id}`).toBeLessThan(ask(loser.id, answers));
          } else if (/listed alphabetically/.test(m[2]!)) {
            equal++;
            expect(ask(t.id, answers), `${t.id} vs ${loser.id}`).toBe(ask(loser.id, answers));
            expect(t.id < loser.id, `${t.id} vs ${loser.id}`).toBe(true);
          }
        }
      }
    }
    expect(lessCoding).toBeGreaterThan(0);
    expect(equal).toBeGreaterThan(0);
  });
});

describe('recommend: deployment follows the tool listed first (Fig 9.9, §9.4.2)', () => {
  it('on a laptop whose images may go to the cloud, a first tool that is slow without a GPU is run on a cloud GPU; images that must stay are never sent there (1,500 random walks, each on a laptop)', () => {
    // Each walk is asked again as a laptop user whose images may, and may not, leave the lab (both
    // questions are always shown), so the rule is exercised on every kind of first tool the walks reach.
    let slowFirst = 0;
    for (const walk of randomWalks(kb.questions, 9090, 1500)) {
      for (const leave of ['yes', 'no']) {
        const answers = { ...walk, values: { ...walk.values, compute: 'laptop', 'data-leave': leave } } as Answers;
        const rec = recommend(answers, kb);
        if (rec.deployment === null || rec.tools[0] === undefined) continue;
        const first = kb.tools.find((t) => t.id === rec.tools[0]!.id)!;
        if (leave === 'no') expect(rec.deployment.mode).not.toBe('cloud');
        if (leave === 'yes' && (first.gpu === 'recommended' || first.gpu === 'required')) {
          slowFirst++;
          expect(rec.deployment.mode).toBe('cloud');
          expect(rec.deployment.text).toContain(first.name);
        }
      }
    }
    expect(slowFirst).toBeGreaterThan(10);
  });
});

describe('rank: the ranking alone', () => {
  it('gives the same kind, order and scores as recommend over 400 random walks', () => {
    let restoration = 0;
    for (const answers of randomWalks(kb.questions, 20261207, 400)) {
      const full = recommend(answers, kb);
      const only = rank(answers, kb);
      const ids = (items: { id: string; score: number }[]) => items.map((x) => `${x.id}:${x.score}`);
      expect(only.kind).toBe(full.kind);
      expect(ids(only.categories)).toEqual(ids(full.categories));
      expect(ids(only.restorationMethods)).toEqual(ids(full.restorationMethods));
      expect(ids(only.tools)).toEqual(ids(full.tools));
      if (full.kind === 'restoration') restoration++;
    }
    // The walks reach both branches (the test could not pass on segmentation alone).
    expect(restoration).toBeGreaterThan(20);
  });
});


describe('recommend: classical work scripted in Python', () => {
  const script = { output: 'mask', host: ['python'], coding: 'programming', 'tried-classical': 'not-tried', 'data-size': 'many', metadata: 'in-files', annotations: 'none' };

  it('a folder of images scripted in Python gets scikit-image, which runs one script over every image, among the first three', () => {
    const r = run({ ...script, objects: 'other', modality: 'brightfield' });
    expect(r.categories[0]!.id).toBe('classical');
    expect(topTools(r, 3)).toContain('scikit-image');
    expect(r.tools.find((t) => t.id === 'scikit-image')!.reasons.some((x) => x.question === 'data-size' && x.delta > 0)).toBe(true);
  });

  it("the Allen Cell Segmenter is made for intracellular structures and (its model zoo) the nuclei and cells around them: it fits organelles and foci, not bacteria", () => {
    const organelles = run({ ...script, objects: 'organelles', modality: 'fluorescence', dimensions: '3d' });
    expect(organelles.tools.find((t) => t.id === 'allen-cell-segmenter')!.reasons.some((x) => x.question === 'objects' && x.delta > 0)).toBe(true);
    const bacteria = run({ ...script, objects: 'bacteria', modality: 'fluorescence', dimensions: '3d' });
    expect(bacteria.tools.find((t) => t.id === 'allen-cell-segmenter')?.reasons.some((x) => x.question === 'objects' && x.delta < 0)).toBe(true);
  });
});

describe('recommend: one program for the whole workflow is the program the user works in (§8.2)', () => {
  const fijiUser = { output: 'objects', objects: 'whole-cells', modality: 'fluorescence', dimensions: '3d', host: ['fiji'], software: 'one-program', 'tried-classical': 'not-tried', coding: 'gui-only' };
  const softwareReason = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => x.question === 'software');

  it('Fiji and the tools that run inside it keep the workflow in one program; another host (CellProfiler, Icy) would be a second program', () => {
    const r = run(fijiUser);
    expect(softwareReason(r, 'fiji')?.delta).toBe(10);
    expect(softwareReason(r, 'morpholibj')).toMatchObject({ delta: 5 });
    expect(softwareReason(r, 'morpholibj')!.text).toMatch(/runs inside Fiji/);
    expect(softwareReason(r, 'cellprofiler')).toBeUndefined();
    expect(softwareReason(r, 'icy')).toBeUndefined();
  });

  it('as a must-have, it excludes a program the user does not work in, and keeps tools that run inside theirs', () => {
    const r = run(fijiUser, ['software']);
    const excluded = r.excluded.filter((e) => e.question === 'software').map((e) => e.id);
    expect(excluded).toContain('cellprofiler');
    expect(excluded).not.toContain('morpholibj');
    expect(excluded).not.toContain('fiji');
    expect(r.tools.map((t) => t.id)).toContain('stardist');
  });
});

describe('recommend: cells in a calcium or voltage imaging recording (question set v20)', () => {
  const activity = { output: 'objects', objects: 'active-cells', modality: 'fluorescence', dimensions: '2d', host: ['python'], coding: 'programming', 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', shape: 'round' };

  it('raises the approach of the pipelines that find cells from their activity, and lists those pipelines first', () => {
    const r = run(activity);
    expect(r.categories[0]!.id).toBe('classical');
    expect(r.categories[0]!.reasons.some((x) => x.question === 'objects' && x.delta > 0 && /Suite2p/.test(x.text) && /CaImAn/.test(x.text))).toBe(true);
    expect(topTools(r, 2).sort()).toEqual(['caiman', 'suite2p']);
    // Suite2p's hosted still-image (Cellpose) models are beside the point for such cells.
    expect(r.tools.find((t) => t.id === 'suite2p')!.reasons.some((x) => x.question === 'objects' && x.delta < 0)).toBe(false);
    // No model for still images is said to cover them.
    expect(r.categories.find((c) => c.id === 'pretrained-dl')!.reasons.some((x) => x.question === 'objects' && x.delta < 0)).toBe(true);
  });

  it('whole cells in still images do not get the activity pipelines', () => {
    const r = run({ ...activity, objects: 'whole-cells' });
    expect(topTools(r, 5)).not.toContain('suite2p');
    expect(topTools(r, 5)).not.toContain('caiman');
    expect(r.categories.flatMap((c) => c.reasons).some((x) => /calcium or voltage recording are found/.test(x.text))).toBe(false);
  });
});

describe('recommend: filaments in transmitted light are lines, not texture', () => {
  const neurites = { output: 'mask', objects: 'filaments', modality: 'phase-contrast', dimensions: '2d', host: ['fiji'], 'tried-classical': 'not-tried', pretrained: 'dont-know', annotations: 'none', coding: 'gui-only' };
  const cites = (r: Recommendation, text: RegExp) => r.categories.some((c) => c.reasons.some((x) => text.test(x.text)));

  it('neurites in phase contrast are not taken to be told apart by texture; classical processing (a ridge filter, then a skeleton) leads', () => {
    const r = run(neurites);
    expect(cites(r, /texture rather than brightness/)).toBe(false);
    expect(r.categories[0]!.id).toBe('classical');
  });

  it('whole cells in phase contrast still are, and an explicit texture answer still counts for filaments', () => {
    expect(cites(run({ ...neurites, objects: 'whole-cells', output: 'objects' }), /texture rather than brightness/)).toBe(true);
    expect(cites(run({ ...neurites, modality: 'fluorescence', appearance: 'texture' }), /texture rather than brightness/)).toBe(true);
  });
});

describe('recommend: a classical tracker after classical detection (Fig 9.2)', () => {
  const tracks = { output: 'tracks', objects: 'nuclei', modality: 'fluorescence', dimensions: '2d', host: ['python', 'napari'], software: 'several-ok', 'tried-classical': 'works', difficulty: ['clean'], appearance: 'bright-on-dark', coding: 'notebooks', 'data-size': 'few' };
  const linkReason = (r: Recommendation, id: string) => r.tools.find((t) => t.id === id)?.reasons.find((x) => /links them with classical methods too/.test(x.text));

  it('when thresholding works, trackers that link classically (btrack, Ultrack) rank above a learned linker (Trackastra), with a reason citing §9.2.2', () => {
    const r = run(tracks);
    expect(r.categories[0]!.id).toBe('classical');
    const rank = (id: string) => r.tools.findIndex((t) => t.id === id);
    expect(rank('btrack')).toBeLessThan(rank('trackastra'));
    expect(rank('ultrack')).toBeLessThan(rank('trackastra'));
    expect(linkReason(r, 'btrack')).toMatchObject({ delta: 5, bookRef: { section: '9.2.2' } });
    expect(linkReason(r, 'trackastra')).toBeUndefined();
  });

  it('when a ready model finds the objects, no tracker gets that reason', () => {
    const r = run({ ...tracks, 'tried-classical': 'failed', pretrained: 'works', 'pretrained-which': ['stardist'] });
    expect(r.categories[0]!.id).not.toBe('classical');
    expect(r.tools.some((t) => linkReason(r, t.id) !== undefined)).toBe(false);
  });
});

describe('recommend: where to run when the first step needs no GPU (Fig 9.9)', () => {
  const roots = { output: 'mask', objects: 'filaments', modality: 'fluorescence', appearance: 'texture', dimensions: '2d', host: ['python'], coding: 'command-line', 'tried-classical': 'failed', 'settings-tuned': 'tuned', 'tried-pixel': 'not-tried', pretrained: 'dont-know', annotations: 'few', compute: 'laptop', 'data-leave': 'yes' };

  it('a pixel classifier first, in a tool that runs on the CPU, is run on the laptop; the cloud is named for the deep-learning steps further down', () => {
    const r = run(roots);
    expect(r.categories[0]!.id).toBe('pixel-classification');
    const first = kb.tools.find((t) => t.id === r.tools[0]!.id)!;
    expect(['not-needed', 'optional']).toContain(first.gpu);
    expect(r.deployment).toMatchObject({ mode: 'slow-local', bookRef: { section: '9.3.8' } });
    expect(r.deployment!.text).toContain(first.name);
    expect(r.deployment!.text).toMatch(/Colab/);
  });

  it('a ready model first on the same laptop still goes by that model: a tool slow without a GPU runs on a cloud GPU', () => {
    const r = run({ ...roots, output: 'objects', objects: 'nuclei', appearance: 'bright-on-dark', 'tried-classical': 'not-tried', pretrained: 'untested' });
    expect(r.categories[0]!.id).toBe('pretrained-dl');
    const first = kb.tools.find((t) => t.id === r.tools[0]!.id)!;
    if (first.gpu === 'recommended' || first.gpu === 'required') expect(r.deployment!.mode).toBe('cloud');
    else expect(r.deployment!.mode).toBe('slow-local');
  });
});

describe('recommend: finding or outlining objects that no ready model knows, from a network pre-trained on other images (question set v22)', () => {
  const values = { output: 'positions', objects: 'whole-cells', measurements: ['counts'], assessment: 'against-annotations', host: ['python'], dimensions: '2d', modality: 'brightfield', 'data-size': 'many', difficulty: ['crowded'], 'tried-classical': 'not-tried', pretrained: 'none', 'tried-finetune': 'not-tried', annotations: 'hundreds', 'time-available': 'weeks', priority: 'best-score', coding: 'programming', compute: 'gpu-workstation', 'data-leave': 'yes', quality: 'good-enough' };
  const go = (v: Record<string, unknown>) => recommend({ values: { ...values, ...v } as Answers['values'], mustHave: [] }, kb);

  it('a detector pre-trained on everyday photos (COCO, as YOLO and Faster R-CNN start from): train from its weights (§9.3.6), not from random ones', () => {
    const r = go({ encoder: 'general' });
    expect(r.categories[0]!.id).toBe('finetuned-dl');
    expect(r.treeOutcomes.find((o) => o.tree === 'training-approach')?.outcome).toBe('transfer-general');
    // The network adapted is the one the user named, not a ready model of the first tool (StarDist and
    // Cellpose always retrain every layer), so the advice stays transfer learning.
    expect(r.trainingApproach).toMatchObject({ approach: 'transfer-learning', bookRef: { section: '9.3.6' } });
    expect(r.categories[0]!.reasons.find((x) => x.question === 'encoder')).toMatchObject({ delta: 25, bookRef: { section: '9.3.6' } });
    expect(r.categories[0]!.reasons.find((x) => x.question === 'encoder')!.text).toMatch(/COCO/);
    // Not knowing of such a network: no ready model fits, so Fig 9.4 trains one from scratch.
    const unknown = go({ encoder: 'dont-know' });
    expect(unknown.categories[0]!.id).toBe('scratch-dl');
    expect(unknown.trainingApproach?.approach).toBe('from-scratch');
  });

  it('a network pre-trained on images like yours, for other structures: adapt it (§9.3.6) when there are labelled examples to adapt it with', () => {
    const r = go({ output: 'objects', objects: 'organelles', modality: 'phase-contrast', encoder: 'similar', annotations: 'few' });
    expect(r.categories[0]!.id).toBe('finetuned-dl');
    expect(r.treeOutcomes.find((o) => o.tree === 'training-approach')?.outcome).toBe('transfer-encoder');
    expect(r.categories[0]!.reasons.find((x) => x.question === 'encoder')).toMatchObject({ delta: 25, bookRef: { section: '9.3.6' } });
    expect(r.categories.find((c) => c.id === 'scratch-dl')!.reasons.find((x) => x.question === 'encoder')?.delta).toBe(-10);
    // Nothing labelled yet: no push towards adapting it.
    const none = go({ output: 'objects', objects: 'organelles', modality: 'phase-contrast', encoder: 'similar', annotations: 'none' });
    expect(none.categories.some((c) => c.reasons.some((x) => x.question === 'encoder'))).toBe(false);
  });
});
