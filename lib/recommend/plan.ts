/**
 * The plan: a one-screen answer derived from a `Recommendation` (issue 10). It names what to do first
 * (a kind of tool and one concrete tool that implements it), what to do if that is not good enough,
 * how to check the result, where to run it, and which constraints shaped the ranking.
 *
 * Pure and derived only from existing `Recommendation` fields plus the knowledge base, so the ranking
 * stays the single source of truth; fields the engine may add later are ignored, not required.
 *
 * Guarantee (tested over random wizard walks): when the plan names a first tool, that tool implements
 * the plan's first kind — its `categories` include the first category (segmentation), or it is listed
 * as a tool of the first restoration method — and it is one of `rec.tools`, i.e. it survived every
 * hard constraint.
 */
import type { Answers, CategoryId, KeySetting, Tool } from '../knowledge/schema';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { answerOf } from './match-condition';
import { madeForTopApproach } from './recommend';
import { resolveRef } from './resolve-ref';
import { isDedicatedTracker, toolsInUse, triedTool, usedToolFellShort } from './rules';
import type { DeploymentMode, RankedItem, Recommendation, ResolvedBookRef, TrainingApproach } from './types';

/** A tool named in the plan. */
export interface PlanTool {
  id: string;
  name: string;
  score: number;
}

/** The first thing to do. */
export interface PlanFirstStep {
  /** A §8.5 category (segmentation) or a chapter 6 restoration method. */
  kindType: 'category' | 'restoration-method';
  kindId: string;
  kindName: string;
  /** True when a higher-ranked kind was passed over because no tool for it fits the constraints. */
  skippedHigherKinds: { id: string; name: string }[];
  /** The best-ranked tool that implements the kind and fits the constraints; null when none does. */
  tool: PlanTool | null;
  /**
   * Tracking is two steps (§8.2: detect, then link): the best-ranked dedicated tracker that links the
   * detections over time, when the user asked for tracks; null otherwise.
   */
  linker: PlanTool | null;
  /** How to get going with the tool, in one or two plain sentences. */
  howToStart: string;
  /** Where the tool can be installed or read about (its homepage), when known. */
  homepage: string | null;
  /** Fig 9.4: how to get a working model, when a deep-learning kind leads. */
  training: { approach: TrainingApproach; text: string; bookRef: ResolvedBookRef } | null;
  /** The embedded 3D-RCAN runner preset, when the recommendation has one (restoration only; its `method` may be another top method). */
  runnerPreset: Recommendation['runnerPreset'];
  bookRef: ResolvedBookRef;
}

/** The next rung of the ladder (Fig 9.2 for segmentation, the chapter 6 chain for restoration). */
export interface PlanNextRung {
  name: string;
  text: string;
  tool: { id: string; name: string } | null;
  bookRef: ResolvedBookRef;
}

/** A constraint that removed items from the ranking. */
export interface PlanConstraint {
  question: string;
  /** The question as asked, and the answer given, in words. */
  questionText: string;
  answer: string;
  /** True when the user marked it a must-have; false for inherent limits applied anyway. */
  markedMustHave: boolean;
  /**
   * What kind of constraint it is: a must-have the user marked; a hard limit applied although not
   * marked (images that may not leave the institution); or what the user's data allow (training data).
   */
  nature: 'must-have' | 'hard-limit' | 'data';
  /** Names of the items it removed (tools, kinds or methods), in the exclusion list's order. */
  removed: string[];
}

