import type { Answers } from '../knowledge/schema';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { answerOf } from './match-condition';
import type { RankedItem, Recommendation } from './types';

/** The machine-readable report: the answers in words and ids, plus the full recommendation. */
export interface ReportJson {
  format: 'bioimage-navigator-report';
  version: 1;
  questionSetVersion: number;
  book: { title: string; url: string; license: string };
  answers: { question: string; text: string; options: string[]; labels: string[]; mustHave: boolean }[];
  recommendation: Recommendation;
}

/**
 * Build the JSON export of a result (stable key order, suitable for saving next to the data).
 *
 * @param answers - the answers the recommendation was computed from
 * @param rec - the result of `recommend(answers, kb)`
 * @param kb - the knowledge base (for question texts and book metadata)
 * @returns a plain object; `JSON.stringify(reportJson(…), null, 2)` gives the file
 */
export function reportJson(answers: Answers, rec: Recommendation, kb: KnowledgeBase): ReportJson {
  return {
    format: 'bioimage-navigator-report',
    version: 1,
    questionSetVersion: kb.questions.version,
    book: { title: kb.book.meta.title, url: kb.book.meta.url, license: kb.book.meta.license },
    answers: describeAnswers(answers, kb),
    recommendation: rec,
  };
}

/**
 * Render a result as Markdown for a lab notebook: answers, ranked items with their reasons and book
 * links, exclusions, caveats, the fallback chain and the check to run.
 *
 * @param answers - the answers the recommendation was computed from
 * @param rec - the result of `recommend(answers, kb)`
 * @param kb - the knowledge base
 * @param options.limit - how many ranked items per list to include
 * @returns Markdown text
 * @default options.limit 5
 */
export function reportMarkdown(answers: Answers, rec: Recommendation, kb: KnowledgeBase, options: { limit?: number } = {}): string {
  const limit = options.limit ?? 5;
  const link = (r: { section: string; url: string }) => `[§${r.section}](${r.url})`;
  const lines: string[] = ['# BioImage Navigator recommendation', '', `Based on *${kb.book.meta.title}* (${kb.book.meta.url}).`, '', '## Your answers', ''];
  for (const a of describeAnswers(answers, kb)) lines.push(`- **${a.text}** ${a.labels.join('; ')}${a.mustHave ? ' *(must-have)*' : ''}`);
  const list = (title: string, items: RankedItem[]) => {
    if (items.length === 0) return;
    lines.push('', `## ${title}`, '');
    items.slice(0, limit).forEach((item, i) => {
      lines.push(`${i + 1}. **${item.name}** (score ${item.score})`);
      for (const r of item.reasons.filter((x) => x.delta !== 0)) lines.push(`   - ${r.effect === 'raised' ? '▲' : '▼'} ${r.text} (${r.delta > 0 ? '+' : ''}${r.delta}; ${link(r.bookRef)})`);
    });
  };
  list('Method categories', rec.categories);
  list('Restoration methods', rec.restorationMethods);
  list('Tools', rec.tools);
  if (rec.trainingApproach) lines.push('', '## How to get a working model', '', `${rec.trainingApproach.text} (${link(rec.trainingApproach.bookRef)})`);
  if (rec.deployment) lines.push('', '## Where to run it', '', `${rec.deployment.text} (${link(rec.deployment.bookRef)})`);
  if (rec.runnerPreset) lines.push('', '## Try it here', '', `Open the restoration runner with the \`${rec.runnerPreset.preset}\` preset: \`${rec.runnerPreset.route}\`.`);
  if (rec.metric) lines.push('', '## Is it good enough?', '', `${rec.metric.name}: ${rec.metric.text} (${link(rec.metric.bookRef)}; evaluate at \`${rec.metric.route}\`)`);
  if (rec.learning) {
    lines.push('', '## Learning the tools', '', `${rec.learning.text}${rec.learning.resources.length > 0 ? ` Where: ${rec.learning.resources.join(', ')}.` : ''} (${link(rec.learning.bookRef)})`);
  }
  if (rec.preprocessing.length > 0) {
    lines.push('', '## Pre-processing', '');
    for (const p of rec.preprocessing) lines.push(`- ${p.label}: ${p.tools.join(', ')}`);
  }
  if (rec.fallback.length > 0) {
    lines.push('', '## If this fails', '');
    for (const f of rec.fallback) {
      const lead = f.kind === 'restoration' ? `**${f.name}.** ` : '';
      lines.push(`- ${lead}${f.text}${f.tools.length > 0 ? ` Tools: ${f.tools.join(', ')}.` : ''} (${link(f.bookRef)})`);
    }
  }
  if (rec.excluded.length > 0) {
    lines.push('', '## Ruled out', '');
    for (const e of rec.excluded) lines.push(`- **${e.name}**: ${e.text} (${link(e.bookRef)})`);
  }
  lines.push('', '## Keep in mind', '');
  for (const c of rec.caveats) lines.push(`- ${c.text} (${link(c.bookRef)})`);
  if (rec.glossary.length > 0) lines.push('', '## Terms used', '', rec.glossary.join(', '));
  lines.push('', `Book text: ${kb.book.meta.license}.`, '');
  return lines.join('\n');
}

function describeAnswers(answers: Answers, kb: KnowledgeBase): ReportJson['answers'] {
  return kb.questions.questions
    .filter((q) => answerOf(answers, q.id).length > 0)
    .map((q) => {
      const options = answerOf(answers, q.id);
      return {
        question: q.id,
        text: q.text,
        options,
        labels: options.map((o) => q.options.find((x) => x.id === o)?.label ?? o),
        mustHave: answers.mustHave.includes(q.id),
      };
    });
}
