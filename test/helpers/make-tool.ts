import type { Tool } from '@/lib/knowledge';

/** A valid tool with neutral attributes; tests override only the fields they reason about. */
export function makeTool(id: string, overrides: Partial<Tool> = {}): Tool {
  return {
    id,
    name: id,
    kind: 'application',
    summary: `${id} summary.`,
    description: `${id} description.`,
    homepage: `https://example.org/${id}`,
    doi: 'none',
    license: 'unknown',
    categories: [],
    tasks: ['measurement'],
    outputs: [],
    dimensionality: ['2d'],
    interfaces: ['desktop-gui'],
    coding: 'none',
    installEffort: 'low',
    os: ['linux'],
    gpu: 'not-needed',
    runsWhere: ['local'],
    training: { pretrained: false, fineTune: false, fromScratch: false },
    shapeAssumptions: null,
    runsInside: [],
    canRun: [],
    bestFor: ['testing'],
    notFor: [],
    largestDrawback: 'none known',
    bookRefs: [{ section: '8.5' }],
    glossary: [],
    lastChecked: '2026-11-25',
    ...overrides,
  };
}
