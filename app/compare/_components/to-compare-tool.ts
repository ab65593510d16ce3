import { facetValueLabel, resolveBookRef, type BookData, type Tool } from '@/lib/knowledge';

import type { CompareCell, CompareTool } from './compare-rows';

const list = (values: readonly string[], empty = 'none listed') => (values.length > 0 ? values.join('; ') : empty);
const labelled = (values: readonly string[]) => list(values.map(facetValueLabel));
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** Flatten a tool into table cells (server side, so the browser gets strings only). */
export function toCompareTool(t: Tool, tools: readonly Tool[], book: BookData): CompareTool {
  const names = (ids: readonly string[]) => list(ids.map((id) => tools.find((x) => x.id === id)?.name ?? id));
  const cells: Record<string, CompareCell> = {
    kind: { text: facetValueLabel(t.kind) },
    summary: { text: t.summary },
    tasks: { text: labelled(t.tasks) },
    categories: { text: labelled(t.categories) },
    outputs: { text: list(t.outputs, 'not stated') },
    dimensionality: { text: labelled(t.dimensionality) },
    interfaces: { text: labelled(t.interfaces) },
    os: { text: labelled(t.os) },
    runsWhere: { text: labelled(t.runsWhere) },
    gpu: { text: facetValueLabel(t.gpu) },
    installEffort: { text: facetValueLabel(t.installEffort) },
    coding: { text: facetValueLabel(t.coding) },
    pretrained: { text: yesNo(t.training.pretrained) },
    fineTune: { text: yesNo(t.training.fineTune) },
    fromScratch: { text: yesNo(t.training.fromScratch) },
    shapeAssumptions: { text: t.shapeAssumptions ?? 'none' },
    runsInside: { text: names(t.runsInside) },
    canRun: { text: names(t.canRun) },
    bestFor: { text: list(t.bestFor) },
    notFor: { text: list(t.notFor) },
    largestDrawback: { text: t.largestDrawback },
    license: { text: t.license },
    doi: t.doi === 'none' || t.doi === 'unknown' ? { text: t.doi === 'none' ? 'no paper' : 'unknown' } : { text: `doi:${t.doi}`, href: `https://doi.org/${t.doi}` },
    homepage: { text: t.homepage, href: t.homepage },
    book: { text: list(t.bookRefs.map((r) => `§${resolveBookRef(r, book)?.number ?? r.section}`), 'not in the book') },
    lastChecked: { text: t.lastChecked },
  };
  return { id: t.id, name: t.name, cells };
}