export interface Plan {
  kind: Recommendation['kind'];
  firstStep: PlanFirstStep | null;
  nextRung: PlanNextRung | null;
  check: { name: string; text: string; route: string; bookRef: ResolvedBookRef } | null;
  whereToRun: { mode: DeploymentMode | 'own-computer'; text: string; bookRef: ResolvedBookRef };
  /** Clean-up steps the user said they need, with the first tool for each (§8.2.3). */
  before: { step: string; label: string; tool: { id: string; name: string } | null }[];
  /**
   * A tool the user already runs that fell short, when the first step names another tool: its
   * settings, other models or modes come before switching (§8.3). Null otherwise.
   */
  retune: { tool: { id: string; name: string }; text: string; bookRef: ResolvedBookRef } | null;
  /**
   * After something the user tried fell short: the settings that most often decide whether the tool
   * they already tried works (from its own documentation), when the plan keeps that tool (first step
   * or "before switching") and the user did not say they adjusted them (Fig 9.10). Null otherwise.
   */
  settings: { tool: { id: string; name: string }; settings: KeySetting[]; bookRef: ResolvedBookRef } | null;
  constraints: PlanConstraint[];
  /**
   * Why there is no first step, when there is none: every candidate was ruled out, either by the
   * user's must-haves or, for restoration, by the data the methods need. Null when there is a first step.
   */
  noFit: { text: string; bookRef: ResolvedBookRef } | null;
}

const DEPLOY_LABEL: Record<DeploymentMode | 'own-computer', string> = {
  local: 'On your own GPU hardware',
  cloud: 'In the cloud',
  'slow-local': 'Locally, on the CPU',
  'own-computer': 'On your own computer',
};

/** A short label for where to run it ("On your own GPU hardware"). */
export function deploymentLabel(mode: Plan['whereToRun']['mode']): string {
  return DEPLOY_LABEL[mode];
}

/**
 * Build the plan for a recommendation.
 *
 * @param rec - the result of `recommend(answers, kb)`
 * @param answers - the same answers (for constraint wording and the host program)
 * @param kb - the knowledge base
 * @returns the plan; `firstStep` is null only when no kind of tool survives the constraints
 */
export function buildPlan(rec: Recommendation, answers: Answers, kb: KnowledgeBase): Plan {
  const ref = (section: string, why?: string) => resolveRef(why === undefined ? { section } : { section, why }, kb.book);
  const toolById = new Map(kb.tools.map((t) => [t.id, t]));
  const firstStep = rec.kind === 'restoration' ? restorationFirstStep(rec, answers, kb, ref) : categoryFirstStep(rec, answers, kb, ref);

  const nextRung = ((): PlanNextRung | null => {
    const step = rec.fallback.find((f) => (f.kind === 'category' ? f.category !== firstStep?.kindId : true));
    if (!step) return null;
    const toolId = step.tools.find((t) => t !== firstStep?.tool?.id) ?? step.tools[0];
    return {
      name: step.name,
      text: step.text,
      tool: toolId === undefined ? null : { id: toolId, name: toolById.get(toolId)?.name ?? toolId },
      bookRef: step.bookRef,
    };
  })();

  const first = firstStep?.tool ? toolById.get(firstStep.tool.id) : undefined;
  const retune = retuneFirst(answers, firstStep, kb, ref);
  const whereToRun: Plan['whereToRun'] = rec.deployment
    ? { mode: rec.deployment.mode, text: rec.deployment.text, bookRef: rec.deployment.bookRef }
    : {
        mode: 'own-computer',
        text:
          first && (first.gpu === 'required' || first.gpu === 'recommended')
            ? `${first.name} ${first.gpu === 'required' ? 'needs' : 'is much faster with'} a GPU; a workstation with one is the place to run it.`
            : `No model has to be trained or run at scale: ${first ? first.name : 'this'} runs on an ordinary desktop or laptop.`,
        bookRef: ref('9.3.8', 'deployment strategy (Fig 9.9)'),
      };

  return {
    kind: rec.kind,
    firstStep,
    noFit: firstStep ? null : noFitReason(rec, ref),
    nextRung,
    check: rec.metric ? { name: rec.metric.name, text: rec.metric.text, route: rec.metric.route, bookRef: rec.metric.bookRef } : null,
    whereToRun,
    before: rec.preprocessing.map((p) => {
      const id = p.tools[0];
      return { step: p.step, label: p.label, tool: id === undefined ? null : { id, name: toolById.get(id)?.name ?? id } };
    }),
    retune,
    settings: settingsToCheck(answers, firstStep, retune, kb, ref),
    constraints: constraints(rec, answers, kb),
  };
}

