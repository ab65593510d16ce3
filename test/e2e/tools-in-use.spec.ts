import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { loadKnowledgeBase } from '../../lib/knowledge/load';
import { encodeAnswers, isVisible } from '../../lib/wizard';

/**
 * Question set v7: a user who says the analysis already runs a tool (host "A dedicated analysis tool",
 * then which tools) sees that tool kept, with the §8.3 reason, on the result page the server renders;
 * a licensed-package answer shows on a commercial suite's reason.
 */
const kb = loadKnowledgeBase();

test('a tracker already in use carries the "keep it" reason on the result page; without the answer it does not', async ({ page }) => {
  const values = { output: 'tracks', objects: 'nuclei', dimensions: '2d', modality: 'brightfield', pretrained: 'works', 'pretrained-which': ['other'], host: ['python', 'tool'], 'tools-used': ['ultrack'], coding: 'programming', compute: 'gpu-workstation' };
  await page.goto(`/wizard/result?a=${encodeAnswers({ values, mustHave: [] }, kb.questions)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommendation');
  // The plan's first step names the tracker in use as the linker, and the evidence gives the §8.3 reason.
  await expect(page.getByTestId('plan-linker')).toHaveAttribute('data-tool-id', 'ultrack');
  await expect(page.getByText('you already use Ultrack; if it does the job, keep it')).not.toHaveCount(0);

  const { 'tools-used': _used, ...without } = values;
  await page.goto(`/wizard/result?a=${encodeAnswers({ values: { ...without, host: ['python'] }, mustHave: [] }, kb.questions)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommendation');
  await expect(page.getByText('you already use Ultrack')).toHaveCount(0);
});

test('a tool in use that fell short gets a "before switching" note in the plan when the first step names another tool', async ({ page }) => {
  const values = { output: 'positions', objects: 'organelles', modality: 'fluorescence', dimensions: '2d', appearance: 'bright-on-dark', 'tried-classical': 'failed', 'tried-pixel': 'not-tried', pretrained: 'dont-know', annotations: 'few', host: ['python', 'tool'], 'tools-used': ['big-fish'], coding: 'programming', compute: 'gpu-workstation' };
  await page.goto(`/wizard/result?a=${encodeAnswers({ values, mustHave: [] }, kb.questions)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommendation');
  const note = page.getByTestId('plan-retune');
  await expect(note).toContainText('You already run Big-FISH, and it fell short. Before switching, try its settings');
  await expect(note.getByRole('link', { name: 'Big-FISH' })).toHaveAttribute('href', '/tools/big-fish');
  // Thresholding not tried: the pixel-classifier question is not asked then, so its answer goes too.
  const { 'tried-pixel': _pixel, ...rest } = values;
  await page.goto(`/wizard/result?a=${encodeAnswers({ values: { ...rest, 'tried-classical': 'not-tried' }, mustHave: [] }, kb.questions)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommendation');
  await expect(page.getByTestId('plan-retune')).toHaveCount(0);
});

test('question set v11: a spot detector that failed on its automatic threshold is set up first, and the page says why', async ({ page }) => {
  const values = { output: 'positions', objects: 'organelles', modality: 'fluorescence', dimensions: '2d', appearance: 'bright-on-dark', 'tried-classical': 'failed', 'tried-pixel': 'not-tried', 'settings-tuned': 'defaults', pretrained: 'dont-know', annotations: 'few', host: ['python', 'tool'], 'tools-used': ['big-fish'], coding: 'programming', compute: 'gpu-workstation' };
  await page.goto(`/wizard/result?a=${encodeAnswers({ values, mustHave: [] }, kb.questions)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommendation');
  await expect(page.getByTestId('plan-tool')).toHaveAttribute('data-tool-id', 'big-fish');
  await expect(page.getByText('the classical method you tried ran on its default or automatic settings').first()).toBeVisible();
  await expect(page.getByTestId('plan-retune')).toHaveCount(0);
});

test('key settings: the tool page lists them, the settings question names them for the tools the user named, and the plan repeats them', async ({ page }) => {
  const cellpose = kb.tools.find((t) => t.id === 'cellpose')!;
  const names = cellpose.keySettings!.map((k) => k.name);
  await page.goto('/tools/cellpose');
  const section = page.getByTestId('tool-key-settings');
  await expect(section.getByRole('heading', { name: 'Settings that matter' })).toBeVisible();
  for (const n of names) await expect(section.locator('code', { hasText: new RegExp(`^${n}$`) })).toHaveCount(1);

  // The wizard, resumed at "did you adjust its settings?" after Cellpose's model fell short.
  const set = kb.questions;
  const answers = { values: {} as Record<string, string | string[]>, mustHave: [] as string[] };
  const pick: Record<string, string | string[]> = { output: 'objects', objects: 'whole-cells', host: ['tool'], 'tools-used': ['cellpose'], modality: 'fluorescence', 'tried-classical': 'not-tried', pretrained: 'not-good-enough', 'pretrained-which': ['cellpose'], 'pretrained-gap': 'far-off' };
  for (const q of set.questions) {
    if (q.id === 'settings-tuned') break;
    if (!isVisible(q, answers)) continue;
    answers.values[q.id] = pick[q.id] ?? (q.kind === 'multi' ? [q.options[0]!.id] : q.options[0]!.id);
  }
  await page.goto(`/wizard?a=${encodeAnswers(answers, set)}`);
  await page.getByRole('button', { name: /Continue with \d+ answers from the link/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(set.questions.find((q) => q.id === 'settings-tuned')!.text);
  const hint = page.getByTestId('settings-hint');
  await expect(hint).toContainText('For the tools you named: Cellpose:');
  await expect(hint.locator('code').first()).toHaveText(names[0]!);
  await expect(hint.getByRole('link', { name: 'Cellpose' })).toHaveAttribute('href', '/tools/cellpose#settings');

  // Answered "defaults": the plan keeps Cellpose (set it up and test it again) and lists its settings.
  await page.goto(`/wizard/result?a=${encodeAnswers({ values: { ...answers.values, 'settings-tuned': 'defaults' }, mustHave: [] }, set)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommendation');
  await expect(page.getByTestId('plan-tool')).toHaveAttribute('data-tool-id', 'cellpose');
  const listed = page.getByTestId('plan-settings');
  await expect(listed).toContainText('Settings to check on Cellpose first');
  await expect(listed.locator('code')).toHaveText(names);
  await expect(listed.getByRole('link', { name: 'what each does' })).toHaveAttribute('href', '/tools/cellpose#settings');
});

test('the long list of tools in use has a filter box that narrows it by name and never hides a ticked tool (question set v12)', async ({ page }) => {
  const set = kb.questions;
  const answers = { values: {} as Record<string, string | string[]>, mustHave: [] as string[] };
  const pick: Record<string, string | string[]> = { output: 'objects', objects: 'organoids', host: ['tool'] };
  for (const q of set.questions) {
    if (q.id === 'tools-used') break;
    if (!isVisible(q, answers)) continue;
    answers.values[q.id] = pick[q.id] ?? (q.kind === 'multi' ? [q.options[0]!.id] : q.options[0]!.id);
  }
  const question = set.questions.find((q) => q.id === 'tools-used')!;
  await page.goto(`/wizard?a=${encodeAnswers(answers, set)}`);
  await page.getByRole('button', { name: /Continue with \d+ answers from the link/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(question.text);
  const boxes = page.locator('.options input[type="checkbox"]');
  await expect(boxes).toHaveCount(question.options.length);

  // Tick Cellpose, then look for MOrgAna by typing part of its name.
  await page.getByLabel('Cellpose', { exact: true }).check();
  const filter = page.getByLabel('Find in this list');
  await filter.fill('morg');
  await expect(boxes).toHaveCount(2);
  await expect(page.getByLabel('Cellpose', { exact: true })).toBeChecked();
  await page.getByLabel(/MOrgAna/).check();
  await expect(page.getByText(`2 of ${question.options.length} shown`)).toBeVisible();
  // The filtered list and its filter box meet WCAG 2.1 A/AA (the same rule sets as a11y.spec.ts).
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  await filter.fill('');
  await expect(boxes).toHaveCount(question.options.length);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(question.text);
  // Both answers were kept.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(question.text);
  await expect(page.getByLabel('Cellpose', { exact: true })).toBeChecked();
  await expect(page.getByLabel(/MOrgAna/)).toBeChecked();
  await expect(page.getByLabel('Find in this list')).toHaveValue('');
});
