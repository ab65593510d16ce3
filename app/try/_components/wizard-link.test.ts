import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '@/lib/knowledge/server';
import { decodeAnswers } from '@/lib/wizard';
import { answersWithEvidence, wizardLink } from './wizard-link';

const kb = loadKnowledgeBase();
const set = kb.questions;

describe('/try → wizard link', () => {
  it('sets tried-classical and tried-pixel from the evidence, with objects as the output', () => {
    const answers = answersWithEvidence(set, undefined, [
      { rung: 'classical', method: 'otsu', verdict: 'failed', f1: 0.4 },
      { rung: 'pixel', method: 'forest', verdict: 'works', f1: 0.9 },
    ]);
    expect(answers.values).toMatchObject({ output: 'objects', 'tried-classical': 'failed', 'tried-pixel': 'works' });
  });

  it('keeps the answers /try was opened with and round-trips through the wizard codec', () => {
    const first = wizardLink(set, undefined, [{ rung: 'classical', method: 'li', verdict: 'failed' }], 'wizard');
    const a = new URL(first, 'http://x').searchParams.get('a')!;
    expect(answersWithEvidence(set, a, []).values['tried-classical']).toBe('failed');
    const link = wizardLink(set, a, [{ rung: 'pixel', method: 'forest', verdict: 'failed', f1: 0.5 }]);
    const url = new URL(link, 'http://x');
    expect(url.pathname).toBe('/wizard/result');
    expect(url.searchParams.get('tried')).toBe('pixel.forest.failed.0.50');
    const decoded = decodeAnswers(url.searchParams.get('a')!, set);
    expect(decoded.ok && decoded.answers.values).toMatchObject({ 'tried-classical': 'failed', 'tried-pixel': 'failed' });
  });
});
