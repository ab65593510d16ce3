import Fuse, { type FuseIndex, type IFuseOptions } from 'fuse.js';

import type { KnowledgeBase } from './knowledge-base';

export const SEARCH_TYPES = ['tool', 'category', 'restoration-method', 'glossary', 'case-study', 'tree', 'resource'] as const;
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
 * alternative names ("IoU", "N2V"); tags hold tasks so "denoising" finds tools that do it.
 * The summary is not a fuzzy field: scanning every summary with bitap cost half of each query's
 * time (bench/search.ts) and its loose matches rarely helped. Whole words of the summary still
 * count, through {@link SUMMARY_WORD_SCORE}.
 */
const KEYS = [
  { name: 'title', weight: 8 },
  { name: 'aliases', weight: 5 },
  { name: 'tags', weight: 2 },
];

/**
 * Score of a query word found only as the start of a word of an entry's summary ("stack" in
 * "stacks"). 0.5 ranks it after every fuzzy name match (the threshold keeps those at or below 0.4).
 */
const SUMMARY_WORD_SCORE = 0.5;

/**
 * Match a query word by word: a word matches an entry when Fuse finds it (fuzzily) in the title,
 * aliases or tags, or when a word of the entry's summary starts with it ("segment" → "segments").
 * Every word must match; the entry's score is the mean of its word scores. Why per word: one fuzzy
 * pattern over a whole phrase misses entries whose words are spread over several fields, and bitap's
 * cost grows with the square of the pattern length, so short words are also faster.
 */
function matchWords(fuse: Fuse<SearchDoc>, docs: readonly SearchDoc[], tokens: readonly string[], namesOf: (doc: SearchDoc) => DocNames): Map<SearchDoc, number> {
  let combined: Map<SearchDoc, number> | null = null;
  for (const token of tokens) {
    const scores = new Map<SearchDoc, number>();
    const stem = words(token)[0];
    if (combined !== null && combined.size <= FEW_CANDIDATES && stem) {
      // Later words only need checking against the entries still in the running: a word-level
      // check of a few entries is far cheaper than another Fuse pass over all of them.
      for (const doc of combined.keys()) {
        const score = wordScore(namesOf(doc), stem);
        if (score !== null) scores.set(doc, score);
      }
    } else {
      for (const r of fuse.search(token)) scores.set(r.item, r.score ?? 1);
      if (stem && stem.length >= 3) {
        for (const doc of docs) if (!scores.has(doc) && namesOf(doc).summaryWords.some((w) => w.startsWith(stem))) scores.set(doc, SUMMARY_WORD_SCORE);
      }
    }
    const next = new Map<SearchDoc, number>();
    for (const [doc, score] of scores) {
      if (combined === null) next.set(doc, score);
      else if (combined.has(doc)) next.set(doc, combined.get(doc)! + score);
    }
    combined = next;
    if (combined.size === 0) break;
  }
  const result = new Map<SearchDoc, number>();
  for (const [doc, sum] of combined ?? []) result.set(doc, sum / tokens.length);
  return result;
}

/** Below this many remaining entries, later query words are checked word by word instead of by Fuse. */
const FEW_CANDIDATES = 60;

/**
 * Score of one query word against one entry's words, on Fuse's scale: 0 a whole word of the title,
 * aliases or tags; 0.1 the start of one; 0.2 one typo away (words of 5+ letters);
 * {@link SUMMARY_WORD_SCORE} the start of a summary word; null no match.
 */
function wordScore(entry: DocNames, word: string): number | null {
  if (entry.fieldWords.includes(word)) return 0;
  if (word.length >= 2 && entry.fieldWords.some((w) => w.startsWith(word))) return 0.1;
  if (word.length >= 5 && entry.fieldWords.some((w) => Math.abs(w.length - word.length) <= 1 && osaDistance(w, word) <= 1)) return 0.2;
  if (word.length >= 3 && entry.summaryWords.some((w) => w.startsWith(word))) return SUMMARY_WORD_SCORE;
  return null;
}

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
    ...kb.tools.map((t) => ({ type: 'tool' as const, id: t.id, title: t.name, aliases: [t.id, t.kind, ...(t.aliases ?? [])], summary: t.summary, tags: [...t.tasks, ...t.categories, ...t.dimensionality], url: `/tools/${t.id}` })),
    ...kb.categories.map((c) => ({ type: 'category' as const, id: c.id, title: c.name, aliases: [c.id], summary: c.summary, tags: [], url: `/methods/${c.id}` })),
    ...kb.restorationMethods.map((m) => ({ type: 'restoration-method' as const, id: m.id, title: m.name, aliases: [m.id], summary: m.summary, tags: [...m.tasks, m.family], url: `/restoration/${m.id}` })),
    ...kb.glossary.map((g) => ({ type: 'glossary' as const, id: g.id, title: g.term, aliases: g.aliases, summary: g.short, tags: [], url: `/glossary/${g.id}` })),
    ...kb.caseStudies.map((c) => ({ type: 'case-study' as const, id: c.id, title: c.title, aliases: [], summary: c.summary, tags: [], url: `/wizard/presets#${c.id}` })),
    ...kb.trees.map((t) => ({ type: 'tree' as const, id: t.id, title: t.title, aliases: t.figure ? [t.figure] : [], summary: t.summary, tags: [], url: `/trees/${t.id}` })),
    ...kb.resources.map((r) => ({ type: 'resource' as const, id: r.id, title: r.name, aliases: [r.kind], summary: r.summary, tags: r.topics, url: `/resources#${r.id}` })),
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
  return createEngine(new Fuse(serialized.docs, FUSE_OPTIONS, index), serialized.docs);
}

