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

  // Sugiyama-style: an edge that skips rows gets a thin "dummy" slot in every row it crosses, so it
  // is routed around the boxes of those rows instead of through them.
  const DUMMY_WIDTH = 24;
  interface Slot {
    id: string;
    width: number;
    dummy: boolean;
  }
  const rows: Slot[][] = [];
  for (const n of tree.nodes) (rows[depth.get(n.id)!] ??= []).push({ id: n.id, width: nodeWidth, dummy: false });
  const slotParents = new Map<string, string[]>();
  const routes = new Map<string, string[]>(); // edge key → slot ids from source to target
  tree.edges.forEach((e, i) => {
    const from = depth.get(e.from);
    const to = depth.get(e.to);
    if (from === undefined || to === undefined) return;
    const chain = [e.from];
    for (let r = from + 1; r < to; r++) {
      const id = `~${i}-${r}`;
      (rows[r] ??= []).push({ id, width: DUMMY_WIDTH, dummy: true });
      chain.push(id);
    }
    chain.push(e.to);
    for (let k = 1; k < chain.length; k++) slotParents.set(chain[k]!, [...(slotParents.get(chain[k]!) ?? []), chain[k - 1]!]);
    routes.set(`${i}`, chain);
  });

  const centre = new Map<string, number>();
  const place = (row: Slot[]) => {
    let cursor = 0;
    for (const slot of row) {
      centre.set(slot.id, cursor + slot.width / 2);
      cursor += slot.width + (slot.dummy ? gapX / 2 : gapX);
    }
    return cursor - (row.at(-1)?.dummy ? gapX / 2 : gapX);
  };
  rows.forEach((row, r) => {
    if (r > 0) {
      const mean = (id: string) => {
        const ps = (slotParents.get(id) ?? []).filter((p) => centre.has(p));
        return ps.length === 0 ? Infinity : ps.reduce((sum, p) => sum + centre.get(p)!, 0) / ps.length;
      };
      row.sort((a, b) => mean(a.id) - mean(b.id) || a.id.localeCompare(b.id));
    }
    place(row);
  });
  const rowWidths = rows.map((row) => place(row));
  const width = Math.max(nodeWidth, ...rowWidths);

  const rowHeights = rows.map((row) => Math.max(20, ...row.filter((s) => !s.dummy).map((s) => (lines.get(s.id)?.length ?? 1) * lineHeight + 16)));
  const nodes: LaidOutNode[] = [];
  const rowTop: number[] = [];
  let y = 0;
  rows.forEach((row, r) => {
    rowTop[r] = y;
    const offset = (width - (rowWidths[r] ?? 0)) / 2;
    for (const slot of row) {
      centre.set(slot.id, offset + centre.get(slot.id)!);
      if (slot.dummy) continue;
      const l = lines.get(slot.id) ?? [];
      nodes.push({ id: slot.id, x: centre.get(slot.id)! - nodeWidth / 2, y, width: nodeWidth, height: l.length * lineHeight + 16, lines: l, depth: r });
    }
    y += (rowHeights[r] ?? 0) + gapY;
  });

  const byId = new Map(nodes.map((n) => [n.id, n]));
  // Edges that meet at one target share their end point, so labels at the same fraction of the last
  // segment would print on top of each other: the k-th of them sits further back along its own edge.
  const incomingSeen = new Map<string, number>();
  const edges: LaidOutEdge[] = tree.edges.flatMap((e, i) => {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    const chain = routes.get(`${i}`);
    if (!a || !b || !chain) return [];
    const points: [number, number][] = [[centre.get(a.id)!, a.y + a.height]];
    for (const id of chain.slice(1, -1)) {
      const r = Number(id.split('-')[1]);
      points.push([centre.get(id)!, rowTop[r]!], [centre.get(id)!, rowTop[r]! + (rowHeights[r] ?? 0)]);
    }
    points.push([centre.get(b.id)!, b.y]);
    // Label on the last segment, nearer the target: labels of edges that fan out from one node then
    // sit above their own targets instead of piling up under the source.
    const [p, q] = [points.at(-2)!, points.at(-1)!];
    const k = incomingSeen.get(e.to) ?? 0;
    incomingSeen.set(e.to, k + 1);
    const t = Math.max(0.72 - 0.4 * k, 0.12);
    return [{ from: e.from, to: e.to, label: e.label, points, labelX: p[0] + (q[0] - p[0]) * t, labelY: p[1] + (q[1] - p[1]) * t }];
  });
  return { width, height: y - gapY, nodes, edges };
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
