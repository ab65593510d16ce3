import type { GlossaryMatcher } from '@/lib/knowledge/glossary-linker';

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  name?: string;
  attributes?: { type: 'mdxJsxAttribute'; name: string; value: string }[];
}

/** Node types whose text must stay as written (links, headings, code, existing JSX). */
const SKIP = new Set(['link', 'linkReference', 'heading', 'code', 'inlineCode', 'mdxJsxTextElement', 'mdxJsxFlowElement', 'definition']);

/**
 * Remark plugin: turn the first mention of each glossary term in MDX prose into `<Term id="…">`,
 * which the component registry renders as a link with a hover/focus definition.
 */
export function remarkGlossary(matcher: GlossaryMatcher) {
  return () => (tree: MdNode) => {
    const linked = new Set<string>();
    const walk = (node: MdNode) => {
      if (!node.children || SKIP.has(node.type)) return;
      const next: MdNode[] = [];
      for (const child of node.children) {
        if (child.type !== 'text' || !child.value) {
          walk(child);
          next.push(child);
          continue;
        }
        for (const s of matcher.link(child.value, linked)) {
          next.push(
            s.termId
              ? { type: 'mdxJsxTextElement', name: 'Term', attributes: [{ type: 'mdxJsxAttribute', name: 'id', value: s.termId }], children: [{ type: 'text', value: s.text }] }
              : { type: 'text', value: s.text },
          );
        }
      }
      node.children = next;
    };
    walk(tree);
  };
}
