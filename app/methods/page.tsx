import type { Metadata } from 'next';
import Link from 'next/link';

import { BookRefLink } from '../_components/book-ref-link';
import { getKb } from '../_components/kb';

export const metadata: Metadata = {
  title: 'Method categories',
  description: 'The six kinds of segmentation method of book §8.5, from manual annotation to training from scratch, ordered by the computational comfort they need.',
};

export default function MethodsPage() {
  const kb = getKb();
  const categories = [...kb.categories].sort((a, b) => a.order - b.order);
  const name = (id: string) => kb.tools.find((t) => t.id === id)?.name ?? id;
  return (
    <>
      <h1>Method categories</h1>
      <p className="lead">
        The book sorts ways of segmenting objects into six kinds, from drawing outlines by hand to training a network from scratch. They are listed here in order of
        how much computational comfort they ask of you, least first.
      </p>
      <p className="muted">
        Source: <BookRefLink bookRef={{ section: '8.5' }} />. Many tools span more than one category: a classical program may run a pretrained network, and any
        network can be retrained with enough effort.
      </p>

      <ol className="category-list cards">
        {categories.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link href={`/methods/${c.id}`}>{c.name}</Link>
            </h2>
            <p>{c.summary}</p>
            <p className="muted">Computational comfort: {c.computationalComfort}</p>
          </li>
        ))}
      </ol>

      <h2 id="table">The six categories side by side</h2>
      <div className="table-scroll" role="region" aria-labelledby="table" tabIndex={0}>
        <table className="category-table">
          <caption>Method categories of book §8.5, in order of the computational comfort they need (least first). Descriptions in this site&apos;s words.</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Example tools</th>
              <th scope="col">Computational comfort</th>
              <th scope="col">Time required</th>
              <th scope="col">Best if your priorities include</th>
              <th scope="col">Biological expertise</th>
              <th scope="col">Noise and variability</th>
              <th scope="col">Largest drawback</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link href={`/methods/${c.id}`}>{c.name}</Link>
                </th>
                <td>
                  {c.exampleTools.map((t, i) => (
                    <span key={t}>
                      {i > 0 ? ', ' : ''}
                      <Link href={`/tools/${t}`} prefetch={false}>
                        {name(t)}
                      </Link>
                    </span>
                  ))}
                </td>
                <td>{c.computationalComfort}</td>
                <td>{c.timeRequired}</td>
                <td>{c.bestIfPriorities}</td>
                <td>{c.biologicalExpertise}</td>
                <td>{c.noiseHandling}</td>
                <td>{c.largestDrawback}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="callout" aria-labelledby="expertise">
        <h2 id="expertise">Every category needs someone who knows the biology</h2>
        <p>
          The book rates the biological expertise needed as high for all six. A pretrained or fine-tuned network can save hours of tuning, but it does not know
          what your cells should look like: a person with subject knowledge still has to check that the output agrees with known biology before it is used for
          any conclusion.
        </p>
      </section>
    </>
  );
}
