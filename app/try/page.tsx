import type { Metadata } from 'next';

import { BookRefLink, BookRefList } from '../_components/book-ref-link';
import { getKb } from '../_components/kb';
import { TermLink } from '../_components/term-link';
import { TryWorkbench } from './_components/try-workbench';
import './try.css';

export const metadata: Metadata = {
  title: 'Try it on your image',
  description: 'Run the book’s first two rungs on your own image in the browser: threshold + watershed, then a pixel classifier trained from a few scribbles, and judge whether it is good enough.',
};

const REFS = [
  { section: '9.2.2', why: 'the ladder: classical processing first, then a pixel classifier, then deep learning (Fig 9.2)' },
  { section: '8.4', why: 'deciding what “good enough” means for your question' },
  { section: '8.3', why: 'if a simple method works, keep it' },
];

/** `/try`: the first two rungs of the book's segmentation ladder on the user's own image. `?a=` carries wizard answers back. */
export default async function TryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const a = (await searchParams).a;
  const answersParam = typeof a === 'string' ? a : undefined;
  const kb = getKb();
  const help = {
    f1: (
      <>
        the <TermLink id="f1-score">F1 score</TermLink> counts an object as found when it overlaps a true object with an <TermLink id="iou">IoU</TermLink> of at least 0.5;
        1 means every object was found once and nothing extra.
      </>
    ),
    meanIoU: <>how tightly the outlines of the matched objects fit: 1 is a perfect outline, 0.5 the least that still counts as a match.</>,
    countError: <>objects found minus true objects; positive means extra objects (often one object split in two), negative means missed or merged ones.</>,
    outlines: (
      <>
        Outlines are a quick <TermLink id="manual-annotation">manual annotation</TermLink> standing in for a full <TermLink id="ground-truth">ground truth</TermLink>{' '}
        <TermLink id="label-image">label image</TermLink>: draw around objects you are sure of, including a few hard ones (touching, dim, odd shapes). Outline at least five: with one or two, a single miss swings the score (deciding what &ldquo;good enough&rdquo; means:{' '}
        <BookRefLink bookRef={{ section: '8.4' }} />
        ). In a stack, each outline belongs to the slice you draw it on. The same outlines can score both rungs, and once you have scored them the scores follow every new result.
      </>
    ),
    outlineScope: (
      <>
        Only what you outlined is scored: each outline is compared with the found object that overlaps it best, and a found object counts against the result only if
        it lies mostly inside your outlines (the extra piece of a split) or swallows one. Objects you did not outline are ignored, so the score says nothing about them.
      </>
    ),
    meanIoUOutlines: <>each outline&apos;s best overlap with a found object (0 where nothing was found), averaged: 1 means your outlines and the result agree exactly.</>,
    splitMerge: (
      <>
        a split is one object you outlined cut into two or more found pieces (a count would be too high); a merge is one found object covering two or more of your
        outlines (too low).
      </>
    ),
    goodEnough: (
      <>
        Decide what the result is for. To count objects, a few wrong outlines may not matter; to measure sizes, they do. Compare with a{' '}
        <TermLink id="ground-truth">ground truth</TermLink> if you have one, or judge the outlines by eye on a few slices.
      </>
    ),
  };
  return (
    <article className="try-page">
      <h1>Try it on your image</h1>
      <p className="lead">
        Before deep learning, the book asks you to try two simpler things: <TermLink id="thresholding">thresholding</TermLink> with a{' '}
        <TermLink id="watershed">watershed</TermLink> to split touching objects, and a <TermLink id="pixel-classifiers">pixel classifier</TermLink> (a{' '}
        <TermLink id="random-forest">random forest</TermLink> trained on a few painted strokes). Run both here, judge them, and take the outcome back to the wizard.{' '}
        <strong>Nothing is uploaded</strong>: your image stays in this browser tab.
      </p>
      <TryWorkbench questions={kb.questions} answersParam={answersParam} help={help} />
      <section aria-labelledby="try-book">
        <h2 id="try-book">In the book</h2>
        <BookRefList refs={REFS} />
      </section>
    </article>
  );
}
