import { describe, expect, it } from 'vitest';

import type { DecisionTree } from './schema';
import { layoutTree, wrap } from './tree-layout';

const ref = { section: '9.2.2' };
const tree: DecisionTree = {
  id: 't',
  title: 'T',
  summary: 's',
  figure: null,
  root: 'a',
  nodes: [
    { id: 'a', type: 'question', label: 'Root question', bookRef: ref },
    { id: 'b', type: 'question', label: 'Left', bookRef: ref },
    { id: 'c', type: 'outcome', label: 'Right outcome', bookRef: ref, outcome: { categories: [], tools: [], restorationMethods: [], advice: 'x' } },
    { id: 'd', type: 'outcome', label: 'Deep outcome reached from a and b', bookRef: ref, outcome: { categories: [], tools: [], restorationMethods: [], advice: 'x' } },
  ],
  edges: [
    { from: 'a', to: 'b', label: 'yes' },
    { from: 'a', to: 'c', label: 'no' },
    { from: 'b', to: 'd', label: 'yes' },
    { from: 'a', to: 'd', label: 'maybe' },
  ],
  bookRefs: [ref],
};

describe('layoutTree', () => {
  const layout = layoutTree(tree);
  const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

  it('puts each node below every parent (longest-path rows)', () => {
    expect([node('a').depth, node('b').depth, node('c').depth, node('d').depth]).toEqual([0, 1, 1, 2]);
    for (const e of layout.edges) expect(node(e.to).y).toBeGreaterThan(node(e.from).y);
  });

  it('does not overlap boxes in a row', () => {
    const row = [node('b'), node('c')].sort((p, q) => p.x - q.x);
    expect(row[0]!.x + row[0]!.width).toBeLessThanOrEqual(row[1]!.x);
  });

  it('draws every edge from the bottom of its source to the top of its target', () => {
    const e = layout.edges.find((x) => x.from === 'a' && x.to === 'b')!;
    expect(e.points[0]).toEqual([node('a').x + node('a').width / 2, node('a').y + node('a').height]);
    expect(e.points[1]).toEqual([node('b').x + node('b').width / 2, node('b').y]);
  });

  it('routes an edge that skips a row around the boxes of that row', () => {
    const e = layout.edges.find((x) => x.from === 'a' && x.to === 'd')!;
    expect(e.points.length).toBe(4); // source, into row 1, out of row 1, target
    const inRow = e.points.slice(1, 3);
    for (const box of layout.nodes.filter((n) => n.depth === 1)) {
      for (const [px] of inRow) expect(px < box.x || px > box.x + box.width).toBe(true);
    }
  });

  it('keeps apart the labels of edges that meet at one target', () => {
    // b→d and a→d both end at the top of d; their labels must not share a line of text (12px type).
    const [first, second] = layout.edges.filter((e) => e.to === 'd');
    const apart = Math.abs(first!.labelY - second!.labelY) >= 14 || Math.abs(first!.labelX - second!.labelX) >= 100;
    expect(apart, `labels at (${first!.labelX}, ${first!.labelY}) and (${second!.labelX}, ${second!.labelY})`).toBe(true);
  });

  it('fits the drawing around all nodes', () => {
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width + 1e-9);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height + 1e-9);
    }
  });
});

describe('wrap', () => {
  it('breaks at spaces within the limit and keeps long words whole', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('supercalifragilistic yes', 5)).toEqual(['supercalifragilistic', 'yes']);
  });
});