/** Create an engine straight from the knowledge base (CLI, tests). */
export function createSearchEngine(kb: KnowledgeBase): SearchEngine {
  return reviveSearchEngine(buildSearchIndex(kb));
}

const TYPE_ORDER: Record<SearchType, number> = { tool: 0, 'restoration-method': 1, category: 2, glossary: 3, 'case-study': 4, tree: 5, resource: 6 };

const MAX_QUERY_LENGTH = 32;


/** A document's names (title and aliases), normalised once, for {@link nameTier}. */
interface DocNames {
  names: string[];
  words: Set<string>;
  /** Words of the title, aliases and tags. */
  fieldWords: string[];
  /** Words of the summary, for prefix matches. */
  summaryWords: string[];
}

function createEngine(fuse: Fuse<SearchDoc>, docs: readonly SearchDoc[]): SearchEngine {
  // Normalised names are computed once per document, not once per query and result.
  const cache = new Map<SearchDoc, DocNames>();
  const namesOf = (doc: SearchDoc): DocNames => {
    let entry = cache.get(doc);
    if (!entry) {
      const names = [doc.title, ...doc.aliases];
      entry = {
        names: names.map(normalizeName),
        words: new Set(names.flatMap(words)),
        fieldWords: [...new Set([...names, ...doc.tags].flatMap(words))],
        summaryWords: [...new Set(words(doc.summary))],
      };
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
      const tokens = queryTokens(q);
      const found = [...matchWords(fuse, docs, tokens, namesOf)].map(([doc, score]) => ({ doc, score: roundScore(score) }));
      // A phrase of three or more words ("3d nuclei segmentation") rarely has every word in one entry:
      // when few entries match them all, add the entries that match all words but one, after them.
      if (tokens.length >= 3 && found.length < limit) {
        const have = new Set(found.map((r) => r.doc));
        // Leaving out a common word ("3d", matched by most tools) loses less than leaving out a rare one
        // ("nuclei"): the most common word is dropped first, and those entries rank first.
        const frequency = tokens.map((t) => matchWords(fuse, docs, [t], namesOf).size);
        const order = tokens.map((_, i) => i).sort((a, b) => frequency[b]! - frequency[a]! || a - b);
        const partial = new Map<SearchDoc, { rank: number; score: number }>();
        order.forEach((skip, rank) => {
          const rest = tokens.filter((_, i) => i !== skip);
          for (const [doc, score] of matchWords(fuse, docs, rest, namesOf)) {
            if (have.has(doc) || partial.has(doc)) continue;
            // The missing word counts as a score of 1 (no match) in the mean.
            partial.set(doc, { rank, score: (score * rest.length + 1) / tokens.length });
          }
        });
        const extra = [...partial]
          .sort(([a, x], [b, y]) => x.rank - y.rank || x.score - y.score || a.id.localeCompare(b.id))
          .map(([doc, { score }]) => ({ doc, score: roundScore(score) }));
        found.push(...extra.map((r) => ({ ...r, partial: true })));
      }
      return found
        .filter((r) => !allowed || allowed.has(r.doc.type))
        // Partial matches (all words but one) rank after every full match.
        .map((r) => ({ ...r, tier: 'partial' in r ? 4 : nameTier(namesOf(r.doc), q) }))
        // Name tier first (see nameTier), then Fuse's score, then tools before terms, then id — deterministic.
        .sort((a, b) => a.tier - b.tier || (a.tier === 4 ? 0 : a.score - b.score || TYPE_ORDER[a.doc.type] - TYPE_ORDER[b.doc.type] || a.doc.id.localeCompare(b.doc.id)))
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

/** Words that carry no meaning in a search ("segment nuclei *in* 3d"); dropped unless the query is only these. */
const STOP_WORDS = new Set(['a', 'an', 'the', 'in', 'of', 'for', 'to', 'on', 'with', 'my', 'and', 'or', 'from', 'by', 'how', 'i', 'do', 'can', 'using']);

/**
 * Plain-language phrases people type for a concept the knowledge base names differently, rewritten to
 * that name before matching ("denoise without ground truth" → "denoise self-supervised").
 */
const PHRASES: readonly [RegExp, string][] = [
  [/\b(?:without|no)\s+(?:any\s+)?(?:ground[\s-]?truth|clean\s+(?:images?|data|targets?)|training\s+pairs?|paired\s+data)\b/g, 'self-supervised'],
  [/\bwithout\s+(?:annotations?|labels?|training)\b/g, 'pre-trained'],
];

/** Split a query into the words to match: phrases rewritten, stop words dropped (unless nothing else is left). */
function queryTokens(q: string): string[] {
  let text = q.toLowerCase();
  for (const [re, to] of PHRASES) text = text.replace(re, to);
  const all = text.split(/\s+/).filter((t) => t.length > 0);
  const kept = all.filter((t) => !STOP_WORDS.has(t));
  return kept.length > 0 ? kept : all;
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
