import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

/** The WCAG 2.0/2.1 A and AA rule sets: what the app promises to meet. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Run axe on the page as it is now and fail with a readable list (rule, impact, first targets)
 * instead of a dump of the whole result object. Soft, so one run lists every page's violations.
 */
async function expectNoViolations(page: Page, label: string, disableRules: string[] = []): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).disableRules(disableRules).analyze();
  const lines = results.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect.soft(lines, `axe violations on ${label}`).toEqual([]);
}

/** Static pages: loaded and checked as they render, one after another, in two halves run side by side. */
const PAGES = [
  ['/', '/wizard/presets', '/tools', '/tools/cellpose', '/compare?ids=cellpose,stardist', '/methods', '/methods/pixel-classification', '/restoration'],
  ['/trees/training-approach', '/glossary', '/glossary/iou', '/search?q=cellpose', '/evaluate', '/book', '/help', '/about', '/resources', '/restore?preset=denoise'],
];

test.describe('accessibility (axe, WCAG 2.1 A/AA)', () => {
  // Independent tests: let the two workers share them to keep the file fast.
  test.describe.configure({ mode: 'parallel' });

  for (const [half, paths] of PAGES.entries()) {
    test(`content pages have no violations (part ${half + 1})`, async ({ page }) => {
      for (const path of paths) {
        await page.goto(path);
        await expect(page.locator('main h1').first()).toBeVisible();
        if (path.startsWith('/search')) await expect(page.locator('main').getByRole('link', { name: /Cellpose/ }).first()).toBeVisible();
        await expectNoViolations(page, path);
      }
    });
  }

  test('the wizard has no violations: intro, a question, review, result, workshop mode', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('/wizard');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a tool for your images');
    await expectNoViolations(page, '/wizard (intro)');

    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.locator('form.question')).toBeVisible();
    await expectNoViolations(page, '/wizard (first question)');

    // Answer with the first option on every screen until the review.
    let previous = '';
    for (let i = 0; i < 45; i++) {
      const heading = page.getByRole('heading', { level: 1 });
      await expect(heading).not.toHaveText(previous);
      const text = (await heading.textContent()) ?? '';
      if (text === 'Review your answers') break;
      previous = text;
      await page.locator('form.question input[type=radio], form.question input[type=checkbox]').first().check();
      await page.locator('form.question button[type=submit]').click();
    }
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Review your answers');
    await expectNoViolations(page, '/wizard (review)');

    await page.goto('/wizard/presets');
    const href = await page.getByTestId('preset-result-adipocyte-screen').getAttribute('href');
    await page.goto(href!);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommendation');
    await expectNoViolations(page, '/wizard/result');

    await page.goto('/wizard?workshop=1');
    await expect(page.locator('html')).toHaveClass(/workshop/);
    await expectNoViolations(page, '/wizard?workshop=1 (intro)');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.locator('form.question')).toBeVisible();
    await expectNoViolations(page, '/wizard?workshop=1 (first question)');
  });

  test('keyboard: skip link first, then Ctrl+K search palette opens a tool page', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
    await expect(page.locator('main')).toBeFocused();

    const palette = page.getByRole('dialog', { name: 'Search' });
    // Retried: a key press before React has hydrated the palette's listener does nothing.
    await expect(async () => {
      await page.keyboard.press('Control+k');
      await expect(palette).toBeVisible({ timeout: 500 });
    }).toPass();
    const input = palette.getByRole('combobox');
    await expect(input).toBeFocused();
    await page.keyboard.type('stardsit');
    await expect(palette.getByRole('option').first()).toContainText('StarDist');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/tools\/stardist$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('StarDist');
  });
});
