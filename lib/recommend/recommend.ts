import type { Answers, CategoryId, RestorationMethod, Tool } from '../knowledge/schema';
import { RESTORATION_TASKS } from '../knowledge/vocabulary';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { BROWSER_RUNNER_TOOLS } from '../knowledge/check-integrity';
import { resolveRef } from './resolve-ref';
import { restorationFallback } from './restoration-fallback';
import { answerOf, matchCondition } from './match-condition';
import type { Caveat, Exclusion, GoodEnoughAdvice, LearningAdvice, FallbackStep, MetricAdvice, PreprocessingStep, RankedItem, Reason, Recommendation, TrainingApproach } from './types';
import { treeInputs, treeOutcomes, trainingFromTree } from './tree-inputs';
import {
  BASE_SCORE,
  CATEGORY_RULES,
  HOST_TOOLS,
  METHOD_PREFERENCE,
  findsCellsFromActivity,
  fitsElectronKind,
  isDedicatedTracker,
  isHost,
  modelCoverage,
  triedTool,
  untuned,
  MODEL_ON_DEFAULTS,
  usedToolFellShort,
  toolsInUse,
  trainedFromScratch,
  WHOLE_IMAGES,
  encodersAtHand,
  NETWORK_TO_START_FROM,
  deconvolutionRestoresResolution,
  degradationTasks,
  METHOD_RULES,
  NON_DOER_KINDS,
  OUTPUT_TASKS,
  PREPROCESSING_TASKS,
  TOOL_RULES,
  categoryExclusions,
  methodDataExclusion,
  toolExclusions,
  type Effect,
} from './rules';

/** How many top items count as "the recommendation" for caveats, glossary and the runner preset. */
export const TOP_N = { categories: 3, tools: 5, methods: 3 } as const;

/**
 * How far the top category must lead the second for the tool list to be led by a tool made for it:
 * more than the smallest nudge any one answer gives (5). Within that, two approaches are a tie and
 * neither reorders the tools.
 */
export const CLEAR_LEAD = 5;

/** A dedicated tracker that links classically when classical processing finds the objects (Fig 9.2: the simpler rung first). */
export const TRACKER_APPROACH_BONUS = 5;

/** Bonus for a tool made for the top-ranked category (tools follow the method). */
export const TOP_APPROACH_BONUS = 10;
/** The words of that reason, which {@link madeForTopApproach} looks for. */
const TOP_APPROACH_PHRASE = 'is made for the top-ranked approach';

/** Score discount when a tool is used through a category other than its main (first-listed) one. */
export const SECONDARY_CATEGORY_PENALTY = 10;

const toolIndexes = new WeakMap<readonly Tool[], ReadonlyMap<string, Tool>>();
/**
 * The catalogue's tools by id, built once per catalogue (a loaded catalogue is never changed) and
 * shared by every recommendation: the evaluation calls recommend() some seventy thousand times.
 */
function toolIndex(tools: readonly Tool[]): ReadonlyMap<string, Tool> {
  let index = toolIndexes.get(tools);
  if (index === undefined) {
    index = new Map(tools.map((t) => [t.id, t]));
    toolIndexes.set(tools, index);
  }
  return index;
}

/** Score for the pre-trained category when a shipped model covers the user's objects, modality and 2D/3D. */
export const COVERAGE_WEIGHT = 20;
/** Weight of "try the model made for your data" after another pre-trained model fell short. */
export const ANOTHER_MODEL_WEIGHT = 35;

const DL_CATEGORIES: CategoryId[] = ['pretrained-dl', 'finetuned-dl', 'scratch-dl'];

/**
 * Head start for the approach of a tool the analysis already uses for this step (§8.3: stay with a tool
 * you know while it does the job). As large as the pull of a ready model made for the user's objects
 * ({@link COVERAGE_WEIGHT}): that a model exists elsewhere is no stronger a reason to switch than that
 * the user's own tool, which nothing says falls short, already does the step. At half that weight,
 * corpus users whose tool's maintainers answered them inside that tool (TrackMate, Ultrack, ilastik,
 * Suite2p, CLIJ) were sent to a ready model or another approach.
 */
export const APPROACH_IN_USE_WEIGHT = COVERAGE_WEIGHT;
/**
 * Head start for the approach of the program the user works in ({@link approachInHost}): half that of a
 * tool in use, since a program (CellProfiler, QuPath, Fiji) offers several approaches and runs ready
 * models too (CellProfiler's RunCellpose, QuPath's StarDist and InstanSeg); the program says less about
 * this step than a tool run for it. At the full weight, course and tutorial users of those programs who
 * were shown a ready model were sent to thresholds.
 */
export const HOST_APPROACH_WEIGHT = 10;

/** How far behind the leading first-rung approach the other may be and still get a place in the top three. */
export const FIRST_RUNG_GAP = 20;
/** What Fig 9.2's first rung adds to classical processing when nothing was tried: its path (+10) and the §9.2.2 rule (+5). */
const FIRST_RUNG_PULL = 15;

/**
 * Recommend method categories, tools and (for restoration) methods for a set of wizard answers.
 * Pure and deterministic: the same answers and knowledge base always give the same result.
 *
 * Answers to questions that are not visible should be removed first (the wizard does this); unknown
 * question or option ids are ignored.
 *
 * @param answers - the wizard answers (`values` plus `mustHave` question ids)
 * @param kb - the validated knowledge base
 * @returns ranked items with reasons, exclusions, caveats, a fallback chain, glossary ids and, where
 *   relevant, the runner preset and the metric to check the result with
 */
export function recommend(answers: Answers, kb: KnowledgeBase): Recommendation {
  return build(answers, kb, true);
}

/** The ranking alone: what `recommend` puts first and in what order, without the advice around it. */
export type Ranking = Pick<Recommendation, 'kind' | 'categories' | 'tools' | 'restorationMethods'>;

/**
 * The ranking `recommend` gives for these answers, in the same order, without what only the result
 * page shows (caveats, fallback chain, tree outcomes, glossary, learning and metric advice, the reasons
 * that explain ties). For callers that read only the top of the lists, many times over: the
 * evaluation's stability check changes one answer at a time, some seventy thousand calls.
 *
 * @param answers - as for `recommend`
 * @param kb - the validated knowledge base
 * @returns the kind of advice and the ranked categories, restoration methods and tools
 */
export function rank(answers: Answers, kb: KnowledgeBase): Ranking {
  return build(answers, kb, false);
}

