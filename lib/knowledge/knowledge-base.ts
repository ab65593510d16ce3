import type {
  BookChapter,
  BookGlossaryEntry,
  BookMeta,
  BookSection,
  CaseStudy,
  DecisionTree,
  GlossaryTerm,
  MethodCategory,
  QuestionSet,
  Resource,
  RestorationMethod,
  Tool,
} from './schema';

/** The book's link data, as copied into `knowledge/book/`. */
export interface BookData {
  meta: BookMeta;
  chapters: BookChapter[];
  /** Sections of chapters 6, 8, 9 and appendix A, each with the page it lives on. */
  sections: (BookSection & { page: string })[];
  glossary: BookGlossaryEntry[];
}

/**
 * The whole validated knowledge base. Arrays are sorted by id (categories by `order`) so that
 * everything derived from them is deterministic.
 */
export interface KnowledgeBase {
  tools: Tool[];
  categories: MethodCategory[];
  restorationMethods: RestorationMethod[];
  glossary: GlossaryTerm[];
  caseStudies: CaseStudy[];
  questions: QuestionSet;
  trees: DecisionTree[];
  resources: Resource[];
  book: BookData;
}
