// The book sections cited by the scoring rules in lib/recommend (its `section: '8.5'` literals), read
// from the source so that the offline-book script and its test see every citation, not only those in
// knowledge/.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function recommendSectionRefs(root = process.cwd()): string[] {
  const dir = path.join(root, 'lib/recommend');
  const out = new Set<string>();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const text = readFileSync(path.join(dir, name), 'utf8');
    for (const m of text.matchAll(/\bsection: '([0-9A-Z][0-9A-Z.]*)'/g)) out.add(m[1]!);
  }
  return [...out].sort();
}