function build(answers: Answers, kb: KnowledgeBase, details: true): Recommendation;
function build(answers: Answers, kb: KnowledgeBase, details: false): Ranking;
function build(answers: Answers, kb: KnowledgeBase, details: boolean): Recommendation | Ranking {
  const ref = (section: string, why?: string) => resolveRef(why === undefined ? { section } : { section, why }, kb.book);
  const reasonFrom = (e: Effect): Reason => ({
    delta: e.delta,
    effect: e.delta >= 0 ? 'raised' : 'lowered',
    text: e.why,
    question: e.question,
    option: answerOf(answers, e.question),
    bookRef: ref(e.section),
  });
  const output = answerOf(answers, 'output')[0];
  const kind = kindOf(output);
  const labelFree = output === 'label-free';
  // The book's decision trees, walked with these answers: their outcomes are weighted inputs below.
  const close = closeModel(answers, kb);
  const walkAnswers = withCatalogueResemblance(answers, close);
  const fromTrees = treeInputs(walkAnswers, kb);
  const excluded: Exclusion[] = [];

  // --- categories ---------------------------------------------------------------------------
  const categories: RankedItem<CategoryId>[] = [];
  // Models made for the user's objects that they have not tested, once a model fell short (§9.3.3.1).
  const others = kind === 'segmentation' && answerOf(answers, 'pretrained').includes('not-good-enough') ? otherModels(answers, kb) : [];
  const coverage = kind === 'segmentation' ? coverageEffects(answers, kb, others) : {};
  // "Try another pre-trained model" is on: a model made for the user's objects exists that they did not try.
  const anotherModel = (coverage['pretrained-dl']?.question === 'pretrained-which' && coverage['pretrained-dl'].delta > 0) || false;
  if (kind !== 'restoration') {
    // A rule's condition does not depend on the category: test each once.
    const matched = CATEGORY_RULES.filter((rule) => matchCondition(rule.when, answers));
    for (const category of kb.categories) {
      const hard = categoryExclusions(answers, category.id);
      if (hard.length > 0) {
        for (const h of hard) excluded.push({ kind: 'category', id: category.id, name: category.name, question: h.question, text: h.why, bookRef: ref(h.section) });
        continue;
      }
      const reasons: Reason[] = [];
      for (const rule of matched) {
        const delta = rule.effects[category.id];
        if (delta === undefined) continue;
        reasons.push(reasonFrom({ delta, question: rule.cite, why: rule.why, section: rule.section }));
      }
      for (const e of fromTrees.categories.get(category.id) ?? []) reasons.push(reasonFrom(e));
      const cov = coverage[category.id];
      if (cov) reasons.push(reasonFrom(cov));
      const inUse = approachInUse(answers, category.id, kb);
      if (inUse) reasons.push(reasonFrom(inUse));
      const inHost = approachInHost(answers, category.id, kb);
      if (inHost) reasons.push(reasonFrom(inHost));
      const past = pastFirstRung(answers, category.id, kb);
      if (past) reasons.push(reasonFrom(past));
      const activity = activityPipelines(answers, category.id, kb);
      if (activity) reasons.push(reasonFrom(activity));
      categories.push(ranked(category.id, category.name, reasons));
    }
    const order = new Map(kb.categories.map((c) => [c.id, c.order]));
    // Ties fall back to the book's order: the simpler method first, as the book advises (§8.5 lists
    // the categories by the computational comfort they need).
    categories.sort((a, b) => b.score - a.score || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    explainTies(categories, (winner) => `the §8.5 table lists ${winner} before it: the book prefers the approach that needs less computational comfort`, '8.5', ref);
  }
  const categoryScore = new Map(categories.map((c) => [c.id, c.score]));
  const categoryNames = new Map(kb.categories.map((c) => [c.id, c.name]));

  // --- restoration methods -------------------------------------------------------------------
  const restorationMethods: RankedItem[] = [];
  if (kind === 'restoration' && !labelFree) {
    const wanted = new Set(degradationTasks(answers));
    if (deconvolutionRestoresResolution(answers)) wanted.add('deconvolution');
    for (const method of kb.restorationMethods) {
      // With no degradation chosen every method is relevant; otherwise it must fix one of them.
      if (wanted.size > 0 && !method.tasks.some((t) => wanted.has(t))) continue;
      // A method whose tool ships a ready model for these images needs no training data to start with.
      const ready = readyRestorationModel(answers, method, kb);
      const hard = ready === null ? methodDataExclusion(answers, method) : null;
      if (hard) {
        excluded.push({ kind: 'restoration-method', id: method.id, name: method.name, question: hard.question, text: hard.why, bookRef: ref(hard.section) });
        continue;
      }
      const reasons = METHOD_RULES.map((rule) => rule(answers, method)).filter((e): e is Effect => e !== null).map(reasonFrom);
      for (const e of fromTrees.methods.get(method.id) ?? []) reasons.push(reasonFrom(e));
      const own = methodInUse(answers, method, kb);
      if (own) reasons.push(reasonFrom(own));
      const forOther = madeForAnotherToolsSegmentation(answers, method, kb);
      if (forOther) reasons.push(reasonFrom(forOther));
      if (ready !== null && methodDataExclusion(answers, method) !== null) {
        reasons.push(reasonFrom({ delta: 15, question: 'modality', why: `${ready.tool.name} ships a ready model ("${ready.model}") trained on images like yours: apply it as it is, since you do not have the data to train one`, section: '9.3.3.1' }));
        // Applying a ready model takes no training time, so "only hours" does not count against it.
        const hours = reasons.findIndex((r) => r.question === 'time-available' && r.delta < 0);
        if (hours >= 0) reasons.splice(hours, 1);
      }
      restorationMethods.push(ranked(method.id, method.name, reasons));
    }
    // Ties: the book's preference order among restoration methods (METHOD_PREFERENCE), never the id.
    const pref = (id: string) => {
      const i = METHOD_PREFERENCE.indexOf(id);
      return i < 0 ? METHOD_PREFERENCE.length + kb.restorationMethods.findIndex((m) => m.id === id) : i;
    };
    restorationMethods.sort((a, b) => b.score - a.score || pref(a.id) - pref(b.id));
    explainTies(restorationMethods, (winner) => `chapter 6 prefers ${winner} when both fit equally: it learns from the best data you have, or is the simpler standard`, '6.3', ref);
  }
  if (labelFree) {
    // Label-free prediction is not one of chapter 6's tasks, but CARE-style supervised image-to-image
    // networks learn it from matched transmitted-light and fluorescence pairs (cross-modality, §6.2.4).
    for (const m of kb.restorationMethods.filter(isGenericSupervised)) {
      const paired = answerOf(answers, 'restoration-data').some((o) => o === 'paired' || o === 'cross-modality');
      restorationMethods.push(
        ranked(m.id, m.name, [
          reasonFrom({ delta: 10, question: 'output', why: `${m.name} can learn to predict a fluorescent label from transmitted-light images when trained on matched pairs`, section: '6.2.4' }),
          ...(paired ? [reasonFrom({ delta: 10, question: 'restoration-data', why: 'you have matched image pairs to train on', section: '6.3.1' })] : []),
        ]),
      );
    }
  }
  const methodScore = new Map(restorationMethods.map((m) => [m.id, m.score]));

  // --- tools --------------------------------------------------------------------------------
  const spotTracks = tracksSpots(answers);
  const neededTasks = kind !== 'restoration' ? [...(OUTPUT_TASKS[output ?? ''] ?? []), ...(spotTracks ? ['object-detection'] : [])] : [];
  const topCategory = categories[0];
  const topMethod = restorationMethods[0];
  // The §8.5 table's suggested tools per category (categories.json `exampleTools`).
  const bookExamples = new Map(kb.categories.map((c) => [c.id, c.exampleTools]));
  const userHosts = new Set(answerOf(answers, 'host').flatMap((h) => HOST_TOOLS[h] ?? []));
  // Tools in use that stay listed for a related step (see `toolBase`): sorting whole images has no
  // step a segmenter does, so none there.
  const wholeImages = matchCondition(WHOLE_IMAGES, answers);
  const inUseIds = new Set(wholeImages ? [] : answerOf(answers, 'tools-used'));
  // Sorting into categories with a network pre-trained on images like the user's at hand (§9.3.6.1):
  // a tool that runs such networks as feature encoders supplies the step transfer learning starts from.
  const encoderTools = new Set(kb.tools.filter((t) => encodersAtHand(answers, t).length > 0).map((t) => t.id));
  const tools: RankedItem[] = [];
  for (const tool of kb.tools) {
    if (NON_DOER_KINDS.has(tool.kind)) continue;
    const base = labelFree
      ? labelFreeBase(tool, kb.restorationMethods, answers)
      : toolBase(tool, bookExamples, userHosts, kind, output, neededTasks, categoryScore, topCategory, methodScore, topMethod, kb.restorationMethods, categoryNames, inUseIds, encoderTools);
    if (base === null) continue;
    const hard = toolExclusions(answers, tool);
    if (hard.length > 0) {
      for (const h of hard) excluded.push({ kind: 'tool', id: tool.id, name: tool.name, question: h.question, text: h.why, bookRef: ref(h.section) });
      continue;
    }
    const reasons: Reason[] = [...base.reasons.map(reasonFrom)];
    for (const rule of TOOL_RULES) {
      const e = rule(answers, tool);
      if (e) reasons.push(reasonFrom(e));
    }
    const module = insideToolInUse(answers, tool, kb);
    if (module) reasons.push(reasonFrom(module));
    // The model that fell short does not lead while a model made for the user's objects is untested.
    // (Not when it ran on its default settings: then setting it up and testing it again comes first. A
    // model never measured is no reason to skip one made for the user's objects: both are fit checks.)
    if (anotherModel && triedTool(answers, tool.id) && !matchCondition(MODEL_ON_DEFAULTS, answers)) {
      reasons.push(reasonFrom({ delta: -10, question: 'pretrained-which', why: `you tried ${tool.name}'s model and it fell short; first test the model made for your objects`, section: '9.3.3.1' }));
      // Nor does "you already use it" lift it then: the untested model comes first.
      const nudge = reasons.findIndex((r) => r.question === 'tools-used' && r.delta > 0);
      if (nudge >= 0) reasons.splice(nudge, 1);
    }
    tools.push(ranked(tool.id, tool.name, reasons));
  }
  // Ties: the book's own suggestions first (the top method's tool list, or the top category's example
  // tools in §8.5), then the tool that asks less of the user (coding, installation), never the id alone.
  const toolById = toolIndex(kb.tools);
  const preferred = kind === 'restoration' ? (kb.restorationMethods.find((m) => m.id === topMethod?.id)?.tools ?? []) : (kb.categories.find((c) => c.id === topCategory?.id)?.exampleTools ?? []);
  const pos = (id: string) => (preferred.includes(id) ? preferred.indexOf(id) : preferred.length);
  // A plugin's installation effort is counted for someone who has its host (Labkit, which ships with
  // Fiji, installs nothing for a Fiji user); for anyone else, installing it means installing the host
  // as well.
  const installEffort = (t: Tool, depth = 0): number => {
    const own = EFFORT_RANK[t.installEffort];
    if (t.kind !== 'plugin' || t.runsInside.length === 0 || t.runsInside.some((h) => userHosts.has(h)) || depth > 2) return own;
    return own + Math.min(...t.runsInside.map((h) => toolById.get(h)).map((h) => (h === undefined ? EFFORT_RANK.low : installEffort(h, depth + 1))));
  };
  const ease = (id: string) => {
    const t = toolById.get(id);
    return t ? CODING_RANK[t.coding] * 4 + installEffort(t) : 99;
  };
  // For people who do not write code, the better fit is the tool that asks less of them (§9.4.1), so
  // ease decides before the book's order; otherwise the book's order decides first.
  const easeFirst = answerOf(answers, 'coding').some((c) => c === 'gui-only' || c === 'notebooks');
  const tieOrder = (a: string, b: string) => (easeFirst ? ease(a) - ease(b) || pos(a) - pos(b) : pos(a) - pos(b) || ease(a) - ease(b)) || cmp(a, b);
  tools.sort((a, b) => b.score - a.score || tieOrder(a.id, b.id));
  // Only when the top approach leads clearly: with two approaches within a few points, neither
  // should reorder the tools.
  const clearLead = categories.length > 1 && categories[0]!.score - categories[1]!.score >= CLEAR_LEAD;
  if (output !== 'tracks' && output !== 'image-classes' && clearLead) leadWithTopApproach(tools);
  const pairedDetector = output === 'tracks' ? pairTrackerWithDetector(tools, toolById, inUseIds, categories[0]?.id === 'manual-annotation', spotTracks) : undefined;
  if ((output === 'objects' || output === 'objects-in-regions') && categories[0]?.id === 'pixel-classification' && clearLead) pairPixelWithSplitter(tools, toolById, userHosts);
  if (kind === 'segmentation' && output !== 'tracks') pairFirstRung(tools, categories, answers, toolById);
  // What "does the job" means for a tool in use: the requested output, or for restoration the top
  // method (label-free prediction ranks tools by what they predict, not by a method, so none there).
  const topMethodTools = new Set(labelFree ? [] : (kb.restorationMethods.find((m) => m.id === topMethod?.id)?.tools ?? []));
  const doesJob = (t: Tool) => (kind === 'restoration' ? topMethodTools.has(t.id) : neededTasks[0] !== undefined && (t.tasks as string[]).includes(neededTasks[0]));
  // Sorting objects into classes needs the objects first (§8.2: a workflow is a chain of steps): a tool
  // the user already finds them with does the first step of the job.
  const classifyObjects = output === 'image-classes' && answerOf(answers, 'classify-what').includes('objects');
  const findsObjects = (t: Tool) => classifyObjects && (t.tasks as string[]).includes('instance-segmentation');
  keepToolInUse(tools, answers, toolById, doesJob, findsObjects);
  const topCategories = categories.slice(0, TOP_N.categories);
  const training =
    kind === 'restoration'
      ? (ownModelToAdapt(answers, labelFree, kb, ref) ??
        restorationTraining(restorationMethods[0], kb, labelFree, ref, labelFree ? (hasPairs(answers) ? null : readyLabelFreeModel(answers, kb)) : readyWithoutData(answers, restorationMethods[0], kb)))
      : topCategories[0] && DL_CATEGORIES.includes(topCategories[0].id)
        ? anotherModel && topCategories[0].id === 'pretrained-dl'
          ? {
              approach: 'use-as-is' as const,
              text: `Before adapting any model, test the one made for your objects as it is (${otherModelNames(others)}) on 5 to 10 annotated images of yours; adapt a model to your data only if that one falls short too.`,
              bookRef: ref('9.3.3.1', 'use a pre-trained model made for your data'),
            }
          : asTheToolTrains(withCloseModelNote(trainingFromTree(walkAnswers, kb, ref, topCategories[0].id) ?? trainingApproach(walkAnswers, kb, ref, topCategories[0].id), close), answers, tools, toolById, ref)
        : null;
  // The first step needs no model when it is classical processing or a pixel classifier, or, for
  // restoration, a classical method (filters, deconvolution, flat-field correction).
  const noModelFirst =
    kind === 'restoration'
      ? kb.restorationMethods.find((m) => m.id === restorationMethods[0]?.id)?.family === 'classical'
      : topCategories[0]?.id === 'classical' || topCategories[0]?.id === 'pixel-classification';
  const learned = kind === 'restoration' && learnedRestoration(restorationMethods, labelFree, kb);
  const laterDl = kind === 'restoration' ? learned : topCategories.some((c) => DL_CATEGORIES.includes(c.id));
  const deploy = deployment(answers, kind, topCategories, training?.approach === 'use-as-is', { noModelFirst, laterDl }, ref, tools[0] === undefined ? undefined : toolById.get(tools[0].id));
  // Fig 9.9: training on a computer without a GPU, with images allowed to move, goes to the cloud; the
  // list then names where to train the top tool, right after it.
  const trainingFirst = kind !== 'restoration' && (categories[0]?.id === 'finetuned-dl' || categories[0]?.id === 'scratch-dl');
  if (trainingFirst && deploy?.mode === 'cloud') pairWithCloudTrainer(tools, toolById);
  if (!details) return { kind, categories, tools, restorationMethods };
  explainTies(
    tools,
    (winner, loser) =>
      // Moved there by a pairing rule (tracker and detector, first rung …), which gives its own reason.
      tieOrder(winner, loser) > 0
        ? null
        : (easeFirst || pos(winner) === pos(loser)) && ease(winner) < ease(loser)
        ? `it needs less coding or installation, which suits how you work`
        : pos(winner) < pos(loser)
          ? `the book suggests it for the top-ranked approach`
          : ease(winner) < ease(loser)
            ? `it needs less coding or installation`
            : // Nothing in the book or the tools' demands separates them: say so rather than invent a reason.
              `nothing in your answers, the book or what the two tools ask of you separates them; they are listed alphabetically, and either is a fair first try`,
    kind === 'restoration' ? '6.3' : '8.5',
    ref,
  );

  const top = {
    categories: topCategories,
    tools: tools.slice(0, TOP_N.tools),
    methods: restorationMethods.slice(0, TOP_N.methods),
  };

  return {
    kind,
    categories,
    tools,
    restorationMethods,
    excluded: excluded.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.id, b.id) || cmp(a.question, b.question)),
    caveats: caveats(answers, kind, top.categories, ref, tools, kb, learned, pairedDetector),
    fallback: kind === 'restoration' ? restorationFallback(answers, restorationMethods, tools, kb, (section) => ref(section)) : fallback(answers, categories, tools, kb, ref),
    trainingApproach: training,
    deployment: deploy,
    treeOutcomes: treeOutcomes(walkAnswers, kb, { kind, category: categories[0], method: restorationMethods[0] }),
    goodEnough: goodEnough(answers, kind, ref),
    runnerPreset: runnerPreset(top.methods, kb.restorationMethods),
    metric: metric(answers, kind, ref),
    learning: learning(answers, kb, ref),
    preprocessing: preprocessing(answers, kb, ref),
    glossary: glossary(answers, kb, top),
  };
}

/** Build a ranked item from reasons: BASE_SCORE plus their deltas; reasons largest effect first. */
function ranked<Id extends string>(id: Id, name: string, reasons: Reason[]): RankedItem<Id> {
  const score = reasons.reduce((s, r) => s + r.delta, BASE_SCORE);
  const sorted = [...reasons].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || cmp(a.question, b.question) || cmp(a.text, b.text));
  return { id, name, score, reasons: sorted };
}

/** Code-unit string order: the same everywhere, unlike `localeCompare`, which depends on the locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const CODING_RANK = { none: 0, scripting: 1, programming: 2 } as const;
const EFFORT_RANK = { none: 0, low: 1, medium: 2, high: 3 } as const;

/**
 * Which branch of the advice applies: restoration for image-to-image outputs (restored images and
 * label-free prediction), other for image classification or no output yet, else segmentation.
 */
export function kindOf(output: string | undefined): Recommendation['kind'] {
  if (output === 'restored-images' || output === 'label-free') return 'restoration';
  if (output === undefined || output === 'image-classes') return 'other';
  return 'segmentation';
}

/**
 * After sorting, say why an item ranks above the next one when both score the same: a zero-delta
 * reason naming the tie and what decided it (never the id alone).
 */
function explainTies(items: RankedItem[], why: (winner: string, loser: string) => string | null, section: string, ref: RefFn): void {
  for (let i = 0; i + 1 < items.length && i < 5; i++) {
    const [a, b] = [items[i]!, items[i + 1]!];
    if (a.score !== b.score) continue;
    const text = why(a.id, b.id)?.replace(a.id, a.name);
    if (text === undefined) continue;
    a.reasons.push({ delta: 0, effect: 'raised', text: `Ranked above ${b.name}, which scores the same, because ${text}`, question: 'output', option: [], bookRef: ref(section) });
  }
}

/**
 * Whether a tool does a category's work itself (rather than hosting another tool that does): for the
 * deep-learning categories, it ships models / fine-tunes / trains from scratch and is not a host.
 */
function ownCapability(tool: Tool, category: CategoryId): boolean {
  if (isHost(tool)) return false;
  // Shipping a model counts when it finds some kind of object (not only restoration models).
  if (category === 'pretrained-dl') return tool.training.pretrained && (tool.pretrainedModels === undefined || tool.pretrainedModels.some((m) => m.objects.some((o) => o !== 'other')));
  if (category === 'finetuned-dl') return tool.training.fineTune;
  if (category === 'scratch-dl') return tool.training.fromScratch;
  return tool.categories[0] === category;
}

