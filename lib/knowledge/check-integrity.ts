import { resolveBookRef } from './book-refs';
import { isSiteRoute } from './site-routes';
import type { KnowledgeBase } from './knowledge-base';
import type { BookRef, Condition, Tool } from './schema';

/**
 * Cross-reference checks the schemas cannot express: unique ids and names, and every reference
 * resolving (tool → tool/glossary/book section, category → tools, tree edge → node, case-study
 * answers → questions, glossary → book anchors). Returns `file: path: message` lines.
 *
 * @param sources `<type>:<id>` → file, from `parseKnowledgeFiles`, so messages name the file.
 */
export function checkIntegrity(kb: KnowledgeBase, sources: Map<string, string> = new Map()): string[] {
  const issues: string[] = [];
  const where = (type: string, id: string) => sources.get(`${type}:${id}`) ?? `${type} ${id}`;
  const report = (type: string, id: string, path: string, message: string) => issues.push(`${where(type, id)}: ${path}: ${message}`);

  const toolIds = new Set(kb.tools.map((t) => t.id));
  const glossaryIds = new Set(kb.glossary.map((g) => g.id));
  const methodIds = new Set(kb.restorationMethods.map((m) => m.id));
  const questionById = new Map(kb.questions.questions.map((q) => [q.id, q]));
  const sectionIds = new Set(kb.questions.sections.map((s) => s.id));
  const categoryIds = new Set(kb.categories.map((c) => c.id));
  const runnerTools = BROWSER_RUNNER_TOOLS;

  const refs = (type: string, id: string, path: string, list: readonly BookRef[]) =>
    list.forEach((ref, i) => {
      if (!resolveBookRef(ref, kb.book)) report(type, id, `${path}.${i}.section`, `book section "${ref.section}" is not in knowledge/book/sections.json or chapters.json`);
    });
  const ids = (type: string, id: string, path: string, list: readonly string[], known: Set<string>, what: string) =>
    list.forEach((ref, i) => {
      if (!known.has(ref)) report(type, id, `${path}.${i}`, `unknown ${what} "${ref}"`);
    });
  const unique = (type: string, items: readonly { id: string }[], label: (x: { id: string }) => string | undefined) => {
    const seenIds = new Set<string>();
    const seenNames = new Map<string, string>();
    for (const item of items) {
      if (seenIds.has(item.id)) report(type, item.id, 'id', `duplicate id "${item.id}"`);
      seenIds.add(item.id);
      const name = label(item)?.toLowerCase();
      if (name === undefined) continue;
      const other = seenNames.get(name);
      if (other) report(type, item.id, 'name', `duplicate name "${label(item)}" (also used by "${other}")`);
      seenNames.set(name, item.id);
    }
  };

  unique('tool', kb.tools, (t) => (t as (typeof kb.tools)[number]).name);
  unique('glossary', kb.glossary, (g) => (g as (typeof kb.glossary)[number]).term);
  unique('restoration-method', kb.restorationMethods, (m) => (m as (typeof kb.restorationMethods)[number]).name);
  unique('case-study', kb.caseStudies, () => undefined);
  unique('tree', kb.trees, () => undefined);
  unique('question', kb.questions.questions, () => undefined);
  unique('resource', kb.resources, () => undefined);

  for (const t of kb.tools) {
    ids('tool', t.id, 'runsInside', t.runsInside, toolIds, 'tool');
    ids('tool', t.id, 'canRun', t.canRun, toolIds, 'tool');
    ids('tool', t.id, 'glossary', t.glossary, glossaryIds, 'glossary term');
    refs('tool', t.id, 'bookRefs', t.bookRefs);
    if (t.runsInside.includes(t.id)) report('tool', t.id, 'runsInside', 'a tool cannot run inside itself');
    (t.pretrainedModels ?? []).forEach((m, i) => {
      if (m.rehostedFrom === undefined) return;
      if (m.rehostedFrom === t.id) report('tool', t.id, `pretrainedModels.${i}.rehostedFrom`, 'a model cannot be a copy of the tool\'s own model; leave rehostedFrom out');
      else if (!toolIds.has(m.rehostedFrom)) report('tool', t.id, `pretrainedModels.${i}.rehostedFrom`, `"${m.rehostedFrom}" is not a tool id`);
    });
    checkToolConsistency(t, (path, message) => report('tool', t.id, path, message), runnerTools);
  }

  // "A runs inside B" and "B can run A" are the same fact, stated on both cards; they must agree.
  const toolById = new Map(kb.tools.map((t) => [t.id, t]));
  for (const t of kb.tools) {
    t.runsInside.forEach((host, i) => {
      const h = toolById.get(host);
      if (h && !h.canRun.includes(t.id)) report('tool', t.id, `runsInside.${i}`, `runs inside "${host}", but "${host}" does not list "${t.id}" in canRun`);
    });
    t.canRun.forEach((guest, i) => {
      const g = toolById.get(guest);
      if (g && !g.runsInside.includes(t.id)) report('tool', t.id, `canRun.${i}`, `can run "${guest}", but "${guest}" does not list "${t.id}" in runsInside`);
    });
  }

  // A tool's other names must not collide with another tool's name or alias (search and links would be ambiguous).
  const toolNames = new Map<string, string>();
  for (const t of kb.tools) {
    for (const name of new Set([t.name, ...(t.aliases ?? [])].map((n) => n.toLowerCase()))) {
      const other = toolNames.get(name);
      if (other && other !== t.id) report('tool', t.id, 'aliases', `"${name}" is also the name or an alias of tool "${other}"`);
      toolNames.set(name, t.id);
    }
  }

  const categoryOrders = new Set<number>();
  for (const c of kb.categories) {
    ids('category', c.id, 'exampleTools', c.exampleTools, toolIds, 'tool');
    c.exampleTools.forEach((id, i) => {
      const t = kb.tools.find((x) => x.id === id);
      if (t && !t.categories.includes(c.id)) report('category', c.id, `exampleTools.${i}`, `example tool "${id}" is not in this category (add "${c.id}" to its categories)`);
    });
    ids('category', c.id, 'glossary', c.glossary, glossaryIds, 'glossary term');
    refs('category', c.id, 'bookRefs', c.bookRefs);
    if (categoryOrders.has(c.order)) report('category', c.id, 'order', `order ${c.order} is used twice`);
    categoryOrders.add(c.order);
  }

  for (const m of kb.restorationMethods) {
    ids('restoration-method', m.id, 'tools', m.tools, toolIds, 'tool');
    // A tool listed for a method must do what the method does, or the tool list drifts from the method (issue 9).
    m.tools.forEach((id, i) => {
      const t = kb.tools.find((x) => x.id === id);
      if (t && !m.tasks.some((task) => t.tasks.includes(task))) report('restoration-method', m.id, `tools.${i}`, `tool "${id}" does none of this method's tasks (${m.tasks.join(', ')}); add the task to the tool or drop it here`);
    });
    ids('restoration-method', m.id, 'glossary', m.glossary, glossaryIds, 'glossary term');
    refs('restoration-method', m.id, 'bookRefs', m.bookRefs);
  }

  // A name or alias that two terms share would make the prose linker pick one at random.
  const glossaryNames = new Map<string, string>();
  for (const g of kb.glossary) {
    for (const name of new Set([g.term, ...g.aliases].map((n) => n.toLowerCase()))) {
      const other = glossaryNames.get(name);
      if (other && other !== g.id) report('glossary', g.id, 'aliases', `"${name}" is also a name or alias of "${other}"`);
      glossaryNames.set(name, g.id);
    }
  }

  // Everyday words (or other concepts) that once linked prose to the wrong entry (issue 9).
  for (const g of kb.glossary) {
    g.aliases.forEach((a, i) => {
      if (WRONG_ALIASES[a.toLowerCase()]?.includes(g.id)) report('glossary', g.id, `aliases.${i}`, `"${a}" usually means something else, so the linker would link unrelated prose to "${g.id}"`);
    });
  }

  const bookAnchors = new Set(kb.book.glossary.map((g) => g.slug));
  for (const g of kb.glossary) {
    ids('glossary', g.id, 'related', g.related, glossaryIds, 'glossary term');
    refs('glossary', g.id, 'bookRefs', g.bookRefs);
    if (g.bookAnchor !== undefined && !bookAnchors.has(g.bookAnchor)) report('glossary', g.id, 'bookAnchor', `"${g.bookAnchor}" is not an anchor on the book's glossary page (knowledge/book/glossary.json)`);
    if (g.related.includes(g.id)) report('glossary', g.id, 'related', 'a term cannot be related to itself');
    g.pages.forEach((page, i) => {
      if (!isSiteRoute(page, kb)) report('glossary', g.id, `pages.${i}`, `"${page}" is not a page of this site (a typo, or an id that does not exist)`);
    });
  }

  for (const r of kb.resources) refs('resource', r.id, 'bookRefs', r.bookRefs);

  // Questions: sections, options, conditions.
  for (const s of kb.questions.sections) {
    s.bookRefs.forEach((ref, i) => {
      if (!resolveBookRef(ref, kb.book)) issues.push(`knowledge/questions.json: sections.${s.id}.bookRefs.${i}.section: book section "${ref.section}" does not exist`);
    });
  }
  for (const q of kb.questions.questions) {
    if (!sectionIds.has(q.section)) report('question', q.id, 'section', `unknown section "${q.section}"`);
    const optionIds = new Set<string>();
    q.options.forEach((o, i) => {
      if (optionIds.has(o.id)) report('question', q.id, `options.${i}.id`, `duplicate option id "${o.id}"`);
      optionIds.add(o.id);
      ids('question', q.id, `options.${i}.glossary`, o.glossary, glossaryIds, 'glossary term');
    });
    ids('question', q.id, 'glossary', q.glossary, glossaryIds, 'glossary term');
    refs('question', q.id, 'bookRefs', q.bookRefs);
    if (q.visibleIf) checkCondition(q.visibleIf, 'visibleIf', (path, message) => report('question', q.id, path, message), questionById);
  }

  for (const tree of kb.trees) {
    const nodeIds = new Set(tree.nodes.map((n) => n.id));
    if (!nodeIds.has(tree.root)) report('tree', tree.id, 'root', `root "${tree.root}" is not a node`);
    refs('tree', tree.id, 'bookRefs', tree.bookRefs);
    tree.nodes.forEach((n, i) => {
      refs('tree', tree.id, `nodes.${i}.bookRef`, [n.bookRef]);
      if (n.question && !questionById.has(n.question)) report('tree', tree.id, `nodes.${i}.question`, `unknown question "${n.question}"`);
      if (n.type === 'outcome' && !n.outcome) report('tree', tree.id, `nodes.${i}.outcome`, 'an outcome node needs an outcome');
      if (n.outcome) {
        ids('tree', tree.id, `nodes.${i}.outcome.tools`, n.outcome.tools, toolIds, 'tool');
        ids('tree', tree.id, `nodes.${i}.outcome.restorationMethods`, n.outcome.restorationMethods, methodIds, 'restoration method');
        ids('tree', tree.id, `nodes.${i}.outcome.categories`, n.outcome.categories, categoryIds, 'category');
      }
    });
    tree.edges.forEach((e, i) => {
      if (!nodeIds.has(e.from)) report('tree', tree.id, `edges.${i}.from`, `unknown node "${e.from}"`);
      if (!nodeIds.has(e.to)) report('tree', tree.id, `edges.${i}.to`, `unknown node "${e.to}"`);
      if (!e.when) return;
      checkCondition(e.when, `edges.${i}.when`, (path, message) => report('tree', tree.id, path, message), questionById);
      // A question node branches on its own question's options; only decision nodes combine answers.
      const from = tree.nodes.find((n) => n.id === e.from);
      if (from?.type === 'question' && !('is' in e.when && e.when.q === from.question)) report('tree', tree.id, `edges.${i}.when`, `an edge from question node "${from.id}" must test its question "${from.question}" with {q, is}; use a decision node to combine answers`);
    });
  }

  for (const c of kb.caseStudies) {
    refs('case-study', c.id, 'bookRefs', c.bookRefs);
    ids('case-study', c.id, 'glossary', c.glossary, glossaryIds, 'glossary term');
    ids('case-study', c.id, 'expected.topTools', c.expected.topTools, toolIds, 'tool');
    c.steps.forEach((s, i) => ids('case-study', c.id, `steps.${i}.tools`, s.tools, toolIds, 'tool'));
    for (const [qid, value] of Object.entries(c.answers.values)) {
      const q = questionById.get(qid);
      if (!q) {
        report('case-study', c.id, `answers.values.${qid}`, `unknown question "${qid}"`);
        continue;
      }
      const values = Array.isArray(value) ? value : [value];
      if (q.kind === 'single' && Array.isArray(value)) report('case-study', c.id, `answers.values.${qid}`, 'single-choice question takes one option id, not a list');
      for (const v of values) if (!q.options.some((o) => o.id === v)) report('case-study', c.id, `answers.values.${qid}`, `"${v}" is not an option of "${qid}"`);
    }
    for (const qid of c.answers.mustHave) if (!questionById.has(qid)) report('case-study', c.id, 'answers.mustHave', `unknown question "${qid}"`);
  }

  return issues;
}

