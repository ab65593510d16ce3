import Fuse, { type Expression, type FuseIndex, type IFuseOptions } from 'fuse.js';

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

const MAX_QUERY_LENGTH = 32;

/**
 * Several words are matched one by one, every word required (in any field): "segment nuclei" finds
 * an entry that says "segment" in its title and "nuclei" in its summary, which one fuzzy pattern over
 * the whole phrase misses. It is also faster: bitap's cost grows with the square of the pattern
 * length (one pass per allowed error), so four short words cost less than one long phrase.
 * One word stays a plain pattern.
 */
function toFuseQuery(q: string): string | Expression {
  const tokens = q.split(/\s+/).filter((t) => t.length > 0);
  if (tokens.length < 2) return q;
  return { $and: tokens.map((t) => ({ $or: KEYS.map((k) => ({ [k.name]: t })) })) };
}

/** A document's names (title and aliases), normalised once, for {@link nameTier}. */
interface DocNames {
  names: string[];
  words: Set<string>;
}

function createEngine(fuse: Fuse<SearchDoc>): SearchEngine {
  // Normalised names are computed once per document, not once per query and result.
  const cache = new Map<SearchDoc, DocNames>();
  const namesOf = (doc: SearchDoc): DocNames => {
    let entry = cache.get(doc);
    if (!entry) {
      const names = [doc.title, ...doc.aliases];
      entry = { names: names.map(normalizeName), words: new Set(names.flatMap(words)) };
      cache.set(doc, entry);
    }
    return entry;
  };
  return {
    search(query, { types, limit = 20 } = {}) {
      // Fuse's bitap matcher handles at most 32 characters per pass and splits longer patterns into
      // extra passes over every document; no name in the knowledge base needs more than 32 to be found.
      const q = query.trim().slice(0, MAX_QUERY_LENGTH);
      if (q.length < 2) return [];
      const allowed = types && types.length > 0 ? new Set(types) : null;
      return fuse
        .search(toFuseQuery(q))
        .filter((r) => !allowed || allowed.has(r.item.type))
        .map((r) => ({ doc: r.item, score: roundScore(r.score ?? 1), tier: nameTier(namesOf(r.item), q) }))
        // Name tier first (see nameTier), then Fuse's score, then tools before terms, then id — deterministic.
        .sort((a, b) => a.tier - b.tier || a.score - b.score || TYPE_ORDER[a.doc.type] - TYPE_ORDER[b.doc.type] || a.doc.id.localeCompare(b.doc.id))
        .slice(0, limit)
        .map(({ doc, score }) => ({ type: doc.type, id: doc.id, title: doc.title, summary: doc.summary, url: doc.url, score }));
    },
  };
}

/**
 * How directly the query names this document, as a rank tier (lower is better):
 * 0 the title or an alias is the query ("IoU", "cellpose");
 * 1 the title or an alias is the query with one typo ("cellpse", "stardsit", "deconvoluton");
 * 2 every word of the query is a whole word of the title or an alias, plurals aside ("SAM" in
 *   "Segment Anything (SAM)", "pretrained model" for "Pre-trained deep learning models" alias "pretrained-dl");
 * 3 anything else Fuse found.
 * Why: Fuse multiplies the scores of all matching fields, so an entry that mentions a word in its
 * title *and* its tags (every deconvolution tool) beats the entry that *is* that word (the glossary's
 * "Deconvolution"), and short acronyms match inside longer words ("sam" in "downsampling"). People
 * who type a name want the thing with that name first.
 */
function nameTier({ names, words: nameWords }: DocNames, q: string): number {
  const query = normalizeName(q);
  if (names.includes(query)) return 0;
  // One edit is enough from 5 letters on; shorter words are too easily another word ("sam" → "same").
  if (query.length >= 5 && names.some((n) => Math.abs(n.length - query.length) <= 1 && osaDistance(n, query) <= 1)) return 1;
  const queryWords = words(q);
  if (queryWords.length > 0 && queryWords.every((w) => nameWords.has(w))) return 2;
  return 3;
}

/** Lowercase and treat hyphens, spaces and dots alike, so "noise2void", "Noise2Void" and "micro-sam" compare as names. */
function normalizeName(s: string): string {
  return s.toLowerCase().replace(/[\s\-_.]+/g, ' ').trim();
}

/** Lowercase words with a plural "s" dropped, so "model" matches "models" and "hallucination" "hallucinations". */
function words(s: string): string[] {
  return s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions ("stardsit" is one edit from "stardist"). */
function osaDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row[j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row[j] = d;
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

function roundScore(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}
