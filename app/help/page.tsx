import type { Metadata } from 'next';

import { renderContentPage } from '../_components/mdx/render-mdx';

export const metadata: Metadata = { title: 'Help' };

export default async function HelpPage() {
  const { body } = await renderContentPage('help');
  return <article className="prose">{body}</article>;
}
