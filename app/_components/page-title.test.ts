import { describe, expect, it } from 'vitest';

import { STATIC_ROUTES } from '@/lib/knowledge/site-routes';

import { loadTestKnowledgeBase } from '../../test/helpers/knowledge-fixture';
import { pageTitle } from './page-title';

const kb = loadTestKnowledgeBase();

describe('pageTitle', () => {
  it('gives every glossary "where it matters" page a title, never a raw path', () => {
    const paths = new Set(kb.glossary.flatMap((g) => g.pages));
    expect(paths.size).toBeGreaterThan(10);
    for (const p of paths) expect(pageTitle(p, kb), p).not.toMatch(/^\//);
  });

  it('covers every static route and names entities', () => {
    for (const r of STATIC_ROUTES) expect(pageTitle(r, kb), r).not.toMatch(/^\//);
    expect(pageTitle('/tools/cellpose', kb)).toBe('Cellpose');
    expect(pageTitle('/restore?preset=denoise', kb)).toBe('Restore images in the browser (3D-RCAN)');
    expect(pageTitle('/nowhere', kb)).toBe('/nowhere');
  });
});
