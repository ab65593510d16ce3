import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

const read = (p: string) => JSON.parse(readFileSync(join(process.cwd(), 'knowledge', p), 'utf8')) as unknown;

test('methods page lists the six categories in order of computational comfort, with the §8.5 table', async ({ page }) => {
  await page.goto('/methods');
  const cards = page.locator('.category-list > li h2');
  await expect(cards).toHaveText([/Manual annotation/, /Classical/, /Pixel/, /[Pp]re-?trained/, /[Ff]ine-?tuned/, /[Ss]cratch/]);
  await expect(page.locator('.category-table tbody tr')).toHaveCount(6);
  await expect(page.getByRole('heading', { name: /biology/ })).toBeVisible();
});

test('a restoration method with a runner preset links to the runner', async ({ page }) => {
  const methods = read('restoration-methods.json') as { id: string; runnerPreset: string | null }[];
  const withPreset = methods.find((m) => m.runnerPreset !== null)!;
  await page.goto(`/restoration/${withPreset.id}`);
  await expect(page.getByTestId('run-it-here')).toHaveAttribute('href', `/restore?preset=${withPreset.runnerPreset}`);
  const without = methods.find((m) => m.runnerPreset === null)!;
  await page.goto(`/restoration/${without.id}`);
  await expect(page.getByTestId('run-it-here')).toHaveCount(0);
});

test('the book map shows which pages cite a section', async ({ page }) => {
  const cellpose = read('tools/cellpose.json') as { bookRefs: { section: string }[] };
  const section = cellpose.bookRefs[0]!.section;
  await page.goto('/book');
  const item = page.locator(`li[id="section-${section}"]`);
  await expect(item.locator('.citations a[href="/tools/cellpose"]')).toHaveCount(1);
});