/**
 * Fig 9.10 ("a tool found online does not work: check that it fits your data") and question set v11:
 * when something the user tried fell short and the plan keeps a tool they already run or tried, name
 * that tool's key settings. Not when they said they adjusted them already.
 */
function settingsToCheck(answers: Answers, firstStep: PlanFirstStep | null, retune: Plan['retune'], kb: KnowledgeBase, ref: RefFn): Plan['settings'] {
  const fellShort = answerOf(answers, 'pretrained').includes('not-good-enough') || answerOf(answers, 'tried-classical').includes('failed') || answerOf(answers, 'tried-pixel').includes('failed');
  if (!fellShort || answerOf(answers, 'settings-tuned').includes('tuned')) return null;
  const tried = (id: string) => answerOf(answers, 'tools-used').includes(id) || triedTool(answers, id);
  const first = firstStep?.tool?.id;
  const id = retune?.tool.id ?? (first !== undefined && tried(first) ? first : undefined);
  const tool = id === undefined ? undefined : kb.tools.find((t) => t.id === id);
  if (tool?.keySettings === undefined) return null;
  return { tool: { id: tool.id, name: tool.name }, settings: tool.keySettings, bookRef: ref('9.3.9', 'check that a tool fits your data (Fig 9.10)') };
}

/**
 * §8.3: when a tool the user already runs fell short and the plan's first step names another tool,
 * say that the tool they have has settings, other models or modes worth a try before switching (the
 * usual first answer of its maintainers: object size, threshold, pixel size, channels).
 */
function retuneFirst(answers: Answers, firstStep: PlanFirstStep | null, kb: KnowledgeBase, ref: RefFn): Plan['retune'] {
  const tool = toolsInUse(answers, kb.tools).find((t) => usedToolFellShort(answers, t));
  if (tool === undefined) return tunedInProgram(answers, firstStep, kb, ref);
  // Past that point once a model trained on their own annotations has failed too.
  if (firstStep?.tool?.id === tool.id || answerOf(answers, 'tried-finetune').includes('failed')) return null;
  // Settings already adjusted (question set v11): what is left to try in the same tool is its other models or modes.
  const tuned = answerOf(answers, 'settings-tuned').includes('tuned');
  return {
    tool: { id: tool.id, name: tool.name },
    text: tuned
      ? `You already run ${tool.name}, and it still falls short after you adjusted its settings. Before switching, try its other models or modes: the tool you know is the cheapest fix.`
      : `You already run ${tool.name}, and it fell short. Before switching, try its settings (object size or diameter, threshold, pixel size, channels) and its other models or modes: a wrong setting is a common cause, and the tool you know is the cheapest fix.`,
    bookRef: ref('8.3', 'stick with a tool you know if it fits'),
  };
}

/** Where to ask a program's authors and its users about a setting (the community the catalogue lists). */
const COMMUNITY_FORUM = 'image-sc-forum';

/**
 * Thresholding tuned in a program the user runs (one the catalogue does not name, or Fiji, QuPath,
 * CellProfiler or a licensed package), still falling short, whether the plan starts with classical
 * processing (a threshold can still separate the objects) or with another kind of tool: in the
 * validation corpus the program's authors answered such users with a setting they had not tried
 * (thresholding method, background or debris limits, size filters, colour separation), not with a new
 * tool. Say so, and where to ask (§8.3: a tool you know is the cheapest fix).
 */
