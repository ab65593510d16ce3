import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { evaluate } from '@mdx-js/mdx';
import * as runtime from 'react/jsx-runtime';

import { getGlossaryMatcher } from '../kb';
import { MDX_COMPONENTS } from './registry';
import { remarkGlossary } from './remark-glossary';

/** Compile and render `content/<slug>.mdx` at build time with the component registry. */
export async function renderContentPage(slug: string): Promise<{ title: string; body: React.ReactNode }> {
  const source = await readFile(join(process.cwd(), 'content', `${slug}.mdx`), 'utf8');
  const { frontmatter, body } = splitFrontmatter(source);
  const { default: Content } = await evaluate(body, {
    ...runtime,
    remarkPlugins: [remarkGlossary(getGlossaryMatcher())],
  });
  return { title: frontmatter.title ?? slug, body: <Content components={MDX_COMPONENTS} /> };
}

/** Minimal `---` frontmatter of `key: value` lines (title, description); no YAML features needed. */
export function splitFrontmatter(source: string): { frontmatter: Record<string, string>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(source);
  if (!match) return { frontmatter: {}, body: source };
  const frontmatter: Record<string, string> = {};
  for (const line of (match[1] ?? '').split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) frontmatter[line.slice(0, i).trim()] = line.slice(i + 1).trim().replace(/^["']|["']$/g, '');
  }
  return { frontmatter, body: source.slice(match[0].length) };
}
