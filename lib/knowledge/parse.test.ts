import { describe, expect, it } from 'vitest';

import { editFile, fixtureFiles } from '@/test/helpers/kb-fixture';

import { checkIntegrity } from './check-integrity';
import { parseKnowledgeFiles } from './parse';

const TOOL = 'knowledge/tools/cellpose.json';

function problems(files: ReturnType<typeof fixtureFiles>) {
  const { kb, issues, sources } = parseKnowledgeFiles(files);
  return [...issues, ...checkIntegrity(kb, sources)];
}

describe('parseKnowledgeFiles', () => {
  it('accepts the valid fixture with no issues', () => {
    const { kb, issues } = parseKnowledgeFiles(fixtureFiles());
    expect(issues).toEqual([]);
    expect(kb.tools.map((t) => t.id)).toEqual(['cellpose']);
    expect(kb.book.sections.length).toBeGreaterThan(100);
  });

  it.each([
    ['a wrong enum value', (t: Record<string, unknown>) => (t.gpu = 'sometimes'), `${TOOL}: gpu:`],
    ['a non-https homepage', (t: Record<string, unknown>) => (t.homepage = 'http://www.cellpose.org/'), `${TOOL}: homepage: must be an https:// URL`],
    ['a malformed DOI', (t: Record<string, unknown>) => (t.doi = 'doi:10.1038/x'), `${TOOL}: doi:`],
    ['a missing field', (t: Record<string, unknown>) => delete t.largestDrawback, `${TOOL}: largestDrawback:`],
    ['an unknown field', (t: Record<string, unknown>) => (t.colour = 'blue'), `${TOOL}: (root): Unrecognized key`],
    ['a nested wrong type', (t: Record<string, unknown>) => ((t.training as Record<string, unknown>).fineTune = 'yes'), `${TOOL}: training.fineTune:`],
    ['a bad task in a list', (t: Record<string, unknown>) => (t.tasks = ['instance-segmentation', 'magic']), `${TOOL}: tasks.1:`],
    ['no book ref and no reason', (t: Record<string, unknown>) => (t.bookRefs = []), `${TOOL}: bookRefs: a tool needs at least one book reference or a noBookRefReason`],
    ['a bad date', (t: Record<string, unknown>) => (t.lastChecked = '25/11/2026'), `${TOOL}: lastChecked: must be a date written YYYY-MM-DD`],
  ])('rejects a tool with %s and names the field', (_label, edit, expected) => {
    const issues = parseKnowledgeFiles(editFile(fixtureFiles(), TOOL, edit)).issues;
    expect(issues.some((i) => i.startsWith(expected))).toBe(true);
  });

  it('rejects invalid JSON with the file name', () => {
    const issues = parseKnowledgeFiles({ ...fixtureFiles(), [TOOL]: '{ "id": ' }).issues;
    expect(issues[0]).toMatch(/^knowledge\/tools\/cellpose\.json: invalid JSON/);
  });

  it('requires the id to equal the file name', () => {
    const files = fixtureFiles();
    const issues = parseKnowledgeFiles({ ...files, 'knowledge/tools/cell-pose.json': files[TOOL]!, [TOOL]: undefined as never }).issues;
    expect(issues).toContain('knowledge/tools/cell-pose.json: id: "cellpose" must equal the file name "cell-pose"');
  });

  it('requires bookAnchor exactly for book glossary terms', () => {
    const issues = parseKnowledgeFiles(editFile(fixtureFiles(), 'knowledge/glossary/psnr.json', (g) => (g.bookAnchor = 'psnr'))).issues;
    expect(issues).toContain('knowledge/glossary/psnr.json: bookAnchor: bookAnchor is required for book terms and not allowed for navigator terms');
  });

  it('rejects a malformed visibility condition with its path', () => {
    const issues = parseKnowledgeFiles(
      editFile(fixtureFiles(), 'knowledge/questions.json', (qs) => {
        ((qs.questions as Record<string, unknown>[])[1]!).visibleIf = { q: 'output', equals: 'outlines' };
      }),
    ).issues;
    expect(issues.some((i) => i.startsWith('knowledge/questions.json: questions.1.visibleIf'))).toBe(true);
  });
});