/**
 * §8.2.1 (what the objects are): cells in a calcium or voltage imaging recording are found from how
 * their brightness changes over time, by pipelines made for such recordings (Suite2p, CaImAn:
 * {@link findsCellsFromActivity}). They need no annotations; their approach (the main
 * category of those tools in the catalogue) is raised. Models for still images see only an average
 * image of the recording (the coverage reason says no model was trained on such cells).
 */
function activityPipelines(answers: Answers, category: CategoryId, kb: KnowledgeBase): Effect | null {
  if (!answerOf(answers, 'objects').includes('active-cells') || kindOf(answerOf(answers, 'output')[0]) !== 'segmentation') return null;
  const pipelines = kb.tools.filter((t) => findsCellsFromActivity(t) && t.categories[0] === category);
  if (pipelines.length === 0) return null;
  return { delta: 15, question: 'objects', why: `cells in a calcium or voltage recording are found from their activity over time by pipelines made for such recordings (${pipelines.map((t) => t.name).join(', ')}), which need no annotations`, section: '8.2.1' };
}

/**
 * §9.3.3.1 / §8.5: whether a shipped pre-trained model (of a tool that is not just a host) was trained
 * on the user's objects in their modality and dimensions. Moves the pre-trained category: a covering
 * model is worth testing before anything is built (Fig 9.4's first question); no covering model
 * makes "use as is" unlikely to work (the §8.5 table's largest drawback).
 */
function coverageEffects(answers: Answers, kb: KnowledgeBase, others: OtherModel[]): Partial<Record<CategoryId, Effect>> {
  const pre = answerOf(answers, 'pretrained')[0];
  if (pre === 'works' || pre === 'none') return {};
  // §8.3: when a classical pipeline or a pixel classifier already works, "test a pre-trained model
  // first" is no longer the next step; nothing pulls towards replacing what works.
  if (answerOf(answers, 'tried-classical').includes('works') || answerOf(answers, 'tried-pixel').includes('works')) return {};
  const objects = answerOf(answers, 'objects')[0];
  const modality = answerOf(answers, 'modality')[0];
  if (objects === undefined || modality === undefined || objects === 'other' || modality === 'other') return {};
  // A model covers the job only if its tool can deliver what was asked (§8.2.1): a spot detector's
  // points are no mask or outline, so for regions only tools that segment count.
  const points = answerOf(answers, 'output').includes('positions') || tracksSpots(answers);
  // A mask of the area the objects cover, measured as a whole (area fraction, intensity) rather than
  // counted or measured one by one, does not ask to tell them apart (§8.2.1): a model that only
  // separates each object (Cellpose's cells) is not made for that job, one that paints areas is.
  const areaOnly = answerOf(answers, 'output').includes('mask') && !answerOf(answers, 'measurements').some((m) => m === 'counts' || m === 'size-shape');
  const delivers = (t: Tool) => points || t.tasks.some((k) => (areaOnly ? AREA_TASKS : REGION_TASKS).has(k));
  // A copy of another tool's model (Piximi's Cellpose) is that tool's model, named once.
  const covering = kb.tools.filter((t) => {
    const c = modelCoverage(answers, t);
    return !isHost(t) && !NON_DOER_KINDS.has(t.kind) && delivers(t) && c?.level === 2 && c.rehosted !== true;
  });
  const data = `${objects.replace('-', ' ')} in ${modality.replace('-', ' ')}`;
  if (pre === 'not-good-enough') {
    // "Try another pre-trained model": the model that fell short may not be the one made for these
    // objects. A model made for exactly this specialised kind of object (yeast, bacteria, worms,
    // organoids …; see GENERIC_OBJECTS), from a tool the user did not say they tried, comes before
    // adapting one. (Re-hosted copies, such as Piximi's StarDist and Cellpose models, are not other
    // models: only exact specialised-kind models count.)
    if (others.length === 0) return {};
    const names = otherModelNames(others);
    return {
      'pretrained-dl': { delta: ANOTHER_MODEL_WEIGHT, question: 'pretrained-which', why: `a model made for ${data} exists that you have not said you tested (${names}); test it, and check its settings such as the object size, before adapting a model to your data`, section: '9.3.3.1' },
      'finetuned-dl': { delta: -ANOTHER_MODEL_WEIGHT, question: 'pretrained-which', why: `first test the model made for ${data} (${names}); adapt a model only if that one falls short too`, section: '9.3.3.1' },
    };
  }
  if (covering.length > 0) {
    // The user works with a tool that finds cells from their activity over a recording (Suite2p, CaImAn)
    // and with no tool for still images: models made for still images see only an average of that
    // recording, so their existence is not the pull towards testing them that it is for still images.
    const inUse = toolsInUse(answers, kb.tools);
    const activity = inUse.find((t) => t.needsSimilarFrames === true);
    if (activity !== undefined && !inUse.some((t) => t.categories.includes('pretrained-dl') && t.needsSimilarFrames !== true)) {
      return { 'pretrained-dl': { delta: 0, question: 'objects', why: `models made for still images exist for ${data}, but you find cells with ${activity.name}, from their activity over the recording; such models see only an average image of it`, section: '8.2.1' } };
    }
    const names = covering.slice(0, 3).map((t) => `${t.name} ("${modelCoverage(answers, t)!.model}")`).join(', ');
    return { 'pretrained-dl': { delta: COVERAGE_WEIGHT, question: 'objects', why: `pre-trained models exist for ${data} (${names}); test one on a few of your images first`, section: '9.3.3.1' } };
  }
  return { 'pretrained-dl': { delta: -10, question: 'objects', why: `no pre-trained model in the catalogue was trained on ${data}, so using one as it is is unlikely to work`, section: '8.5' } };
}

/**
 * §8.3: the approach a tool the analysis already uses is made for has a head start too, unless the
 * answers say that tool falls short (then the book's next rung is open).
 */
function approachInUse(answers: Answers, category: CategoryId, kb: KnowledgeBase): Effect | null {
  const tool = toolsInUse(answers, kb.tools).find((t) => approachOf(answers, t) === category && !usedToolFellShort(answers, t));
  if (tool === undefined) return null;
  return { delta: APPROACH_IN_USE_WEIGHT, question: 'tools-used', why: `you already work with ${tool.name}, which takes this approach; if it does the job, keep it`, section: '8.3' };
}

/**
 * §8.3 with Fig 9.2's first rung: the user works in a program whose own tools segment classically or
 * with a pixel classifier (CellProfiler's modules, QuPath's cell detection, Fiji's thresholds; the
 * first approach the catalogue lists for it after manual annotation), has not tried that rung yet and
 * names no tool in use. Trying what the program already does costs no new tool, so that approach gets
 * a head start ({@link HOST_APPROACH_WEIGHT}), half that of the approach of a tool in use (`approachInUse`). Not for napari or Python,
 * whose segmentation comes from the tools they run.
 */
function approachInHost(answers: Answers, category: CategoryId, kb: KnowledgeBase): Effect | null {
  if (category !== 'classical' && category !== 'pixel-classification') return null;
  if (!answerOf(answers, 'tried-classical').includes('not-tried') || answerOf(answers, 'tools-used').length > 0) return null;
  const tool = answerOf(answers, 'host')
    .flatMap((h) => HOST_TOOLS[h] ?? [])
    .map((id) => toolIndex(kb.tools).get(id))
    .find((t): t is Tool => t !== undefined && t.categories.find((c) => c !== 'manual-annotation') === category);
  if (tool === undefined) return null;
  return { delta: HOST_APPROACH_WEIGHT, question: 'host', why: `you already work in ${tool.name}, whose own tools take this approach; try them before adding a new tool`, section: '8.3' };
}

/**
 * §8.3 against Fig 9.2's first question: a user who already works with a deep-learning tool for this
 * step (Cellpose, StarDist, µSAM …) has chosen past the first rung, even if they never tried
 * thresholds. "Try classical processing first" is advice for choosing a first tool, so its two pulls on
 * classical processing (the Fig 9.2 path, +10, and the §9.2.2 rule, +5) are taken back. When that
 * tool's model falls short, the same amount is taken back for another reason (§9.3.3.1: a pre-trained
 * model that falls short is adapted), with its own text.
 */
function pastFirstRung(answers: Answers, category: CategoryId, kb: KnowledgeBase): Effect | null {
  if (category !== 'classical' || !answerOf(answers, 'tried-classical').includes('not-tried')) return null;
  const dl = toolsInUse(answers, kb.tools).filter((t) => DL_CATEGORIES.includes(approachOf(answers, t) ?? 'classical'));
  const tool = dl.find((t) => !usedToolFellShort(answers, t)) ?? dl[0];
  if (tool === undefined) return null;
  const why = `you already work with ${tool.name}, a deep-learning tool for this step: `;
  // Its model falls short: §9.3.3.1 adapts a pre-trained model (its settings, then fine-tuning, Fig 9.4)
  // rather than going back to thresholds the user never chose.
  return usedToolFellShort(answers, tool)
    ? { delta: -FIRST_RUNG_PULL, question: 'tools-used', why: `${why}when its model falls short, the next step is to adapt that model (its settings, then fine-tuning), not to go back to thresholds`, section: '9.3.3.1' }
    : { delta: -FIRST_RUNG_PULL, question: 'tools-used', why: `${why}"try classical processing first" is advice for choosing a first tool`, section: '8.3' };
}

/**
 * The approach a tool in use takes for this user: a tool that covers several (Cellpose: ready models,
 * fine-tuning, training) is used the way the answers say: its ready model works as it is, or the model
 * trained on the user's annotations works. Otherwise the approach the tool is first made for.
 */
function approachOf(answers: Answers, tool: Tool): CategoryId | undefined {
  const has = (c: CategoryId) => tool.categories.includes(c);
  if (answerOf(answers, 'tried-finetune').includes('works')) {
    const trained: CategoryId = trainedFromScratch(answers) ? 'scratch-dl' : 'finetuned-dl';
    if (has(trained)) return trained;
  }
  if (answerOf(answers, 'pretrained').includes('works') && has('pretrained-dl')) return 'pretrained-dl';
  // Its ready model fell short but was never set up for the images or measured (Fig 9.10): the user is
  // still on using that model as it is, which comes first, not on retraining it.
  if (triedTool(answers, tool.id) && answerOf(answers, 'pretrained').includes('not-good-enough') && untuned(answers, 'model') && has('pretrained-dl')) return 'pretrained-dl';
  return tool.categories[0];
}

/**
 * §8.3: a tool that runs inside one the user already runs (Cellpose's restoration models inside
 * Cellpose, StarDist inside TrackMate) is there already, one step from the pipeline they have.
 */
function insideToolInUse(answers: Answers, tool: Tool, kb: KnowledgeBase): Effect | null {
  const host = inUseVia(answerOf(answers, 'tools-used'), tool);
  if (host === undefined || host === tool.id) return null;
  return { delta: 10, question: 'tools-used', why: `${tool.name} runs inside ${toolIndex(kb.tools).get(host)?.name ?? host}, which you already use`, section: '8.3' };
}

/** The tool in use through which `tool` is at hand: itself, or a tool it runs inside; undefined if none. */
function inUseVia(used: string[], tool: Tool): string | undefined {
  return used.includes(tool.id) ? tool.id : tool.runsInside.find((h) => used.includes(h));
}

/**
 * §6.4.1: a restoration made to help one tool segment (Cellpose3's models serve Cellpose) may show
 * outlines the input did not resolve and changes intensities; unless the user segments with that tool,
 * it is the wrong product.
 */
function madeForAnotherToolsSegmentation(answers: Answers, method: RestorationMethod, kb: KnowledgeBase): Effect | null {
  const forTool = method.forSegmentationWith;
  if (forTool === undefined || answerOf(answers, 'tools-used').includes(forTool)) return null;
  const name = toolIndex(kb.tools).get(forTool)?.name ?? forTool;
  return { delta: -20, question: 'tools-used', why: `${method.name} makes images for ${name} to segment, not faithful intensities; use it only before segmenting with ${name}`, section: '6.4.1' };
}

/**
 * §8.3: a restoration method that a tool the user already runs provides, itself or through a module
 * that runs inside it (Cellpose's restoration models inside Cellpose), is one step away.
 */
function methodInUse(answers: Answers, method: RestorationMethod, kb: KnowledgeBase): Effect | null {
  const used = answerOf(answers, 'tools-used');
  if (used.length === 0) return null;
  for (const id of method.tools) {
    const tool = toolIndex(kb.tools).get(id);
    const host = tool === undefined ? undefined : inUseVia(used, tool);
    if (tool === undefined || host === undefined) continue;
    const hostName = toolIndex(kb.tools).get(host)?.name ?? host;
    // Ready-made models already in the user's pipeline, with no pairs to train anything else on: nothing
    // to train or install (§9.3.3.1: pre-trained models take the least human time).
    if (method.dataNeeds.includes('none-pretrained') && !hasPairs(answers) && !answerOf(answers, 'restoration-data').includes('two-noisy')) {
      return { delta: 20, question: 'tools-used', why: `${tool.name}'s ready-made models run inside ${hostName}, which you already use: nothing to train or install`, section: '9.3.3.1' };
    }
    return { delta: 10, question: 'tools-used', why: host === tool.id ? `${hostName}, which you already use, does it` : `${tool.name} runs inside ${hostName}, which you already use`, section: '8.3' };
  }
  return null;
}

