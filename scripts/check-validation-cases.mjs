#!/usr/bin/env node
// `npm run check:validation` (or `node scripts/check-validation-cases.mjs [--table]`): self-check of
// the guidance validation corpus in knowledge/validation/cases/*.json (format: knowledge/validation/README.md).
//
// Checks every case file: it parses; `id` is kebab-case and equals the file name; the required fields
// are there; `source.url` is https; every answer names an existing question and option (kind single /
// multi respected); the answers cover exactly the questions shown on that path (each question's
// `visibleIf`: an unanswered visible question is a problem; an answer to a hidden question is a note,
// since the wizard and eval:guidance prune it), `determined` and `mustHave` only name answered questions; expected tools, categories,
// restoration methods, runner presets, deployments and training approaches exist; constraint tags agree
// with the answers. Prints one `file: message` line per problem and exits 2 when there is any;
// `--table` prints the coverage table (cases per tag) as Markdown for the README.
//
// Self-contained on purpose (node built-ins only): the engine helper writes the zod schema and
// `npm run eval:guidance` separately.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
const CASES_DIR = join(ROOT, 'knowledge', 'validation', 'cases');
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));

// ---- Question set: knowledge/questions.json (v3). ----------------------------------------------
const SOURCE_KINDS = ['issue', 'forum', 'paper', 'book', 'docs'];
const EXPECTED_KINDS = ['segmentation', 'restoration', 'other'];
const RUNNER_PRESETS = ['denoise', 'deconvolution', 'deaberration', 'resolution', 'denoise-n2v', 'denoise-n2n'];
const DEPLOYMENTS = ['local', 'cloud', 'slow-local'];
const TRAINING_APPROACHES = ['use-as-is', 'transfer-learning', 'fine-tuning', 'human-in-the-loop', 'from-scratch'];
const EXPECTED_KEYS = ['kind', 'topCategory', 'topTools', 'restorationMethod', 'runnerPreset', 'deployment', 'trainingApproach'];
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function loadQuestionSet() {
  const set = readJson(join(ROOT, 'knowledge', 'questions.json'));
  return set.questions.map((q) => ({ id: q.id, kind: q.kind, optional: q.optional === true, options: q.options.map((o) => o.id), visible: (v) => conditionHolds(q.visibleIf, v) }));
}

/** Same semantics as lib/wizard's visibleIf: {q,is} | {all:[…]} | {any:[…]} | {not:…}; a multi answer matches when any value is listed. */
function conditionHolds(cond, values) {
  if (cond === undefined || cond === null) return true;
  if (Array.isArray(cond.all)) return cond.all.every((c) => conditionHolds(c, values));
  if (Array.isArray(cond.any)) return cond.any.some((c) => conditionHolds(c, values));
  if (cond.not !== undefined) return !conditionHolds(cond.not, values);
  const answer = values[cond.q];
  if (answer === undefined) return false;
  return Array.isArray(answer) ? answer.some((a) => cond.is.includes(a)) : cond.is.includes(answer);
}

