/**
 * The book's decision trees as inputs of the ranking (one source of truth for the decision paths).
 * Each tree in {@link TREE_WEIGHTS} is walked with the answers; the categories or restoration methods
 * of the outcome it reaches get a weighted reason citing the figure. Fig 9.4's outcome *is* the
 * training approach shown. `treeOutcomes` reports, for every tree, the outcome reached and whether
 * the top of the ranking agrees, with the reason when it does not.
 */
import type { Answers, CategoryId, Condition, DecisionTree } from '../knowledge/schema';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Effect } from './rules';
import type { RankedItem, Recommendation, ResolvedBookRef, TrainingApproach, TreeOutcome } from './types';
import { type TreeWalk, walkTree } from './walk-tree';

/** Trees whose outcome moves the ranking, and by how much (a clear preference, see rules.ts's scale). */
export const TREE_WEIGHTS: Record<string, { weight: number; target: 'categories' | 'methods' }> = {
  // Fig 9.2: classical, then a pixel classifier, then deep learning or annotation by hand.
  'is-dl-right': { weight: 10, target: 'categories' },
  // §8.5 with §8.4 and §8.2.2: data size, how objects stand out, time and priorities.
  'tool-category': { weight: 10, target: 'categories' },
  // Chapter 6: degradation and the data you have decide the restoration approach.
  'restoration-approach': { weight: 10, target: 'methods' },
};

/** Fig 9.4 outcome node → training approach. */
export const TRAINING_OUTCOMES: Record<string, TrainingApproach> = {
  'as-is': 'use-as-is',
  evaluate: 'use-as-is',
  'evaluate-classes': 'use-as-is',
  setup: 'use-as-is',
  measure: 'use-as-is',
  correct: 'use-as-is',
  transfer: 'transfer-learning',
  finetune: 'fine-tuning',
  hitl: 'human-in-the-loop',
  scratch: 'from-scratch',
  'annotate-scratch': 'from-scratch',
  'keep-adapted': 'fine-tuning',
  'keep-trained': 'from-scratch',
  'improve-adapted': 'fine-tuning',
  'improve-trained': 'from-scratch',
  'transfer-encoder': 'transfer-learning',
  'transfer-general': 'transfer-learning',
};

/** The first question a condition tests (depth first), or undefined. */
const firstQuestion = (c: Condition | undefined): string | undefined => {
  if (c === undefined) return undefined;
  if ('q' in c) return c.q;
  if ('not' in c) return firstQuestion(c.not);
  for (const x of 'all' in c ? c.all : c.any) {
    const q = firstQuestion(x);
    if (q !== undefined) return q;
  }
  return undefined;
};

/**
 * The question whose answer last steered the walk, for the reason's "because you answered": the last
 * edge taken that tests an answer (a decision node's edge may combine several; its first question is
 * the one it turns on), else the last question node, else `output`.
 */
const lastQuestion = (tree: DecisionTree, walk: TreeWalk): string => {
  for (let i = walk.edges.length - 1; i >= 0; i--) {
    const taken = walk.edges[i]!;
    const q = firstQuestion(tree.edges.find((e) => e.from === taken.from && e.to === taken.to)?.when);
    if (q !== undefined) return q;
  }
  for (let i = walk.path.length - 1; i >= 0; i--) {
    const q = tree.nodes.find((n) => n.id === walk.path[i])?.question;
    if (q !== undefined) return q;
  }
  return 'output';
};

const why = (tree: DecisionTree, label: string): string => `the book's decision path "${tree.title}"${tree.figure ? ` (${tree.figure})` : ''} ends at "${label}" for your answers`;

/**
 * The weighted tree inputs for `recommend`.
 *
 * @param answers - the wizard answers
 * @param kb - the knowledge base (its trees)
 * @returns effects per category id and per restoration method id
 */
export function treeInputs(answers: Answers, kb: KnowledgeBase): { categories: Map<CategoryId, Effect[]>; methods: Map<string, Effect[]> } {
  const categories = new Map<CategoryId, Effect[]>();
  const methods = new Map<string, Effect[]>();
  for (const tree of kb.trees) {
    const w = TREE_WEIGHTS[tree.id];
    if (!w) continue;
    const walk = walkTree(tree, answers);
    const o = walk.outcome?.outcome;
    if (!walk.outcome || !o) continue;
    const effect: Effect = { delta: w.weight, question: lastQuestion(tree, walk), why: why(tree, walk.outcome.label), section: walk.outcome.bookRef.section };
    if (w.target === 'categories') for (const c of o.categories) categories.set(c, [...(categories.get(c) ?? []), effect]);
    else for (const m of o.restorationMethods) methods.set(m, [...(methods.get(m) ?? []), effect]);
  }
  return { categories, methods };
}

