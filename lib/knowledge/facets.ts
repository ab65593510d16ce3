import type { Tool } from './schema';
import { CATEGORY_IDS, DIMENSIONS, INTERFACES, OPERATING_SYSTEMS, TASKS, TOOL_KINDS } from './vocabulary';

// The tools page runs this in the browser: vocabularies come from ./vocabulary, not the zod schema.
// These two mirror GpuSchema and EffortSchema (facets.test.ts checks they stay equal).
/** GPU need, least first. */
export const GPU_LEVELS = ['not-needed', 'optional', 'recommended', 'required'] as const;
/** Install effort, least first. */
export const EFFORT_LEVELS = ['none', 'low', 'medium', 'high'] as const;

/**
 * Faceted filtering of the tools index. Facets combine with AND (a tool must match every facet that
 * has a selection); values inside one facet combine with OR (a tool matches a facet when it has any
 * of the selected values). The selection lives in the URL (`/tools?task=denoising&gpu=not-needed`),
 * so everything here is pure and works the same on the server, in the browser and in tests.
 */

/** The facet ids, in display order. Each is also its URL parameter name. */
export const FACET_IDS = ['task', 'category', 'dim', 'interface', 'gpu', 'install', 'finetune', 'os', 'kind'] as const;
export type FacetId = (typeof FACET_IDS)[number];

/** The values a tool field can take, and how to read them off a tool. */
interface FacetDefinition {
  label: string;
  values: readonly string[];
  of: (tool: FacetTool) => readonly string[];
}

/** The tool fields the facets read; pages pass slim tool objects to the browser. */
export type FacetTool = Pick<Tool, 'tasks' | 'categories' | 'dimensionality' | 'interfaces' | 'gpu' | 'installEffort' | 'training' | 'os' | 'kind'>;

/** Every facet: a label for people, its allowed values (in display order) and the tool's values. */
export const FACETS: Readonly<Record<FacetId, FacetDefinition>> = {
  task: { label: 'Task', values: TASKS, of: (t) => t.tasks },
  category: { label: 'Method category', values: CATEGORY_IDS, of: (t) => t.categories },
  dim: { label: 'Dimensionality', values: DIMENSIONS, of: (t) => t.dimensionality },
  interface: { label: 'Interface', values: INTERFACES, of: (t) => t.interfaces },
  gpu: { label: 'GPU', values: GPU_LEVELS, of: (t) => [t.gpu] },
  install: { label: 'Install effort', values: EFFORT_LEVELS, of: (t) => [t.installEffort] },
  finetune: { label: 'Fine-tunable', values: ['yes', 'no'], of: (t) => [t.training.fineTune ? 'yes' : 'no'] },
  os: { label: 'Operating system', values: OPERATING_SYSTEMS, of: (t) => t.os },
  kind: { label: 'Kind', values: TOOL_KINDS, of: (t) => [t.kind] },
};

// Labels that a plain "capitalise the first word" would get wrong.
const VALUE_LABELS: Readonly<Record<string, string>> = {
  '2d': '2D',
  '3d': '3D',
  time: 'Time-lapse',
  'desktop-gui': 'Desktop GUI',
  'web-app': 'Web app',
  cli: 'Command line',
  'python-api': 'Python API',
  'java-api': 'Java API',
  windows: 'Windows',
  macos: 'macOS',
  linux: 'Linux',
  // The §8.5 categories: the same names as knowledge/categories.json (facets.test.ts checks).
  'manual-annotation': 'Manual annotation',
  'pretrained-dl': 'Pre-trained deep learning models',
  'finetuned-dl': 'Fine-tuned deep learning models',
  'scratch-dl': 'Deep learning trained from scratch',
  'pixel-classification': 'Pixel-based machine learning',
  classical: 'Classical image processing',
  'model-repository': 'Model repository',
  'commercial-suite': 'Commercial suite',
  'data-repository': 'Data repository',
  'training-deployment': 'Training and deployment',
  'tool-discovery': 'Tool discovery',
  'label-free-prediction': 'Label-free prediction',
};