/**
 * Tools whose network this site's restoration runner re-implements and runs in the browser, on a CPU
 * (lib/rcan). Other runner presets (e.g. Noise2Void, Noise2Noise) re-implement a *method*; the tools
 * listed for it keep their own hardware needs.
 */
export const BROWSER_RUNNER_TOOLS: ReadonlySet<string> = new Set(['rcan-3d']);

/**
 * Aliases that once linked prose to the wrong entry (issue 9), with the entries they must not name:
 * the linker matches aliases anywhere, and in microscopy texts these words mean something else
 * ("the detection step" in TrackMate, "many tiles" of a mosaic, "data sensitivity", "the book's
 * decision trees"). The word may be an alias of the right entry ("tiles" of stitching).
 */
const WRONG_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'decision trees': ['random-forest'],
  detection: ['object-detection'],
  tiles: ['tiling'],
  residual: ['residual-learning'],
  bias: ['bias-vector'],
  biases: ['bias-vector'],
  patience: ['early-stopping'],
  sensitivity: ['recall'],
  attention: ['self-attention'],
  crops: ['patches'],
  semantic: ['semantic-segmentation'],
  photobleaching: ['phototoxicity'],
  docker: ['virtual-machine'],
  'docker container': ['virtual-machine'],
};

/** Book glossary terms that have no entry in `knowledge/glossary/` (reported by the content check). */
export function missingBookGlossaryTerms(kb: KnowledgeBase): string[] {
  const covered = new Set(kb.glossary.map((g) => g.bookAnchor).filter(Boolean));
  return kb.book.glossary.filter((g) => !covered.has(g.slug)).map((g) => g.slug);
}