function tunedInProgram(answers: Answers, firstStep: PlanFirstStep | null, kb: KnowledgeBase, ref: RefFn): Plan['retune'] {
  const tunedAndFailed = answerOf(answers, 'tried-classical').includes('failed') && answerOf(answers, 'settings-tuned').includes('tuned') && !answerOf(answers, 'tried-pixel').some((o) => o === 'failed' || o === 'works');
  const program = answerOf(answers, 'tools-used').includes('other') || answerOf(answers, 'host').some((h) => h === 'fiji' || h === 'qupath' || h === 'cellprofiler' || h === 'commercial');
  const forum = kb.tools.find((t) => t.id === COMMUNITY_FORUM);
  if (!tunedAndFailed || !program || forum === undefined) return null;
  return {
    tool: { id: forum.id, name: forum.name },
    text: 'You adjusted the thresholding in the program you run and it still falls short. Its authors often answer this with a setting not yet tried (the thresholding method, background or debris limits, size filters, a colour or channel separation) rather than with a new tool: ask them or the forum before switching.',
    bookRef: ref('8.3', 'stick with a tool you know if it fits'),
  };
}

type RefFn = (section: string, why?: string) => ResolvedBookRef;

function planTool(item: RankedItem): PlanTool {
  return { id: item.id, name: item.name, score: item.score };
}

/**
 * The tool to name among `candidates`, which are in the recommendation's rank order (the ranking's
 * own tie-breaks stay the authority): a positive score first; then, for a category, a tool whose main
 * (first-listed) category it is, so a classical platform that can also run a model is not named for
 * "pre-trained deep learning" over StarDist; otherwise the best-ranked.
 */
export function pickTool(candidates: RankedItem[], toolById: Map<string, Tool>, category?: CategoryId, topCategory?: CategoryId): RankedItem | undefined {
  // A tool counts as made for the kind when it is its main use, or, for the top-ranked kind, when the
  // ranking found it made for it (its own models or training: StarDist for fine-tuning StarDist).
  const main = (item: RankedItem) => (category !== undefined && (toolById.get(item.id)?.categories[0] === category || (category === topCategory && madeForTopApproach(item))) ? 1 : 0);
  // Array.prototype.sort is stable: equal keys keep the ranking's order.
  const sorted = [...candidates].sort((a, b) => Number(b.score > 0) - Number(a.score > 0) || main(b) - main(a));
  return sorted[0];
}

/** For a tracking request, the best-ranked dedicated tracker (the ranking lists it first), if any fits. */
function linkerOf(rec: Recommendation, answers: Answers, toolById: Map<string, Tool>): PlanTool | null {
  if (!answerOf(answers, 'output').includes('tracks')) return null;
  const tracker = rec.tools.find((t) => t.score > 0 && isDedicatedTracker(toolById.get(t.id)));
  return tracker ? planTool(tracker) : null;
}

function categoryFirstStep(rec: Recommendation, answers: Answers, kb: KnowledgeBase, ref: RefFn): PlanFirstStep | null {
  const toolById = new Map(kb.tools.map((t) => [t.id, t]));
  const skipped: { id: string; name: string }[] = [];
  for (const category of rec.categories) {
    const candidates = rec.tools.filter((t) => toolById.get(t.id)?.categories.includes(category.id));
    const pick = pickTool(candidates, toolById, category.id, rec.categories[0]?.id);
    if (!pick && rec.tools.length > 0) {
      // No tool that fits the constraints implements this kind: pass to the next one, and say so.
      skipped.push({ id: category.id, name: category.name });
      continue;
    }
    const meta = kb.categories.find((c) => c.id === category.id);
    // The category's practical section (the one after §8.5's overview) says how to go about it.
    const section = meta?.bookRefs.find((r) => r.section !== '8.5') ?? meta?.bookRefs[0];
    const tool = pick ? toolById.get(pick.id) : undefined;
    return {
      kindType: 'category',
      kindId: category.id,
      kindName: category.name,
      skippedHigherKinds: skipped,
      tool: pick ? planTool(pick) : null,
      linker: linkerOf(rec, answers, toolById),
      howToStart: tool ? howToStart(tool, answers, kb) : 'No tool in the catalogue fits every constraint; see what was ruled out below.',
      homepage: tool?.homepage ?? null,
      training: rec.trainingApproach,
      runnerPreset: null,
      bookRef: section ? resolveRef(section, kb.book) : ref('8.5'),
    };
  }
  return null;
}