/** Fig 9.4's "find and evaluate a model first" outcomes: for finding objects, and for sorting into categories. */
export const EVALUATE_FIRST: ReadonlySet<string> = new Set(['evaluate', 'evaluate-classes']);

/**
 * Fig 9.4's "find and evaluate a model first" cannot choose an approach before that test. When the
 * ranking puts adapting or training a model first (from the annotations, time and data answered), that
 * approach is the one to plan for if the test falls short; the advice keeps the test first.
 */
const AFTER_EVALUATION: Partial<Record<CategoryId, { approach: TrainingApproach; text: string }>> = {
  'finetuned-dl': { approach: 'fine-tuning', text: 'If it falls short, your other answers point to fine-tuning it on your own annotated images.' },
  'scratch-dl': { approach: 'from-scratch', text: 'If nothing fits, your other answers point to training a model from scratch on your own annotated images.' },
};

/**
 * Fig 9.4's outcome for these answers as the training approach, or null when the walk stops early.
 *
 * @param top - the top-ranked category, which picks the approach after "find and evaluate a model first"
 */
export function trainingFromTree(answers: Answers, kb: KnowledgeBase, ref: (section: string, why?: string) => ResolvedBookRef, top?: CategoryId): Recommendation['trainingApproach'] {
  const tree = kb.trees.find((t) => t.id === 'training-approach');
  if (!tree) return null;
  const walk = walkTree(tree, answers);
  const node = walk.outcome;
  const approach = node ? TRAINING_OUTCOMES[node.id] : undefined;
  if (!node || !approach || !node.outcome) return null;
  const after = EVALUATE_FIRST.has(node.id) && top !== undefined ? AFTER_EVALUATION[top] : undefined;
  if (after) return { approach: after.approach, text: `${node.outcome.advice} ${after.text}`, bookRef: ref(node.bookRef.section, 'Fig 9.4') };
  return { approach, text: node.outcome.advice, bookRef: ref(node.bookRef.section, 'Fig 9.4') };
}

/**
 * Every tree's outcome for these answers and whether the ranking's top agrees with it. A tree whose
 * outcome names no categories or methods, or that advises rather than ranks (deployment,
 * troubleshooting, evaluation, §8.3), makes no ranking claim (`agrees: null`). When the ranking disagrees, `note` says which answers weighed more.
 *
 * @param answers - the wizard answers
 * @param kb - the knowledge base
 * @param top - the kind and the top-ranked category and restoration method, with their reasons
 * @returns one entry per tree that reached an outcome
 */
export function treeOutcomes(
  answers: Answers,
  kb: KnowledgeBase,
  top: { kind: Recommendation['kind']; category: RankedItem<CategoryId> | undefined; method: RankedItem | undefined },
): TreeOutcome[] {
  const out: TreeOutcome[] = [];
  for (const tree of kb.trees) {
    const walk = walkTree(tree, answers);
    const node = walk.outcome;
    if (!node?.outcome) continue;
    const o = node.outcome;
    // Only the trees that decide the ranking (and Fig 9.4, which decides the training approach) make a
    // claim about the top item; troubleshooting, evaluation and §8.3 advise, they do not rank.
    const ranking = tree.id in TREE_WEIGHTS || tree.id === 'training-approach';
    const relevant = ranking && (top.kind === 'restoration' ? o.restorationMethods.length > 0 : o.categories.length > 0);
    let agrees: boolean | null = null;
    let note: string | null = null;
    if (relevant) {
      const item = top.kind === 'restoration' ? top.method : top.category;
      const ids: string[] = top.kind === 'restoration' ? o.restorationMethods : o.categories;
      agrees = item !== undefined && ids.includes(item.id);
      if (!agrees && item !== undefined) {
        const strongest = item.reasons.find((r) => r.delta > 0);
        note = `This path ends at "${node.label}", but the ranking puts ${item.name} first${strongest ? `, mainly because ${strongest.text} (§${strongest.bookRef.section})` : ''}. Both are worth reading; the ranking weighs all your answers.`;
      }
    }
    out.push({ tree: tree.id, title: tree.title, figure: tree.figure, outcome: node.id, label: node.label, agrees, note });
  }
  return out;
}