/** A model worth testing before adapting one: the tool and the model's name. */
interface OtherModel {
  tool: Tool;
  model: string;
}

/**
 * "Try another pre-trained model" (§9.3.3.1): a tool (not a host) whose model was made exactly for the
 * user's specialised kind of object, modality and 2D/3D, and which the user did not say they tried.
 * (Other models of a tool they did try are not counted: which of its models they ran is not asked, and
 * for nuclei or cells the model they ran is usually the one made for them.)
 */
function otherModels(answers: Answers, kb: KnowledgeBase): OtherModel[] {
  // When every model the user tried is outside the catalogue's list ("another model", such as a
  // pipeline's own network), the widely used models trained on their objects are still untested too.
  // So are they when fine-tuning the model that fell short has failed too: another ready model comes
  // before training one from scratch.
  const onlyUnlisted =
    (answerOf(answers, 'pretrained-which').length > 0 && answerOf(answers, 'pretrained-which').every((o) => o === 'other')) || answerOf(answers, 'tried-finetune').includes('failed');
  // So are models made for the user's kind of image itself (Mesmer for multiplexed tissue) when every
  // model they tried reaches those images only through one fluorescence channel.
  const tried = kb.tools.filter((t) => triedTool(answers, t.id));
  const triedViaChannels = tried.length > 0 && tried.every((t) => modelCoverage(answers, t)?.viaChannels === true);
  const fromOthers = kb.tools
    .filter((t) => !isHost(t) && !NON_DOER_KINDS.has(t.kind) && !tried.includes(t))
    .map((t) => ({ tool: t, c: modelCoverage(answers, t) }))
    .filter((x) => x.c !== null && x.c.level === 2 && (x.c.exact === true || ((onlyUnlisted || triedViaChannels) && x.c.viaNuclei !== true && x.c.viaChannels !== true)))
    // Models made for exactly the user's specialised kind of object are named first.
    .sort((a, b) => Number(b.c!.exact === true) - Number(a.c!.exact === true))
    .map((x) => ({ tool: x.tool, model: x.c!.model! }));
  if (answerOf(answers, 'tried-finetune').includes('failed')) return fromOthers;
  return [...fromOthers, ...kb.tools.filter((t) => triedTool(answers, t.id)).flatMap((t) => specialisedModel(answers, t))];
}

/**
 * A tool the user tried usually ran its default model, the first one its catalogue entry lists. The
 * generalists learn mostly from fluorescence images; when a later model of the same tool was trained
 * on just the user's other modality (Cellpose's LIVECell model for phase-contrast cells), that
 * specialised model is still untested (§9.3.3.1: try another pre-trained model before adapting one).
 */
function specialisedModel(answers: Answers, tool: Tool): OtherModel[] {
  const [first, ...rest] = tool.pretrainedModels ?? [];
  const objects = answerOf(answers, 'objects').filter((o) => o !== 'other');
  const modality = answerOf(answers, 'modality').filter((o) => o !== 'other');
  if (first === undefined || objects.length === 0 || modality.length === 0) return [];
  const dim = answerOf(answers, 'dimensions').includes('3d') ? '3d' : '2d';
  const m = rest.find(
    (m) =>
      m.modalities.length === 1 &&
      m.modalities[0] !== 'fluorescence' &&
      first.modalities.length > 1 &&
      modality.every((o) => (m.modalities as string[]).includes(o)) &&
      objects.every((o) => (m.objects as string[]).includes(o)) &&
      (m.dimensionality as string[]).includes(dim),
  );
  return m === undefined ? [] : [{ tool, model: m.name }];
}

const otherModelNames = (list: OtherModel[]): string =>
  list
    .slice(0, 3)
    .map((o) => `${o.tool.name} ("${o.model}")`)
    .join(', ');

/**
 * Tracking is two steps (detect, then link; §8.2's workflow of parts): put the best dedicated tracker
 * first and the best detector that is not a tracker right after it, each with a reason saying so.
 * For spots, foci or small organelles (`spots`), spot detectors count as detectors too; so does a tool
 * in use (`inUse`) that a listed tracker runs as its detector.
 * Returns the detector it paired, if any.
 */
function pairTrackerWithDetector(tools: RankedItem[], byId: ReadonlyMap<string, Tool>, inUse: ReadonlySet<string>, byHand = false, spots = false): RankedItem | undefined {
  const isTracker = (t: RankedItem) => isDedicatedTracker(byId.get(t.id));
  const trackers = tools.filter(isTracker).slice(0, 5);
  // Tracking by hand (manual annotation first): the objects are marked in a tracker that lets you do
  // that (its tasks include annotation), so there is no detector to pair; that tracker leads and the
  // rest follow their scores.
  const manual = trackers.find((t) => byId.get(t.id)?.tasks.includes('annotation'));
  if (byHand && manual !== undefined) {
    manual.reasons.unshift({ delta: 0, effect: 'raised', text: `Listed first: ${manual.name} is a dedicated tracker, where objects can also be marked and linked by hand`, question: 'output', option: ['tracks'], bookRef: manual.reasons[0]!.bookRef });
    tools.splice(0, tools.length, manual, ...tools.filter((t) => t !== manual));
    return undefined;
  }
  // Spots are found by a spot detector; a segmenter (or a platform that hosts one) only when no spot
  // detector is ranked.
  const finding = (task: string) => tools.filter((t) => !isTracker(t) && (byId.get(t.id)?.tasks.includes(task as Tool['tasks'][number]) ?? false));
  // A program that hosts a listed tracker (Fiji runs TrackMate) is where the tracker runs, not a
  // detector to pair with it, though it finds spots itself (Find Maxima).
  const hostsTracker = (d: RankedItem) => trackers.some((t) => byId.get(d.id)?.canRun.includes(t.id) ?? false);
  const spotFinders = spots ? finding('object-detection').filter((d) => !hostsTracker(d)) : [];
  // §8.3: a tool the user already works with that a listed tracker runs as its detector counts too,
  // though it outlines no instances itself (TrackMate turns the probability map of a Trainable Weka
  // Segmentation classifier into objects).
  const inUseRunByTracker = tools.filter((d) => inUse.has(d.id) && !isTracker(d) && trackers.some((t) => byId.get(t.id)?.canRun.includes(d.id)));
  const found = spotFinders.length > 0 ? spotFinders : finding('instance-segmentation');
  const detectors = [...inUseRunByTracker.filter((d) => !found.includes(d)), ...found].slice(0, 8);
  if (trackers.length === 0 || detectors.length === 0) return undefined;
  // As the detector of a pair, finding objects without linking them is exactly its role, so the
  // "covers only a step" penalty does not count against it here; a tracker that runs the detector
  // itself keeps both steps in one program (+10).
  const asDetector = (d: RankedItem) => d.score + (byId.get(d.id)?.tasks.includes('tracking') ? 0 : 10);
  const runs = (t: RankedItem, d: RankedItem) => byId.get(t.id)?.canRun.includes(d.id) ?? false;
  // For spots, a tracker with a spot detector of its own (TrackMate's LoG) also keeps both steps in one
  // program; the detector listed second is then the one to try if its own misses spots.
  const ownSpotDetector = (t: RankedItem) => spots && (byId.get(t.id)?.tasks.includes('object-detection') ?? false);
  let best: { t: RankedItem; d: RankedItem; s: number } | null = null;
  for (const t of trackers) {
    for (const d of detectors) {
      const s = t.score + asDetector(d) + (runs(t, d) || ownSpotDetector(t) ? 10 : 0);
      if (best === null || s > best.s) best = { t, d, s };
    }
  }
  const { t: tracker, d: detector } = best!;
  const own = !runs(tracker, detector) && ownSpotDetector(tracker);
  if (runs(tracker, detector) || own) {
    tracker.score += 10;
    const text = own ? `${tracker.name} finds spots with a detector of its own, so both steps can happen in one program` : `${tracker.name} can run ${detector.name} as its detector, so both steps happen in one program`;
    tracker.reasons.unshift({ delta: 10, effect: 'raised', text, question: 'output', option: ['tracks'], bookRef: tracker.reasons[0]!.bookRef });
  }
  const rest = tools.filter((t) => t !== tracker && t !== detector).sort((a, b) => b.score - a.score);
  tracker.reasons.unshift({ delta: 0, effect: 'raised', text: `Listed first: a dedicated tracker links the detections from frame to frame`, question: 'output', option: ['tracks'], bookRef: tracker.reasons[0]!.bookRef });
  const second = own ? `Listed second as a dedicated spot detector to try if ${tracker.name}'s own detector misses spots` : `Listed second as the detector to pair with ${tracker.name}: it finds the objects in each frame`;
  detector.reasons.unshift({ delta: 0, effect: 'raised', text: second, question: 'output', option: ['tracks'], bookRef: tracker.reasons[0]!.bookRef });
  tools.splice(0, tools.length, tracker, detector, ...rest);
  return detector;
}

/** Questions about the user's images: a penalty on one of them means the tool does not suit the data. */
const DATA_FIT_QUESTIONS = new Set(['objects', 'modality', 'dimensions', 'shape', 'time-series']);

/** Whether a ranked tool suits the user's images: no penalty on a question about them. */
const suitsImages = (t: RankedItem): boolean => !t.reasons.some((r) => r.delta < 0 && DATA_FIT_QUESTIONS.has(r.question));

/**
 * Move `candidate` to third place with `reason` first among its reasons. A first-rung partner placed
 * third before (pairFirstRung) is fourth then, so its own "Listed third" reason is dropped.
 */
function placeThird(tools: RankedItem[], candidate: RankedItem, reason: RankedItem['reasons'][number]): void {
  candidate.reasons.unshift(reason);
  tools.splice(tools.indexOf(candidate), 1);
  tools.splice(2, 0, candidate);
  const displaced = tools[3];
  if (displaced !== undefined && displaced.reasons[0]?.delta === 0 && displaced.reasons[0].text.startsWith('Listed third:')) displaced.reasons.shift();
}

/** Whether a ranked tool carries the "made for the top-ranked approach" reason (see `toolBase`). */
export function madeForTopApproach(t: RankedItem): boolean {
  return t.reasons.some((r) => r.question === 'output' && r.delta === TOP_APPROACH_BONUS && r.text.includes(TOP_APPROACH_PHRASE));
}

/**
 * Tools follow the method (§8.5): the first tool is one made for the top-ranked approach. When another
 * tool outscores it (a host, or a tool of the second approach with a covering model), the best tool
 * made for the top approach moves up to first, with a reason saying so; the rest keep their order.
 */
function leadWithTopApproach(tools: RankedItem[]): void {
  if (tools.length === 0 || madeForTopApproach(tools[0]!)) return;
  // Only a tool that suits the user's images may jump the queue: one made for another modality, 2D/3D
  // or kind of object, or with no model for these objects, stays where its score puts it.
  const lead = tools.find((t) => madeForTopApproach(t) && suitsImages(t));
  if (lead === undefined) return;
  lead.reasons.unshift({ delta: 0, effect: 'raised', text: `Listed first: it is made for the top-ranked approach, which the tools above it in score are not`, question: 'output', option: [], bookRef: lead.reasons[0]!.bookRef });
  tools.splice(tools.indexOf(lead), 1);
  tools.unshift(lead);
}

/**
 * §8.5: a pixel classifier labels pixels; splitting them into objects is a classical step afterwards
 * (ilastik's probability maps segmented in CellProfiler). When the pixel classifier leads and the user
 * wants objects, the best classical tool that splits objects, the user's own program first, is listed
 * second with a reason.
 */
function pairPixelWithSplitter(tools: RankedItem[], byId: ReadonlyMap<string, Tool>, userHosts: Set<string>): void {
  const first = byId.get(tools[0]?.id ?? '');
  if (first === undefined || first.categories[0] !== 'pixel-classification') return;
  const splitters = tools.slice(1).filter((t) => {
    const tool = byId.get(t.id);
    return tool !== undefined && tool.categories.includes('classical') && tool.tasks.includes('instance-segmentation');
  });
  const splitter = splitters.find((t) => userHosts.has(t.id)) ?? splitters[0];
  if (splitter === undefined) return;
  const at = tools.indexOf(splitter);
  if (at <= 2) return;
  splitter.reasons.unshift({ delta: 0, effect: 'raised', text: `Listed second: ${splitter.name} splits ${first.name}'s pixel classes into separate objects, the classical step a pixel classifier needs after it`, question: 'output', option: [], bookRef: tools[0]!.reasons[0]!.bookRef });
  tools.splice(at, 1);
  tools.splice(1, 0, splitter);
}

/**
 * Fig 9.2's first step is "classical image processing or a pixel classifier" (§9.2.2: try both before
 * deep learning). When one of the two leads and the user has tried neither, the best tool of the other
 * is listed third (unless it is in the top three already), with a reason saying why, provided that
 * approach is a close second or third: the first rung is one choice between two kinds of tool.
 */
