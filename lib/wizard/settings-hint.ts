import type { Answers } from '../knowledge/schema';
import { answerOf } from '../recommend';

/** A tool the user named, with the names of its key settings (from its own docs, `Tool.keySettings`). */
export interface ToolSettingsHint {
  id: string;
  name: string;
  settings: string[];
}

/**
 * For the question "did you adjust the main settings of what you tried?" (`settings-tuned`): the tools
 * the user already named — in `tools-used`, or through the model they tried (`pretrained-which`,
 * mapped to tools by `whichTools`) — that record key settings, in the order named, each once.
 *
 * @param answers - the answers so far
 * @param tools - tools that record key settings
 * @param whichTools - `pretrained-which` option → tool ids (the recommender's `PRETRAINED_WHICH_TOOLS`)
 */
export function settingsHint(answers: Answers, tools: readonly ToolSettingsHint[], whichTools: Readonly<Record<string, readonly string[]>>): ToolSettingsHint[] {
  const ids = [...answerOf(answers, 'tools-used'), ...answerOf(answers, 'pretrained-which').flatMap((o) => whichTools[o] ?? [])];
  const byId = new Map(tools.map((t) => [t.id, t]));
  return [...new Set(ids)].flatMap((id) => {
    const t = byId.get(id);
    return t ? [t] : [];
  });
}
