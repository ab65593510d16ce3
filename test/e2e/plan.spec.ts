import { expect, type Page, test } from '@playwright/test';

import { loadKnowledgeBase } from '../../lib/knowledge/load';
import { STATIC_ROUTES } from '../../lib/knowledge/site-routes';

/**
 * Issue 10: the result is a plan. It fits one 1280×800 screen for every preset, its first tool
 * implements its first kind, it prints on at most three pages, and in workshop mode no page scrolls
 * sideways at projector widths and decision-tree labels stay legible.
 */
const kb = loadKnowledgeBase();
const PRESETS = kb.caseStudies.map((c) => c.id);

/** The result link of a preset, as the presets page offers it (so it follows the question set's version). */
async function presetResult(page: Page, id: string): Promise<string> {
  await page.goto('/wizard/presets');
  const href = await page.getByTestId(`preset-result-${id}`).getAttribute('href');
  expect(href).toMatch(/^\/wizard\/result\?a=/);
  return href!;
}

/** Count the pages of a PDF by its page objects (`/Type /Page`, not `/Pages`). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

test.describe('the plan', () => {
  test.describe.configure({ mode: 'parallel' });

  test('fits one 1280×800 screen for every preset, and its first tool implements its first kind', async ({ page }) => {
    test.setTimeout(120_000);
    expect(PRESETS.length).toBeGreaterThanOrEqual(6);
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const id of PRESETS) {
      const href = await presetResult(page, id);
      await page.goto(href);
      const plan = page.getByTestId('plan');
      await expect(plan).toBeVisible();
      // Nothing scrolled: the plan's bottom edge is inside the first screen.
      const box = await plan.boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.y + box!.height, `${id}: plan bottom`).toBeLessThanOrEqual(800);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      for (const step of ['plan-first', 'plan-next', 'plan-check', 'plan-where']) await expect(page.getByTestId(step), `${id}: ${step}`).toBeVisible();

      // The first tool belongs to the first kind, by the knowledge base's own data.
      const kindHref = (await page.getByTestId('plan-kind').getAttribute('href'))!;
      const toolId = (await page.getByTestId('plan-tool').getAttribute('data-tool-id'))!;
      const tool = kb.tools.find((t) => t.id === toolId);
      expect(tool, `${id}: tool ${toolId}`).toBeDefined();
      const [, section, kindId] = kindHref.split('/');
      if (section === 'methods') expect(tool!.categories as string[], `${id}: ${toolId} in ${kindId}`).toContain(kindId);
      else expect(kb.restorationMethods.find((m) => m.id === kindId)?.tools, `${id}: ${toolId} implements ${kindId}`).toContain(toolId);

      // The evidence: at most three kinds and five tools before "show all"; no negative score among them.
      expect(await page.locator('#cat-title ~ ol.ranked > li, #method-title ~ ol.ranked > li').count()).toBeLessThanOrEqual(3);
      const shownScores = await page.locator('#tool-title ~ ol.ranked > li .score').allTextContents();
      expect(shownScores.length).toBeLessThanOrEqual(5);
      for (const s of shownScores) expect(Number(s.replace('score ', '')), `${id}: shown tool score`).toBeGreaterThan(0);
    }
  });

  test('a restoration plan names the method and offers the runner preset; constraints are labelled', async ({ page }) => {
    await page.goto(await presetResult(page, 'live-cell-denoising'));
    await expect(page.getByTestId('plan-first')).toContainText('3D-RCAN');
    await expect(page.getByTestId('plan-first').getByTestId('run-it-here')).toHaveAttribute('href', '/restore?preset=denoise');
    await expect(page.getByTestId('constraint-data-leave')).toContainText('must-have');
    await expect(page.getByTestId('plan-check').getByTestId('evaluate-link')).toHaveAttribute('href', /^\/evaluate\?metric=/);
    // The rest of the ranking is kept behind "show all".
    const more = page.locator('details.show-all').first();
    await expect(more.locator('ol.ranked')).toBeHidden();
    await more.locator('summary').click();
    await expect(more.locator('ol.ranked > li').first()).toBeVisible();
  });

  test('prints on at most three A4 pages for every preset; "print all" gives the full evidence', async ({ page }) => {
    test.setTimeout(120_000);
    for (const id of PRESETS) {
      await page.goto(await presetResult(page, id));
      await page.emulateMedia({ media: 'print' });
      const pages = pdfPages(await page.pdf({ format: 'A4', printBackground: false }));
      expect(pages, `${id}: printed pages`).toBeGreaterThanOrEqual(1);
      expect(pages, `${id}: printed pages`).toBeLessThanOrEqual(3);
      await page.emulateMedia({ media: 'screen' });
    }
    // The full evidence is an option: with it the print is longer.
    await page.goto(await presetResult(page, 'zebrafish-microglia'));
    const plain = pdfPages(await page.pdf({ format: 'A4' }));
    await page.evaluate(() => {
      document.documentElement.classList.add('print-full');
      for (const d of document.querySelectorAll('details')) d.open = true;
    });
    const full = pdfPages(await page.pdf({ format: 'A4' }));
    expect(full).toBeGreaterThan(plain);
  });

  test('a must-have that rules out dozens of tools (one program, the book\'s screen) lists them all on screen and prints eight and a count', async ({ page }) => {
    await page.goto(await presetResult(page, 'adipocyte-screen'));
    const items = page.locator('ul.excluded > li:not(.excluded-more)');
    const total = await items.count();
    expect(total).toBeGreaterThan(8);
    await expect(items.nth(total - 1)).toBeVisible();
    await expect(page.getByTestId('excluded-more')).toBeHidden();
    await page.emulateMedia({ media: 'print' });
    await expect(items.nth(7)).toBeVisible();
    await expect(items.nth(8)).toBeHidden();
    await expect(page.getByTestId('excluded-more')).toBeVisible();
    await expect(page.getByTestId('excluded-more')).toContainText(`and ${total - 8} more`);
  });

  test('the present view shows the plan alone, in large type', async ({ page }) => {
    const href = await presetResult(page, 'zebrafish-microglia');
    await page.goto(href);
    const present = page.getByRole('link', { name: 'present view' });
    await expect(present).toHaveAttribute('href', href.replace('/wizard/result', '/wizard/result/present'));
    await present.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(kb.caseStudies.find((c) => c.id === 'zebrafish-microglia')!.title);
    await expect(page.getByTestId('plan')).toBeVisible();
    await expect(page.getByTestId('evidence')).toHaveCount(0);
    const size = await page.getByTestId('plan-first').locator('.plan-lead').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
  });
});

/** Every route of the site: the static ones plus one detail page of each kind and a result. */
function everyRoute(resultHref: string): string[] {
  return [
    ...STATIC_ROUTES,
    `/tools/${kb.tools[0]!.id}`,
    '/tools/cellpose',
    `/glossary/${kb.glossary[0]!.id}`,
    `/methods/${kb.categories[0]!.id}`,
    `/restoration/${kb.restorationMethods[0]!.id}`,
    ...kb.trees.map((t) => `/trees/${t.id}`),
    '/compare?ids=cellpose,stardist,ilastik',
    resultHref,
    resultHref.replace('/wizard/result', '/wizard/result/present'),
  ];
}