function pairFirstRung(tools: RankedItem[], categories: RankedItem<CategoryId>[], answers: Answers, byId: ReadonlyMap<string, Tool>): void {
  const lead = categories[0]?.id;
  if (lead !== 'classical' && lead !== 'pixel-classification') return;
  if (answerOf(answers, 'tried-classical').some((o) => o === 'works' || o === 'failed') || answerOf(answers, 'tried-pixel').some((o) => o === 'works' || o === 'failed')) return;
  const other: CategoryId = lead === 'classical' ? 'pixel-classification' : 'classical';
  const rank = categories.findIndex((c) => c.id === other);
  if (rank < 0 || rank > 2 || categories[0]!.score - categories[rank]!.score > FIRST_RUNG_GAP) return;
  if (tools.slice(0, 3).some((t) => byId.get(t.id)?.categories[0] === other)) return;
  const partner = tools.find((t) => byId.get(t.id)?.categories[0] === other);
  if (partner === undefined || tools.indexOf(partner) < 3) return;
  const name = other === 'classical' ? 'classical processing' : 'a pixel classifier';
  partner.reasons.unshift({ delta: 0, effect: 'raised', text: `Listed third: the book's first step is classical processing or a pixel classifier, and ${partner.name} is the best choice for ${name} here`, question: 'tried-classical', option: answerOf(answers, 'tried-classical'), bookRef: partner.reasons[0]!.bookRef });
  tools.splice(tools.indexOf(partner), 1);
  tools.splice(2, 0, partner);
}

/**
 * §8.3: a tool the analysis already runs, that does the job asked for, stays in view. If none of the
 * tools in use is in the top three, the best-ranked one that produces the requested output (or, for
 * restoration, implements the top-ranked method) is listed
 * third, with a reason: if it works, keep it; if it fell short, its settings, other models or
 * workflows come before switching (a maintainer's usual first answer).
 */
function keepToolInUse(tools: RankedItem[], answers: Answers, byId: ReadonlyMap<string, Tool>, doesJob: (t: Tool) => boolean, findsObjects: (t: Tool) => boolean): void {
  const used = answerOf(answers, 'tools-used');
  if (used.length === 0) {
    keepHost(tools, answers, byId, doesJob);
    return;
  }
  if (tools.slice(0, 3).some((t) => used.includes(t.id))) return;
  // A tool in use that gets no "you already use it" nudge (it fell short while a model made for the
  // user's objects is untested, §9.3.3.1) is not pulled up either.
  const candidate = tools.find((t) => {
    const tool = byId.get(t.id);
    return tool !== undefined && used.includes(t.id) && (doesJob(tool) || findsObjects(tool)) && t.reasons.some((r) => r.question === 'tools-used' && r.delta > 0);
  });
  if (candidate === undefined || tools.indexOf(candidate) < 3) return;
  const tool = byId.get(candidate.id)!;
  // The first two tools run inside it (YeaZ and Cellpose inside Cell-ACDC): the user can use them
  // without leaving it, which its place in the list says, so the program they know stays in view.
  const hosted = tools.slice(0, 2).filter((t) => tool.canRun.includes(t.id));
  const short = usedToolFellShort(answers, tool);
  placeThird(tools, candidate, {
    delta: 0,
    effect: 'raised',
    text: short
      ? `Listed third: you already use ${tool.name}; before switching, check its settings, other models or workflows`
      : hosted.length === 2
        ? `Listed third: you already use ${tool.name}, which runs ${hosted.map((t) => t.name).join(' and ')}; you can use them without leaving it`
        : doesJob(tool)
          ? `Listed third: you already use ${tool.name}, and it does this job; if it works for you, keep it`
          : `Listed third: you already find the objects with ${tool.name}; keep it for that step and sort the objects it finds with a classifier`,
    question: 'tools-used',
    option: used,
    bookRef: candidate.reasons.find((r) => r.question === 'tools-used')?.bookRef ?? candidate.reasons[0]!.bookRef,
  });
}

/**
 * §8.3 ("stick with a tool you know"), for the program the user works in: when no tool in use was named
 * and none of the user's programs is in the top three, the best-ranked one that does the job with
 * methods of its own (classical or pixel classification: QuPath's cell detection, CellProfiler's
 * modules, Fiji's thresholds; not a viewer whose segmentation comes only from plugins) and suits the
 * images is listed third, with a reason.
 */
function keepHost(tools: RankedItem[], answers: Answers, byId: ReadonlyMap<string, Tool>, doesJob: (t: Tool) => boolean): void {
  const hosts = new Set(answerOf(answers, 'host').flatMap((h) => HOST_TOOLS[h] ?? []));
  if (hosts.size === 0 || tools.slice(0, 3).some((t) => hosts.has(t.id))) return;
  const ownMethods = (t: Tool) => t.categories.some((c) => c === 'classical' || c === 'pixel-classification');
  const candidate = tools.find((t) => {
    const tool = byId.get(t.id);
    return tool !== undefined && hosts.has(t.id) && doesJob(tool) && ownMethods(tool) && suitsImages(t);
  });
  if (candidate === undefined || tools.indexOf(candidate) < 3) return;
  const hosted = tools.slice(0, 2).filter((t) => byId.get(candidate.id)!.canRun.includes(t.id));
  placeThird(tools, candidate, {
    delta: 0,
    effect: 'raised',
    text: `Listed third: you already work in ${candidate.name}, which can do this job with its own tools${hosted.length > 0 ? ` and runs ${hosted.map((t) => t.name).join(' and ')}` : ''}`,
    question: 'host',
    option: answerOf(answers, 'host'),
    bookRef: candidate.reasons.find((r) => r.question === 'host')?.bookRef ?? candidate.reasons[0]!.bookRef,
  });
}

/**
 * Put the best-ranked cloud notebook platform that runs the top tool (ZeroCostDL4Mic runs StarDist and
 * Cellpose on Colab) second, with a reason saying why: the user will train in the cloud (Fig 9.9).
 */
function pairWithCloudTrainer(tools: RankedItem[], byId: ReadonlyMap<string, Tool>): void {
  const top = tools[0];
  if (top === undefined || byId.get(top.id)?.runsWhere.includes('cloud')) return;
  const trainer = tools.find((t) => {
    const tool = byId.get(t.id);
    return tool !== undefined && t !== top && tool.runsWhere.includes('cloud') && tool.canRun.includes(top.id) && tool.tasks.includes('training-deployment');
  });
  if (trainer === undefined) return;
  const at = tools.indexOf(trainer);
  if (at <= 1) return;
  trainer.reasons.unshift({ delta: 0, effect: 'raised', text: `Listed second: ${trainer.name} runs ${top.name} in the cloud, where you can train it without a GPU of your own`, question: 'compute', option: [], bookRef: trainer.reasons[0]!.bookRef });
  tools.splice(at, 1);
  tools.splice(1, 0, trainer);
}

/** A generic supervised image-to-image method (CARE-style: several tasks, trained on matched pairs). */
const isGenericSupervised = (m: RestorationMethod): boolean => m.family === 'supervised-dl' && m.dataNeeds.includes('paired-low-high') && m.tasks.length > 1;

/**
 * A ready-made restoration model, from a tool that implements `method`, trained on the user's modality
 * (a modality-specific one: electron micrographs or tomograms, not fluorescence in general, where
 * §6.3.1 says restoration models rarely transfer) and 2D/3D: Topaz-Denoise's general cryo-EM models.
 */
function readyRestorationModel(answers: Answers, method: RestorationMethod, kb: KnowledgeBase): { tool: Tool; model: string } | null {
  const modality = answerOf(answers, 'modality')[0];
  if (modality === undefined || modality === 'fluorescence' || modality === 'other' || method.family === 'classical') return null;
  const dim = answerOf(answers, 'dimensions').includes('3d') ? '3d' : '2d';
  for (const id of method.tools) {
    const tool = toolIndex(kb.tools).get(id);
    const model = tool === undefined ? null : modelFor(tool, modality, dim, answers);
    if (tool !== undefined && model !== null && (tool.tasks as string[]).some((t) => (RESTORATION_TASKS as readonly string[]).includes(t))) return { tool, model };
  }
  return null;
}

/** Whether the user has matched transmitted-light and fluorescence images to train on. */
const hasPairs = (answers: Answers): boolean => answerOf(answers, 'restoration-data').some((o) => o === 'paired' || o === 'cross-modality');

/**
 * A ready-made label-free (virtual staining) model trained on the user's modality and 2D/3D, from a
 * tool whose main task is label-free prediction (VisCy's Cytoland models): §9.3.3.1, use what exists.
 */
function labelFreeModel(answers: Answers, tool: Tool): string | null {
  if (tool.tasks[0] !== 'label-free-prediction') return null;
  const modality = answerOf(answers, 'modality')[0];
  return modality === undefined ? null : modelFor(tool, modality, answerOf(answers, 'dimensions').includes('3d') ? '3d' : '2d', answers);
}

/** The name of the first of a tool's shipped models trained on this modality (and kind of EM) and 2D/3D, or null. */
function modelFor(tool: Tool, modality: string, dim: '2d' | '3d', answers: Answers): string | null {
  return (tool.pretrainedModels ?? []).find((m) => (m.modalities as string[]).includes(modality) && (m.dimensionality as string[]).includes(dim) && fitsElectronKind(m.electronKinds, answers))?.name ?? null;
}

/** The top restoration method's ready model, when the user lacks the data to train that method. */
function readyWithoutData(answers: Answers, top: RankedItem | undefined, kb: KnowledgeBase): { tool: Tool; model: string } | null {
  const method = top === undefined ? undefined : kb.restorationMethods.find((m) => m.id === top.id);
  if (method === undefined || methodDataExclusion(answers, method) === null) return null;
  return readyRestorationModel(answers, method, kb);
}

/**
 * Label-free prediction with matched pairs, in a tool the user already runs whose ready model was
 * trained on images like theirs (VisCy's VSCyto2D for 2D phase contrast): start from that model and
 * fine-tune it on the pairs (Fig 9.4 starts from a pre-trained model; §8.3 the tool in use), rather
 * than train a new network from scratch.
 */
function ownModelToAdapt(answers: Answers, labelFree: boolean, kb: KnowledgeBase, ref: RefFn): Recommendation['trainingApproach'] {
  if (!labelFree || !hasPairs(answers)) return null;
  const used = answerOf(answers, 'tools-used');
  const own = kb.tools
    .filter((t) => used.includes(t.id) && t.training.fineTune)
    .map((t) => ({ tool: t, model: labelFreeModel(answers, t) }))
    .find((x) => x.model !== null);
  if (own === undefined) return null;
  return {
    approach: 'fine-tuning',
    text: `Start from ${own.tool.name}'s ready-made model "${own.model}", trained on images like yours, and fine-tune it on your own matched image pairs; compare its predictions with real stains on held-out fields.`,
    bookRef: ref('9.3.6.2', 'fine-tune a pre-trained model'),
  };
}

function readyLabelFreeModel(answers: Answers, kb: KnowledgeBase): { tool: Tool; model: string } | null {
  for (const tool of kb.tools) {
    const model = labelFreeModel(answers, tool);
    if (model !== null) return { tool, model };
  }
  return null;
}

function labelFreeBase(tool: Tool, methods: RestorationMethod[], answers: Answers): { reasons: Effect[] } | null {
  if (!(tool.tasks as string[]).includes('label-free-prediction')) {
    // CARE-style supervised image-to-image networks learn any mapping they are given matched pairs for.
    const supervised = methods.find((m) => isGenericSupervised(m) && m.tools.includes(tool.id));
    if (!supervised) return null;
    return { reasons: [{ delta: 5, question: 'output', why: `${tool.name} trains ${supervised.name}-style networks, which can learn to predict a label from transmitted light when given matched image pairs`, section: '6.2.4' }] };
  }
  const main = tool.tasks[0] === 'label-free-prediction';
  const ready = labelFreeModel(answers, tool);
  return {
    reasons: [
      { delta: main ? 30 : 20, question: 'output', why: `${tool.name} ${main ? 'is made to predict' : 'can predict'} fluorescence-like labels from transmitted-light images (label-free prediction), trained on matched image pairs`, section: '6.2.4' },
      ...(ready === null
        ? []
        : [{ delta: hasPairs(answers) ? 10 : 25, question: 'modality', why: `${tool.name}'s ready-made model "${ready}" was trained on images like yours${hasPairs(answers) ? '' : ', and without matched pairs you cannot train one'}: apply it as it is first`, section: '9.3.3.1' }]),
    ],
  };
}

/**
 * A tool's starting point: for segmentation, its best category score (it must do a needed task);
 * for restoration, its best method score (it must implement a ranked method). null = not relevant.
 * Tools follow the method: one that implements the top-ranked method (or whose main category is the
 * top-ranked category) gets a bonus over platforms that only host or display.
 */
