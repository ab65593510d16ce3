import type { Tool } from '@/lib/knowledge';

/** What the tools browser needs of a tool: the facet fields plus what a result card shows. */
export type ToolSummary = Pick<Tool, 'id' | 'name' | 'summary' | 'kind' | 'tasks' | 'categories' | 'dimensionality' | 'interfaces' | 'gpu' | 'installEffort' | 'training' | 'os' | 'coding'>;

/** Strip a tool to a {@link ToolSummary}, so the page does not send every field to the browser. */
export function toToolSummary(t: Tool): ToolSummary {
  const { id, name, summary, kind, tasks, categories, dimensionality, interfaces, gpu, installEffort, training, os, coding } = t;
  return { id, name, summary, kind, tasks, categories, dimensionality, interfaces, gpu, installEffort, training, os, coding };
}
