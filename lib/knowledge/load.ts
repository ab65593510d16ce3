import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

import { KnowledgeError } from '../util/errors';
import { checkIntegrity, missingBookGlossaryTerms } from './check-integrity';
import type { KnowledgeBase } from './knowledge-base';
import { OfflineBookSchema, type OfflineBook } from './offline-book';
import { parseKnowledgeFiles, type KnowledgeFiles } from './parse';

/** Read every `.json` file under `<root>/knowledge` as text, keyed by its repository-relative path. */
export function readKnowledgeFiles(root = process.cwd()): KnowledgeFiles {
  const files: KnowledgeFiles = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) files[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(join(root, 'knowledge'));
  return files;
}

export interface CheckReport {
  kb: KnowledgeBase;
  /** Schema and integrity problems, `file: path: message`. */
  issues: string[];
}

/** Validate the knowledge base in `<root>/knowledge`: schemas, then integrity, then coverage of the book glossary. */
export function checkKnowledgeBase(root = process.cwd()): CheckReport {
  const { kb, issues, sources } = parseKnowledgeFiles(readKnowledgeFiles(root));
  const all = [...issues, ...checkIntegrity(kb, sources)];
  const missing = missingBookGlossaryTerms(kb);
  if (missing.length > 0) all.push(`knowledge/glossary: ${missing.length} book glossary terms have no entry: ${missing.join(', ')}`);
  return { kb, issues: all };
}

let cached: KnowledgeBase | undefined;

/**
 * Load and validate the knowledge base; throws {@link KnowledgeError} listing every problem.
 * Cached per process: pages and CLIs call it freely.
 */
export function loadKnowledgeBase(root = process.cwd()): KnowledgeBase {
  if (cached && root === process.cwd()) return cached;
  const { kb, issues } = checkKnowledgeBase(root);
  if (issues.length > 0) throw new KnowledgeError(issues);
  if (root === process.cwd()) cached = kb;
  return kb;
}

let cachedOffline: OfflineBook | undefined;

/**
 * Load the offline copy of the cited book sections (`knowledge/book/offline/book.json`, written by
 * `scripts/make-offline-book.ts`); throws {@link KnowledgeError} with a one-line fix when it is
 * missing or malformed. Cached per process.
 */
export function loadOfflineBook(root = process.cwd()): OfflineBook {
  if (cachedOffline && root === process.cwd()) return cachedOffline;
  const file = join(root, 'knowledge/book/offline/book.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new KnowledgeError([`knowledge/book/offline/book.json: cannot be read (${(e as Error).message.split('\n')[0]}); regenerate it with npx tsx scripts/make-offline-book.ts`]);
  }
  const parsed = OfflineBookSchema.safeParse(raw);
  if (!parsed.success) {
    throw new KnowledgeError(parsed.error.issues.slice(0, 5).map((i) => `knowledge/book/offline/book.json: ${i.path.join('.')}: ${i.message}`));
  }
  if (root === process.cwd()) cachedOffline = parsed.data;
  return parsed.data;
}
