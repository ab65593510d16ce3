import type { Tool } from './schema';

/**
 * Tools similar to a given one, computed from attributes only (no text), so the list is
 * explainable and deterministic. The score is a weighted mean of:
 * - Jaccard similarity (|A∩B| / |A∪B|) of tasks, method categories, dimensionality and interfaces;
 * - exact matches of coding level and GPU need (1 or 0).
 * Tasks weigh most because "does the same job" is what a reader looking for an alternative wants.
 */
export const SIMILARITY_WEIGHTS = {
  tasks: 4,
  categories: 2,
  dimensionality: 1,
  interfaces: 1,
  coding: 1,
  gpu: 1,
} as const;

/** One neighbour returned by {@link similarTools}. */
export interface SimilarTool {
  tool: Tool;
  /** 0 (nothing in common) … 1 (identical on every attribute compared). */
  score: number;
  /** Shared tasks, the part of the score a reader cares about most. */
  sharedTasks: string[];
}

/** Options of {@link similarTools}. */
export interface SimilarToolsOptions {
  /** Maximum number of tools returned. @default 5 */
  limit?: number;
  /** Tools scoring below this are left out. @default 0.25 */
  minScore?: number;
}

/** |A∩B| / |A∪B|; two empty sets count as identical (1). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let both = 0;
  for (const x of sa) if (sb.has(x)) both++;
  return both / (sa.size + sb.size - both);
}

/** The attribute similarity of two tools, in 0…1 (see {@link SIMILARITY_WEIGHTS}). */
export function toolSimilarity(a: Tool, b: Tool): number {
  const w = SIMILARITY_WEIGHTS;
  const sum =
    w.tasks * jaccard(a.tasks, b.tasks) +
    w.categories * jaccard(a.categories, b.categories) +
    w.dimensionality * jaccard(a.dimensionality, b.dimensionality) +
    w.interfaces * jaccard(a.interfaces, b.interfaces) +
    w.coding * Number(a.coding === b.coding) +
    w.gpu * Number(a.gpu === b.gpu);
  const total = w.tasks + w.categories + w.dimensionality + w.interfaces + w.coding + w.gpu;
  return sum / total;
}

/**
 * The tools most similar to `tool`, best first; ties are broken by id so the order never changes
 * between builds. Tools sharing no task are left out: an alternative must do at least one of the same jobs.
 * @param tool the tool whose neighbours are wanted (itself is never returned)
 * @param tools every tool
 * @returns up to `limit` tools with their score, rounded to 3 decimals
 */
export function similarTools(tool: Tool, tools: readonly Tool[], { limit = 5, minScore = 0.25 }: SimilarToolsOptions = {}): SimilarTool[] {
  return tools
    .filter((t) => t.id !== tool.id)
    .map((t) => ({ tool: t, score: Math.round(toolSimilarity(tool, t) * 1000) / 1000, sharedTasks: tool.tasks.filter((x) => t.tasks.includes(x)) }))
    .filter((s) => s.sharedTasks.length > 0 && s.score >= minScore)
    .sort((x, y) => y.score - x.score || x.tool.id.localeCompare(y.tool.id))
    .slice(0, limit);
}
