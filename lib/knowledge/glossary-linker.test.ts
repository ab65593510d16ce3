import { describe, expect, it } from 'vitest';

import { createGlossaryMatcher } from './glossary-linker';

const terms = [
  { id: 'instance-segmentation', term: 'Instance Segmentation', aliases: [] },
  { id: 'segmentation', term: 'Segmentation', aliases: [] },
  { id: 'iou', term: 'IoU', aliases: ['Jaccard index'] },
  { id: 'point-spread-function-psf', term: 'Point Spread Function (PSF)', aliases: ['PSF'] },
];

describe('createGlossaryMatcher', () => {
  const m = createGlossaryMatcher(terms);

  it('prefers the longest term and links only the first mention', () => {
    const segments = m.link('Instance segmentation differs from segmentation; instance segmentation again.');
    expect(segments.filter((s) => s.termId).map((s) => [s.text, s.termId])).toEqual([
      ['Instance segmentation', 'instance-segmentation'],
      ['segmentation', 'segmentation'],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe('Instance segmentation differs from segmentation; instance segmentation again.');
  });

  it('matches short acronyms only with their capitalisation', () => {
    expect(m.link('report the IoU').some((s) => s.termId === 'iou')).toBe(true);
    expect(m.link('report the iou').some((s) => s.termId === 'iou')).toBe(false);
  });

  it('matches aliases and the name without its parenthesised acronym', () => {
    expect(m.link('the Jaccard index of two masks')[1]).toEqual({ text: 'Jaccard index', termId: 'iou' });
    expect(m.link('measure the point spread function first')[1]).toEqual({ text: 'point spread function', termId: 'point-spread-function-psf' });
  });

  it('does not match inside words or hyphenated words', () => {
    expect(m.link('presegmentation and over-segmentation').every((s) => !s.termId)).toBe(true);
  });
});