function restorationFirstStep(rec: Recommendation, answers: Answers, kb: KnowledgeBase, ref: RefFn): PlanFirstStep | null {
  const toolById = new Map(kb.tools.map((t) => [t.id, t]));
  const skipped: { id: string; name: string }[] = [];
  for (const method of rec.restorationMethods) {
    const meta = kb.restorationMethods.find((m) => m.id === method.id);
    const implementers = new Set(meta?.tools ?? []);
    const candidates = rec.tools.filter((t) => implementers.has(t.id));
    const pick = pickTool(candidates, toolById);
    const ownPreset = rec.runnerPreset?.method === method.id ? rec.runnerPreset : null;
    if (!pick && !ownPreset && rec.tools.length > 0) {
      skipped.push({ id: method.id, name: method.name });
      continue;
    }
    const tool = pick ? toolById.get(pick.id) : undefined;
    // The runner preset is offered whenever the recommendation has one (it fits one of the top methods);
    // when it belongs to another top method than this one, the page names that method.
    const preset = rec.runnerPreset;
    const presetMethod = preset ? (kb.restorationMethods.find((m) => m.id === preset.method)?.name ?? preset.method) : '';
    // With a preset, the restoration page is where the user trains on their own images, so the training
    // advice is said in that sentence (the plan stays on one screen).
    const trainOwn = preset !== null && rec.trainingApproach?.approach === 'from-scratch';
    const start = preset
      ? `Try ${preset.method === method.id ? 'it' : presetMethod} now on a sample or your own TIFF in this site's restoration page (${preset.preset} preset; ${trainOwn ? 'train it there on your own images, recorded with your settings; ' : ''}runs in your browser, nothing is uploaded).${tool ? ` ${howToStart(tool, answers, kb)}` : ''}`
      : tool
        ? howToStart(tool, answers, kb)
        : 'No tool in the catalogue fits every constraint; see what was ruled out below.';
    const section = meta?.bookRefs[0];
    return {
      kindType: 'restoration-method',
      kindId: method.id,
      kindName: method.name,
      skippedHigherKinds: skipped,
      tool: pick ? planTool(pick) : null,
      linker: null,
      howToStart: start,
      homepage: tool?.homepage ?? null,
      training: trainOwn ? null : rec.trainingApproach,
      runnerPreset: preset,
      bookRef: section ? resolveRef(section, kb.book) : ref('6'),
    };
  }
  return null;
}

const INTERFACE_WORDS: Record<string, string> = {
  'desktop-gui': 'a desktop application',
  'web-app': 'a web app',
  plugin: 'a plugin',
  notebook: 'notebooks',
  cli: 'a command-line tool',
  'python-api': 'a Python library',
  'java-api': 'a Java library',
  website: 'a website',
};

const EFFORT_WORDS = { none: 'nothing to install', low: 'a quick install', medium: 'an install that takes some care', high: 'a demanding install' } as const;
const CODING_WORDS = { none: 'no coding', scripting: 'some scripting', programming: 'programming' } as const;

/**
 * One or two sentences on getting started with a tool: inside a program the user already uses when
 * possible (book §8.3: stick with a tool you know), else how it is used, what coding and install it needs.
 */
