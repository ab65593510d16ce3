/**
 * `npm run eval:guidance`: run every validation case (`knowledge/validation/cases/*.json`) through
 * `recommend()`, print a table of what was right and the totals, and exit non-zero when a target is
 * missed (≥90% fully right, ≥95% top-3 tools, stability ≥90%) or a case file is invalid.
 *
 * Environment:
 *   GUIDANCE_CASES_DIR  read cases from this folder instead
 *   GUIDANCE_KB_ROOT    load the knowledge base from <root>/knowledge instead of ./knowledge
 *   GUIDANCE_WORKERS    evaluate in this many worker threads (default: one per core, at most 4,
 *                       with about 50 cases or more each; 1 evaluates in this thread). Each case is
 *                       evaluated on its own, so the results do not depend on the split.
 * Flags:
 *   --verbose           also list each case's misses and the perturbations that flipped its top pick
 *   --json <file>       also write the per-case results as JSON (atomically)
 *   --tag <tag>         evaluate only the cases carrying this tag (repeat for any of several), for
 *                       example `--tag batch-102` for one held-out batch
 *   --compare <file>    compare with an earlier run written by --json: totals on the cases in both,
 *                       then one `+ id` / `- id` line per case that became or stopped being fully right
 *
 * Before it, one line per kind of source (issue thread, documentation, paper, forum, book), e.g.
 * `source issue: 40 cases: 38 right (95%), top-3 tools 97%, stability 92%`.
 * The last line is the summary, e.g. `64 cases: 59 right (92%), top-3 tools 97%, stability 93%`.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

import { loadKnowledgeBase } from '../lib/knowledge/load';
import { ValidationCaseSchema, type ValidationCase } from '../lib/knowledge/validation-case';
import { caseReferenceProblems, compareRuns, comparisonLines, evaluateCase, summarise, summariseBy, summaryLine, type CaseResult, type Check, type EarlierResult } from '../lib/wizard/guidance-eval';

function fail(message: string): never {
  // Written synchronously: process.exit does not wait for a pipe to take buffered output.
  writeSync(2, `eval:guidance: ${message}\n`);
  process.exit(2);
}

// A worker evaluates its share of the cases (stability means tens of thousands of recommend() calls).
if (!isMainThread) {
  const { root, cases } = workerData as { root: string; cases: ValidationCase[] };
  const kb = loadKnowledgeBase(root);
  parentPort!.postMessage(cases.map((c) => evaluateCase(c, kb)));
} else {
  await main();
}

/** Evaluate in `count` worker threads, case i in worker i mod count; results come back in case order. */
function evaluateInWorkers(cases: ValidationCase[], root: string, count: number): Promise<CaseResult[]> {
  // tsx runs this file; a worker needs its loader registered before it imports the file again.
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const shares = Array.from({ length: count }, (_, w) => cases.filter((_, i) => i % count === w));
  return Promise.all(
    shares.map(
      (share) =>
        new Promise<CaseResult[]>((done, reject) => {
          const worker = new Worker(code, { eval: true, workerData: { root, cases: share } });
          worker.once('message', done);
          worker.once('error', reject);
          worker.once('exit', (exitCode) => {
            if (exitCode !== 0) reject(new Error(`a worker stopped with exit code ${exitCode}`));
          });
        }),
    ),
  ).then((parts) => cases.map((_, i) => parts[i % count]![Math.floor(i / count)]!));
}