describe('checkIntegrity', () => {
  it('finds nothing wrong in the valid fixture', () => {
    expect(problems(fixtureFiles())).toEqual([]);
  });

  it('reports a book section that is not in the book data', () => {
    const found = problems(editFile(fixtureFiles(), TOOL, (t) => (t.bookRefs = [{ section: '8.99' }])));
    expect(found).toContain(`${TOOL}: bookRefs.0.section: book section "8.99" is not in knowledge/book/sections.json or chapters.json`);
  });

  it('accepts chapter numbers and appendix sections as book refs', () => {
    expect(problems(editFile(fixtureFiles(), TOOL, (t) => (t.bookRefs = [{ section: '10' }, { section: 'A.3.2' }])))).toEqual([]);
  });

  it('reports a tool reference that does not resolve', () => {
    expect(problems(editFile(fixtureFiles(), TOOL, (t) => (t.canRun = ['stardist'])))).toContain(`${TOOL}: canRun.0: unknown tool "stardist"`);
  });

  it('reports a glossary reference that does not resolve', () => {
    expect(problems(editFile(fixtureFiles(), TOOL, (t) => (t.glossary = ['ssim'])))).toContain(`${TOOL}: glossary.0: unknown glossary term "ssim"`);
  });

  it('reports a book glossary anchor that is not on the glossary page', () => {
    const found = problems(editFile(fixtureFiles(), 'knowledge/glossary/iou.json', (g) => (g.bookAnchor = 'intersection')));
    expect(found).toContain(`knowledge/glossary/iou.json: bookAnchor: "intersection" is not an anchor on the book's glossary page (knowledge/book/glossary.json)`);
  });

  it('reports duplicate names', () => {
    const files = fixtureFiles();
    const copy = editFile(files, TOOL, (t) => (t.id = 'cellpose-copy'));
    const found = problems({ ...files, 'knowledge/tools/cellpose-copy.json': copy[TOOL]! });
    expect(found.some((i) => i.includes('duplicate name "Cellpose"'))).toBe(true);
  });

  it('reports a tree edge to a missing node and a condition on a missing option', () => {
    const found = problems(
      editFile(fixtureFiles(), 'knowledge/trees/tiny.json', (t) => {
        t.edges = [{ from: 'q1', to: 'nowhere', label: 'x', when: { q: 'output', is: ['maybe'] } }];
      }),
    );
    expect(found).toContain('knowledge/trees/tiny.json: edges.0.to: unknown node "nowhere"');
    expect(found).toContain('knowledge/trees/tiny.json: edges.0.when.is: "maybe" is not an option of "output"');
  });

  it('reports a category that names an unknown example tool', () => {
    const files = fixtureFiles();
    const cats = JSON.parse(files['knowledge/categories.json']!) as Record<string, unknown>[];
    cats[0]!.exampleTools = ['ilastik'];
    expect(problems({ ...files, 'knowledge/categories.json': JSON.stringify(cats) })).toContain('knowledge/categories.json: 0: exampleTools.0: unknown tool "ilastik"');
  });
});

describe('checkIntegrity: glossary names', () => {
  it('reports an alias that another term already uses', () => {
    const found = problems(editFile(fixtureFiles(), 'knowledge/glossary/psnr.json', (g) => (g.aliases = ['iou'])));
    expect(found).toContain('knowledge/glossary/psnr.json: aliases: "iou" is also a name or alias of "iou"');
  });
});

describe('checkIntegrity: product pages', () => {
  it('reports a glossary page path that is not a page of the site', () => {
    const found = problems(editFile(fixtureFiles(), 'knowledge/glossary/iou.json', (g) => (g.pages = ['/evaluate', '/tools/cellpose', '/tools/celpose', '/nowhere'])));
    expect(found).toContain('knowledge/glossary/iou.json: pages.2: "/tools/celpose" is not a page of this site (a typo, or an id that does not exist)');
    expect(found).toContain('knowledge/glossary/iou.json: pages.3: "/nowhere" is not a page of this site (a typo, or an id that does not exist)');
    expect(found.filter((f) => f.includes('pages.0') || f.includes('pages.1'))).toEqual([]);
  });
});
