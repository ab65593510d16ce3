import type { Metadata } from 'next';

import { renderContentPage } from '../_components/mdx/render-mdx';

export const metadata: Metadata = { title: 'About' };

export default async function AboutPage() {
  const { body } = await renderContentPage('about');
  return <article className="prose">{body}</article>;
}
