import { describe, expect, it } from 'vitest';

import { makeTool } from '@/test/helpers/make-tool';

import { EffortSchema, GpuSchema } from './schema';
import { EFFORT_LEVELS, FACET_IDS, FACETS, GPU_LEVELS, countSelected, emptyFacetSelection, facetCounts, facetValueLabel, filterTools, parseFacetSelection, serializeFacetSelection, toggleFacetValue, usedFacetValues, type FacetSelection } from './facets';

// Four tools whose attributes are chosen so each expected result can be worked out by hand.
const denoiserNoGpu = makeTool('a', { tasks: ['denoising'], gpu: 'not-needed', os: ['windows', 'linux'] });
const denoiserGpu = makeTool('b', { tasks: ['denoising', 'deconvolution'], gpu: 'required', os: ['linux'], training: { pretrained: true, fineTune: true, fromScratch: false } });
const segmenterNoGpu = makeTool('c', { tasks: ['instance-segmentation'], gpu: 'not-needed', os: ['macos'] });
const deconvolverOptional = makeTool('d', { tasks: ['deconvolution'], gpu: 'optional', os: ['windows'], training: { pretrained: false, fineTune: true, fromScratch: true } });
const TOOLS = [denoiserNoGpu, denoiserGpu, segmenterNoGpu, deconvolverOptional];

function select(entries: Partial<Record<keyof FacetSelection, string[]>>): FacetSelection {
  return { ...emptyFacetSelection(), ...entries };
}
const ids = (list: { id: string }[]) => list.map((t) => t.id);

describe('filterTools', () => {
  it('shows every tool when nothing is selected', () => {
    expect(ids(filterTools(TOOLS, emptyFacetSelection()))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('combines facets with AND', () => {
    // denoising: a, b; gpu not-needed: a, c → both: a only.
    expect(ids(filterTools(TOOLS, select({ task: ['denoising'], gpu: ['not-needed'] })))).toEqual(['a']);
    // denoising: a, b; fine-tunable: b, d → both: b only.
    expect(ids(filterTools(TOOLS, select({ task: ['denoising'], finetune: ['yes'] })))).toEqual(['b']);
  });

  it('combines values of one facet with OR', () => {
    expect(ids(filterTools(TOOLS, select({ gpu: ['not-needed', 'optional'] })))).toEqual(['a', 'c', 'd']);
    expect(ids(filterTools(TOOLS, select({ os: ['macos', 'windows'] })))).toEqual(['a', 'c', 'd']);
  });

  it('returns nothing when the facets exclude each other', () => {
    expect(filterTools(TOOLS, select({ task: ['instance-segmentation'], gpu: ['required'] }))).toEqual([]);
  });
});

describe('facetCounts', () => {
  it('counts each value against the other facets only', () => {
    const counts = facetCounts(TOOLS, select({ task: ['denoising'] }));
    // Task counts ignore the task selection itself: denoising a,b; deconvolution b,d; segmentation c.
    expect(counts.task['denoising']).toBe(2);
    expect(counts.task['deconvolution']).toBe(2);
    expect(counts.task['instance-segmentation']).toBe(1);
    // GPU counts are among the denoisers a, b.
    expect(counts.gpu).toEqual({ 'not-needed': 1, optional: 0, recommended: 0, required: 1 });
    expect(counts.finetune).toEqual({ yes: 1, no: 1 });
  });
});

describe('parseFacetSelection', () => {
  it('reads repeated and comma-separated values in display order', () => {
    const { selection, ignored } = parseFacetSelection(new URLSearchParams('gpu=optional&gpu=not-needed&task=denoising,deconvolution'));
    expect(selection.gpu).toEqual(['not-needed', 'optional']);
    expect(selection.task).toEqual(['denoising', 'deconvolution']);
    expect(ignored).toEqual([]);
  });

  it('ignores unknown facets and values and says so', () => {
    const { selection, ignored } = parseFacetSelection(new URLSearchParams('task=denoising,dancing&colour=blue'));
    expect(selection.task).toEqual(['denoising']);
    expect(ignored.map((i) => `${i.param}=${i.value}`)).toEqual(['task=dancing', 'colour=blue']);
    expect(countSelected(selection)).toBe(1);
  });

  it('leaves pass-through parameters alone', () => {
    expect(parseFacetSelection(new URLSearchParams('q=x'), ['q']).ignored).toEqual([]);
  });

  it('round-trips through serializeFacetSelection', () => {
    const selection = toggleFacetValue(toggleFacetValue(emptyFacetSelection(), 'gpu', 'not-needed'), 'task', 'denoising');
    const query = serializeFacetSelection(selection);
    expect(query).toBe('task=denoising&gpu=not-needed');
    expect(parseFacetSelection(new URLSearchParams(query)).selection).toEqual(selection);
    expect(toggleFacetValue(selection, 'gpu', 'not-needed').gpu).toEqual([]);
  });
});

describe('facet vocabularies', () => {
  it('match the schema enums they mirror', () => {
    expect([...GPU_LEVELS]).toEqual(GpuSchema.options);
    expect([...EFFORT_LEVELS]).toEqual(EffortSchema.options);
  });
});

describe('facet labels and used values (issue 10)', () => {
  it('labels the category facet with the categories\' own names', async () => {
    const { loadKnowledgeBase } = await import('./load');
    const kb = loadKnowledgeBase();
    for (const c of kb.categories) expect(facetValueLabel(c.id)).toBe(c.name);
  });

  it('keeps only values some tool has', async () => {
    const { loadKnowledgeBase } = await import('./load');
    const kb = loadKnowledgeBase();
    const used = usedFacetValues(kb.tools);
    for (const f of FACET_IDS) {
      for (const v of used[f]) expect(kb.tools.some((t) => FACETS[f].of(t).includes(v)), `${f}=${v}`).toBe(true);
      for (const v of FACETS[f].values.filter((x) => !used[f].includes(x))) expect(kb.tools.some((t) => FACETS[f].of(t).includes(v)), `${f}=${v}`).toBe(false);
    }
    expect(usedFacetValues([])).toEqual(Object.fromEntries(FACET_IDS.map((f) => [f, []])));
  });
});

