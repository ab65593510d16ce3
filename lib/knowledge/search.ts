import Fuse, { type FuseIndex, type IFuseOptions } from 'fuse.js';

import type { KnowledgeBase } from './knowledge-base';

export const SEARCH_TYPES = ['tool', 'category', 'restoration-method', 'glossary', 'case-study', 'tree'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** One searchable entity, whatever its type. Small on purpose: the client downloads all of them. */
export interface SearchDoc {
  type: SearchType;
  id: string;
  title: string;
  /** Other names: glossary aliases, acronyms, tool kind. */
  aliases: string[];
  summary: string;
  /** Tasks, categories, families: short labels people type ("denoising", "3d"). */
  tags: string[];
  url: string;
}

export interface SearchResult {
  type: SearchType;
  id: string;
  title: string;
  summary: string;
  url: string;
  /** 0 = perfect match, 1 = no match (Fuse's scale). */
  score: number;
}

export interface SearchOptions {
  /** Restrict to these entity types. */
  types?: readonly SearchType[];
  /** Maximum number of results. @default 20 */
  limit?: number;
}

/** The search engine behind an interface, so the fuse.js choice stays in this file (napari-hub's pattern). */
export interface SearchEngine {
  search(query: string, options?: SearchOptions): SearchResult[];
}

/** What the build writes and the client revives: the documents and Fuse's prebuilt index. */
export interface SerializedSearchIndex {
  docs: SearchDoc[];
  index: ReturnType<FuseIndex<SearchDoc>['toJSON']>;
}

/**
 * Field weights. The title is what people type most ("cellpose"); aliases catch acronyms and
 * alternative names ("IoU", "N2V"); tags hold tasks so "denoising" finds tools that do it; the
 * summary is prose and matches loosely, so it counts least.
 */
const KEYS = [
  { name: 'title', weight: 8 },
  { name: 'aliases', weight: 5 },
  { name: 'tags', weight: 2 },
  { name: 'summary', weight: 1 },
];

const FUSE_OPTIONS: IFuseOptions<SearchDoc> = {
  keys: KEYS,
  // Scores are returned so the CLI and tests can show them and ranking can be checked.
  includeScore: true,
  // 0.4 lets two typos through in a 7–12 letter word ("stardsit", "deconvoluton") without letting
  // unrelated short words match; tuned on the relevance table in test/integration.
  threshold: 0.4,
  // Names can appear anywhere in a field ("3D-RCAN", "Cellpose web console"): position must not matter.
  ignoreLocation: true,
  // Single letters match everything; two is the shortest useful fragment ("2d", "AP").
  minMatchCharLength: 2,
  // Field length normalisation would favour short glossary titles over tools; off keeps names first.
  ignoreFieldNorm: true,
  // Ties are broken by our own sort below, not by Fuse's insertion order.
  shouldSort: true,
};

/** Turn the knowledge base into search documents (build time). */
export function buildSearchDocs(kb: KnowledgeBase): SearchDoc[] {
  const docs: SearchDoc[] = [
    ...kb.tools.map((t) => ({ type: 'tool' as const, id: t.id, title: t.name, aliases: [t.id, t.kind], summary: t.summary, tags: [...t.tasks, ...t.categories, ...t.dimensionality], url: `/tools/${t.id}` })),
    ...kb.categories.map((c) => ({ type: 'category' as const, id: c.id, title: c.name, aliases: [c.id], summary: c.summary, tags: [], url: `/methods/${c.id}` })),
    ...kb.restorationMethods.map((m) => ({ type: 'restoration-method' as const, id: m.id, title: m.name, aliases: [m.id], summary: m.summary, tags: [...m.tasks, m.family], url: `/restoration/${m.id}` })),
    ...kb.glossary.map((g) => ({ type: 'glossary' as const, id: g.id, title: g.term, aliases: g.aliases, summary: g.short, tags: [], url: `/glossary/${g.id}` })),
    ...kb.caseStudies.map((c) => ({ type: 'case-study' as const, id: c.id, title: c.title, aliases: [], summary: c.summary, tags: [], url: `/wizard/presets#${c.id}` })),
    ...kb.trees.map((t) => ({ type: 'tree' as const, id: t.id, title: t.title, aliases: t.figure ? [t.figure] : [], summary: t.summary, tags: [], url: `/trees/${t.id}` })),
  ];
  return docs;
}

/** Build the serialized index at build time; the client revives it with {@link reviveSearchEngine}. */
export function buildSearchIndex(kb: KnowledgeBase): SerializedSearchIndex {
  const docs = buildSearchDocs(kb);
  return { docs, index: Fuse.createIndex(KEYS, docs).toJSON() };
}

/** Create an engine from the serialized index without re-indexing. */
export function reviveSearchEngine(serialized: SerializedSearchIndex): SearchEngine {
  const index = Fuse.parseIndex<SearchDoc>(serialized.index);
  return createEngine(new Fuse(serialized.docs, FUSE_OPTIONS, index));
}

/** Create an engine straight from the knowledge base (CLI, tests). */
export function createSearchEngine(kb: KnowledgeBase): SearchEngine {
  return reviveSearchEngine(buildSearchIndex(kb));
}

const TYPE_ORDER: Record<SearchType, number> = { tool: 0, 'restoration-method': 1, category: 2, glossary: 3, 'case-study': 4, tree: 5 };

function createEngine(fuse: Fuse<SearchDoc>): SearchEngine {
  return {
    search(query, { types, limit = 20 } = {}) {
      const q = query.trim();
      if (q.length < 2) return [];
      const allowed = types && types.length > 0 ? new Set(types) : null;
      return fuse
        .search(q)
        .filter((r) => !allowed || allowed.has(r.item.type))
        .map((r) => ({ doc: r.item, score: roundScore(r.score ?? 1) }))
        // Equal scores: exact title match first, then tools before terms, then id — deterministic.
        .sort((a, b) => a.score - b.score || Number(isExact(b.doc, q)) - Number(isExact(a.doc, q)) || TYPE_ORDER[a.doc.type] - TYPE_ORDER[b.doc.type] || a.doc.id.localeCompare(b.doc.id))
        .slice(0, limit)
        .map(({ doc, score }) => ({ type: doc.type, id: doc.id, title: doc.title, summary: doc.summary, url: doc.url, score }));
    },
  };
}

function isExact(doc: SearchDoc, q: string): boolean {
  const lower = q.toLowerCase();
  return doc.title.toLowerCase() === lower || doc.aliases.some((a) => a.toLowerCase() === lower);
}

function roundScore(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}
