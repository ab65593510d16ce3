import { expect, test } from '@playwright/test';
import { loadKnowledgeBase } from '../../lib/knowledge/load';
import { encodeAnswers } from '../../lib/wizard';

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
