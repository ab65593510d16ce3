import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

// Expected results are worked out here from the raw JSON files, independently of lib/knowledge/facets.
interface RawTool {
  id: string;
  name: string;
  tasks: string[];
  gpu: string;
  bookRefs: { section: string }[];
}
const TOOLS_DIR = join(process.cwd(), 'knowledge', 'tools');
const TOOLS: RawTool[] = readdirSync(TOOLS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(TOOLS_DIR, f), 'utf8')) as RawTool);

async function shownToolIds(page: Page): Promise<string[]> {
  return (await page.locator('.tool-results [data-tool]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tool') ?? ''))).sort();
}

test('two facets filter with AND, live in the URL and survive a reload', async ({ page }) => {
  const expected = TOOLS.filter((t) => t.tasks.includes('denoising') && t.gpu === 'not-needed')
    .map((t) => t.id)
    .sort();
  expect(expected.length).toBeGreaterThan(0);

  await page.goto('/tools');
  await expect(page.getByTestId('result-count')).toHaveText(`All ${TOOLS.length} tools shown.`);
  await page.getByRole('group', { name: /^Task/ }).getByLabel(/^Denoising/).check();
  await expect(page).toHaveURL(/\/tools\?task=denoising$/);
  await page.getByRole('group', { name: /^GPU/ }).getByLabel(/^Not needed/).check();
  await expect(page).toHaveURL(/\/tools\?task=denoising&gpu=not-needed$/);
  await expect(page.getByTestId('result-count')).toHaveText(`${expected.length} of ${TOOLS.length} tools match the filters.`);
  expect(await shownToolIds(page)).toEqual(expected);

  await page.reload();
  await expect(page.getByRole('group', { name: /^GPU/ }).getByLabel(/^Not needed/)).toBeChecked();
  expect(await shownToolIds(page)).toEqual(expected);

  await page.getByRole('button', { name: /^Clear filters/ }).click();
  await expect(page).toHaveURL(/\/tools$/);
  await expect(page.getByTestId('result-count')).toHaveText(`All ${TOOLS.length} tools shown.`);
});

test('an unknown filter value in the link is named and ignored', async ({ page }) => {
  await page.goto('/tools?task=denoising,dancing');
  await expect(page.getByRole('note')).toContainText('task=dancing');
  const expected = TOOLS.filter((t) => t.tasks.includes('denoising')).length;
  await expect(page.getByTestId('result-count')).toHaveText(`${expected} of ${TOOLS.length} tools match the filters.`);
});

test('compare: pick tools, share the URL, reload shows the same table', async ({ page }) => {
  await page.goto('/tools');
  await page.getByLabel('Compare Cellpose', { exact: true }).check();
  await page.getByLabel('Compare StarDist', { exact: true }).check();
  await page.getByRole('link', { name: 'Compare 2 tools' }).click();
  await expect(page).toHaveURL(/\/compare\?ids=cellpose,stardist$/);
  const headers = page.locator('.compare-table thead th[scope="col"] a');
  await expect(headers).toHaveText(['Cellpose', 'StarDist']);

  await page.getByLabel('Add a tool').selectOption({ label: 'ilastik' });
  await page.getByRole('button', { name: 'Add to comparison' }).click();
  await expect(page).toHaveURL(/\/compare\?ids=cellpose,stardist,ilastik$/);
  await expect(headers).toHaveText(['Cellpose', 'StarDist', 'ilastik']);
  // Whatever the data, a row is highlighted exactly when its cells are not all the same.
  const rows = await page.locator('.compare-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ differs: tr.classList.contains('differs'), cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '') })),
  );
  for (const r of rows) expect(r.differs).toBe(new Set(r.cells).size > 1);

  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expect(headers).toHaveText(['Cellpose', 'StarDist', 'ilastik']);

  await page.getByRole('button', { name: 'Remove StarDist from the comparison' }).click();
  await expect(page).toHaveURL(/\/compare\?ids=cellpose,ilastik$/);
});

test('compare: a bad id is named with a fix, not a crash', async ({ page }) => {
  await page.goto('/compare?ids=cellpose,stardsit');
  const alert = page.getByRole('alert').filter({ hasText: 'There is no tool' });
  await expect(alert).toContainText('stardsit');
  await alert.getByRole('link', { name: 'StarDist' }).click();
  await expect(page).toHaveURL(/\/compare\?ids=cellpose,stardist$/);
  await expect(page.locator('.compare-table thead th[scope="col"] a')).toHaveText(['Cellpose', 'StarDist']);
});