/** A readable label for a facet value ("python-api" → "Python API", "instance-segmentation" → "Instance segmentation"). */
export function facetValueLabel(value: string): string {
  const known = VALUE_LABELS[value];
  if (known) return known;
  const words = value.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The selected values of every facet; an empty list means "no filter on this facet". */
export type FacetSelection = Readonly<Record<FacetId, readonly string[]>>;

/** A URL parameter that could not be used, with the reason shown to the user. */
export interface IgnoredFacetParam {
  param: string;
  value: string;
  reason: string;
}

/** What {@link parseFacetSelection} returns. */
export interface ParseFacetsResult {
  selection: FacetSelection;
  /** Unknown facets or values, ignored rather than fatal. */
  ignored: IgnoredFacetParam[];
}

/** A selection with nothing selected. */
export function emptyFacetSelection(): FacetSelection {
  return Object.fromEntries(FACET_IDS.map((f) => [f, []])) as unknown as FacetSelection;
}

function isFacetId(name: string): name is FacetId {
  return (FACET_IDS as readonly string[]).includes(name);
}

/**
 * Read a facet selection from URL parameters. A facet may repeat (`task=a&task=b`) or list values
 * with commas (`task=a,b`). Unknown facets and values are skipped and reported in `ignored`, so a
 * stale or hand-edited link still shows a page. Values come back deduplicated in display order.
 * @param params the page's search parameters
 * @param passThrough parameter names that belong to something else and are not facets
 * @returns the valid selection and what was ignored
 */
export function parseFacetSelection(params: URLSearchParams, passThrough: readonly string[] = []): ParseFacetsResult {
  const picked = new Map<FacetId, Set<string>>(FACET_IDS.map((f) => [f, new Set<string>()]));
  const ignored: IgnoredFacetParam[] = [];
  for (const [name, raw] of params) {
    if (passThrough.includes(name)) continue;
    if (!isFacetId(name)) {
      ignored.push({ param: name, value: raw, reason: `"${name}" is not a filter; the filters are ${FACET_IDS.join(', ')}` });
      continue;
    }
    for (const value of raw.split(',').map((v) => v.trim().toLowerCase())) {
      if (value === '') continue;
      if (FACETS[name].values.includes(value)) picked.get(name)!.add(value);
      else ignored.push({ param: name, value, reason: `"${value}" is not a ${FACETS[name].label.toLowerCase()} value` });
    }
  }
  const selection = Object.fromEntries(FACET_IDS.map((f) => [f, FACETS[f].values.filter((v) => picked.get(f)!.has(v))])) as unknown as FacetSelection;
  return { selection, ignored };
}

/**
 * Write a selection as a query string in a canonical form (facets in {@link FACET_IDS} order,
 * values comma-joined in display order), without the leading "?". Empty when nothing is selected.
 */
export function serializeFacetSelection(selection: FacetSelection): string {
  const parts: string[] = [];
  for (const f of FACET_IDS) {
    const values = FACETS[f].values.filter((v) => selection[f].includes(v));
    if (values.length > 0) parts.push(`${f}=${values.map(encodeURIComponent).join(',')}`);
  }
  return parts.join('&');
}

/** The selection with one value of one facet switched on or off. */
export function toggleFacetValue(selection: FacetSelection, facet: FacetId, value: string): FacetSelection {
  const current = selection[facet];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...selection, [facet]: FACETS[facet].values.filter((v) => next.includes(v)) };
}

/** Number of selected values over all facets. */
export function countSelected(selection: FacetSelection): number {
  return FACET_IDS.reduce((n, f) => n + selection[f].length, 0);
}

/** True when the tool matches one facet: nothing selected there, or the tool has any selected value. */
function matchesFacet(tool: FacetTool, selection: FacetSelection, facet: FacetId): boolean {
  const wanted = selection[facet];
  if (wanted.length === 0) return true;
  const has = FACETS[facet].of(tool);
  return wanted.some((v) => has.includes(v));
}

/**
 * The tools that match every facet with a selection (AND across facets, OR within one), in input order.
 * @param tools the tools to filter
 * @param selection the selected values per facet
 * @returns the matching tools
 */
export function filterTools<T extends FacetTool>(tools: readonly T[], selection: FacetSelection): T[] {
  return tools.filter((t) => FACET_IDS.every((f) => matchesFacet(t, selection, f)));
}

/**
 * For every facet value, how many tools would be shown if that value were added to the facet's
 * selection: tools matching all *other* facets and having this value. This is the usual faceted
 * count; it stays meaningful for OR within a facet.
 * @returns counts per facet and value (every allowed value is present, possibly 0)
 */
/**
 * The values of each facet that at least one tool has: the others are hidden, since ticking them could
 * only ever show an empty list.
 *
 * @param tools - every tool of the catalogue
 * @returns for each facet, its used values in display order
 */
export function usedFacetValues(tools: readonly FacetTool[]): Record<FacetId, readonly string[]> {
  const out = {} as Record<FacetId, readonly string[]>;
  for (const f of FACET_IDS) {
    const used = new Set(tools.flatMap((t) => FACETS[f].of(t)));
    out[f] = FACETS[f].values.filter((v) => used.has(v));
  }
  return out;
}

export function facetCounts(tools: readonly FacetTool[], selection: FacetSelection): Record<FacetId, Record<string, number>> {
  const counts = {} as Record<FacetId, Record<string, number>>;
  for (const f of FACET_IDS) {
    const others = tools.filter((t) => FACET_IDS.every((g) => g === f || matchesFacet(t, selection, g)));
    const row: Record<string, number> = Object.fromEntries(FACETS[f].values.map((v) => [v, 0]));
    for (const t of others) for (const v of new Set(FACETS[f].of(t))) if (v in row) row[v] = (row[v] ?? 0) + 1;
    counts[f] = row;
  }
  return counts;
}