test.describe('workshop mode at projector widths', () => {
  test.describe.configure({ mode: 'parallel' });

  for (const width of [1024, 1280]) {
    test(`no page scrolls sideways at ${width} px`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width, height: 768 });
      const routes = everyRoute(await presetResult(page, 'clinical-no-gpu'));
      expect(routes.length).toBeGreaterThan(STATIC_ROUTES.length);
      await page.goto('/?workshop=1');
      await expect(page.locator('html.workshop')).toHaveCount(1);
      const failures: string[] = [];
      for (const route of routes) {
        await page.goto(route);
        await expect(page.locator('html.workshop'), route).toHaveCount(1);
        const { scroll, client, wide } = await page.evaluate(() => {
          const d = document.documentElement;
          const wideEls = [...document.querySelectorAll('main *')]
            .filter((e) => e.getBoundingClientRect().right > d.clientWidth + 1)
            .slice(0, 3)
            .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 40)}`);
          return { scroll: d.scrollWidth, client: d.clientWidth, wide: wideEls };
        });
        if (scroll > client) failures.push(`${route}: ${scroll} > ${client} (${wide.join(', ')})`);
      }
      expect(failures).toEqual([]);
    });
  }

  test('decision-tree labels render at 14 px or more at 1024 px', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('/?workshop=1');
    await expect(page.locator('html.workshop')).toHaveCount(1);
    for (const tree of kb.trees) {
      await page.goto(`/trees/${tree.id}`);
      await expect(page.locator('html.workshop')).toHaveCount(1);
      const sizes = await page.locator('.tree-figure svg text').evaluateAll((texts) =>
        texts.map((t) => {
          const el = t as SVGTextElement;
          // Rendered size: the font size in SVG units times the SVG's scale on screen.
          const scale = el.getScreenCTM()?.a ?? 1;
          return parseFloat(getComputedStyle(el).fontSize) * scale;
        }),
      );
      expect(sizes.length, tree.id).toBeGreaterThan(0);
      expect(Math.min(...sizes), `${tree.id}: smallest label`).toBeGreaterThanOrEqual(14);
    }
  });
});

test.describe('first-time rough edges', () => {
  test('a favicon is served and the home page logs no console error', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto('/');
    await expect(page.locator('main h1').first()).toBeVisible();
    const icon = await page.request.get('/favicon.ico');
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/image/);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  });

  test('glossary pages link the pages where a term matters by title, not by path', async ({ page }) => {
    const term = kb.glossary.find((g) => g.pages.length >= 3)!;
    await page.goto(`/glossary/${term.id}`);
    const links = page.getByRole('heading', { name: 'Where it matters on this site' }).locator('xpath=following-sibling::ul[1]').getByRole('link');
    await expect(links).toHaveCount(term.pages.length);
    for (const text of await links.allTextContents()) expect(text).not.toMatch(/^\//);
  });

  test('section titles in book links and the book map carry no trailing colon', async ({ page }) => {
    await page.goto(await presetResult(page, 'zebrafish-microglia'));
    const texts = await page.locator('a.book-link').allTextContents();
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.filter((t) => /:\s*$/.test(t))).toEqual([]);
    await page.goto('/book');
    const headings = await page.locator('main li, main h2, main h3').allTextContents();
    expect(headings.filter((t) => /^§[\d.A-Z]+ .*:\s*$/.test(t.trim()))).toEqual([]);
  });

  test('the intro promises the range of questions users see', async ({ page }) => {
    await page.goto('/wizard');
    await expect(page.locator('.lead').first()).toContainText(/between \d+ and \d+ in all/);
  });

  test('offline, a notice says book links need the internet', async ({ page, context }) => {
    await page.goto('/methods');
    await expect(page.getByTestId('offline-notice')).toHaveCount(0);
    await expect(page.locator('a.book-link').first()).toHaveAttribute('title', /online book/);
    await context.setOffline(true);
    await expect(page.getByTestId('offline-notice')).toBeVisible();
    await context.setOffline(false);
    await expect(page.getByTestId('offline-notice')).toHaveCount(0);
  });
});
