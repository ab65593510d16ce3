import type { Answers, DecisionTree } from '../knowledge/schema';
import { matchCondition } from './match-condition';

type TreeNode = DecisionTree['nodes'][number];

/** The route a set of answers takes through a decision tree. */
export interface TreeWalk {
  /** Node ids from the root to where the walk stopped. */
  path: string[];
  /** Edges taken, as `from->to` pairs, for highlighting. */
  edges: { from: string; to: string }[];
  /** The outcome node reached, or null when an unanswered question stopped the walk. */
  outcome: TreeNode | null;
}

/**
 * Follow a decision tree with the wizard's answers. At each node the first edge whose `when` matches
 * is taken; an edge without `when` is the default ("otherwise") and is taken only if the node's question is
 * answered and no `when` edge matches. The walk stops at an outcome, or where no edge applies (e.g. the question is unanswered).
 *
 * @param tree - a validated decision tree
 * @param answers - the wizard answers
 * @returns the path taken and the outcome reached
 * @throws RangeError when the tree loops back to a node it already visited
 */
export function walkTree(tree: DecisionTree, answers: Answers): TreeWalk {
  const nodes = new Map(tree.nodes.map((n) => [n.id, n]));
  const walk: TreeWalk = { path: [], edges: [], outcome: null };
  let node = nodes.get(tree.root);
  while (node) {
    if (walk.path.includes(node.id)) throw new RangeError(`tree ${tree.id} loops back to node ${node.id}; decision trees must be acyclic`);
    walk.path.push(node.id);
    if (node.type === 'outcome') {
      walk.outcome = node;
      break;
    }
    // An unanswered question stops the walk: the default edge means "any other answer", not "no answer".
    if (node.question !== undefined && !matchCondition({ q: node.question, answered: true }, answers)) break;
    const out = tree.edges.filter((e) => e.from === node!.id);
    const next = out.find((e) => e.when !== undefined && matchCondition(e.when, answers)) ?? out.find((e) => e.when === undefined);
    if (!next) break;
    walk.edges.push({ from: next.from, to: next.to });
    node = nodes.get(next.to);
  }
  return walk;
}
