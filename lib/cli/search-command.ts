import { parseArgs } from 'node:util';

import { createSearchEngine, SEARCH_TYPES, type SearchType } from '../knowledge';
import { loadKnowledgeBase } from '../knowledge/server';
import { ConfigError } from '../util/errors';
import { EXIT, printJson, type CliIo } from './io';

/** `navigator search "<query>" [--type tool,glossary] [--limit 10]`: ranked results as JSON. */
export function searchCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { type: { type: 'string' }, limit: { type: 'string' } } });
  const query = positionals.join(' ').trim();
  if (!query) throw new ConfigError('search needs a query, e.g. navigator search "cellpose"');
  const types = values.type?.split(',').map((t) => t.trim()) ?? [];
  const bad = types.filter((t) => !(SEARCH_TYPES as readonly string[]).includes(t));
  if (bad.length > 0) throw new ConfigError(`unknown --type ${bad.join(', ')}; use one or more of ${SEARCH_TYPES.join(', ')}`);
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new ConfigError(`--limit must be a positive whole number, got "${values.limit}"`);
  const results = createSearchEngine(loadKnowledgeBase()).search(query, { types: types as SearchType[], limit });
  printJson(io, { query, results: results.map(({ id, type, title, score, url }) => ({ id, type, title, score, url })) });
  return EXIT.ok;
}
