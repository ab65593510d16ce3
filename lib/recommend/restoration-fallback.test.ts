import { describe, expect, it } from 'vitest';

import { loadTestKnowledgeBase } from '../../test/helpers/knowledge-fixture';
import type { Answers } from '../knowledge/schema';
import { recommend } from './recommend';
import type { RestorationFallbackStep } from './types';

const kb = loadTestKnowledgeBase();
const BASE: Answers['values'] = { output: 'restored-images', dimensions: '3d', 'data-size': 'many', 'live-cell': 'fixed', coding: 'notebooks', compute: 'gpu-workstation', 'data-leave': 'yes', 'time-available': 'days' };
const run = (values: Answers['values']) => recommend({ values: { ...BASE, ...values }, mustHave: [] }, kb);
const steps = (values: Answers['values']) => run(values).fallback as RestorationFallbackStep[];
const methodsOf = (pred: (m: (typeof kb.restorationMethods)[number]) => boolean) => kb.restorationMethods.filter(pred);
const toolsOfMethods = (ms: typeof kb.restorationMethods) => new Set(ms.flatMap((m) => m.tools));

describe('restoration fallback chain (chapter 6 §6.3, §6.4)', () => {
  // Each row: a profile from chapter 6, the family that should lead, and the chain we expect.
  const rows: { name: string; values: Answers['values']; family: string; chain: string[] }[] = [
    {
      name: 'paired denoising data: a supervised network leads; check its pairs, then self-supervised denoising',
      values: { degradation: ['noise'], 'restoration-data': ['paired'] },
      family: 'supervised-dl',
      chain: ['check-training-pairs', 'self-supervised-denoising', 'measure-raw'],
    },
    {
      name: 'only noisy images: self-supervised leads; check the noise, then two noisy copies, then record pairs',
      values: { degradation: ['noise'], 'restoration-data': ['noisy-only'] },
      family: 'self-supervised-dl',
      chain: ['check-noise-model', 'noise2noise', 'acquire-paired-data', 'measure-raw'],
    },
    {
      name: 'blur with paired data: supervised deconvolution leads; classical deconvolution is the fallback',
      values: { degradation: ['blur'], 'restoration-data': ['paired'] },
      family: 'supervised-dl',
      chain: ['check-training-pairs', 'classical-deconvolution', 'measure-raw'],
    },
    {
      name: 'blur with a known PSF: classical deconvolution leads; check the PSF, then record pairs',
      values: { degradation: ['blur'], 'restoration-data': ['psf'] },
      family: 'classical',
      chain: ['check-psf', 'acquire-paired-data', 'measure-raw'],
    },
    {
      name: 'resolution from cross-modality pairs: check the pairs, then classical deconvolution',
      values: { degradation: ['low-resolution'], 'restoration-data': ['cross-modality'] },
      family: 'cross-modality-dl',
      chain: ['check-training-pairs', 'classical-deconvolution', 'measure-raw'],
    },
  ];

  for (const row of rows) {
    it(row.name, () => {
      const r = run(row.values);
      expect(r.kind).toBe('restoration');
      const top = kb.restorationMethods.find((m) => m.id === r.restorationMethods[0]!.id)!;
      expect(top.family).toBe(row.family);
      const chain = (r.fallback as RestorationFallbackStep[]).map((s) => s.step);
      expect(chain).toEqual(row.chain);
      for (const s of r.fallback) {
        expect(s.kind).toBe('restoration');
        expect(s.text.length).toBeGreaterThan(40);
        expect(s.bookRef.section).toMatch(/^6\./);
        expect(s.bookRef.url).toMatch(/^https:\/\/bioimagingai\.janelia\.org\//);
      }
    });
  }

  it('never suggests the family that leads as its own fallback', () => {
    const selfSup = steps({ degradation: ['noise'], 'restoration-data': ['noisy-only'] }).map((s) => s.step);
    expect(selfSup).not.toContain('self-supervised-denoising');
    const supervised = steps({ degradation: ['noise'], 'restoration-data': ['paired'] }).map((s) => s.step);
    expect(supervised).not.toContain('acquire-paired-data');
  });

  it('step tools implement the step: self-supervised tools, supervised-pair tools and classical deconvolvers', () => {
    const selfSupTools = toolsOfMethods(methodsOf((m) => m.family === 'self-supervised-dl' && m.tasks.includes('denoising')));
    const pairTools = toolsOfMethods(methodsOf((m) => m.family === 'supervised-dl' && m.dataNeeds.includes('paired-low-high')));
    const deconvolvers = toolsOfMethods(methodsOf((m) => m.family === 'classical' && m.tasks.includes('deconvolution')));
    const s1 = steps({ degradation: ['noise'], 'restoration-data': ['paired'] }).find((s) => s.step === 'self-supervised-denoising')!;
    expect(s1.tools.length).toBeGreaterThan(0);
    for (const t of s1.tools) expect(selfSupTools).toContain(t);
    const s2 = steps({ degradation: ['noise'], 'restoration-data': ['noisy-only'] }).find((s) => s.step === 'acquire-paired-data')!;
    expect(s2.tools.length).toBeGreaterThan(0);
    for (const t of s2.tools) expect(pairTools).toContain(t);
    const s3 = steps({ degradation: ['low-resolution'], 'restoration-data': ['cross-modality'] }).find((s) => s.step === 'classical-deconvolution')!;
    expect(s3.tools.length).toBeGreaterThan(0);
    for (const t of s3.tools) expect(deconvolvers).toContain(t);
  });

  it('step tools respect hard constraints: nothing cloud-only when images may not leave the lab', () => {
    const cloudOnly = new Set(kb.tools.filter((t) => !t.runsWhere.some((w) => w === 'local' || w === 'hpc')).map((t) => t.id));
    for (const s of steps({ degradation: ['noise'], 'restoration-data': ['noisy-only'], 'data-leave': 'no' })) {
      for (const t of s.tools) expect(cloudOnly.has(t), `${s.step}: ${t}`).toBe(false);
    }
  });

  it('segmentation chains are category steps that cite Fig 9.2 (§9.2.2)', () => {
    const seg = recommend({ values: { output: 'objects', appearance: 'bright-on-dark', 'tried-classical': 'not-tried' }, mustHave: [] }, kb);
    expect(seg.fallback.length).toBeGreaterThan(0);
    for (const f of seg.fallback) expect(f).toMatchObject({ kind: 'category', bookRef: { section: '9.2.2' } });
  });
});
