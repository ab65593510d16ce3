import type { Metadata } from 'next';
import Link from 'next/link';

import { BookRefLink } from '../_components/book-ref-link';
import { RestoreWorkbench } from './_components/restore-workbench';
import { TrainPanel } from './_components/train-panel';
import { WorkbenchProvider } from './_components/workbench-context';
import { parsePresetParam, RESTORE_PRESET_IDS, RESTORE_PRESETS } from './presets';

export const metadata: Metadata = { title: 'Restore an image' };

export default async function RestorePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const param = parsePresetParam((await searchParams).preset);
  return (
    <>
      <h1>{param.status === 'ok' ? `Restore: ${param.preset.title.toLowerCase()}` : 'Restore an image in your browser'}</h1>
      <p className="lead">
        Run a 3D-RCAN restoration network on a TIFF stack right here. <strong>Nothing is uploaded:</strong> the image, the model and the result stay in this browser tab,
        and the computation runs on your own computer.
      </p>
      {param.status === 'invalid' ? (
        <p role="alert" className="restore-error">
          {param.message}
        </p>
      ) : null}
      {param.status === 'ok' ? (
        <>
          <section aria-labelledby="about-preset" className="card restore-about">
            <h2 id="about-preset">What this preset does</h2>
            <p>{param.preset.summary}</p>
            <p>
              <strong>Training pairs for this task:</strong> {param.preset.trainingPairs}
            </p>
            <p>
              In the book: <BookRefLink bookRef={{ section: param.preset.bookSection }} />
            </p>
            <p className="restore-caveat">
              <strong>Caution:</strong> a restoration network predicts what the image probably looked like; it can invent plausible-looking detail that is not in the
              sample (a hallucination) or remove real features. Compare with the raw data, check against ground truth where you have it, and do not measure from
              restored images without validating them. The demo models here were trained for minutes on synthetic phantoms and are not meant for real data.
            </p>
          </section>
          <WorkbenchProvider key={param.preset.id}>
            <RestoreWorkbench preset={param.preset} />
            <TrainPanel samplePair={{ raw: param.preset.sampleUrl, gt: param.preset.sampleGroundTruthUrl, name: `${param.preset.id}.tif` }} defaultMode={param.preset.trainingMode} />
          </WorkbenchProvider>
        </>
      ) : (
        <section aria-labelledby="choose-preset">
          <h2 id="choose-preset">Choose a restoration task</h2>
          <ul className="cards restore-presets">
            {RESTORE_PRESET_IDS.map((id) => (
              <li key={id} className="card">
                <Link href={`/restore?preset=${id}`}>
                  <strong>{RESTORE_PRESETS[id].title}</strong>
                </Link>
                <p>{RESTORE_PRESETS[id].summary}</p>
                <p className="muted">
                  Book: <BookRefLink bookRef={{ section: RESTORE_PRESETS[id].bookSection }} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
