import type { KnowledgeBase } from './knowledge-base';

/** Static routes of the site that knowledge entries may point to (checked by the content check). */
export const STATIC_ROUTES = ['/', '/wizard', '/wizard/result', '/wizard/presets', '/tools', '/compare', '/methods', '/restoration', '/restore', '/evaluate', '/trees', '/glossary', '/search', '/book', '/book/offline', '/help', '/about', '/resources'];

/**
 * Whether a site path names a page that exists for this knowledge base: a static route, or a
 * detail page whose id is in the knowledge base (`/tools/<tool id>`, `/glossary/<term id>`, …).
 * Query strings and fragments are ignored.
 */
export function isSiteRoute(path: string, kb: KnowledgeBase): boolean {
  const clean = path.split(/[?#]/)[0]!.replace(/\/$/, '') || '/';
  if (STATIC_ROUTES.includes(clean)) return true;
  const [, section, id, extra] = clean.split('/');
  if (extra !== undefined || !id) return false;
  const ids: Record<string, { id: string }[]> = {
    tools: kb.tools,
    glossary: kb.glossary,
    methods: kb.categories,
    restoration: kb.restorationMethods,
    trees: kb.trees,
  };
  return ids[section ?? '']?.some((x) => x.id === id) ?? false;
}
