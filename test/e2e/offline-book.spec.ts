import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

import { loadKnowledgeBase } from '../../lib/knowledge/server';

const kb = loadKnowledgeBase();

test.describe('offline copy of the cited book sections', () => {
  test('a section page renders the text with the draft notice, the licence and the online link', async ({ page }) => {
    const section = kb.book.sections.find((s) => s.number === '9.3.6')!;
    await page.goto('/book/offline/9.3.6');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/§9\.3\.6 Fine-Tuning Pre-existing Models/);
    await expect(page.getByTestId('draft-notice')).toContainText('draft of the book; the published version may differ');
    await expect(page.getByTestId('online-link')).toHaveAttribute('href', section.url);
    await expect(page.getByTestId('offline-licence')).toContainText('BSD-3-Clause');
    await expect(page.getByTestId('offline-licence')).toContainText('Redistribution and use in source and binary forms');
    // Its subsections are on the page, with text.
    await expect(page.getByRole('heading', { name: /§9\.3\.6\.1 Applying Transfer Learning/ })).toBeVisible();
    expect(await page.locator('.offline-text p').count()).toBeGreaterThan(3);
    // No figure captions.
    expect(await page.locator('.offline-text').innerText()).not.toMatch(/^Figure \d+\.\d+:/m);
  });

  test('the index lists cited sections by chapter and the chapters only read online', async ({ page }) => {
    await page.goto('/book');
    await page.getByRole('link', { name: 'Read the cited sections offline' }).click();
    await expect(page).toHaveURL(/\/book\/offline$/);
    await expect(page.getByRole('heading', { level: 2, name: /Chapter 9:/ })).toBeVisible();
    await expect(page.locator('[data-offline-index="8.5"]')).toHaveAttribute('href', '/book/offline/8.5');
    await expect(page.getByRole('heading', { name: 'Cited but only online' })).toBeVisible();
    await expect(page.getByTestId('offline-licence')).toContainText('BSD-3-Clause');
  });

  test('a book link on a tool page has a "read offline" link that opens the offline section', async ({ page }) => {
    await page.goto('/tools/cellpose');
    const first = page.locator('a.book-link[data-book-section]').first();
    const number = await first.getAttribute('data-book-section');
    const offline = page.locator(`a.offline-link[data-offline-section="${number}"]`).first();
    await expect(offline).toHaveAccessibleName(/^read offline: /);
    await offline.click();
    await expect(page).toHaveURL(new RegExp(`/book/offline/${number!.replace(/\./g, '\\.')}$`));
    await expect(page.getByTestId('offline-licence')).toBeVisible();
  });

  test('offline pages pass axe and do not scroll sideways at 1024 px in workshop mode', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const path of ['/book/offline', '/book/offline/8.5', '/book/offline/A.2', '/book/offline/6']) {
      await page.goto(`${path}?workshop=1`);
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect.soft(scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(client);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect.soft(results.violations.map((v) => `${path}: ${v.id}`)).toEqual([]);
    }
  });
});
