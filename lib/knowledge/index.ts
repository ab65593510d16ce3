export * from './schema';
export type { KnowledgeBase, BookData } from './knowledge-base';
export { parseKnowledgeFiles, type KnowledgeFiles, type ParseResult } from './parse';
export { checkIntegrity, missingBookGlossaryTerms } from './check-integrity';
export { resolveBookRef, bookRefUrl, bookGlossaryUrl, type ResolvedBookRef } from './book-refs';
export { createGlossaryMatcher, type GlossaryMatcher, type LinkedSegment } from './glossary-linker';
export {
  buildSearchDocs,
  buildSearchIndex,
  createSearchEngine,
  reviveSearchEngine,
  SEARCH_TYPES,
  type SearchDoc,
  type SearchEngine,
  type SearchOptions,
  type SearchResult,
  type SearchType,
  type SerializedSearchIndex,
} from './search';
export {
  FACET_IDS,
  FACETS,
  countSelected,
  emptyFacetSelection,
  facetCounts,
  facetValueLabel,
  filterTools,
  parseFacetSelection,
  serializeFacetSelection,
  toggleFacetValue,
  usedFacetValues,
  type FacetId,
  type FacetSelection,
  type FacetTool,
  type IgnoredFacetParam,
  type ParseFacetsResult,
} from './facets';
export { similarTools, toolSimilarity, jaccard, SIMILARITY_WEIGHTS, type SimilarTool, type SimilarToolsOptions } from './similar-tools';
export { buildBookMap, collectBookCitations, CITING_TYPES, type BookCitation, type BookMap, type BookMapChapter, type BookMapSection, type CitingType } from './book-map';
export { layoutTree, wrap, type TreeLayout, type LaidOutNode, type LaidOutEdge } from './tree-layout';
export { isSiteRoute } from './site-routes';
export {
  OfflineBookSchema,
  OFFLINE_CHAPTERS,
  FIGURE_CAPTION,
  offlineChapterOf,
  offlineSectionPath,
  offlineSubtree,
  offlineAncestors,
  type OfflineBook,
  type OfflineBlock,
  type OfflineSection,
} from './offline-book';