/** An earlier run's per-case results (`--json`), checked enough to compare with; a clear error otherwise. */
function readEarlierRun(file: string): EarlierResult[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`cannot read ${file} for --compare (${(e as Error).message.split('\n')[0]}); write it first with npm run eval:guidance -- --json ${file}`);
  }
  const ok = (r: unknown): r is EarlierResult => {
    const x = r as Record<string, unknown> | null;
    return typeof x === 'object' && x !== null && typeof x.id === 'string' && typeof x.right === 'boolean' && typeof x.perturbations === 'number' && typeof x.flips === 'number' && (x.topTools === null || typeof x.topTools === 'boolean');
  };
  if (!Array.isArray(raw) || !raw.every(ok)) fail(`${file} is not a per-case results file written by npm run eval:guidance -- --json; compare only with such a file`);
  return raw;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const jsonAt = args.indexOf('--json');
  const jsonOut = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
  if (jsonAt >= 0 && jsonOut === undefined) fail('--json needs a file name');
  const compareAt = args.indexOf('--compare');
  const compareWith = compareAt >= 0 ? args[compareAt + 1] : undefined;
  if (compareAt >= 0 && (compareWith === undefined || compareWith.startsWith('--'))) fail('--compare needs the file an earlier run wrote with --json, for example --compare before.json');
  const earlier = compareWith === undefined ? undefined : { file: compareWith, results: readEarlierRun(compareWith) };
  const tags = args.flatMap((a, i) => (a === '--tag' ? [args[i + 1]] : []));
  if (tags.some((t) => t === undefined || t.startsWith('--'))) fail('--tag needs a tag, for example --tag batch-102');

  const dir = resolve(process.env.GUIDANCE_CASES_DIR ?? 'knowledge/validation/cases');
  const kbRoot = resolve(process.env.GUIDANCE_KB_ROOT ?? process.cwd());

  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    fail(`cannot read the cases folder ${dir}; set GUIDANCE_CASES_DIR to a folder of case files`);
  }
  if (files.length === 0) fail(`no .json case files in ${dir}`);

  let kb;
  try {
    kb = loadKnowledgeBase(kbRoot);
  } catch (e) {
    fail(`the knowledge base in ${kbRoot}/knowledge is invalid: ${(e as Error).message.split('\n')[0]}`);
  }

  const cases: ValidationCase[] = [];
  const invalid: string[] = [];
  for (const f of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch (e) {
      invalid.push(`${f}: not valid JSON (${(e as Error).message})`);
      continue;
    }
    const parsed = ValidationCaseSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      invalid.push(`${f}: ${issue.path.join('.') || '(top level)'} ${issue.message}`);
      continue;
    }
    if (`${parsed.data.id}.json` !== f) {
      invalid.push(`${f}: id "${parsed.data.id}" must equal the file name`);
      continue;
    }
    cases.push(parsed.data);
  }

  if (tags.length > 0) {
    const wanted = cases.filter((c) => c.tags.some((t) => tags.includes(t)));
    if (wanted.length === 0) fail(`no case in ${dir} carries the tag ${tags.map((t) => `"${t}"`).join(' or ')}; tags are listed by \`npm run check:validation -- --table\``);
    cases.splice(0, cases.length, ...wanted);
  }
  const warnings = cases.flatMap((c) => caseReferenceProblems(c, kb));
  // By default one worker per core (at most four), and none for fewer than about 50 cases each; a
  // number the user sets is taken as it is (up to one worker per case).
  const setting = process.env.GUIDANCE_WORKERS;
  const requested = setting === undefined ? Math.min(4, availableParallelism(), Math.ceil(cases.length / 50)) : Number(setting);
  if (!Number.isInteger(requested) || requested < 1) fail(`GUIDANCE_WORKERS must be a whole number of at least 1, not "${setting}"`);
  const workers = Math.min(requested, cases.length);
  let results: CaseResult[];
  try {
    results = workers <= 1 ? cases.map((c) => evaluateCase(c, kb)) : await evaluateInWorkers(cases, kbRoot, workers);
  } catch (e) {
    fail(`evaluating the cases failed: ${(e as Error).message}; GUIDANCE_WORKERS=1 evaluates without worker threads`);
  }

  const mark = (c: Check): string => (c === null ? '·' : c ? 'ok' : 'X');
  const width = Math.max(4, ...results.map((r) => r.id.length));
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
  console.log(`${pad('case', width)}  kind  cat   top3  meth  pre/dep  stab     top pick / top tools`);
  for (const r of results) {
    const stab = r.perturbations === 0 ? '-' : `${r.perturbations - r.flips}/${r.perturbations}`;
    console.log(
      `${pad(r.id, width)}  ${pad(mark(r.kind), 4)}  ${pad(mark(r.topCategory), 4)}  ${pad(mark(r.topTools), 4)}  ${pad(mark(r.method), 4)}  ${pad(mark(r.presetDeployment), 7)}  ${pad(stab, 7)}  ${r.got.top} / ${r.got.tools.join(', ')}`,
    );
    if (verbose && r.misses.length > 0) console.log(`${' '.repeat(width)}  misses: ${r.misses.join('; ')}`);
    if (verbose && r.flipped.length > 0) console.log(`${' '.repeat(width)}  flips: ${r.flipped.join(' ')}`);
  }
  for (const w of warnings) console.log(`warning: ${w}`);
  for (const i of invalid) console.log(`invalid: ${i}`);

  if (jsonOut !== undefined) {
    const tmp = `${jsonOut}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(results, null, 2)}\n`);
    renameSync(tmp, jsonOut);
  }

  if (earlier !== undefined) for (const line of comparisonLines(compareRuns(earlier.results, results), earlier.file)) console.log(line);

  const s = summarise(results);
  // Where the expected advice comes from: a maintainer answering a user, or a tool's own documentation or paper.
  for (const g of summariseBy(results, cases.map((c) => c.source.kind))) console.log(`source ${g.group}: ${summaryLine(g.summary)}`);
  if (invalid.length > 0) console.log(`${invalid.length} case file(s) invalid and left out`);
  if (s.missed.length > 0) console.log(`targets missed: ${s.missed.join('; ')}`);
  console.log(summaryLine(s));
  // Not process.exit: on a pipe (`| tail -1`) stdout is written asynchronously, and exiting at once
  // would cut the table short and lose the summary line; setting the code lets the output drain.
  process.exitCode = s.missed.length > 0 || invalid.length > 0 ? 1 : 0;
}
