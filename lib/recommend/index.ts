export { recommend, rank, kindOf, madeForTopApproach, TOP_N } from './recommend';
export type { Ranking } from './recommend';
export { reportJson, reportMarkdown, type ReportJson } from './report';
export { buildPlan, deploymentLabel, howToStart, isInherentLimit, pickTool, type Plan, type PlanConstraint, type PlanFirstStep, type PlanNextRung, type PlanTool } from './plan';
export { walkTree, type TreeWalk } from './walk-tree';
export { answerOf, matchCondition } from './match-condition';
export { resolveRef } from './resolve-ref';
export { BASE_SCORE, CATEGORY_RULES, TOOL_RULES, METHOD_RULES, PRETRAINED_WHICH_TOOLS } from './rules';
export type * from './types';
