import { describe, expect, it } from 'vitest';
import { decodeEvidence, encodeEvidence, nextStep, triedAnswers, type TryEvidence } from './evidence';

describe('try evidence in the result link', () => {
  const both: TryEvidence[] = [
    { rung: 'classical', method: 'otsu', verdict: 'failed', f1: 0.6234 },
    { rung: 'pixel', method: 'forest', verdict: 'works' },
  ];

  it('round-trips with the score rounded to two decimals', () => {
    const text = encodeEvidence(both);
    expect(text).toBe('classical.otsu.failed.0.62~pixel.forest.works');
    expect(decodeEvidence(text)).toEqual([{ ...both[0], f1: 0.62 }, both[1]]);
  });

  it('carries how many outlines a score came from', () => {
    const text = encodeEvidence([{ rung: 'classical', method: 'li', verdict: 'works', f1: 0.857, outlines: 4 }]);
    expect(text).toBe('classical.li.works.0.86.o4');
    expect(decodeEvidence(text)).toEqual([{ rung: 'classical', method: 'li', verdict: 'works', f1: 0.86, outlines: 4 }]);
    // An outline count without a score, or a zero count, is malformed.
    expect(decodeEvidence('classical.li.works.o4')).toEqual([]);
    expect(decodeEvidence('classical.li.works.0.5.o0')).toEqual([]);
  });

  it('drops malformed or contradictory parts instead of failing', () => {
    expect(decodeEvidence('classical.magic.works')).toEqual([]);
    expect(decodeEvidence('pixel.otsu.works')).toEqual([]);
    expect(decodeEvidence('classical.otsu.works.7')).toEqual([]);
    expect(decodeEvidence('classical.li.works~classical.otsu.failed')).toEqual([{ rung: 'classical', method: 'li', verdict: 'works' }]);
    expect(decodeEvidence(undefined)).toEqual([]);
  });

  it('sets the wizard answers and names the book’s next step', () => {
    expect(triedAnswers(both)).toEqual({ 'tried-classical': 'failed', 'tried-pixel': 'works' });
    expect(nextStep(both).section).toBe('8.3');
    expect(nextStep([both[0]!]).text).toMatch(/pixel classifier/);
    expect(nextStep([both[0]!, { ...both[1]!, verdict: 'failed' }]).text).toMatch(/pre-trained deep-learning/);
  });
});