function checkCase(file, c, ctx, notes = []) {
  const problems = [];
  const bad = (msg) => problems.push(`${file}: ${msg}`);
  // Answers the wizard would not show on this path are pruned before recommend() (as eval:guidance
  // does), so they are notes, not problems.
  const note = (msg) => notes.push(`${file}: note: ${msg}`);
  const id = file.replace(/\.json$/, '');
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return [`${file}: not a JSON object`];
  if (c.id !== id) bad(`id "${c.id}" must equal the file name "${id}"`);
  if (!KEBAB.test(id)) bad(`file name "${id}" is not kebab-case`);
  for (const f of ['title', 'situation', 'advice']) if (typeof c[f] !== 'string' || c[f].trim() === '') bad(`${f} must be a non-empty string`);
  if (!c.source || typeof c.source.url !== 'string') bad('source.url is missing');
  else {
    if (!c.source.url.startsWith('https://')) bad(`source.url must be https: ${c.source.url}`);
    if (!SOURCE_KINDS.includes(c.source.kind)) bad(`source.kind "${c.source.kind}" is not one of ${SOURCE_KINDS.join(', ')}`);
  }
  const values = c.answers?.values;
  if (typeof values !== 'object' || values === null) return [...problems, `${file}: answers.values is missing`];
  // Walk the questions in order, as the wizard does, so visibility sees earlier answers only.
  const shown = [];
  const seen = {};
  for (const q of ctx.questions) {
    if (!q.visible(seen)) continue;
    shown.push(q.id);
    const a = values[q.id];
    // An optional question may be skipped, as in the wizard (tools-used: the user runs none of them).
    if (a === undefined && q.optional) continue;
    if (a === undefined) { bad(`question "${q.id}" is shown on this path but not answered`); continue; }
    const list = q.kind === 'multi' ? a : [a];
    if (q.kind === 'multi' && !Array.isArray(a)) bad(`question "${q.id}" takes several answers: use an array`);
    else if (q.kind !== 'multi' && Array.isArray(a)) bad(`question "${q.id}" takes one answer, not an array`);
    else if (q.kind === 'multi' && a.length === 0) bad(`question "${q.id}": empty answer`);
    for (const o of Array.isArray(list) ? list : []) if (!q.options.includes(o)) bad(`question "${q.id}" has no option "${o}"`);
    seen[q.id] = a;
  }
  for (const k of Object.keys(values)) {
    if (!ctx.questions.some((q) => q.id === k)) bad(`answers.values names unknown question "${k}"`);
    else if (!shown.includes(k)) {
      note(`question "${k}" is answered but not shown on this path (pruned before ranking)`);
      const q = ctx.questions.find((x) => x.id === k);
      for (const o of Array.isArray(values[k]) ? values[k] : [values[k]]) if (!q.options.includes(o)) bad(`question "${k}" has no option "${o}"`);
    }
  }
  for (const k of c.determined ?? []) if (!shown.includes(k)) (k in values ? note : bad)(`determined names "${k}", which is not ${k in values ? 'shown' : 'answered'} on this path`);
  if (!Array.isArray(c.determined)) bad('determined must be an array');
  for (const k of c.answers.mustHave ?? []) if (!shown.includes(k)) bad(`mustHave names "${k}", which is not answered`);
  const e = c.expected;
  if (typeof e !== 'object' || e === null) return [...problems, `${file}: expected is missing`];
  for (const k of Object.keys(e)) if (!EXPECTED_KEYS.includes(k)) bad(`expected.${k} is not a known field`);
  if (!EXPECTED_KINDS.includes(e.kind)) bad(`expected.kind "${e.kind}" is not one of ${EXPECTED_KINDS.join(', ')}`);
  if (e.topCategory !== undefined && !ctx.categories.includes(e.topCategory)) bad(`expected.topCategory "${e.topCategory}" is not a §8.5 category id`);
  if (e.topTools !== undefined) {
    if (!Array.isArray(e.topTools) || e.topTools.length === 0 || e.topTools.length > 3) bad('expected.topTools must list 1–3 entries');
    for (const entry of Array.isArray(e.topTools) ? e.topTools : []) {
      for (const t of Array.isArray(entry) ? entry : [entry]) if (!ctx.tools.has(t)) bad(`expected tool "${t}" is not in knowledge/tools`);
    }
  }
  if (e.restorationMethod !== undefined && !ctx.methods.includes(e.restorationMethod)) bad(`expected.restorationMethod "${e.restorationMethod}" is not in restoration-methods.json`);
  if (e.runnerPreset !== undefined && !RUNNER_PRESETS.includes(e.runnerPreset)) bad(`expected.runnerPreset "${e.runnerPreset}" is unknown`);
  if (e.deployment !== undefined && !DEPLOYMENTS.includes(e.deployment)) bad(`expected.deployment "${e.deployment}" is unknown`);
  if (e.trainingApproach !== undefined && !TRAINING_APPROACHES.includes(e.trainingApproach)) bad(`expected.trainingApproach "${e.trainingApproach}" is unknown`);
  const isRestoration = ['restored-images', 'label-free'].includes(values.output);
  if (isRestoration !== (e.kind === 'restoration')) bad(`expected.kind "${e.kind}" does not fit output "${values.output}"`);
  if (e.restorationMethod !== undefined && values.output !== 'restored-images') bad('expected.restorationMethod is only for restored-images');
  // The kind alone checks little: a case must expect at least one of the things eval:guidance compares.
  if (['topTools', 'topCategory', 'restorationMethod', 'trainingApproach', 'runnerPreset', 'deployment'].every((k) => e[k] === undefined)) bad('expected names none of topTools, topCategory, restorationMethod, trainingApproach, runnerPreset, deployment: nothing to check');
  // Tags: kebab-case; constraint tags must agree with determined answers.
  if (!Array.isArray(c.tags) || c.tags.length === 0) bad('tags must be a non-empty array');
  const tags = new Set(c.tags ?? []);
  for (const t of tags) if (!KEBAB.test(t)) bad(`tag "${t}" is not kebab-case`);
  const det = new Set(c.determined ?? []);
  const constraint = [
    ['no-gpu', values.compute === 'laptop' && det.has('compute')],
    ['no-cloud', values['data-leave'] === 'no' && det.has('data-leave')],
    ['no-coding', values.coding === 'gui-only' && det.has('coding')],
  ];
  for (const [tag, holds] of constraint) {
    if (tags.has(tag) && !holds) bad(`tag "${tag}" needs the matching answer marked as determined`);
    if (!tags.has(tag) && holds) bad(`determined answers imply tag "${tag}"`);
  }
  if ((c.source?.kind === 'book') !== tags.has('book')) bad('tag "book" must be set exactly for source.kind "book"');
  return problems;
}

