import type { DecisionTree } from './schema';

export interface LaidOutNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The label broken into lines that fit the box. */
  lines: string[];
  depth: number;
}

export interface LaidOutEdge {
  from: string;
  to: string;
  label: string;
  /** Polyline points from the bottom of `from` to the top of `to`. */
  points: [number, number][];
  labelX: number;
  labelY: number;
}

export interface TreeLayout {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

export interface TreeLayoutOptions {
  /** Box width in SVG units. @default 230 */
  nodeWidth?: number;
  /** Characters per line inside a box (depends on the font size the page uses). @default 30 */
  charsPerLine?: number;
  /** Height of one text line. @default 18 */
  lineHeight?: number;
  /** Space between boxes in a row. @default 40 */
  gapX?: number;
  /** Space between rows (room for edge labels). @default 70 */
  gapY?: number;
}

/**
 * Lay a decision tree out in rows for an SVG drawing: a node's row is its longest distance from the
 * root (so every edge points down), and nodes in a row are ordered by the mean position of their
 * parents (one barycentre pass), which keeps most edges from crossing. Pure and deterministic.
 */
export function layoutTree(tree: DecisionTree, options: TreeLayoutOptions = {}): TreeLayout {
  const { nodeWidth = 230, charsPerLine = 30, lineHeight = 18, gapX = 40, gapY = 70 } = options;
  const children = new Map<string, string[]>();
  const parents = new Map<string, string[]>();
  for (const e of tree.edges) {
    children.set(e.from, [...(children.get(e.from) ?? []), e.to]);
    parents.set(e.to, [...(parents.get(e.to) ?? []), e.from]);
  }

  // Longest-path depth over the DAG (Kahn order from the root); unreachable nodes go to the last row.
  const depth = new Map<string, number>([[tree.root, 0]]);
  const order: string[] = [];
  const indegree = new Map(tree.nodes.map((n) => [n.id, (parents.get(n.id) ?? []).length]));
  const queue = tree.nodes.filter((n) => (indegree.get(n.id) ?? 0) === 0).map((n) => n.id);
  while (queue.length > 0) {
    const id = queue.shift()!;
    order.push(id);
    for (const child of children.get(id) ?? []) {
      depth.set(child, Math.max(depth.get(child) ?? 0, (depth.get(id) ?? 0) + 1));
      indegree.set(child, (indegree.get(child) ?? 1) - 1);
      if (indegree.get(child) === 0) queue.push(child);
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  for (const n of tree.nodes) if (!depth.has(n.id)) depth.set(n.id, maxDepth + 1);

  const lines = new Map(tree.nodes.map((n) => [n.id, wrap(n.label, charsPerLine)]));
  const rows: string[][] = [];
  for (const n of tree.nodes) (rows[depth.get(n.id)!] ??= []).push(n.id);

  const x = new Map<string, number>();
  const rowHeights = rows.map((row) => Math.max(...row.map((id) => (lines.get(id)?.length ?? 1) * lineHeight + 16)));
  rows.forEach((row, r) => {
    if (r > 0) {
      const mean = (id: string) => {
        const ps = (parents.get(id) ?? []).filter((p) => x.has(p));
        return ps.length === 0 ? Infinity : ps.reduce((s, p) => s + x.get(p)!, 0) / ps.length;
      };
      row.sort((a, b) => mean(a) - mean(b) || a.localeCompare(b));
    }
    row.forEach((id, i) => x.set(id, i * (nodeWidth + gapX)));
  });

  const width = Math.max(...rows.map((row) => row.length)) * (nodeWidth + gapX) - gapX;
  const nodes: LaidOutNode[] = [];
  let y = 0;
  rows.forEach((row, r) => {
    const rowWidth = row.length * (nodeWidth + gapX) - gapX;
    const offset = (width - rowWidth) / 2;
    for (const id of row) {
      const l = lines.get(id) ?? [];
      nodes.push({ id, x: offset + x.get(id)!, y, width: nodeWidth, height: l.length * lineHeight + 16, lines: l, depth: r });
    }
    y += (rowHeights[r] ?? 0) + gapY;
  });

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: LaidOutEdge[] = tree.edges.flatMap((e) => {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) return [];
    const start: [number, number] = [a.x + a.width / 2, a.y + a.height];
    const end: [number, number] = [b.x + b.width / 2, b.y];
    return [{ from: e.from, to: e.to, label: e.label, points: [start, end], labelX: (start[0] + end[0]) / 2, labelY: (start[1] + end[1]) / 2 }];
  });
  return { width: Math.max(width, nodeWidth), height: y - gapY, nodes, edges };
}

/** Break text into lines of at most `max` characters at spaces (long words stay whole). */
export function wrap(text: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.length > 0 ? out : [''];
}