function toolBase(
  tool: Tool,
  bookExamples: Map<CategoryId, string[]>,
  userHosts: Set<string>,
  kind: Recommendation['kind'],
  output: string | undefined,
  neededTasks: string[],
  categoryScore: Map<CategoryId, number>,
  topCategory: RankedItem<CategoryId> | undefined,
  methodScore: Map<string, number>,
  topMethod: RankedItem | undefined,
  methods: RestorationMethod[],
  categoryNames: Map<CategoryId, string>,
  inUse: Set<string>,
  encoderTools: Set<string>,
): { reasons: Effect[] } | null {
  if (kind === 'restoration') {
    const scores = methods.filter((m) => m.tools.includes(tool.id) && methodScore.has(m.id)).map((m) => ({ m, s: methodScore.get(m.id)! }));
    if (scores.length === 0) return null;
    // Best score first; equal scores: the method ranked higher (the ranking already applied the book's order).
    const rank = (id: string) => [...methodScore.keys()].indexOf(id);
    scores.sort((a, b) => b.s - a.s || rank(a.m.id) - rank(b.m.id));
    const best = scores[0]!;
    // The tool inherits the score of the best method it implements.
    const reasons: Effect[] = [{ delta: best.s - BASE_SCORE, question: 'degradation', why: `${tool.name} implements ${best.m.name}, which ranks at ${best.s} for your answers`, section: best.m.bookRefs[0]?.section ?? '6' }];
    if (topMethod !== undefined && best.m.id === topMethod.id) {
      reasons.push({ delta: 10, question: 'restoration-data', why: `${tool.name} implements the top-ranked method, ${best.m.name}`, section: best.m.bookRefs[0]?.section ?? '6' });
    }
    // This site's restoration page re-implements some tools' networks (BROWSER_RUNNER_TOOLS: 3D-RCAN)
    // and runs them in the browser: no installation and no code, which offsets the coding and install
    // penalties a command-line tool would otherwise get (-15 at most). Only for the tool it actually
    // re-implements (the page runs the Noise2Void method on 3D-RCAN's network, not DeepCAD-RT or the
    // n2v package), and only through a method the tool is ranked for (its best score): a preset for
    // another method does not help with the restoration this user needs.
    if (BROWSER_RUNNER_TOOLS.has(tool.id) && scores.some((x) => x.m.runnerPreset !== null && x.s === best.s)) {
      reasons.push({ delta: 15, question: 'coding', why: `${tool.name} runs in this site's restoration page, with nothing to install and no code to write`, section: 'A' });
    }
    return { reasons };
  }
  if (neededTasks.length === 0) return null;
  const primary = neededTasks[0];
  const userHost = userHosts.has(tool.id);
  // A tool the user already runs for a related step (MOrgAna's one mask per image when separate
  // organoids are asked for) stays in the list, marked as covering only a step, so the advice can say
  // how it compares (§8.3); other tools must do one of the tasks the output needs.
  const relatedInUse = inUse.has(tool.id) && tool.tasks.some((t) => SEGMENTATION_TASKS.has(t));
  // A tool that supplies the pre-trained encoder for sorting the user's images (`encoderTools`) is a
  // step of that job, as a tracker's detector is.
  const encoderStep = encoderTools.has(tool.id) && topCategory !== undefined;
  if (!tool.tasks.some((t) => neededTasks.includes(t)) && !relatedInUse && !encoderStep) return null;
  const reasons: Effect[] = [];
  // A dedicated tracker links the objects that any detector finds, so for tracking it follows the
  // top-ranked approach whatever its own category (§8.2, Figure 1: a workflow is a chain of steps).
  // The same holds for a dedicated classifier of images or cells: the §8.5 categories describe how
  // objects are found, not how they are sorted.
  const dedicatedTracker = output === 'tracks' && isDedicatedTracker(tool) && topCategory !== undefined;
  const dedicatedClassifier = output === 'image-classes' && tool.tasks[0] === 'classification' && topCategory !== undefined;
  // The tool inherits the score of its best-ranked method category (§8.5: tools belong to categories).
  // Its first-listed category is its main use; other categories count SECONDARY_CATEGORY_PENALTY less,
  // so platforms listed under many categories (Fiji runs StarDist, too) do not top every list.
  // A tool's own capability (its shipped models, its training) counts in full, as does a category the
  // §8.5 table suggests it for; hosting another tool's models does not (that is what the penalty is for).
  // §8.3: a program the user already works in counts in full for every category it lists: if it fits
  // the job, stick with it (QuPath's own pixel classifier for a QuPath user).
  const isBookExample = (c: CategoryId) => (bookExamples.get(c) ?? []).includes(tool.id) || userHost;
  const candidates = tool.categories
    .map((c, i) => ({ c, s: categoryScore.has(c) ? categoryScore.get(c)! - (i === 0 || ownCapability(tool, c) || isBookExample(c) ? 0 : SECONDARY_CATEGORY_PENALTY) : null }))
    .filter((x): x is { c: CategoryId; s: number } => x.s !== null)
    .sort((a, b) => b.s - a.s || cmp(a.c, b.c));
  const best = candidates[0];
  if (dedicatedTracker) {
    reasons.push({
      delta: topCategory.score - BASE_SCORE + 10,
      question: 'output',
      why: `${tool.name} is a dedicated tracker: it links the objects found by the top-ranked approach (${(categoryNames.get(topCategory.id) ?? topCategory.id).toLowerCase()}) from frame to frame`,
      section: '8.2',
    });
    // Fig 9.2 (classical methods first): when classical processing finds the objects, a tracker that
    // links them classically too (nearest neighbours, LAP, a Bayesian model) keeps the whole pipeline on
    // the simpler rung; a learned linker (Trackastra) is the step up when that linking fails.
    if (topCategory.id === 'classical' && tool.categories[0] === 'classical') {
      reasons.push({ delta: TRACKER_APPROACH_BONUS, question: 'output', why: `${tool.name} links them with classical methods too, so the whole pipeline stays on the simpler rung the book suggests trying first`, section: '9.2.2' });
    }
  } else if (dedicatedClassifier) {
    reasons.push({
      delta: topCategory.score - BASE_SCORE + 10,
      question: 'output',
      why: `${tool.name} is made for sorting images or cells into classes, on the measurements or objects the top-ranked approach (${(categoryNames.get(topCategory.id) ?? topCategory.id).toLowerCase()}) gives`,
      section: '8.2',
    });
  } else if (encoderStep) {
    reasons.push({
      delta: topCategory.score - BASE_SCORE,
      question: 'output',
      why: `${tool.name} supplies the pre-trained network that the top-ranked approach (${(categoryNames.get(topCategory.id) ?? topCategory.id).toLowerCase()}) starts from: a small classifier is then trained on the features it gives`,
      section: '9.3.6.1',
    });
  } else if (best !== undefined) {
    const main = best.c === tool.categories[0];
    reasons.push({
      delta: best.s - BASE_SCORE,
      question: 'output',
      why: `${tool.name} is ${main ? 'a' : 'also usable as a'} "${categoryNames.get(best.c) ?? best.c}" tool, and that category scores ${categoryScore.get(best.c)} for your answers`,
      section: '8.5',
    });
    // Tools follow the top-ranked category: one made for it outranks platforms that only host it.
    // (A host the user already works in keeps its "stick with it" reason, but is "made for" a
    // deep-learning approach only where the book names it or it is its main use: hosts run deep-learning
    // models through plugins (napari hosting µSAM is not itself the segmenter), while their classical,
    // pixel-classifier and annotation features are their own, as QuPath's pixel classifier.)
    const bookNamed = (bookExamples.get(best.c) ?? []).includes(tool.id);
    // A host's main approach, when not deep learning, is its own too (Fiji's thresholds and particle
    // analysis are the classical tools most people start with), whether or not the user works in it.
    const ownNonDl = !DL_CATEGORIES.includes(best.c);
    const hostOwn = userHost ? main || ownNonDl : main && ownNonDl;
    if (topCategory !== undefined && best.c === topCategory.id && (bookNamed || hostOwn || (!isHost(tool) && (main || ownCapability(tool, best.c))))) {
      reasons.push({ delta: TOP_APPROACH_BONUS, question: 'output', why: `${tool.name} ${TOP_APPROACH_PHRASE} (${(categoryNames.get(best.c) ?? best.c).toLowerCase()})`, section: '8.5' });
    }
  }
  // Doing exactly the requested job (not only a step towards it) is worth a clear nudge.
  // A two-class semantic segmentation is a foreground mask: a tool that segments semantically makes masks.
  const tasks = tool.tasks as string[];
  const doesPrimary = primary !== undefined && (tasks.includes(primary) || (primary === 'binary-segmentation' && tasks.includes('semantic-segmentation')));
  // A tracker's own spot detector serves its linking (trackpy's locate, TrackMate's detectors): for
  // positions alone it is a step of the tracker, not a detection tool.
  const trackersDetector = primary === 'object-detection' && isDedicatedTracker(tool);
  if (primary !== undefined && doesPrimary && !trackersDetector) {
    reasons.push({ delta: 10, question: 'output', why: `${tool.name} produces what you asked for (${primary.replace(/-/g, ' ')})`, section: '8.2.1' });
  } else if (primary !== undefined) {
    // It covers only a step (e.g. segmentation for tracking); another tool must finish the job (§8.2, Figure 1).
    reasons.push({ delta: -10, question: 'output', why: `${tool.name} covers a step towards ${primary.replace(/-/g, ' ')} but not the whole job`, section: '8.2' });
  }
  // A restoration tool that can also segment is not the first choice for segmentation.
  if ((RESTORATION_TASKS as readonly string[]).includes(tool.tasks[0] ?? '')) {
    reasons.push({ delta: -15, question: 'output', why: `${tool.name} is mainly an image restoration tool`, section: '6' });
  }
  return { reasons };
}

type RefFn = (section: string, why?: string) => ReturnType<typeof resolveRef>;

/** Whether the restoration advice lists a learned method (label-free prediction always is one). */
function learnedRestoration(methods: RankedItem[], labelFree: boolean, kb: KnowledgeBase): boolean {
  return labelFree || methods.some((m) => kb.restorationMethods.find((x) => x.id === m.id)?.family !== 'classical');
}

function caveats(answers: Answers, kind: Recommendation['kind'], topCategories: RankedItem<CategoryId>[], ref: RefFn, tools: RankedItem[], kb: KnowledgeBase, learned: boolean, pairedDetector?: RankedItem): Caveat[] {
  const out: Caveat[] = [
    {
      id: 'biological-validation',
      text: 'Whatever you use, someone who knows the biology must check that the results match what is known; no method removes that need.',
      bookRef: ref('8.5', 'all categories need biological expertise'),
    },
  ];
  // The network caveats (invented structures, seams between tiles) concern learned restoration; a list
  // of classical methods only (flat-field correction) has neither.
  if (kind === 'restoration' && learned) {
    out.push({
      id: 'hallucination',
      text: 'Deep-learning restoration predicts what the image probably looked like; it can invent or remove structures. Compare against held-out ground truth (PSNR, SSIM) and never measure details you cannot see in the raw data.',
      bookRef: ref('6.4.1', 'caveats of AI-based restoration'),
    });
    out.push({ id: 'tiling-seams', text: 'Large volumes are processed in tiles; check the borders between tiles for seams in intensity or texture.', bookRef: ref('6.4.1') });
  }
  const dlNear = topCategories.some((c) => c.id === 'pretrained-dl' || c.id === 'finetuned-dl' || c.id === 'scratch-dl');
  if (kind === 'segmentation' && dlNear) {
    out.push({
      id: 'evaluate-first',
      text: 'Before trusting any pre-trained or retrained model, score it on 5 to 10 of your own images annotated by hand (IoU or F1), kept apart from any training data.',
      bookRef: ref('9.3.7', 'never skip evaluation'),
    });
  }
  if (answerOf(answers, 'expertise').includes('nobody')) {
    out.push({ id: 'find-expert', text: 'Find a biologist collaborator before relying on the results: nobody on your side can currently judge them.', bookRef: ref('8.2.2') });
  }
  if (answerOf(answers, 'assessment').includes('not-sure')) {
    out.push({ id: 'plan-assessment', text: 'Decide how you will judge success before choosing: annotate a few test images by hand so you can compute a score.', bookRef: ref('9.2.1') });
  }
  if (answerOf(answers, 'file-format').includes('vendor')) {
    out.push({ id: 'vendor-format', text: 'Your microscope format may need converting (for example with Bio-Formats) before some tools can read it; keep the metadata when you do.', bookRef: ref('8.2.3') });
  }
  if (answerOf(answers, 'metadata').includes('messy')) {
    out.push({ id: 'tidy-metadata', text: 'Tidy your metadata before analysing: most tools need it in file names, the files themselves or a table to keep results tied to conditions.', bookRef: ref('8.2.3') });
  }
  if (answerOf(answers, 'output').includes('tracks')) {
    // A tracker links detections; the detector must suit the objects (§8.2: a workflow of steps).
    const byId = new Map(kb.tools.map((t) => [t.id, t]));
    // The detector the list pairs with the tracker (a spot detector for spots), else the best segmenter.
    const detector = pairedDetector ?? tools.find((t) => byId.get(t.id)?.tasks.includes('instance-segmentation') && !isDedicatedTracker(byId.get(t.id)));
    const tracker = tools.find((t) => isDedicatedTracker(byId.get(t.id)));
    if (detector && tracker) {
      out.push({ id: 'tracking-detector', text: `Tracking is two steps: find the objects in every frame, then link them. Pair ${tracker.name} with a detector that suits your objects, such as ${detector.name}, and check the detections before the links.`, bookRef: ref('8.2', 'a workflow is a chain of steps') });
    }
  }
  if (answerOf(answers, 'tried-finetune').includes('failed')) {
    out.push({ id: 'class-imbalance', text: 'A model that predicts background everywhere often learned from very sparse images; balance your training data or switch to a pixel classifier.', bookRef: ref('9.3.9', 'troubleshooting (Fig 9.10)') });
  }
  return out;
}