// Coverage rows of the corpus brief, computed from the answers (not from free-text tags).
const SEG = (v) => ['mask', 'classes', 'objects', 'objects-in-regions', 'positions'].includes(v.output);
const RESTORED = (v) => v.output === 'restored-images';
const hasData = (v, d) => RESTORED(v) && Array.isArray(v['restoration-data']) && v['restoration-data'].includes(d);
const det = (c, q) => (c.determined ?? []).includes(q);
const COVERAGE = [
  ['segmentation, 2D nuclei', 6, (v) => SEG(v) && v.dimensions !== '3d' && v.objects === 'nuclei'],
  ['segmentation, 2D whole cells', 8, (v) => SEG(v) && v.dimensions !== '3d' && v.objects === 'whole-cells'],
  ['segmentation, 3D nuclei or cells', 5, (v) => SEG(v) && v.dimensions === '3d' && ['nuclei', 'whole-cells'].includes(v.objects)],
  ['segmentation, tissue / histology', 4, (v) => SEG(v) && (['histology', 'multiplexed'].includes(v.modality) || v.objects === 'tissue-regions')],
  ['organoids or whole organisms', 2, (v) => ['organoids', 'organisms'].includes(v.objects)],
  ['organelles or spots', 2, (v) => v.objects === 'organelles'],
  ['filaments or vessels', 2, (v) => v.objects === 'filaments'],
  ['tracking', 5, (v) => v.output === 'tracks'],
  ['restoration, paired data', 3, (v) => hasData(v, 'paired')],
  ['restoration, noisy images only', 4, (v) => hasData(v, 'noisy-only')],
  ['restoration, two noisy recordings', 2, (v) => hasData(v, 'two-noisy')],
  ['restoration, known PSF / deconvolution', 3, (v) => hasData(v, 'psf') && v.degradation?.includes('blur')],
  ['restoration, several views', 2, (v) => RESTORED(v) && v.views === 'multi'],
  ['restoration, axial isotropy', 2, (v) => RESTORED(v) && v.degradation?.includes('anisotropic')],
  ['restoration, structured noise', 1, (v) => v['noise-structure'] === 'structured'],
  ['label-free prediction', 2, (v) => v.output === 'label-free'],
  ['image classification', 3, (v) => v.output === 'image-classes'],
  ['pixel classification expected', 4, (v, c) => c.expected?.topCategory === 'pixel-classification'],
  ['constraint: no GPU (determined)', 5, (v, c) => v.compute === 'laptop' && det(c, 'compute')],
  ['constraint: data may not leave (determined)', 3, (v, c) => v['data-leave'] === 'no' && det(c, 'data-leave')],
  ['constraint: no coding (determined)', 6, (v, c) => v.coding === 'gui-only' && det(c, 'coding')],
];

function main() {
  const questions = loadQuestionSet();
  const toolIds = readdirSync(join(ROOT, 'knowledge', 'tools')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  const ctx = {
    questions,
    tools: new Set(toolIds),
    categories: readJson(join(ROOT, 'knowledge', 'categories.json')).map((c) => c.id),
    methods: readJson(join(ROOT, 'knowledge', 'restoration-methods.json')).map((m) => m.id),
  };
  let files;
  try {
    files = readdirSync(CASES_DIR).filter((f) => f.endsWith('.json')).sort();
  } catch {
    console.error(`check-validation-cases: ${CASES_DIR} is missing`);
    process.exit(2);
  }
  const problems = [];
  const notes = [];
  const cases = [];
  const urls = new Map();
  for (const file of files) {
    let c;
    try {
      c = readJson(join(CASES_DIR, file));
    } catch (err) {
      problems.push(`${file}: does not parse as JSON (${err.message.split('\n')[0]})`);
      continue;
    }
    problems.push(...checkCase(file, c, ctx, notes));
    cases.push(c);
    const url = c.source?.url;
    // One thread gives one case; a paper or documentation page may state several use cases.
    if (url && urls.has(url) && !['paper', 'docs'].includes(c.source?.kind)) problems.push(`${file}: same source URL as ${urls.get(url)}`);
    else if (url) urls.set(url, file);
  }
  if (process.argv.includes('--table')) {
    console.log('| coverage (from the answers) | cases | minimum |\n|---|---|---|');
    for (const [label, min, test] of COVERAGE) {
      const n = cases.filter((c) => c.answers?.values && test(c.answers.values, c)).length;
      console.log(`| ${label} | ${n}${n < min ? ' (below minimum)' : ''} | ${min} |`);
    }
    console.log('');
    const counts = new Map();
    for (const c of cases) for (const t of c.tags ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
    console.log('| tag | cases |\n|---|---|');
    for (const [t, n] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`| ${t} | ${n} |`);
    console.log(`| **all cases** | ${cases.length} |`);
  }
  if (process.argv.includes('--notes')) for (const n of notes) console.log(n);
  for (const p of problems) console.error(p);
  console.log(`${cases.length} validation cases, ${problems.length} problem${problems.length === 1 ? '' : 's'}, ${notes.length} note${notes.length === 1 ? '' : 's'}${notes.length > 0 && !process.argv.includes('--notes') ? ' (list them with --notes)' : ''}`);
  // Not process.exit: on a pipe stdout drains asynchronously, and exiting at once could cut off a long
  // table or note list and the summary line after it (the same fix as eval:guidance).
  process.exitCode = problems.length > 0 ? 2 : 0;
}

main();
