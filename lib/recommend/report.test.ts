import { describe, expect, it } from 'vitest';

import { loadTestKnowledgeBase } from '../../test/helpers/knowledge-fixture';
import { recommend } from './recommend';
import { reportJson, reportMarkdown } from './report';

const kb = loadTestKnowledgeBase();
const study = kb.caseStudies.find((c) => c.id === 'zebrafish-microglia')!;
const rec = recommend(study.answers, kb);

describe('report', () => {
  it('Markdown lists the answers in words, the ranking with reasons and book links, and the caveats', () => {
    const md = reportMarkdown(study.answers, rec, kb);
    expect(md).toContain('- **How do the objects you want stand out?** Other things look just the same: equally bright or dark (for example autofluorescence, debris or dust)');
    expect(md).toMatch(/## Method categories\n\n1\. \*\*Pixel-based machine learning\*\*/);
    expect(md).toContain('[§8.5](https://bioimagingai.janelia.org/8-existing-tools.html#');
    expect(md).toContain('## Keep in mind');
    expect(md).toContain(kb.book.meta.license);
    expect(md).toContain('`/evaluate?metric=');
  });

  it('Markdown gives the §8.4 good-enough step with its questions, and a book section for each pre-processing step', () => {
    const md = reportMarkdown(study.answers, rec, kb);
    const section = md.split('## How good is good enough?')[1]?.split('\n## ')[0] ?? '';
    expect(rec.goodEnough).not.toBeNull();
    expect(section).toContain(rec.goodEnough!.text);
    expect(section).toContain('([§8.4](');
    for (const h of rec.goodEnough!.heuristics) expect(section).toContain(`- ${h}`);
    const withPrep = kb.caseStudies.map((c) => ({ c, r: recommend(c.answers, kb) })).find(({ r }) => r.preprocessing.length > 0);
    expect(withPrep, 'a case study with pre-processing steps').toBeDefined();
    const prep = reportMarkdown(withPrep!.c.answers, withPrep!.r, kb).split('## Pre-processing')[1]?.split('\n## ')[0] ?? '';
    for (const p of withPrep!.r.preprocessing) expect(prep).toContain(`- ${p.label}: `);
    expect(prep.match(/\(\[§/g)?.length ?? 0).toBe(withPrep!.r.preprocessing.length);
  });

  it('Markdown says "before switching" for a tool in use that fell short while the plan names another tool, and not in the book\'s zebrafish story', () => {
    const values = { output: 'positions', objects: 'organelles', modality: 'fluorescence', dimensions: '2d', appearance: 'bright-on-dark', 'tried-classical': 'failed', 'tried-pixel': 'not-tried', pretrained: 'dont-know', annotations: 'few', host: ['python', 'tool'], 'tools-used': ['big-fish'], coding: 'programming', compute: 'gpu-workstation' };
    const answers = { values, mustHave: [] };
    const md = reportMarkdown(answers, recommend(answers, kb), kb);
    expect(md).toMatch(/\*\*Before switching:\*\* You already run Big-FISH, and it fell short\./);
    expect(md).toContain('[§8.3](');
    expect(reportMarkdown(study.answers, rec, kb)).not.toContain('Before switching');
  });

  it('Markdown marks must-haves and shows the runner route for restoration', () => {
    const live = kb.caseStudies.find((c) => c.id === 'live-cell-denoising')!;
    const md = reportMarkdown(live.answers, recommend(live.answers, kb), kb);
    expect(md).toContain('*(must-have)*');
    expect(md).toContain('`/restore?preset=denoise`');
  });

  it('Markdown lists the restoration fallback steps by name with their book sections', () => {
    const live = kb.caseStudies.find((c) => c.id === 'live-cell-denoising')!;
    const md = reportMarkdown(live.answers, recommend(live.answers, kb), kb);
    const section = md.slice(md.indexOf('## If this fails'));
    expect(section).toMatch(/^## If this fails\n\n- \*\*Check the training pairs\.\*\* .+ \(\[§6\.3\.1\]\(https:\/\/bioimagingai\.janelia\.org\/[^)]+\)\)/);
    expect(section).toContain('**Measure on the raw images.**');
  });

  it('JSON carries the answers, question-set version and the full recommendation, and survives a round trip', () => {
    const json = reportJson(study.answers, rec, kb);
    expect(json.format).toBe('bioimage-navigator-report');
    expect(json.questionSetVersion).toBe(kb.questions.version);
    expect(json.answers.find((a) => a.question === 'appearance')).toMatchObject({ options: ['look-alikes'], mustHave: false });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.recommendation.categories[0]!.reasons[0]!.bookRef.url).toMatch(/^https:\/\//);
  });

  it('Markdown opens with the plan, names tools and kinds (never ids), links them to the site and gives the share link', () => {
    const md = reportMarkdown(study.answers, rec, kb, { siteUrl: 'http://localhost:3000', shareUrl: 'http://localhost:3000/wizard/result?a=2.0' });
    expect(md.indexOf('## Your plan')).toBeLessThan(md.indexOf('## Your answers'));
    expect(md).toMatch(/1\. \*\*Start with\*\* \[Pixel-based machine learning\]\(http:\/\/localhost:3000\/methods\/pixel-classification\), using \*\*\[ilastik\]\(http:\/\/localhost:3000\/tools\/ilastik\)\*\*/);
    expect(md).toContain('Reopen this result: http://localhost:3000/wizard/result?a=2.0');
    expect(md).toContain('Compute it at http://localhost:3000/evaluate?metric=');
    // Every list of tools uses names: no bare tool id appears after "Tools:" or "Where:".
    const ids = new Set(kb.tools.filter((t) => t.id !== t.name.toLowerCase()).map((t) => t.id));
    for (const m of md.matchAll(/(?:Tools|Where): ([^(\n]+)/g)) {
      for (const part of m[1]!.split(', ')) expect(ids.has(part.replace(/\.$/, '').trim()), part).toBe(false);
    }
    // Book links are grouped per item: one "Book:" line per ranked item, none on reason lines.
    expect(md).not.toMatch(/▲[^\n]*\[§/);
    expect(md).toMatch(/ {3}- Book: \[§/);
    // Glossary terms by their names.
    expect(md).not.toMatch(/## Terms used\n\n[a-z0-9-]+, /);
  });

  it('JSON keeps its version-1 shape (the plan is a view of the same data, not a new field)', () => {
    const json = reportJson(study.answers, rec, kb);
    expect(Object.keys(json)).toEqual(['format', 'version', 'questionSetVersion', 'book', 'answers', 'recommendation']);
    expect(json.version).toBe(1);
  });
});