function fallback(answers: Answers, categories: RankedItem<CategoryId>[], tools: RankedItem[], kb: KnowledgeBase, ref: RefFn): FallbackStep[] {
  const top = categories[0];
  if (!top) return [];
  const failed = new Set<CategoryId>();
  // A rung tried only on its default settings has not failed yet (see UNTUNED in rules.ts).
  if (answerOf(answers, 'tried-classical').includes('failed') && !untuned(answers, 'classical')) failed.add('classical');
  if (answerOf(answers, 'tried-pixel').includes('failed') && !untuned(answers, 'pixel')) failed.add('pixel-classification');
  if (answerOf(answers, 'pretrained').includes('not-good-enough') && !untuned(answers, 'model')) failed.add('pretrained-dl');
  if (answerOf(answers, 'tried-finetune').includes('failed')) failed.add(trainedFromScratch(answers) ? 'scratch-dl' : 'finetuned-dl');
  const available = new Set(categories.map((c) => c.id));
  const byId = new Map(kb.categories.map((c) => [c.id, c]));
  const topOrder = byId.get(top.id)?.order ?? 0;
  // The book's ladder: step up in computational comfort from the recommended category, skipping what
  // already failed; manual annotation is the last resort (Fig 9.2).
  const chain = kb.categories
    .filter((c) => c.order > topOrder && available.has(c.id) && !failed.has(c.id) && c.id !== 'manual-annotation')
    .map((c) => c.id);
  if (top.id !== 'manual-annotation' && available.has('manual-annotation')) chain.push('manual-annotation');
  const toolById = toolIndex(kb.tools);
  const toolsOf = (id: CategoryId) => tools.filter((t) => toolById.get(t.id)?.categories.includes(id)).slice(0, 3).map((t) => t.id);
  return chain.map((id) => {
    const c = byId.get(id)!;
    return {
      kind: 'category' as const,
      category: id,
      name: c.name,
      text: `If the recommended approach (${byId.get(top.id)?.name.toLowerCase() ?? top.id}) falls short of your success criterion, try ${c.name.toLowerCase()}.`,
      tools: toolsOf(id),
      // Fig 9.2 is the book's ladder from simple methods to deep learning and, last, annotation by hand.
      bookRef: ref('9.2.2', 'Fig 9.2'),
    };
  });
}

/** Tracking spots, foci or small organelles: a spot detector finds them as well as a segmenter does. */
function tracksSpots(answers: Answers): boolean {
  return answerOf(answers, 'output').includes('tracks') && answerOf(answers, 'objects').includes('organelles');
}

/** Tasks whose result is regions of pixels (a mask, classes or objects), not points. */
const REGION_TASKS = new Set(['binary-segmentation', 'semantic-segmentation', 'instance-segmentation', 'panoptic-segmentation']);
/** Tasks that paint areas without telling objects apart: what a mask measured as a whole needs. */
const AREA_TASKS = new Set(['binary-segmentation', 'semantic-segmentation']);
/** Every task that finds objects or regions in an image: the union of what the segmentation outputs need. */
const SEGMENTATION_TASKS = new Set(Object.values(OUTPUT_TASKS).flat().filter((t) => t !== 'classification' && t !== 'tracking'));

/** Fig 9.4's adapt-the-model outcomes start with this (the tree's advice says the same). */
const CHECK_SETTINGS = 'First check that its settings match your images (object size or diameter, pixel size, channels): a wrong setting is a common reason a ready-made model falls short. ';

/**
 * Fig 9.4 when its tree walk stops early (an answer on the path is missing): the same logic as
 * `knowledge/trees/training-approach.json`, filling gaps with the cautious branch.
 */
function trainingApproach(answers: Answers, kb: KnowledgeBase, ref: RefFn, top?: CategoryId): Recommendation['trainingApproach'] {
  const pre = answerOf(answers, 'pretrained')[0];
  const res = answerOf(answers, 'resemblance')[0];
  const ann = answerOf(answers, 'annotations')[0];
  const pick = (approach: TrainingApproach, text: string, section: string) => ({ approach, text, bookRef: ref(section, 'Fig 9.4') });
  // After a model fell short, the tree's advice starts by checking its settings; so does this fallback.
  const adapt = (approach: TrainingApproach, text: string, section: string) => pick(approach, `${CHECK_SETTINGS}${text}`, section);
  if (pre === 'works') return pick('use-as-is', 'Use the pre-trained model as it is; it meets your success criterion.', '9.3.3.1');
  // The model the user adapted (or trained) already meets the criterion: the tree's "keep it" outcome.
  if ((pre === 'not-good-enough' || pre === 'none') && answerOf(answers, 'tried-finetune').includes('works')) {
    const node = kb.trees.find((t) => t.id === 'training-approach')?.nodes.find((n) => n.id === (pre === 'none' ? 'keep-trained' : 'keep-adapted'));
    if (node?.outcome !== undefined) return pick(pre === 'none' ? 'from-scratch' : 'fine-tuning', node.outcome.advice, node.bookRef?.section ?? '9.3.7');
  }
  if (pre === 'none') {
    return pick('from-scratch', ann === 'hundreds' ? 'No suitable model: train one from scratch on your large annotated set.' : 'No model to start from, so human-in-the-loop training has nothing to build on: annotate a training set, then train from scratch.', ann === 'hundreds' ? '9.3.5' : '9.3.4');
  }
  // Not asked (sorting images or cells into classes does not ask about ready models): the approach the
  // ranking put first decides, so the advice never contradicts it.
  if (pre === undefined && top === 'finetuned-dl') return pick('fine-tuning', 'Start from a pre-trained model close to your task and fine-tune it on your own annotated examples; test any ready model on 5 to 10 annotated images first.', '9.3.6.2');
  if (pre === undefined && top === 'scratch-dl') return pick('from-scratch', 'Annotate a training set and train a model on it, split into training, validation and test sets.', '9.3.5');
  if (pre !== 'not-good-enough') return pick('use-as-is', 'Find a pre-trained model for your objects and test it on 5 to 10 annotated images first; use it as it is if it meets your success criterion, otherwise adapt it to your data.', '9.3.3.1');
  if (untuned(answers, 'model')) {
    // The tree's own advice for a model that fell short on its default settings (Fig 9.4 with Fig 9.10),
    // or that was never measured (§9.3.7).
    const node = matchCondition(MODEL_ON_DEFAULTS, answers) ? 'setup' : 'measure';
    const found = kb.trees.find((t) => t.id === 'training-approach')?.nodes.find((n) => n.id === node);
    if (found?.outcome !== undefined) return pick('use-as-is', found.outcome.advice, found.bookRef?.section ?? '9.3.9');
  }
  const gap = answerOf(answers, 'pretrained-gap')[0];
  if (gap === 'close') {
    return res === 'similar'
      ? adapt('transfer-learning', 'The model is close and your data resemble its training data: retrain only its last layers (transfer learning) with a small annotated set.', '9.3.6.1')
      : adapt('fine-tuning', 'The model is close to good enough: retrain the whole model starting from its weights (fine-tuning) with tens of annotated images.', '9.3.6.2');
  }
  if (gap === 'far-off') {
    return ann === 'hundreds'
      ? pick('from-scratch', 'The model is far off and you have many annotations: train from scratch.', '9.3.5')
      : adapt('human-in-the-loop', 'Start from the model you tried: correct its predictions and retrain in cycles; this builds a custom model with few annotations.', '9.3.6.3');
  }
  if (res === 'similar') return adapt('transfer-learning', 'Your data resemble the model\'s training data: retrain only its last layers (transfer learning) with a small annotated set.', '9.3.6.1');
  if (res === 'somewhat') return adapt('fine-tuning', 'Retrain the whole model starting from its weights (fine-tuning) with tens of annotated images.', '9.3.6.2');
  if (ann === 'hundreds') return pick('from-scratch', 'Your data differ from what existing models saw and you have many annotations: train from scratch.', '9.3.5');
  return adapt('human-in-the-loop', 'Start from the model you tried: correct its predictions and retrain in cycles; this builds a custom model with few annotations.', '9.3.6.3');
}

/**
 * Fig 9.4 branches on how the model that fell short performs: close (medium) means fine-tune it, far
 * off (poor) means retrain it in cycles or from scratch. A user who does not know how far their images
 * are from its training data is routed to the cautious branch by the tree; but when the catalogue
 * records that the model they tried was trained on objects, images and dimensions like theirs, its
 * shortfall is the medium case (§9.3.6.2: fine-tune it). With no annotations at all, the cautious
 * branch (correct its predictions and retrain in cycles) stays, since that is how annotations get made.
 */
function closeModel(answers: Answers, kb: KnowledgeBase): { tool: Tool; model: string } | null {
  if (!answerOf(answers, 'pretrained').includes('not-good-enough') || untuned(answers, 'model')) return null;
  if (answerOf(answers, 'pretrained-gap').some((o) => o === 'close' || o === 'far-off')) return null;
  const res = answerOf(answers, 'resemblance')[0];
  if (res !== undefined && res !== 'dont-know') return null;
  const ann = answerOf(answers, 'annotations')[0];
  if (ann === undefined || ann === 'none' || answerOf(answers, 'tried-finetune').includes('failed')) return null;
  const close = kb.tools
    .filter((t) => triedTool(answers, t.id) && !isHost(t) && t.training.fineTune)
    .map((t) => ({ tool: t, c: modelCoverage(answers, t) }))
    .find((x) => x.c?.level === 2 && x.c.viaNuclei !== true && x.c.viaChannels !== true);
  return close === undefined ? null : { tool: close.tool, model: close.c!.model! };
}

/**
 * Transfer learning retrains only a model's last layers (§9.3.6.1). When the tool whose model would be
 * adapted (the one the user tried, else the first-ranked tool that fine-tunes) always updates every
 * layer in training (`training.freezesLayers: false`, as Cellpose's), what it offers is fine-tuning
 * (§9.3.6.2): the advice names that and says why. Classifiers on a pre-trained encoder are untouched, and
 * so is a network the user named to start from (`NETWORK_TO_START_FROM`): no tool's model is adapted then.
 */
function asTheToolTrains(training: Recommendation['trainingApproach'], answers: Answers, tools: RankedItem[], toolById: ReadonlyMap<string, Tool>, ref: RefFn): Recommendation['trainingApproach'] {
  if (training?.approach !== 'transfer-learning' || answerOf(answers, 'output').includes('image-classes') || matchCondition(NETWORK_TO_START_FROM, answers)) return training;
  const adapts = (t: Tool | undefined): t is Tool => t !== undefined && !isHost(t) && t.training.fineTune;
  const ranked = tools.map((t) => toolById.get(t.id)).filter(adapts);
  const tool = ranked.find((t) => triedTool(answers, t.id)) ?? ranked[0];
  if (tool?.training.freezesLayers !== false) return training;
  return {
    approach: 'fine-tuning',
    text: `${CHECK_SETTINGS}Fig 9.4 points to transfer learning, retraining only the model's last layers (§9.3.6.1), but ${tool.name}'s training always updates every layer: adapting its model is fine-tuning. Start from its weights and retrain the whole model on your annotated images (§9.3.6.2).`,
    bookRef: ref('9.3.6.2', 'Fig 9.4'),
  };
}

/** Fig 9.4's advice, saying why "I do not know" was read as the medium case (see `closeModel`). */
function withCloseModelNote(training: Recommendation['trainingApproach'], close: { tool: Tool; model: string } | null): Recommendation['trainingApproach'] {
  if (training === null || close === null) return training;
  return { ...training, text: `${training.text} You did not know how close your images are to its training data, but ${close.tool.name}'s model "${close.model}" was trained on images like yours, so falling short is Fig 9.4's medium case.` };
}

/**
 * The answers the book's trees are walked with: "I do not know" how close the images are to the
 * tried model's training data becomes "same structures" when the catalogue says that model was
 * trained on data like the user's (see `closeModel`), so Fig 9.4's path and the training advice agree.
 *
 * @param answers - the wizard answers
 * @param kb - the knowledge base
 * @returns the answers, with `resemblance` filled in from the catalogue where the user did not know it
 */
export function treeWalkAnswers(answers: Answers, kb: KnowledgeBase): Answers {
  return withCatalogueResemblance(answers, closeModel(answers, kb));
}

const withCatalogueResemblance = (answers: Answers, close: { tool: Tool; model: string } | null): Answers =>
  close === null ? answers : { ...answers, values: { ...answers.values, resemblance: 'somewhat' } };

/**
 * Restoration's answer to "how do I get a model": a classical method needs none; a method whose tools
 * only ship ready models (Cellpose3's restoration) is used as it is; every other learned method is
 * trained on the user's own images, because restoration networks learn one microscope, sample and
 * setting and generalise poorly to others (§6.3.1 consistent acquisition and paired data; §6.4.1
 * overfitting). Label-free prediction is the same: train on your own matched pairs.
 */
