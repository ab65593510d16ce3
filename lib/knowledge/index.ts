export * from './schema';
export type { KnowledgeBase, BookData } from './knowledge-base';
export { parseKnowledgeFiles, type KnowledgeFiles, type ParseResult } from './parse';
export { checkIntegrity, missingBookGlossaryTerms } from './check-integrity';
export { resolveBookRef, bookRefUrl, bookGlossaryUrl, type ResolvedBookRef } from './book-refs';
