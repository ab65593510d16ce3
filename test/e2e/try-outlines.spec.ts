import { readFileSync } from 'node:fs';

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

import { decodeImage } from '../../lib/imaging';
import type { OutlinePoint } from '../../lib/metrics';
import { emptySquare, outlineTargets } from '../helpers/outline-targets';

// Tall enough that the whole 640-pixel canvas is on screen, so every outline lands.
test.use({ viewport: { width: 1280, height: 1400 } });

/** Where to draw: from the sample's ground truth, not hard-coded. */
const truth = decodeImage(new Uint8Array(readFileSync('public/samples/try/nuclei-2d_gt.tif')));
const [H, W] = [truth.shape.at(-2)!, truth.shape.at(-1)!];

/** Drag a closed lasso through the polygon's vertices with the mouse (pointer down → drag → up). */
async function lasso(page: Page, polygon: readonly OutlinePoint[]): Promise<void> {
  // Scoring scrolls the page down to its button; bring the whole canvas back on screen first.
  await page.getByTestId('try-canvas').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('try-canvas').boundingBox())!;
  const at = ([x, y]: OutlinePoint) => [box.x + ((x + 0.5) / W) * box.width, box.y + ((y + 0.5) / H) * box.height] as const;
  const [x0, y0] = at(polygon[0]!);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (const p of [...polygon.slice(1), polygon[0]!]) {
    const [x, y] = at(p);
    await page.mouse.move(x, y, { steps: 2 });
  }
  await page.mouse.up();
}

async function scoredF1(page: Page, outlines: number): Promise<number> {
  await page.getByTestId('score-outlines').click();
  await expect(page.getByTestId('outline-scope')).toContainText(`scored on the ${outlines} objects you outlined`);
  return Number(await page.getByTestId('score-f1').locator('strong').textContent());
}

test('outlines drawn around three nuclei score rung 1 high, one around empty background lowers F1, and the wizard shows the F1 from outlines', async ({ page }) => {
  test.setTimeout(90_000);
  const targets = outlineTargets(truth.data, W, H, 3);
  expect(targets).toHaveLength(3);
  const empty = emptySquare(truth.data, W, H, 14);
  expect(empty).not.toBeNull();

  await page.goto('/try');
  await page.locator('[data-sample="nuclei-2d"]').click();
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('score-outlines')).toHaveCount(0);

  await page.getByTestId('outline-mode').click();
  await expect(page.getByTestId('outline-mode')).toHaveAttribute('aria-pressed', 'true');
  for (const t of targets) await lasso(page, t.polygon);
  await expect(page.getByTestId('outline-count')).toHaveText('3 outlines');
  // Drawn over the canvas, numbered 1–3.
  await expect(page.getByTestId('outline-overlay').locator('[data-outline]')).toHaveCount(3);
  await expect(page.getByTestId('outline-overlay').locator('text.try-outline-number')).toHaveText(['1', '2', '3']);

  const high = await scoredF1(page, 3);
  expect(high).toBeGreaterThan(0.8);
  await expect(page.getByTestId('scores')).toContainText('n/a (outlines)');
  // The drawing area, the outline overlay and the scores pass axe (WCAG 2.1 AA).
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);

  // An outline around empty background: nothing was found there, a miss.
  const [ex, ey] = empty!;
  await lasso(page, [
    [ex, ey],
    [ex + 14, ey],
    [ex + 14, ey + 14],
    [ex, ey + 14],
  ]);
  await expect(page.getByTestId('outline-count')).toHaveText('4 outlines');
  const low = await scoredF1(page, 4);
  expect(low).toBeLessThan(high);
  await expect(page.getByTestId('scores')).toContainText('#4: missed');

  await page.getByTestId('judge-works').click();
  const link = page.getByTestId('wizard-link');
  await expect(link).toHaveAttribute('href', new RegExp(`tried=classical\\.otsu\\.works\\.${low.toFixed(2).replace('.', '\\.')}\\.o4`));
  await link.click();
  await expect(page.getByTestId('try-evidence-note')).toContainText(`gave F1 ${low.toFixed(2)} on your image (scored on the 4 objects you outlined)`);
});

test('outlines from the keyboard: arrow keys, Space for corners, Escape cancels, Enter closes; undo removes the last', async ({ page }) => {
  await page.goto('/try');
  await page.locator('[data-sample="nuclei-2d"]').click();
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('outline-mode').click();
  const stage = page.getByTestId('outline-stage');
  await stage.focus();
  const corner = async (key: string) => {
    await page.keyboard.press(key);
    await page.keyboard.press('Space');
  };
  await page.keyboard.press('Space');
  await corner('Shift+ArrowRight');
  await corner('Shift+ArrowDown');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('outline-count')).toHaveText('0 outlines');
  await page.keyboard.press('Space');
  await corner('Shift+ArrowLeft');
  await corner('Shift+ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('outline-count')).toHaveText('1 outline');
  await expect(page.getByTestId('score-outlines')).toBeVisible();
  await page.getByRole('button', { name: 'Undo last outline' }).click();
  await expect(page.getByTestId('outline-count')).toHaveText('0 outlines');
});

test('3D stack: an outline belongs to the slice it was drawn on and is scored against that slice', async ({ page }) => {
  const stack = decodeImage(new Uint8Array(readFileSync('public/samples/try/nuclei-3d_gt.tif')));
  const [, Y, X] = stack.shape as [number, number, number];
  await page.goto('/try');
  await page.locator('[data-sample="nuclei-3d"]').click();
  await expect(page.getByLabel(/Z slice/)).toHaveValue('13');
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 30_000 });
  // The largest isolated object of slice 12 (shown as 13 of 24).
  const plane = stack.data.subarray(12 * Y * X, 13 * Y * X);
  const [target] = outlineTargets(plane, X, Y, 1, 2);
  expect(target).toBeDefined();
  await page.getByTestId('outline-mode').click();
  const box = (await page.getByTestId('try-canvas').boundingBox())!;
  const at = ([x, y]: OutlinePoint) => [box.x + ((x + 0.5) / X) * box.width, box.y + ((y + 0.5) / Y) * box.height] as const;
  const [x0, y0] = at(target!.polygon[0]!);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (const p of [...target!.polygon.slice(1), target!.polygon[0]!]) await page.mouse.move(...at(p), { steps: 2 });
  await page.mouse.up();
  await expect(page.getByTestId('outline-count')).toHaveText('1 outline (1 on this slice)');
  await page.getByLabel(/Z slice/).fill('1');
  await expect(page.getByTestId('outline-count')).toHaveText('1 outline (0 on this slice)');
  await expect(page.getByTestId('outline-overlay')).toHaveCount(0);
  await page.getByTestId('score-outlines').click();
  await expect(page.getByTestId('scores')).toContainText('#1 (slice 13): found');
  expect(Number(await page.getByTestId('score-f1').locator('strong').textContent())).toBe(1);
  // Scores stay live: a setting that removes every object re-scores the outline without a click.
  await page.getByLabel('Minimum size (px)').fill('10000');
  await expect(page.getByTestId('scores')).toContainText('#1 (slice 13): missed', { timeout: 30_000 });
  await expect(page.getByTestId('score-f1').locator('strong')).toHaveText('0.00');
});