function restorationTraining(top: RankedItem | undefined, kb: KnowledgeBase, labelFree: boolean, ref: RefFn, ready: { tool: Tool; model: string } | null = null): Recommendation['trainingApproach'] {
  // Label-free prediction without matched pairs to train on: a ready-made model for the user's
  // images is the way in (§9.3.3.1); check its virtual stains against a few real ones.
  if (labelFree && ready !== null) {
    return { approach: 'use-as-is', text: `Apply ${ready.tool.name}'s ready-made model "${ready.model}" to your images as it is, and compare its predictions with real stains on a few fields before measuring; train your own only on matched image pairs.`, bookRef: ref('9.3.3.1', 'leveraging pre-trained models') };
  }
  if (ready !== null) {
    return { approach: 'use-as-is', text: `Apply ${ready.tool.name}'s ready-made model "${ready.model}" to your images as it is and compare the result with the raw data before measuring anything; train your own when you have the data it needs.`, bookRef: ref('9.3.3.1', 'leveraging pre-trained models') };
  }
  const method = top === undefined ? undefined : kb.restorationMethods.find((m) => m.id === top.id);
  if (method === undefined || method.family === 'classical') return null;
  const tools = method.tools.map((id) => toolIndex(kb.tools).get(id)).filter((t): t is Tool => t !== undefined);
  if (tools.length > 0 && tools.every((t) => t.training.pretrained && !t.training.fromScratch && !t.training.fineTune)) {
    return { approach: 'use-as-is', text: `${method.name} comes as ready-trained models: apply them to your images and compare the result with the raw data before measuring anything.`, bookRef: ref('6.4.1', 'caveats of AI-based restoration') };
  }
  const data = labelFree
    ? 'your own matched transmitted-light and fluorescence images'
    : method.dataNeeds.includes('noisy-only') && method.family === 'self-supervised-dl'
      ? 'your own noisy images (no clean targets needed)'
      : method.dataNeeds.includes('two-noisy-acquisitions')
        ? 'your own pairs of noisy recordings'
        : 'your own matched low- and high-quality images';
  return {
    approach: 'from-scratch',
    text: `Train it on ${data}, recorded with the settings you will use: restoration models rarely transfer between microscopes and samples.`,
    bookRef: ref('6.3.1', 'considerations for dataset preparation'),
  };
}

function deployment(answers: Answers, kind: Recommendation['kind'], topCategories: RankedItem<CategoryId>[], useAsIs: boolean, first: { noModelFirst: boolean; laterDl: boolean }, ref: RefFn, firstTool?: Tool): Recommendation['deployment'] {
  // Fig 9.9 applies whenever deep learning is a real option: restoration, or DL among the top three.
  const needsModel = kind === 'restoration' || topCategories.some((c) => DL_CATEGORIES.includes(c.id));
  if (!needsModel) return null;
  const compute = answerOf(answers, 'compute')[0];
  const r = ref('9.3.8', 'deployment strategy (Fig 9.9)');
  if (compute === 'gpu-workstation' || compute === 'cluster') return { mode: 'local', text: 'Run on your own GPU hardware: it is fast and keeps control of your data.', bookRef: r };
  // On a laptop whose images may go to the cloud, the first tool listed decides: one that runs only in
  // the cloud (a web console) is tried there; one that is slow without a GPU (its card: GPU
  // recommended or required) runs on a cloud GPU (§9.4.2).
  if (compute === 'laptop' && firstTool !== undefined && answerOf(answers, 'data-leave').includes('yes')) {
    if (firstTool.runsWhere.every((w) => w === 'cloud')) {
      return { mode: 'cloud', text: `${firstTool.name}, listed first, runs in the cloud: upload a few images there to try the model, with nothing to install. Run it on your own computer (more slowly, on the CPU) once it proves itself on many images.`, bookRef: r };
    }
    if (firstTool.gpu === 'recommended' || firstTool.gpu === 'required') {
      return { mode: 'cloud', text: `${firstTool.name}, listed first, is slow without a GPU: run it on a cloud GPU (for example a Colab notebook), as your images may go there.`, bookRef: r };
    }
  }
  // The first step is classical processing or a pixel classifier (for restoration, a classical method),
  // in a tool that needs no GPU (ilastik, Fiji, BaSiC): it runs on the user's computer; deep learning
  // further down the list is a later step.
  if (compute === 'laptop' && first.noModelFirst && firstTool !== undefined && firstTool.gpu !== 'recommended' && firstTool.gpu !== 'required') {
    const later = first.laterDl ? ` If you later move to the deep-learning options further down, train them on a GPU: ${answerOf(answers, 'data-leave').includes('yes') ? 'a cloud service such as Google Colab, as your images may go there' : 'your images must stay local, so a lab or institute GPU machine'}.` : '';
    return { mode: 'slow-local', text: `${firstTool.name}, listed first, runs on your own computer's CPU.${later}`, bookRef: r };
  }
  // Fig 9.9 is about compute demand: applying a ready-made model needs no training, and a CPU runs it,
  // only more slowly (§9.4.2), so the data need not move.
  if (compute === 'laptop' && kind !== 'restoration' && topCategories[0]?.id === 'pretrained-dl' && useAsIs) {
    return { mode: 'slow-local', text: 'You will apply a ready-made model without training it: your own computer runs it on the CPU, more slowly than a GPU would but without moving any data. Use the cloud only if it is far too slow.', bookRef: r };
  }
  if (answerOf(answers, 'data-leave').includes('yes')) return { mode: 'cloud', text: 'Without local GPUs, use a cloud service such as Google Colab for training and prediction.', bookRef: r };
  return { mode: 'slow-local', text: 'Your images must stay local and you have no GPU: run locally on the CPU, which works but can take much longer. Start with lightweight models and small test sets.', bookRef: r };
}

function runnerPreset(topMethods: RankedItem[], methods: RestorationMethod[]): Recommendation['runnerPreset'] {
  for (const item of topMethods) {
    const m = methods.find((x) => x.id === item.id);
    if (m?.runnerPreset) return { preset: m.runnerPreset, method: m.id, route: `/restore?preset=${m.runnerPreset}` };
  }
  return null;
}

function metric(answers: Answers, kind: Recommendation['kind'], ref: RefFn): MetricAdvice | null {
  const make = (id: MetricAdvice['id'], name: string, text: string, section: string): MetricAdvice => ({ id, name, text, route: `/evaluate?metric=${id}`, bookRef: ref(section) });
  // Evening out brightness has no high-quality reference to compare with: the page's generic check
  // (a few images checked by hand) applies, not PSNR.
  const tasks = degradationTasks(answers);
  if (kind === 'restoration' && tasks.length > 0 && tasks.every((t) => t === 'illumination-correction')) return null;
  if (kind === 'restoration') return make('psnr', 'PSNR (with SSIM)', 'Compare restored images with held-out high-quality images of the same fields using PSNR and SSIM, then check the biology by eye.', '6.3.4');
  const output = answerOf(answers, 'output')[0];
  if (kind !== 'segmentation' && output !== 'image-classes') return null;
  // Several measurements: the one that needs the most from the outlines decides (sizes and shapes
  // need exact outlines; counts only need each object found once).
  const chosen = answerOf(answers, 'measurements');
  const m = chosen.includes('size-shape') ? 'size-shape' : chosen.includes('counts') ? 'counts' : chosen[0];
  if (output === 'image-classes') return make('f1', 'F1 score per class', 'For classification, compare predicted and true classes on held-out labelled images and compute F1 for each class.', '9.3.7');
  if (m === 'counts' || output === 'positions' || output === 'tracks') return make('f1', 'F1 score at IoU 0.5', 'For counting, what matters is finding each object once: match predicted and true objects at an overlap (IoU) of at least 0.5 and compute F1.', '9.3.7');
  if (m === 'size-shape') return make('hausdorff', 'IoU and Hausdorff distance', 'For sizes and shapes the outlines must be right: check overlap (IoU) and the largest boundary error (Hausdorff distance).', '9.3.7');
  if (output === 'mask' || output === 'classes') return make('dice', 'Dice (F1) per class', 'For pixel masks, compute Dice/F1 per class; it is informative even when objects cover a small part of the image.', '9.3.7');
  return make('iou', 'IoU', 'Check how well predicted outlines overlap hand-drawn ones (IoU) on 5 to 10 annotated test images.', '9.3.7');
}

/** Places to learn or ask, by learning style (§8.2.2, §8.6.1); ids of community and index entries. */
const LEARNING_RESOURCES: Record<string, { text: string; resources: string[] }> = {
  explore: { text: 'You like to learn by trying things: tools with a point-and-click interface rank a little higher. Try them on a copy of a few images first.', resources: ['biii'] },
  read: { text: 'You like to learn from written material: tools that come as notebooks, with instructions beside each step, rank a little higher. BIII indexes tools, workflows and training material.', resources: ['biii'] },
  // Which tools have video walkthroughs is not recorded here, so no tool moves; point to trainings instead.
  watch: { text: 'You like video walkthroughs. Which tools have good videos is not recorded here, so the ranking does not use it; look for recorded trainings (GloBIAS runs trainings, BIII lists training material).', resources: ['globias', 'biii'] },
  ask: { text: 'You like to ask people: the image.sc forum is where users and the developers of many of these tools answer questions, and GloBIAS lists bioimage analysts and help sessions.', resources: ['image-sc-forum', 'globias'] },
};

function learning(answers: Answers, kb: KnowledgeBase, ref: RefFn): LearningAdvice | null {
  const style = answerOf(answers, 'learning-style')[0];
  const entry = style === undefined ? undefined : LEARNING_RESOURCES[style];
  if (style === undefined || entry === undefined) return null;
  const resources = entry.resources.filter((id) => kb.tools.some((t) => t.id === id));
  // Public forums are not for confidential images (image.sc's own entry says so).
  const privateNote = style === 'ask' && answerOf(answers, 'data-leave').includes('no') ? ' Your images may not leave the lab, so describe the problem or share only images you may make public.' : '';
  return { style, text: entry.text + privateNote, resources, bookRef: ref('8.2.2', 'how do you like to learn things') };
}

/** Pre-processing option → where the book discusses it. */
const PREPROCESSING_REFS: Record<string, { section: string; why: string }> = {
  stitching: { section: '8.2.3', why: 'tiled images must be stitched' },
  'flat-field': { section: '8.2.3', why: 'uneven illumination' },
  denoising: { section: '6.2.1', why: 'denoising' },
};

function preprocessing(answers: Answers, kb: KnowledgeBase, ref: RefFn): PreprocessingStep[] {
  const question = kb.questions.questions.find((q) => q.id === 'preprocessing');
  const coding = answerOf(answers, 'coding')[0];
  const codeRank = { none: 0, scripting: 1, programming: 2 } as const;
  return answerOf(answers, 'preprocessing')
    .filter((step) => PREPROCESSING_TASKS[step] !== undefined)
    .map((step) => {
      const task = PREPROCESSING_TASKS[step]!;
      // Dedicated tools first (the task listed first), then the least coding, then id.
      const tools = kb.tools
        .filter((t) => (t.tasks as string[]).includes(task) && !NON_DOER_KINDS.has(t.kind))
        .filter((t) => !(answers.mustHave.includes('coding') && coding === 'gui-only' && t.coding !== 'none'))
        .filter((t) => !(answerOf(answers, 'data-leave').includes('no') && !t.runsWhere.some((w) => w === 'local' || w === 'hpc')))
        .sort((a, b) => Number(b.tasks[0] === task) - Number(a.tasks[0] === task) || codeRank[a.coding] - codeRank[b.coding] || cmp(a.id, b.id))
        .slice(0, 3)
        .map((t) => t.id);
      const r = PREPROCESSING_REFS[step] ?? { section: '8.2.3', why: 'questions about input data' };
      return { step, label: question?.options.find((o) => o.id === step)?.label ?? step, tools, bookRef: ref(r.section, r.why) };
    })
    .filter((p) => p.tools.length > 0);
}

function glossary(answers: Answers, kb: KnowledgeBase, top: { categories: RankedItem<CategoryId>[]; tools: RankedItem[]; methods: RankedItem[] }): string[] {
  const ids = new Set<string>();
  const add = (list: readonly string[] | undefined) => list?.forEach((id) => ids.add(id));
  for (const q of kb.questions.questions) {
    const chosen = answerOf(answers, q.id);
    if (chosen.length === 0) continue;
    for (const o of q.options) if (chosen.includes(o.id)) add(o.glossary);
  }
  for (const c of top.categories) add(kb.categories.find((k) => k.id === c.id)?.glossary);
  for (const t of top.tools) add(toolIndex(kb.tools).get(t.id)?.glossary);
  for (const m of top.methods) add(kb.restorationMethods.find((k) => k.id === m.id)?.glossary);
  const known = new Set(kb.glossary.map((g) => g.id));
  return [...ids].filter((id) => known.size === 0 || known.has(id)).sort();
}

/** §8.4's five questions for deciding whether a workflow is good enough, in our words. */
export const GOOD_ENOUGH_HEURISTICS: readonly string[] = [
  'How accurate must the result be to show the change (per cent or fold) you expect?',
  'How close to perfect can your current workflow get at all?',
  'How central is this measurement to your main hypothesis?',
  'How wrong is the current output, checked on a few images by eye and by a score?',
  'What else could you do with the time that more polishing would take?',
];

const GOOD_ENOUGH_TEXT: Record<string, string> = {
  'near-truth': 'You need results close to careful hand annotation: set a score threshold on a held-out test set first, and expect the last gains to cost the most time.',
  'good-enough': 'Aim for results good enough to see the effect you expect reliably; stop polishing once the effect is stable on a test set.',
  'clear-effect': 'A large effect survives rough outlines (even bounding boxes): stop at the first method that shows it clearly.',
  quick: 'For a pilot, stop at a proof of concept: inputs will change before final data, so further tuning is likely lost.',
};

function goodEnough(answers: Answers, kind: Recommendation['kind'], ref: RefFn): GoodEnoughAdvice | null {
  if (kind === 'restoration') return null;
  const quality = answerOf(answers, 'quality')[0] ?? null;
  const text = (quality !== null ? GOOD_ENOUGH_TEXT[quality] : undefined) ?? 'Decide before you start how good the result must be: pilot data and large effects need less accuracy than final data and subtle effects.';
  return { quality, text, heuristics: [...GOOD_ENOUGH_HEURISTICS], bookRef: ref('8.4', 'how good is good enough') };
}

