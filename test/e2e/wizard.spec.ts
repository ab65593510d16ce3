import { readFileSync } from 'node:fs';

import { expect, type Page, test } from '@playwright/test';

/** Press Tab until the focused element matches, failing after `max` presses. */
async function tabTo(page: Page, predicate: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((p) => document.activeElement?.matches(p) ?? false, predicate)) return;
  }
  throw new Error(`no focusable element matching ${predicate} within ${max} Tab presses`);
}

test('finish the wizard by keyboard only, reload the result, export Markdown, follow a book link', async ({ page }) => {
  await page.goto('/wizard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a tool for your images');
  // "Start" takes focus once the page is interactive; pressing Enter before that would do nothing.
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');

  let previous = '';
  for (let i = 0; i < 45; i++) {
    const heading = page.getByRole('heading', { level: 1 });
    // Wait for the next screen to render before touching it (the old one may still be up).
    await expect(heading).not.toHaveText(previous);
    if ((await heading.textContent()) === 'Review your answers') break;
    previous = (await heading.textContent()) ?? '';
    await expect(page.locator('form.question')).toBeVisible();
    // The wizard moves focus to each new screen's heading; keyboard users start from there.
    await expect(page.locator('h1.question-text')).toBeFocused();
    // Pick the first option with the keyboard, then move to Next and press Enter.
    await tabTo(page, 'input[type=radio], input[type=checkbox]');
    await page.keyboard.press('Space');
    await expect(page.locator('form.question .option.checked')).not.toHaveCount(0);
    await expect(page.locator('form.question button[type=submit]')).toBeEnabled();
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Review your answers');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // The answers are in the URL already.
  expect(new URL(page.url()).searchParams.get('a')).toMatch(/^\d+\./);

  await tabTo(page, 'button[data-action="finish"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/wizard\/result\?a=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommendation');
  const firstTool = await page.locator('#tool-title + ol .ranked-item h3 a').first().textContent();
  expect(firstTool).toBeTruthy();

  // Reload: the same result from the URL alone.
  await page.reload();
  await expect(page.locator('#tool-title + ol .ranked-item h3 a').first()).toHaveText(firstTool!);
  // Every ranked item links to the book sections behind its reasons, grouped once per item.
  const bookLink = page.locator('.ranked-item .book-group a.book-link').first();
  await expect(bookLink).toHaveAttribute('href', /^https:\/\/bioimagingai\.janelia\.org\/\d-[a-z-]+\.html#/);

  // Export Markdown.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export Markdown' }).click()]);
  const markdown = readFileSync((await download.path())!, 'utf8');
  expect(markdown).toContain('# BioImage Navigator recommendation');
  expect(markdown).toContain(firstTool!);
  expect(markdown).toMatch(/\(https:\/\/bioimagingai\.janelia\.org\/[^)]+#[^)]+\)/);

  // Follow a book link: it opens the book's section in a new tab (not fetched here: no internet).
  await expect(bookLink).toHaveAttribute('target', '_blank');
});

/** The current question-set version: links made now start with it. */
const VERSION = (JSON.parse(readFileSync('knowledge/questions.json', 'utf8')) as { version: number }).version;

test('a tampered link names the bad answer and resumes from the last valid one', async ({ page }) => {
  await page.goto(`/wizard?a=${VERSION}.0-2.1-99`);
  const alert = page.getByRole('alert').filter({ hasText: 'This link has a problem' });
  await expect(alert).toContainText('option that does not exist');
  await expect(page.getByRole('button', { name: /Continue with 1 answers from the link/ })).toBeVisible();

  await page.goto(`/wizard/result?a=${VERSION}.0-2.1-99`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This result link has a problem');
  await expect(page.getByRole('link', { name: /Continue from the 1 valid answers/ })).toHaveAttribute('href', `/wizard?a=${VERSION}.0-2`);
});

test('a link made with question set version 2 still opens, with a note on what changed', async ({ page }) => {
  // v2: output=restored-images, dimensions=3d (must-have), degradation=noise+blur, restoration-data=two-noisy, compute=laptop.
  await page.goto('/wizard/result?a=2.0-7.4-2m.18-0_1.19-2.26-0m');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommendation');
  await expect(page.getByRole('status').filter({ hasText: 'version 2' })).toBeVisible();
  await page.goto('/wizard?a=2.0-7.4-2m.18-0_1.19-2.26-0m');
  await expect(page.getByRole('status').filter({ hasText: 'version 2' })).toBeVisible();
});

test('a link made for the previous question set (version 1) is refused with the version named', async ({ page }) => {
  await page.goto('/wizard?a=1.0-2');
  await expect(page.getByRole('alert').filter({ hasText: 'This link has a problem' })).toContainText('version 1');
});

test('open a case-study preset and step through it', async ({ page }) => {
  await page.goto('/wizard/presets');
  await page.getByTestId('preset-open-adipocyte-screen').click();
  await expect(page).toHaveURL(/\/wizard\?a=/);
  await page.getByRole('button', { name: /Step through them from the start/ }).click();
  await expect(page.locator('form.question input:checked')).toHaveCount(1);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('form.question')).toBeVisible();

  await page.goto('/wizard/presets');
  await page.getByTestId('preset-result-adipocyte-screen').click();
  await expect(page.getByTestId('ranked-finetuned-dl')).toBeVisible();
  await expect(page.locator('#cat-title + p + ol > li').first()).toHaveAttribute('data-testid', 'ranked-finetuned-dl');
});

test('a restoration path offers "Run it here" with the right runner preset', async ({ page }) => {
  await page.goto('/wizard/presets');
  await page.getByTestId('preset-result-live-cell-denoising').click();
  const run = page.getByTestId('run-it-here');
  await expect(run).toHaveAttribute('href', '/restore?preset=denoise');
  // The chapter 6 fallback chain: check the pairs first, measure on raw images last, each with a book link.
  await expect(page.locator('#fallback-title + ol > li').first()).toHaveAttribute('data-testid', 'fallback-check-training-pairs');
  await expect(page.locator('#fallback-title + ol > li').last()).toHaveAttribute('data-testid', 'fallback-measure-raw');
  await expect(page.getByTestId('fallback-check-training-pairs').locator('a.book-link')).toHaveAttribute('data-book-section', '6.3.1');
});

test('a learner who likes to explore gets learning advice citing §8.2.2', async ({ page }) => {
  await page.goto('/wizard/presets');
  await page.getByTestId('preset-result-adipocyte-screen').click();
  const learning = page.getByTestId('learning');
  await expect(learning).toContainText('point-and-click');
  await expect(learning.locator('a.book-link')).toHaveAttribute('data-book-section', '8.2.2');
  // §8.4: how good is good enough, with the questions to ask before polishing further.
  const goodEnough = page.getByTestId('good-enough');
  await expect(goodEnough.locator('a.book-link')).toHaveAttribute('data-book-section', '8.4');
  await goodEnough.getByText('Questions to ask before polishing further').click();
  await expect(goodEnough.locator('li')).toHaveCount(5);
});

test('a decision tree highlights the path of the answers', async ({ page }) => {
  await page.goto('/wizard/presets');
  const href = await page.getByTestId('preset-result-zebrafish-microglia').getAttribute('href');
  const a = new URL(href!, 'http://x').searchParams.get('a');
  await page.goto(`/trees/is-dl-right?a=${a}`);
  await expect(page.getByTestId('tree-path')).toBeVisible();
  expect(await page.locator('[data-on-path]').count()).toBeGreaterThan(1);
  await expect(page.locator('svg a').first()).toHaveAttribute('href', /^https:\/\/bioimagingai\.janelia\.org\//);
});
