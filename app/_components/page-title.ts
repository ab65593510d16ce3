import type { KnowledgeBase } from '@/lib/knowledge';

/** Human titles of the site's static routes, for link text (never show a raw path to a reader). */
const STATIC_TITLES: Record<string, string> = {
  '/': 'Home',
  '/wizard': 'The wizard',
  '/wizard/result': 'Your recommendation (wizard result)',
  '/wizard/presets': 'Case-study presets',
  '/tools': 'Tool catalogue',
  '/compare': 'Compare tools',
  '/methods': 'Kinds of method',
  '/restoration': 'Restoration methods',
  '/restore': 'Restore images in the browser (3D-RCAN)',
  '/evaluate': 'Evaluate a result',
  '/trees': 'Decision trees',
  '/glossary': 'Glossary',
  '/search': 'Search',
  '/book': 'Book map',
  '/book/offline': 'Book sections offline',
  '/help': 'Help',
  '/about': 'About',
  '/resources': 'Learning resources',
};

/**
 * The title of a site page, for link text: "Cellpose" for `/tools/cellpose`, "Evaluate a result" for
 * `/evaluate`. Falls back to the path only for a route it does not know (the content check reports those).
 *
 * @param path - a site path, optionally with a query or fragment
 * @param kb - the knowledge base (for entity names)
 * @returns a readable title
 */
export function pageTitle(path: string, kb: KnowledgeBase): string {
  const clean = path.split(/[?#]/)[0]!.replace(/\/$/, '') || '/';
  const fixed = STATIC_TITLES[clean];
  if (fixed) return fixed;
  const [, section, id] = clean.split('/');
  const lists: Record<string, { id: string; name: string }[]> = {
    tools: kb.tools,
    glossary: kb.glossary.map((g) => ({ id: g.id, name: g.term })),
    methods: kb.categories,
    restoration: kb.restorationMethods,
    trees: kb.trees.map((t) => ({ id: t.id, name: t.title })),
  };
  return lists[section ?? '']?.find((x) => x.id === id)?.name ?? path;
}
