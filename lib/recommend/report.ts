import type { Answers } from '../knowledge/schema';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { answerOf } from './match-condition';
import { buildPlan } from './plan';
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

/** Where the Markdown report links back to: the site's origin and the result's share link. */
export interface ReportLinks {
  /** Origin of the site ("http://localhost:3000"): tool and kind names link to their pages there. */
  siteUrl?: string;
  /** The result page's URL with the answers (`/wizard/result?a=…`), so a reader can reopen it. */
  shareUrl?: string;
}

/**
 * Render a result as Markdown for a lab notebook: the plan first (what to do, what next, how to check,
 * where to run it), then the answers, the ranked items with their reasons and book links, exclusions,
 * caveats and the fallback chain. Tools and kinds appear by name, linked to their pages on the site
 * (or, without `siteUrl`, to the tool's own homepage); book sections link to the online book.
 *
 * @param answers - the answers the recommendation was computed from
 * @param rec - the result of `recommend(answers, kb)`
 * @param kb - the knowledge base
 * @param options.limit - how many ranked items per list to include
 * @param options.siteUrl - origin for links to tool and kind pages
 * @param options.shareUrl - the result's share link, printed at the top and the end
 * @returns Markdown text
 * @default options.limit 5
 */
export function reportMarkdown(answers: Answers, rec: Recommendation, kb: KnowledgeBase, options: { limit?: number } & ReportLinks = {}): string {
  const limit = options.limit ?? 5;
  const site = options.siteUrl?.replace(/\/$/, '');
  const link = (r: { section: string; url: string }) => `[§${r.section}](${r.url})`;
  const toolLink = (id: string) => {
    const tool = kb.tools.find((t) => t.id === id);
    const name = tool?.name ?? id;
    const url = site ? `${site}/tools/${id}` : tool?.homepage;
    return url ? `[${name}](${url})` : name;
  };
  const tools = (ids: readonly string[]) => ids.map(toolLink).join(', ');
  const itemLink = (name: string, path: string) => (site ? `[${name}](${site}${path})` : name);
  const route = (path: string) => (site ? `${site}${path}` : `\`${path}\``);
  const plan = buildPlan(rec, answers, kb);
  const lines: string[] = ['# BioImage Navigator recommendation', '', `Based on *${kb.book.meta.title}* (${kb.book.meta.url}).`];
  if (options.shareUrl) lines.push('', `Reopen this result: ${options.shareUrl}`);

  lines.push('', '## Your plan', '');
  const first = plan.firstStep;
  if (first) {
    const kindPath = first.kindType === 'category' ? `/methods/${first.kindId}` : `/restoration/${first.kindId}`;
    const linker = first.linker && first.linker.id !== first.tool?.id ? `, then link the objects over time with **${toolLink(first.linker.id)}**` : '';
    lines.push(`1. **Start with** ${itemLink(first.kindName, kindPath)}${first.tool ? `, using **${toolLink(first.tool.id)}**` : ''}${linker}. ${first.howToStart} (${link(first.bookRef)})`);
    if (first.training) lines.push(`   - ${first.training.text} (${link(first.training.bookRef)})`);
    if (first.runnerPreset) lines.push(`   - Run it in the browser: ${route(first.runnerPreset.route)} (3D-RCAN \`${first.runnerPreset.preset}\` preset).`);
  } else {
    lines.push(`1. **Start with**: ${plan.noFit?.text ?? 'no kind of tool fits every constraint; relax a must-have.'}${plan.noFit ? ` (${link(plan.noFit.bookRef)})` : ''}`);
  }
  if (plan.nextRung) lines.push(`2. **If it is not good enough:** ${plan.nextRung.name}${plan.nextRung.tool ? `, for example ${toolLink(plan.nextRung.tool.id)}` : ''}. ${plan.nextRung.text} (${link(plan.nextRung.bookRef)})`);
  if (plan.check) lines.push(`3. **Check the result:** ${plan.check.name}. ${plan.check.text} Compute it at ${route(plan.check.route)} (${link(plan.check.bookRef)})`);
  lines.push(`4. **Where to run it:** ${plan.whereToRun.text} (${link(plan.whereToRun.bookRef)})`);
  if (plan.before.length > 0) lines.push('', `Clean up first: ${plan.before.map((b) => `${b.label.replace(/\.$/, '')}${b.tool ? ` (${toolLink(b.tool.id)})` : ''}`).join('; ')}.`);
  if (plan.retune) lines.push('', `**Before switching:** ${plan.retune.text} (${toolLink(plan.retune.tool.id)}; ${link(plan.retune.bookRef)})`);
  if (plan.settings) {
    lines.push('', `**Settings to check on ${plan.settings.tool.name} first** (${link(plan.settings.bookRef)}):`);
    for (const k of plan.settings.settings) lines.push(`- \`${k.name}\`: ${k.what} ([docs](${k.source}))`);
  }
  for (const c of plan.constraints) {
    const label = c.nature === 'must-have' ? 'must-have' : c.nature === 'data' ? 'your data' : 'hard limit, applied though not marked must-have';
    lines.push('', `- Constraint (${label}): ${c.answer}${c.removed.length > 0 ? ` — ruled out ${c.removed.join(', ')}` : ''}`);
  }

  lines.push('', '## Your answers', '');
  for (const a of describeAnswers(answers, kb)) lines.push(`- **${a.text}** ${a.labels.join('; ')}${a.mustHave ? ' *(must-have)*' : ''}`);
  const list = (title: string, items: RankedItem[], path: (id: string) => string, named: (id: string, name: string) => string = (id, name) => itemLink(name, path(id))) => {
    if (items.length === 0) return;
    lines.push('', `## ${title}`, '');
    items.slice(0, limit).forEach((item, i) => {
      lines.push(`${i + 1}. **${named(item.id, item.name)}** (score ${item.score}${item.score <= 0 ? ', a poor fit' : ''})`);
      for (const r of item.reasons.filter((x) => x.delta !== 0)) lines.push(`   - ${r.effect === 'raised' ? '▲' : '▼'} ${r.text} (${r.delta > 0 ? '+' : ''}${r.delta})`);
      // Book sections once per item, not on every reason line.
      const refs = [...new Map(item.reasons.map((r) => [r.bookRef.section, r.bookRef])).values()];
      if (refs.length > 0) lines.push(`   - Book: ${refs.map(link).join(', ')}`);
    });
  };
  list('Method categories', rec.categories, (id) => `/methods/${id}`);
  list('Restoration methods', rec.restorationMethods, (id) => `/restoration/${id}`);
  list('Tools', rec.tools, (id) => `/tools/${id}`, (id) => toolLink(id));
  if (rec.learning) {
    lines.push('', '## Learning the tools', '', `${rec.learning.text}${rec.learning.resources.length > 0 ? ` Where: ${tools(rec.learning.resources)}.` : ''} (${link(rec.learning.bookRef)})`);
  }
  if (rec.preprocessing.length > 0) {
    lines.push('', '## Pre-processing', '');
    for (const p of rec.preprocessing) lines.push(`- ${p.label}: ${tools(p.tools)} (${link(p.bookRef)})`);
  }
  if (rec.goodEnough) {
    lines.push('', '## How good is good enough?', '', `${rec.goodEnough.text} (${link(rec.goodEnough.bookRef)})`, '');
    for (const h of rec.goodEnough.heuristics) lines.push(`- ${h}`);
  }
  if (rec.fallback.length > 0) {
    lines.push('', '## If this fails', '');
    for (const f of rec.fallback) {
      const lead = f.kind === 'restoration' ? `**${f.name}.** ` : '';
      lines.push(`- ${lead}${f.text}${f.tools.length > 0 ? ` Tools: ${tools(f.tools)}.` : ''} (${link(f.bookRef)})`);
    }
  }
  if (rec.excluded.length > 0) {
    lines.push('', '## Ruled out', '');
    for (const e of rec.excluded) lines.push(`- **${e.name}**: ${e.text} (${link(e.bookRef)})`);
  }
  lines.push('', '## Keep in mind', '');
  for (const c of rec.caveats) lines.push(`- ${c.text} (${link(c.bookRef)})`);
  if (rec.glossary.length > 0) {
    const term = (id: string) => {
      const g = kb.glossary.find((x) => x.id === id);
      return itemLink(g?.term ?? id, `/glossary/${id}`);
    };
    lines.push('', '## Terms used', '', rec.glossary.map(term).join(', '));
  }
  if (options.shareUrl) lines.push('', `Share link: ${options.shareUrl}`);
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
