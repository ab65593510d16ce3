import type { SearchType } from '@/lib/knowledge/search';

export const TYPE_LABELS: Record<SearchType, string> = {
  tool: 'Tool',
  category: 'Method category',
  'restoration-method': 'Restoration method',
  glossary: 'Glossary',
  'case-study': 'Case study',
  tree: 'Decision tree',
  resource: 'Learning resource',
};