test("a tool page's book link points at the exact section", async ({ page }) => {
  const sections = Object.values(JSON.parse(readFileSync(join(process.cwd(), 'knowledge', 'book', 'sections.json'), 'utf8')) as Record<string, { number: string; url: string }[]>).flat();
  const cellpose = TOOLS.find((t) => t.id === 'cellpose')!;
  const ref = cellpose.bookRefs.find((r) => r.section === '9.3.6.3')!;
  const expectedUrl = sections.find((s) => s.number === ref.section)!.url;
  expect(expectedUrl).toBe('https://bioimagingai.janelia.org/9-train-models.html#sec-9.3.6.3');

  await page.goto('/tools/cellpose');
  const link = page.getByRole('region', { name: 'In the book' }).locator('a[data-book-section="9.3.6.3"]');
  await expect(link).toHaveAttribute('href', expectedUrl);
  await expect(page.getByTestId('doi-link')).toHaveAttribute('href', 'https://doi.org/10.1038/s41592-020-01018-x');
});

test('facets work from the keyboard alone', async ({ page }) => {
  await page.goto('/tools');
  const box = page.getByRole('group', { name: /^Interface/ }).getByLabel(/^Plugin/);
  await box.focus();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/\/tools\?interface=plugin$/);
  await expect(box).toBeFocused();
  const expected = TOOLS.filter((t) => (t as RawTool & { interfaces: string[] }).interfaces.includes('plugin')).length;
  await expect(page.getByTestId('result-count')).toHaveText(`${expected} of ${TOOLS.length} tools match the filters.`);
});

test('a tool card says what its pre-trained models cover and where its facts come from', async ({ page }) => {
  const raw = JSON.parse(readFileSync(join(TOOLS_DIR, 'stardist.json'), 'utf8')) as { pretrainedModels: { name: string }[]; docRefs: { url: string }[] };
  await page.goto('/tools/stardist');
  const models = page.getByTestId('pretrained-models').locator('li');
  await expect(models).toHaveCount(raw.pretrainedModels.length);
  await expect(models.filter({ hasText: '2D_versatile_he' })).toContainText('histology');
  await expect(page.getByTestId('doc-refs').locator('li')).toHaveCount(raw.docRefs.length);

  // A tool the book does not name shows its own documentation instead of book links.
  await page.goto('/tools/deconwolf');
  await expect(page.getByRole('region', { name: 'In the book' })).toContainText('never names deconwolf');
  await expect(page.getByTestId('doc-refs').locator('a[href="https://github.com/elgw/deconwolf"]')).toBeVisible();

  // What its training can do with a pre-trained model (`training.freezesLayers`), and copies of
  // another tool's model (`rehostedFrom`) and starting-point models (`startingPoint`) are labelled.
  await page.goto('/tools/stardist');
  await expect(page.getByRole('region', { name: 'Training support' })).toContainText('its training updates every layer');
  await page.goto('/tools/micro-sam');
  await expect(page.getByRole('region', { name: 'Training support' })).toContainText('can freeze parts of the model');
  await expect(page.getByTestId('pretrained-models').locator('li').filter({ hasText: 'original Segment Anything models' })).toContainText("Segment Anything (SAM)'s model, run here");
  await page.goto('/tools/omnipose');
  await expect(page.getByTestId('pretrained-models').locator('li').filter({ hasText: 'cyto2_omni' })).toContainText('starting point for training');

  // A tool that runs pre-trained feature encoders lists them, with the modality they were trained on.
  const trident = JSON.parse(readFileSync(join(TOOLS_DIR, 'trident.json'), 'utf8')) as { featureEncoders: { name: string }[] };
  await page.goto('/tools/trident');
  const encoders = page.getByTestId('feature-encoders').locator('li');
  await expect(encoders).toHaveCount(trident.featureEncoders.length);
  await expect(encoders.first()).toContainText('histology');

  // Cellpose-SAM is Cellpose's current model, not a separate tool.
  await page.goto('/tools/cellpose');
  await expect(page.getByText('Also known as: Cellpose-SAM')).toBeVisible();
});
