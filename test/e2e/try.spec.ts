import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

import { decodeImage } from '../../lib/imaging';

import { brightNucleiSample, texturedCellsSample } from '../../lib/segment/samples';
import { scriptedScribbles } from '../helpers/scribbles';

// Tall enough that the whole 640-pixel canvas is on screen, so every scripted stroke lands.
test.use({ viewport: { width: 1280, height: 1400 } });

/** `navigator segment` on the same sample: the page and the CLI run the same core. */
function cliObjects(sample: string): number {
  const out = join(mkdtempSync(join(tmpdir(), 'try-e2e-')), 'labels.tif');
  const json = execFileSync('node', ['scripts/navigator.mjs', 'segment', '--method', 'otsu', `public/samples/try/${sample}.tif`, '-o', out], { encoding: 'utf8' });
  return JSON.parse(json).objects;
}

async function count(page: Page): Promise<number> {
  const text = await page.getByTestId('object-count').locator('strong').textContent();
  return Number(text);
}

async function f1(page: Page): Promise<number> {
  await page.getByTestId('sample-truth').click();
  const text = await page.getByTestId('score-f1').locator('strong').textContent();
  return Number(text);
}

test('rung 1 on the bright-nuclei sample: the CLI count, F1 from the sample truth, and the wizard link with the evidence', async ({ page }) => {
  const expected = cliObjects('nuclei-2d');
  await page.goto('/try');
  await page.locator('[data-sample="nuclei-2d"]').click();
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => count(page)).toBe(expected);
  await expect.poll(() => f1(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(0.9);
  await page.getByTestId('judge-works').click();
  const link = page.getByTestId('wizard-link');
  await expect(link).toHaveAttribute('href', /tried=classical\.otsu\.works\.(0\.9\d|1\.00)/);
  await link.click();
  await expect(page.getByTestId('try-evidence-note')).toContainText('Otsu threshold + watershed gave F1');
  await expect(page.getByTestId('try-evidence-note')).toContainText('good enough');
});

test('textured cells: rung 1 fails, rung 2 from 20 painted strokes succeeds, and both verdicts reach the wizard', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/try');
  await page.locator('[data-sample="textured-cells"]').click();
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => f1(page), { timeout: 20_000 }).toBeLessThan(0.5);
  await page.getByTestId('judge-failed').click();

  await page.getByRole('tab', { name: /Rung 2/ }).click();
  const canvas = page.getByTestId('try-canvas');
  const box = (await canvas.boundingBox())!;
  const at = ([y, x]: [number, number]) => [box.x + ((x + 0.5) / 256) * box.width, box.y + ((y + 0.5) / 256) * box.height] as const;
  const { lines } = scriptedScribbles(texturedCellsSample());
  expect(lines.length).toBeLessThanOrEqual(20);
  for (const line of lines) {
    await page.getByRole('radio', { name: line.value === 2 ? 'objects' : 'background' }).check();
    const [x0, y0] = at(line.from);
    const [x1, y1] = at(line.to);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x1, y1, { steps: 8 });
    await page.mouse.up();
  }
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => f1(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(0.8);
  await page.getByTestId('judge-works').click();
  await expect(page.getByTestId('wizard-link')).toHaveAttribute('href', /tried=classical\.otsu\.failed\.0\.\d\d~pixel\.forest\.works\.(0\.[89]\d|1\.00)/);
  await expect(page.getByTestId('try-evidence')).toContainText('keep the method that works');
});

test('a dropped 3D stack gets a slice slider and outlines; nothing is requested from other origins', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/try');
  await page.getByLabel(/Drop a 2D image or 3D stack/).setInputFiles('public/samples/try/nuclei-3d.tif');
  await expect(page.getByTestId('image-info')).toContainText('80×80×24 slices');
  await expect(page.getByLabel(/Z slice/)).toBeVisible();
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 30_000 });
  expect(await count(page)).toBeGreaterThan(5);
  expect(requests.filter((u) => !u.startsWith('http://localhost'))).toEqual([]);
});

test('the label TIFF download holds the objects shown, and the page passes axe (WCAG 2.1 AA) with results on screen', async ({ page }) => {
  await page.goto('/try');
  await page.locator('[data-sample="nuclei-2d"]').click();
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 30_000 });
  const shown = await count(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Label TIFF' }).click()]);
  expect(download.suggestedFilename()).toBe('nuclei-2d_labels.tif');
  const labels = decodeImage(new Uint8Array(readFileSync((await download.path())!)));
  expect(labels.dtype).toBe('uint16');
  expect(Math.max(...labels.data)).toBe(shown);
  await page.getByTestId('sample-truth').click();
  await expect(page.getByTestId('scores')).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
});

