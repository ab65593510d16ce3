import { describe, expect, it } from 'vitest';

import { cleanInline, extractSections, FIGURE_CAPTION, linesToBlocks, offlineAncestors, offlineSubtree } from './offline-book';

describe('offline book extraction', () => {
  it('joins a paragraph cut by a page break and undoes end-of-line hyphenation', () => {
    const { blocks } = linesToBlocks(['Tradition-', '', 'ally, these techniques relied on models. Noise is caused', '', 'by random fluctuations.']);
    expect(blocks).toEqual([{ type: 'p', text: 'Traditionally, these techniques relied on models. Noise is caused by random fluctuations.' }]);
  });

  it('drops figure captions, figure label text and page numbers, and counts the figures', () => {
    const { blocks, figuresOmitted } = linesToBlocks([
      'Common metrics include:',
      '',
      'Training from Scratch',
      '',
      'A model is trained from random weights',
      '',
      ' ',
      'Figure 9.7: **Strategies** for training. A model can be trained',
      '',
      '42',
      '',
      'Next paragraph.',
    ]);
    expect(figuresOmitted).toBe(1);
    expect(blocks).toEqual([
      { type: 'p', text: 'Common metrics include:' },
      { type: 'p', text: 'Next paragraph.' },
    ]);
  });

  it('drops a figure drawn as text between its title and its caption', () => {
    const { blocks, figuresOmitted } = linesToBlocks(['Intro.', '', 'Figure 1: Workflows', '', 'Label one', '', 'Label two.', '', 'Figure 1. The caption.', '', 'After.']);
    expect(figuresOmitted).toBe(1);
    expect(blocks.map((b) => (b.type === 'p' ? b.text : b.type))).toEqual(['Intro.', 'After.']);
  });

  it('keeps code blocks whole and lists as items', () => {
    const { blocks } = linesToBlocks(['```', 'python train.py -c config.json', '', '# comment', '```', '', '1. **Clone** the repository', '2. Install [dependencies](#)']);
    expect(blocks).toEqual([
      { type: 'code', text: 'python train.py -c config.json\n\n# comment' },
      { type: 'list', ordered: true, items: ['Clone the repository', 'Install dependencies'] },
    ]);
  });

  it('cleans ligatures, the "Biolmaging" OCR slip and markdown links', () => {
    expect(cleanInline('AI in Microscopy: A Biolmaging Guide; ﬁne [PSF](#) see <https://x.org/a> <i>napari</i>')).toBe('AI in Microscopy: A BioImaging Guide; fine PSF see https://x.org/a napari');
  });

  it('recognises captions but not prose that mentions a figure', () => {
    expect(FIGURE_CAPTION.test('Figure 6.1: **Schematic**')).toBe(true);
    expect(FIGURE_CAPTION.test('Figure A.2: Dataset')).toBe(true);
    expect(FIGURE_CAPTION.test('Equation 6.1 is described schematically in Figure 6.1.')).toBe(false);
  });

  it('finds body headings (not the table of contents) and cuts the last section at the next chapter', () => {
    const draft = ['6\tImage Restoration\t35', '6.1\tGeneral\t36', '', '6 Image Restoration', '', 'Intro.', '', '6.1 General Concepts', '', 'Body text.', '', '7 Adding AI to Your Hardware', '', 'Other chapter.'].join('\n');
    const { sections, notFound } = extractSections(draft, [
      { number: '6', title: 'Image Restoration', level: 1, url: 'https://example.org/6' },
      { number: '6.1', title: 'General Concepts', level: 2, url: 'https://example.org/6#1' },
      { number: '6.2', title: 'Missing Section', level: 2, url: 'https://example.org/6#2' },
    ]);
    expect(sections.map((s) => [s.number, s.blocks])).toEqual([
      ['6', [{ type: 'p', text: 'Intro.' }]],
      ['6.1', [{ type: 'p', text: 'Body text.' }]],
    ]);
    expect(notFound.map((n) => n.section)).toEqual(['6.2']);
    expect(offlineSubtree({ sections }, '6').map((s) => s.number)).toEqual(['6', '6.1']);
    expect(offlineAncestors({ sections }, '6.1').map((s) => s.number)).toEqual(['6']);
  });
});
