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
    expect(md).toContain('- **How do the objects you want stand out?** Other things are just as bright (for example autofluorescence or debris)');
    expect(md).toMatch(/## Method categories\n\n1\. \*\*Pixel-based machine learning\*\*/);
    expect(md).toContain('[§8.5](https://bioimagingai.janelia.org/8-existing-tools.html#');
    expect(md).toContain('## Keep in mind');
    expect(md).toContain(kb.book.meta.license);
    expect(md).toContain('`/evaluate?metric=');
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
});