function checkCondition(
  condition: Condition,
  path: string,
  report: (path: string, message: string) => void,
  questions: Map<string, { options: { id: string }[] }>,
): void {
  if ('all' in condition) condition.all.forEach((c, i) => checkCondition(c, `${path}.all.${i}`, report, questions));
  else if ('any' in condition) condition.any.forEach((c, i) => checkCondition(c, `${path}.any.${i}`, report, questions));
  else if ('not' in condition) checkCondition(condition.not, `${path}.not`, report, questions);
  else {
    const q = questions.get(condition.q);
    if (!q) return report(`${path}.q`, `unknown question "${condition.q}"`);
    if ('is' in condition) for (const v of condition.is) if (!q.options.some((o) => o.id === v)) report(`${path}.is`, `"${v}" is not an option of "${condition.q}"`);
  }
}

/**
 * Facts on one tool card that must agree with each other (issue 10 item 6): a tool listed under
 * pre-trained deep learning has pre-trained models; `training.pretrained` and `pretrainedModels`
 * say the same thing; a tool our in-browser runner executes on a CPU cannot claim a GPU is required.
 *
 * @param runnerTools ids of tools the embedded restoration runner re-implements.
 */
export function checkToolConsistency(t: Tool, report: (path: string, message: string) => void, runnerTools: ReadonlySet<string> = new Set()): void {
  const models = t.pretrainedModels ?? [];
  if (t.categories.includes('pretrained-dl') && !t.training.pretrained) report('training.pretrained', 'the tool is in category "pretrained-dl", so training.pretrained must be true (or remove the category)');
  if (t.training.pretrained && models.length === 0) report('pretrainedModels', 'training.pretrained is true: list what the shipped models were trained on (objects, modalities, 2D/3D)');
  if (!t.training.pretrained && models.length > 0) report('training.pretrained', 'the tool lists pretrainedModels, so training.pretrained must be true');
  models.forEach((m, i) => {
    if (m.dimensionality.includes('3d') && !t.dimensionality.includes('3d')) report(`pretrainedModels.${i}.dimensionality`, `model "${m.name}" works in 3D but the tool's dimensionality does not include "3d"`);
    if (m.electronKinds !== undefined && !m.modalities.includes('electron')) report(`pretrainedModels.${i}.electronKinds`, `model "${m.name}" lists kinds of electron microscopy but its modalities do not include "electron"`);
  });
  if (t.electronKinds !== undefined && !(t.modalities ?? []).includes('electron')) report('electronKinds', 'the tool lists kinds of electron microscopy but its modalities do not include "electron"');
  const seen = (list: readonly string[], path: string, what: string) =>
    list.forEach((x, i) => {
      if (list.indexOf(x) !== i) report(`${path}.${i}`, `${what} "${x}" is listed twice`);
    });
  seen(models.map((m) => m.name), 'pretrainedModels', 'model');
  seen((t.docRefs ?? []).map((d) => d.url), 'docRefs', 'source');
  if (t.bookRefs.length === 0 && (t.docRefs ?? []).length === 0) report('docRefs', 'the book does not name this tool, so cite its own documentation in docRefs');
  if (runnerTools.has(t.id) && t.gpu === 'required') report('gpu', 'BioImage Navigator runs this tool on a CPU in the browser, so a GPU cannot be "required" (use "recommended" and say why)');
}
