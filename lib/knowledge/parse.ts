import { z } from 'zod';

import type { BookData, KnowledgeBase } from './knowledge-base';
import {
  BookChapterSchema,
  BookGlossaryEntrySchema,
  BookMetaSchema,
  BookSectionSchema,
  CaseStudySchema,
  DecisionTreeSchema,
  GlossaryTermSchema,
  MethodCategorySchema,
  QuestionSetSchema,
  ResourceSchema,
  RestorationMethodSchema,
  ToolSchema,
} from './schema';

/** Knowledge-base files as text, keyed by path relative to the repository root ("knowledge/tools/x.json"). */
export type KnowledgeFiles = Record<string, string>;

export interface ParseResult {
  kb: KnowledgeBase;
  /** Each problem as `file: path.to.field: message`. Empty when every file is valid. */
  issues: string[];
  /** Where each entity came from: `<type>:<id>` → file path; used by the integrity checks. */
  sources: Map<string, string>;
}

const ROOT = 'knowledge/';

/**
 * Validate every knowledge file against its schema and assemble the knowledge base. Pure: takes the
 * files' text, so it runs in Node, in tests and at build time alike. Invalid entries are left out and
 * reported; the caller decides whether issues are fatal.
 */
export function parseKnowledgeFiles(files: KnowledgeFiles): ParseResult {
  const issues: string[] = [];
  const sources = new Map<string, string>();

  const json = (file: string): unknown => {
    const text = files[file];
    if (text === undefined) {
      issues.push(`${file}: file is missing`);
      return undefined;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      issues.push(`${file}: invalid JSON: ${(error as Error).message}`);
      return undefined;
    }
  };

  const check = <T>(schema: z.ZodType<T>, value: unknown, file: string, prefix = ''): T | undefined => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      issues.push(`${file}: ${path || '(root)'}: ${issue.message}`);
    }
    return undefined;
  };

  /** One entity per file in a folder; the id must equal the file name. */
  const folder = <T extends { id: string }>(dir: string, schema: z.ZodType<T>, type: string): T[] => {
    const out: T[] = [];
    for (const file of Object.keys(files).filter((f) => f.startsWith(`${ROOT}${dir}/`) && f.endsWith('.json')).sort()) {
      const value = json(file);
      if (value === undefined) continue;
      const entity = check(schema, value, file);
      if (!entity) continue;
      const expected = file.slice(`${ROOT}${dir}/`.length, -'.json'.length);
      if (entity.id !== expected) issues.push(`${file}: id: "${entity.id}" must equal the file name "${expected}"`);
      sources.set(`${type}:${entity.id}`, file);
      out.push(entity);
    }
    return out;
  };

  /** An array of entities in one file. */
  const list = <T extends { id: string }>(file: string, schema: z.ZodType<T>, type: string, optional = false): T[] => {
    if (optional && files[file] === undefined) return [];
    const value = json(file);
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      issues.push(`${file}: (root): expected an array of entries`);
      return [];
    }
    const out: T[] = [];
    value.forEach((item, index) => {
      const entity = check(schema, item, file, String(index));
      if (!entity) return;
      sources.set(`${type}:${entity.id}`, `${file}: ${index}`);
      out.push(entity);
    });
    return out;
  };

  const book = parseBook(json, check);
  const questions = check(QuestionSetSchema, json(`${ROOT}questions.json`), `${ROOT}questions.json`) ?? { version: 1, sections: [], questions: [] };
  questions.questions.forEach((q, index) => sources.set(`question:${q.id}`, `${ROOT}questions.json: questions.${index}`));

  const byId = <T extends { id: string }>(items: T[]) => items.sort((a, b) => a.id.localeCompare(b.id));
  const kb: KnowledgeBase = {
    tools: byId(folder('tools', ToolSchema, 'tool')),
    categories: list(`${ROOT}categories.json`, MethodCategorySchema, 'category').sort((a, b) => a.order - b.order),
    restorationMethods: byId(list(`${ROOT}restoration-methods.json`, RestorationMethodSchema, 'restoration-method')),
    glossary: byId(folder('glossary', GlossaryTermSchema, 'glossary')),
    caseStudies: byId(folder('case-studies', CaseStudySchema, 'case-study')),
    questions,
    trees: byId(folder('trees', DecisionTreeSchema, 'tree')),
    resources: byId(list(`${ROOT}resources.json`, ResourceSchema, 'resource', true)),
    book,
  };
  return { kb, issues, sources };
}

function parseBook(
  json: (file: string) => unknown,
  check: <T>(schema: z.ZodType<T>, value: unknown, file: string, prefix?: string) => T | undefined,
): BookData {
  const chaptersFile = `${ROOT}book/chapters.json`;
  const sectionsFile = `${ROOT}book/sections.json`;
  const glossaryFile = `${ROOT}book/glossary.json`;
  const chapters = check(z.object({ book: BookMetaSchema, chapters: z.array(BookChapterSchema) }).strict(), json(chaptersFile), chaptersFile);
  const sections = check(z.record(z.string(), z.array(BookSectionSchema)), json(sectionsFile), sectionsFile) ?? {};
  const glossary = check(z.array(BookGlossaryEntrySchema), json(glossaryFile), glossaryFile) ?? [];
  return {
    meta: chapters?.book ?? { title: 'AI in Microscopy: A BioImaging Guide', url: 'https://bioimagingai.janelia.org/', pdf: 'https://bioimagingai.janelia.org/', source: 'https://bioimagingai.janelia.org/', license: 'unknown', citation_note: 'unknown' },
    chapters: chapters?.chapters ?? [],
    sections: Object.entries(sections).flatMap(([page, list]) => list.map((s) => ({ ...s, page }))),
    glossary,
  };
}
