import { describe, expect, it } from 'vitest';

import { makeTool } from '@/test/helpers/make-tool';

import { buildBookMap } from './book-map';
import type { KnowledgeBase } from './knowledge-base';

const url = (a: string) => `https://book.example/${a}`;
// A two-chapter book: chapter 8 with sections 8, 8.5, 8.5.1; chapter 10 with no sections.
const book: KnowledgeBase['book'] = {
  meta: { title: 'Book', url: url(''), pdf: url('pdf'), source: url('src'), license: 'BSD-3-Clause', citation_note: 'cite it' },
  chapters: [
    { number: '8', title: 'Tools', page: '8.html', anchor: '', part: null, url: url('8') },
    { number: '10', title: 'Quality', page: '10.html', anchor: '', part: null, url: url('10') },
  ],
  sections: [
    { level: 1, number: '8', title: 'Tools', anchor: 'a', explicit: true, url: url('8#a'), page: '8' },
    { level: 2, number: '8.5', title: 'Categories', anchor: 'b', explicit: true, url: url('8#b'), page: '8' },
    { level: 3, number: '8.5.1', title: 'Sub', anchor: 'c', explicit: true, url: url('8#c'), page: '8' },
  ],
  glossary: [],
};

function kbWith(parts: Partial<KnowledgeBase>): KnowledgeBase {
  return { tools: [], categories: [], restorationMethods: [], glossary: [], caseStudies: [], questions: { version: 1, sections: [], questions: [] }, trees: [], resources: [], book, ...parts };
}

describe('buildBookMap', () => {
  it('lists, for each section, the pages that cite it', () => {
    const kb = kbWith({
      tools: [
        makeTool('zeta', { name: 'Zeta', bookRefs: [{ section: '8.5', why: 'listed' }, { section: '8.5', why: 'again' }, { section: '10' }] }),
        makeTool('alpha', { name: 'Alpha', bookRefs: [{ section: '8.5' }, { section: '99.9' }] }),
      ],
      glossary: [{ id: 'iou', term: 'IoU', aliases: [], short: 's', definition: 'd', related: [], source: 'navigator', pages: [], bookRefs: [{ section: '8.5.1' }] }],
    });
    const map = buildBookMap(kb);
    expect(map.chapters.map((c) => c.chapter.number)).toEqual(['8', '10']);
    const ch8 = map.chapters[0]!;
    expect(ch8.sections.map((s) => s.section.number)).toEqual(['8', '8.5', '8.5.1']);
    expect(ch8.sections[0]!.citations).toEqual([]);
    // Zeta cites 8.5 twice: one entry, reasons joined; sorted by title within tools.
    expect(ch8.sections[1]!.citations).toEqual([
      { type: 'tool', id: 'alpha', title: 'Alpha', url: '/tools/alpha' },
      { type: 'tool', id: 'zeta', title: 'Zeta', url: '/tools/zeta', why: 'listed; again' },
    ]);
    expect(ch8.sections[2]!.citations.map((c) => c.url)).toEqual(['/glossary/iou']);
    // "10" is a chapter without sections: its citations sit on the chapter.
    expect(map.chapters[1]!.citations.map((c) => c.id)).toEqual(['zeta']);
    // "8" is both a chapter and a section: shown on the section, not twice.
    expect(ch8.citations).toEqual([]);
    expect(map.unresolved).toEqual([{ section: '99.9', citations: [{ type: 'tool', id: 'alpha', title: 'Alpha', url: '/tools/alpha' }] }]);
  });

  it('includes categories, restoration methods and wizard questions', () => {
    const kb = kbWith({
      questions: {
        version: 1,
        sections: [{ id: 'goal', title: 'Your goal', intro: 'i', bookRefs: [{ section: '8' }] }],
        questions: [
          { id: 'task', section: 'goal', text: 'What?', help: 'h', kind: 'single', options: [{ id: 'a', label: 'A', glossary: [] }, { id: 'b', label: 'B', glossary: [] }], optional: false, canBeMustHave: false, glossary: [], bookRefs: [{ section: '8' }] },
        ],
      },
    });
    expect(buildBookMap(kb).chapters[0]!.sections[0]!.citations.map((c) => `${c.type}:${c.id}`)).toEqual(['question:task', 'question:section-goal']);
  });
});
