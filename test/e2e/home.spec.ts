import { expect, test } from '@playwright/test';

test('home → glossary → a term → its book link', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Which AI tool');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Glossary' }).click();
  await expect(page).toHaveURL(/\/glossary$/);
  await page.getByRole('link', { name: 'Ground truth', exact: true }).click();
  await expect(page).toHaveURL(/\/glossary\/ground-truth$/);
  const bookLink = page.getByTestId('book-glossary-link');
  await expect(bookLink).toHaveAttribute('href', 'https://bioimagingai.janelia.org/glossary.html#ground-truth');
});

test('a glossary term in prose shows its definition on keyboard focus', async ({ page }) => {
  await page.goto('/about');
  const term = page.locator('a.term').first();
  await expect(term).toBeVisible();
  const tip = term.locator('[role="tooltip"]');
  await expect(tip).toBeHidden();
  await term.focus();
  await expect(tip).toBeVisible();
  await expect(term).toHaveAttribute('href', /^\/glossary\//);
});

test('unknown pages get the not-found page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});
