import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { AnswersSchema, type Answers, type KnowledgeBase } from '../knowledge';
import { loadKnowledgeBase } from '../knowledge/server';
import { recommend, reportJson } from '../recommend';
import { pruneAnswers } from '../wizard';
import { ConfigError, InputError } from '../util/errors';
import { EXIT, printJson, type CliIo } from './io';

/** `navigator questions`: the question set (ids, options, conditions) as JSON. */
export function questionsCommand(_args: string[], io: CliIo): number {
  printJson(io, loadKnowledgeBase().questions);
  return EXIT.ok;
}

/**
 * `navigator recommend <answers.json>` or `navigator recommend --preset <case-study id>`: the
 * recommendation as JSON (the same document as the result page's JSON export).
 */
export function recommendCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { preset: { type: 'string' } } });
  const kb = loadKnowledgeBase();
  if (values.preset !== undefined && positionals.length > 0) throw new ConfigError('give either an answers file or --preset, not both');
  let answers: Answers;
  if (values.preset !== undefined) {
    const study = kb.caseStudies.find((c) => c.id === values.preset);
    if (!study) throw new ConfigError(`unknown preset "${values.preset}"; presets: ${kb.caseStudies.map((c) => c.id).join(', ')}`);
    answers = study.answers;
  } else {
    const file = positionals[0];
    if (!file) throw new ConfigError('recommend needs an answers file (see knowledge/README.md for its format) or --preset <id>');
    answers = readAnswers(file, kb);
  }
  const pruned = pruneAnswers(kb.questions, answers);
  printJson(io, reportJson(pruned, recommend(pruned, kb), kb));
  return EXIT.ok;
}

function readAnswers(file: string, kb: KnowledgeBase): Answers {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`cannot read answers file "${file}": check the path`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = AnswersSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}; expected { "values": { "<question id>": "<option id>" | ["<option id>", …] }, "mustHave": [] }`);
  }
  for (const [qid, value] of Object.entries(parsed.data.values)) {
    const q = kb.questions.questions.find((x) => x.id === qid);
    if (!q) throw new ConfigError(`${file}: values.${qid}: unknown question; run "navigator questions" for the ids`);
    for (const v of Array.isArray(value) ? value : [value]) {
      if (!q.options.some((o) => o.id === v)) throw new ConfigError(`${file}: values.${qid}: "${v}" is not an option; choose from ${q.options.map((o) => o.id).join(', ')}`);
    }
    if (q.kind === 'single' && Array.isArray(value)) throw new ConfigError(`${file}: values.${qid}: takes one option id, not a list`);
  }
  return parsed.data;
}
