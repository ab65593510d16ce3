import { describe, expect, it } from 'vitest';

import { errorText, formatEta, formatScore } from './format';

describe('formatEta', () => {
  it('says nothing while the time left is unknown', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(Number.NaN)).toBe('');
  });

  it('rounds to whole seconds and switches to minutes at 60 s', () => {
    expect(formatEta(4.6)).toBe('about 5 s left');
    expect(formatEta(59.4)).toBe('about 59 s left');
    expect(formatEta(185)).toBe('about 3 min 5 s left');
  });
});

describe('formatScore', () => {
  it('shows n/a for a score that could not be computed', () => {
    expect(formatScore(null, 3)).toBe('n/a');
    expect(formatScore(0.12345, 3)).toBe('0.123');
  });
});

describe('errorText', () => {
  it('keeps only the first line of a message', () => {
    expect(errorText(new Error('bad file\n    at x'))).toBe('bad file');
    expect(errorText('plain')).toBe('plain');
  });
});
