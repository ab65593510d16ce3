import { readFileSync } from 'node:fs';

import type { KnowledgeFiles } from '@/lib/knowledge';

/**
 * A small, valid knowledge base as files, built on the real book link data. Tests mutate a copy to
 * make it invalid in exactly one way and check the reported `file: path: message`.
 */
export function fixtureFiles(): KnowledgeFiles {
  const book = (name: string) => readFileSync(new URL(`../../knowledge/book/${name}`, import.meta.url), 'utf8');
  const tool = {
    id: 'cellpose',
    name: 'Cellpose',
    kind: 'library',
    summary: 'Generalist cell segmentation.',
    description: 'Segments cells and nuclei; can be retrained.',
    homepage: 'https://www.cellpose.org/',
    doi: '10.1038/s41592-020-01018-x',
    license: 'BSD-3-Clause',
    categories: ['finetuned-dl'],
    tasks: ['instance-segmentation'],
    outputs: ['instance label image'],
    dimensionality: ['2d', '3d'],
    interfaces: ['desktop-gui', 'python-api'],
    coding: 'none',
    installEffort: 'medium',
    os: ['windows', 'macos', 'linux'],
    gpu: 'recommended',
    runsWhere: ['local'],
    training: { pretrained: true, fineTune: true, fromScratch: true },
    pretrainedModels: [{ name: 'cyto3', objects: ['whole-cells'], modalities: ['fluorescence'], dimensionality: ['2d'] }],
    shapeAssumptions: null,
    runsInside: [],
    canRun: [],
    bestFor: ['cells of many shapes'],
    notFor: [],
    largestDrawback: 'GPU helps a lot.',
    bookRefs: [{ section: '8.5' }],
    glossary: ['iou'],
    lastChecked: '2026-11-25',
  };
  const term = (id: string, termName: string, anchor?: string) => ({
    id,
    term: termName,
    aliases: [],
    short: `${termName} in one line.`,
    definition: `${termName} explained.`,
    related: [],
    source: anchor ? 'book' : 'navigator',
    ...(anchor ? { bookAnchor: anchor } : {}),
    pages: ['/glossary'],
    bookRefs: [{ section: '9.3.7' }],
  });
  const questions = {
    version: 1,
    sections: [{ id: 'workflow', title: 'Workflow', intro: 'About your workflow.', bookRefs: [{ section: '8.2.1' }] }],
    questions: [
      {
        id: 'output',
        section: 'workflow',
        text: 'What do you need?',
        help: 'Pick one.',
        kind: 'single',
        options: [
          { id: 'outlines', label: 'An outline for every cell' },
          { id: 'counts', label: 'Just a count' },
        ],
        bookRefs: [{ section: '8.2.1' }],
      },
      {
        id: 'shape',
        section: 'workflow',
        text: 'What shape are the objects?',
        help: 'Pick one.',
        kind: 'single',
        options: [
          { id: 'round', label: 'Roundish' },
          { id: 'irregular', label: 'Irregular' },
        ],
        visibleIf: { q: 'output', is: ['outlines'] },
        bookRefs: [{ section: '9.3.2' }],
      },
    ],
  };
  const category = {
    id: 'finetuned-dl',
    order: 5,
    name: 'Fine-tuned deep learning',
    summary: 's',
    description: 'd',
    computationalComfort: 'c',
    timeRequired: 'medium',
    bestIfPriorities: 'b',
    biologicalExpertise: 'high',
    noiseHandling: 'n',
    largestDrawback: 'l',
    exampleTools: ['cellpose'],
    glossary: [],
    bookRefs: [{ section: '8.5' }],
  };
  const tree = {
    id: 'tiny',
    title: 'Tiny tree',
    summary: 'One question.',
    figure: null,
    root: 'q1',
    nodes: [
      { id: 'q1', type: 'question', label: 'Outlines?', question: 'output', bookRef: { section: '9.2.2' } },
      { id: 'done', type: 'outcome', label: 'Use Cellpose', outcome: { categories: ['finetuned-dl'], tools: ['cellpose'], advice: 'Try it.' }, bookRef: { section: '9.3.3.1' } },
    ],
    edges: [{ from: 'q1', to: 'done', label: 'yes', when: { q: 'output', is: ['outlines'] } }],
    bookRefs: [{ section: '9.2.2' }],
  };
  return {
    'knowledge/book/chapters.json': book('chapters.json'),
    'knowledge/book/sections.json': book('sections.json'),
    'knowledge/book/glossary.json': book('glossary.json'),
    'knowledge/tools/cellpose.json': JSON.stringify(tool),
    'knowledge/glossary/iou.json': JSON.stringify(term('iou', 'IoU', 'iou')),
    'knowledge/glossary/psnr.json': JSON.stringify(term('psnr', 'PSNR')),
    'knowledge/questions.json': JSON.stringify(questions),
    'knowledge/categories.json': JSON.stringify([category]),
    'knowledge/restoration-methods.json': JSON.stringify([]),
    'knowledge/trees/tiny.json': JSON.stringify(tree),
  };
}

/** Parse a fixture file, change it with `edit`, and put it back. */
export function editFile(files: KnowledgeFiles, path: string, edit: (value: Record<string, unknown>) => void): KnowledgeFiles {
  const value = JSON.parse(files[path] ?? 'null') as Record<string, unknown>;
  edit(value);
  return { ...files, [path]: JSON.stringify(value) };
}
