import Link from 'next/link';

import { getKb } from './_components/kb';

export default function HomePage() {
  const kb = getKb();
  return (
    <>
      <h1>Which AI tool should I use, and is it good enough?</h1>
      <p className="lead">
        BioImage Navigator turns the needs assessment and decision trees of the open book <em>AI in Microscopy: A BioImaging Guide</em> into a short questionnaire. It
        recommends kinds of tools and concrete tools for your images, explains each recommendation with your own answers, and links every reason to the exact section
        of the book.
      </p>
      <p>
        <Link href="/wizard" className="button">
          Start the wizard
        </Link>{' '}
        <Link href="/wizard/presets" className="button secondary">
          Open a case-study preset
        </Link>
      </p>

      <form action="/search" role="search" className="no-print" style={{ margin: '1.5rem 0' }}>
        <label htmlFor="home-search">Search tools, methods and terms</label>
        <div style={{ display: 'flex', gap: '0.5rem', marginTop: '0.3rem' }}>
          <input id="home-search" type="search" name="q" placeholder="e.g. cellpose, deconvolution, IoU" style={{ flex: 1 }} />
          <button type="submit">Search</button>
        </div>
      </form>

      <h2>Browse</h2>
      <div className="cards">
        <Link className="card" href="/tools">
          <strong>{kb.tools.length} tools</strong>
          <br />
          Filter by task, interface, GPU and more; compare side by side.
        </Link>
        <Link className="card" href="/methods">
          <strong>{kb.categories.length} method categories</strong>
          <br />
          From manual annotation to training from scratch (book §8.5).
        </Link>
        <Link className="card" href="/restoration">
          <strong>{kb.restorationMethods.length} restoration methods</strong>
          <br />
          Denoising, deconvolution, aberration correction, resolution (chapter 6).
        </Link>
        <Link className="card" href="/glossary">
          <strong>{kb.glossary.length} glossary terms</strong>
          <br />
          Plain-language definitions, linked to the book.
        </Link>
        <Link className="card" href="/trees">
          <strong>{kb.trees.length} decision trees</strong>
          <br />
          The book&apos;s flowcharts, drawn from the same data the wizard walks.
        </Link>
        <Link className="card" href="/restore">
          <strong>Restore a 3D stack</strong>
          <br />
          Run 3D-RCAN in your browser; nothing is uploaded.
        </Link>
        <Link className="card" href="/evaluate">
          <strong>Evaluate a result</strong>
          <br />
          Drop ground truth and prediction; get IoU, F1, AP, SSIM and more.
        </Link>
      </div>
    </>
  );
}