export function howToStart(tool: Tool, answers: Answers, kb: KnowledgeBase): string {
  const name = (id: string) => kb.tools.find((t) => t.id === id)?.name ?? id;
  const hosts = answerOf(answers, 'host').filter((h) => h !== 'none' && h !== 'python');
  const knownHost = tool.runsInside.find((h) => hosts.includes(h));
  const how = tool.interfaces
    .slice(0, 2)
    .map((i) => INTERFACE_WORDS[i] ?? i)
    .join(' or ');
  const first = knownHost
    ? `Open it inside ${name(knownHost)}, which you already use.`
    : `${tool.name} comes as ${how}${tool.runsInside.length > 0 ? `, and also runs inside ${tool.runsInside.slice(0, 2).map(name).join(' and ')}` : ''}.`;
  return `${first} It needs ${CODING_WORDS[tool.coding]} and ${EFFORT_WORDS[tool.installEffort]}; try it on a copy of a few images first.`;
}

/**
 * Answers that are hard limits whether or not the user marked them (see `toolExclusions` in rules.ts:
 * images that may not leave are a legal or ethical limit, not a preference). Listed even when they
 * rule nothing out, so the user sees that the limit was applied.
 */
const INHERENT_LIMITS: Record<string, string> = { 'data-leave': 'no' };

/** Whether this answer is applied as a hard limit even without a must-have mark (images may not leave). */
export function isInherentLimit(answers: Answers, question: string): boolean {
  const option = INHERENT_LIMITS[question];
  return option !== undefined && answerOf(answers, question).includes(option) && !answers.mustHave.includes(question);
}

/** Questions about the data the user has: a method needing other data is ruled out by the data, not by a limit. */
const DATA_QUESTIONS = new Set(['restoration-data', 'annotations']);

/** Constraints that removed items: must-haves the user marked, and inherent limits (images may not leave). */
function constraints(rec: Recommendation, answers: Answers, kb: KnowledgeBase): PlanConstraint[] {
  const byQuestion = new Map<string, string[]>();
  for (const e of rec.excluded) {
    const list = byQuestion.get(e.question) ?? [];
    if (!list.includes(e.name)) list.push(e.name);
    byQuestion.set(e.question, list);
  }
  const inherent = Object.entries(INHERENT_LIMITS)
    .filter(([q, option]) => answerOf(answers, q).includes(option))
    .map(([q]) => q);
  const questions = new Set([...answers.mustHave.filter((q) => answerOf(answers, q).length > 0), ...inherent, ...byQuestion.keys()]);
  const order = new Map(kb.questions.questions.map((q, i) => [q.id, i]));
  return [...questions]
    .sort((a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999))
    .map((id) => {
      const q = kb.questions.questions.find((x) => x.id === id);
      const labels = answerOf(answers, id).map((o) => q?.options.find((x) => x.id === o)?.label ?? o);
      return {
        question: id,
        questionText: q?.text ?? id,
        answer: labels.join('; '),
        markedMustHave: answers.mustHave.includes(id),
        nature: answers.mustHave.includes(id) ? ('must-have' as const) : DATA_QUESTIONS.has(id) ? ('data' as const) : ('hard-limit' as const),
        removed: byQuestion.get(id) ?? [],
      };
    });
}

/**
 * Why nothing fits. Restoration methods ruled out by the data they need get the chapter 6 advice
 * (record what they need, §6.3.1); otherwise the must-haves removed every kind of tool (§8.3).
 */
function noFitReason(rec: Recommendation, ref: RefFn): { text: string; bookRef: ResolvedBookRef } {
  const byData = rec.excluded.filter((e) => e.kind === 'restoration-method' && e.question === 'restoration-data');
  if (rec.kind === 'restoration' && byData.length > 0) {
    const needs = byData.map((e) => e.text.replace(/, which you do not have$/, '')).join('; ');
    return {
      text: `No chapter 6 method for this problem works with the images you have: ${needs}. Record what one of them needs first (pairs of low- and high-quality images of the same fields, or a PSF measured with beads), then come back.`,
      bookRef: ref('6.3.1', 'data for training and restoration'),
    };
  }
  return { text: 'No kind of tool fits every constraint you set; see what was ruled out below and relax one must-have.', bookRef: ref('8.3', 'must-haves') };
}