test('3D stack, rung 2: strokes on the visible slice train a classifier that segments the whole stack', async ({ page }) => {
  test.setTimeout(120_000);
  const stack = brightNucleiSample([24, 80, 80]);
  await page.goto('/try');
  await page.locator('[data-sample="nuclei-3d"]').click();
  await expect(page.getByLabel(/Z slice/)).toHaveValue('13');
  await page.getByRole('tab', { name: /Rung 2/ }).click();
  // Aim with the truth of slice 12 (shown as 13 of 24): across the largest object, and along empty rows.
  const plane = stack.truth.subarray(12 * 6400, 13 * 6400);
  const sums = new Map<number, [number, number, number]>();
  plane.forEach((l, i) => {
    if (l === 0) return;
    const s = sums.get(l) ?? [0, 0, 0];
    sums.set(l, [s[0] + Math.floor(i / 80), s[1] + (i % 80), s[2] + 1]);
  });
  const [sy, sx, n] = [...sums.values()].sort((a, b) => b[2] - a[2])[0]!;
  const strokes: { from: [number, number]; to: [number, number]; cls: string }[] = [{ from: [sy / n, sx / n - 3], to: [sy / n, sx / n + 3], cls: 'objects' }];
  // Background strokes 6 px long where nothing is within 3 px (the brush has a radius of 2).
  const clear = (y: number, x: number) => {
    for (let yy = y - 3; yy <= y + 3; yy++) for (let xx = x - 3; xx <= x + 9; xx++) if (yy < 0 || yy >= 80 || xx < 0 || xx >= 80 || plane[yy * 80 + xx] !== 0) return false;
    return true;
  };
  let lastY = -10;
  for (let y = 3; y < 77 && strokes.length < 6; y++) {
    if (y - lastY < 6) continue;
    for (let x = 3; x < 71; x++) {
      if (!clear(y, x)) continue;
      strokes.push({ from: [y, x], to: [y, x + 6], cls: 'background' });
      lastY = y;
      break;
    }
  }
  expect(strokes.length).toBeGreaterThanOrEqual(3);
  const canvas = page.getByTestId('try-canvas');
  const box = (await canvas.boundingBox())!;
  const at = ([y, x]: [number, number]) => [box.x + ((x + 0.5) / 80) * box.width, box.y + ((y + 0.5) / 80) * box.height] as const;
  for (const s of strokes) {
    await page.getByRole('radio', { name: s.cls }).check();
    const [x0, y0] = at(s.from);
    const [x1, y1] = at(s.to);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x1, y1, { steps: 5 });
    await page.mouse.up();
  }
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 90_000 });
  await expect.poll(() => count(page), { timeout: 90_000 }).toBeGreaterThan(5);
});

test('the wizard offers /try at "have you tried thresholding?", and the answers so far survive the round trip', async ({ page }) => {
  const { loadKnowledgeBase } = await import('../../lib/knowledge/server');
  const { encodeAnswers, decodeAnswers, isVisible } = await import('../../lib/wizard');
  const set = loadKnowledgeBase().questions;
  // Answer every visible question before tried-classical: objects as the output, else the first option.
  const answers = { values: {} as Record<string, string | string[]>, mustHave: [] as string[] };
  for (const q of set.questions) {
    if (q.id === 'tried-classical') break;
    if (!isVisible(q, answers)) continue;
    const first = q.id === 'output' ? 'objects' : q.options[0]!.id;
    answers.values[q.id] = q.kind === 'multi' ? [first] : first;
  }
  const a = encodeAnswers(answers, set);
  await page.goto(`/wizard?a=${a}`);
  await page.getByRole('button', { name: /Continue with \d+ answers from the link/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(set.questions.find((q) => q.id === 'tried-classical')!.text);
  const offer = page.getByTestId('try-it-link').getByRole('link', { name: 'Try it on your image' });
  await expect(offer).toHaveAttribute('href', `/try?a=${encodeURIComponent(a)}`);
  await offer.click();
  await page.locator('[data-sample="nuclei-2d"]').click();
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('judge-failed').click();
  const href = (await page.getByTestId('wizard-link').getAttribute('href'))!;
  const back = decodeAnswers(new URL(href, 'http://x').searchParams.get('a')!, set);
  expect(back.ok).toBe(true);
  if (back.ok) expect(back.answers.values).toEqual({ ...answers.values, 'tried-classical': 'failed' });
});
