'use client';

import { useEffect, useState } from 'react';

import type { RestoreResult } from '@/lib/rcan/browser';

import { formatScore } from './format';
import { SliceViewer } from './slice-viewer';

/** The restored stack: viewer, scores against ground truth, and the download link. */
export function RestoreResultView({ result }: { result: RestoreResult }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(new Blob([result.tiff], { type: 'image/tiff' }));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [result]);
  const channels = [
    { label: 'Raw (normalized)', data: result.raw },
    { label: 'Restored', data: result.restored },
    ...(result.groundTruth ? [{ label: 'Ground truth (normalized)', data: result.groundTruth }] : []),
  ];
  const channelCount = result.groundTruth ? 3 : 2;
  return (
    <section aria-labelledby="restore-result" className="restore-result" data-testid="restore-result">
      <h3 id="restore-result">Result</h3>
      <SliceViewer shape={result.shape} channels={channels} />
      {result.gtDiscarded ? <p className="restore-error">The ground truth has a different shape from the raw image, so it was left out and no scores were computed.</p> : null}
      {result.metrics ? (
        <table className="restore-metrics">
          <caption>Scores against the ground truth (both percentile-normalized; higher PSNR and SSIM and lower NRMSE are better)</caption>
          <thead>
            <tr>
              <th scope="col">Image</th>
              <th scope="col">PSNR (dB)</th>
              <th scope="col">SSIM</th>
              <th scope="col">NRMSE</th>
            </tr>
          </thead>
          <tbody>
            {(['raw', 'restored'] as const).map((k) => (
              <tr key={k}>
                <th scope="row">{k === 'raw' ? 'Raw' : 'Restored'}</th>
                <td>{formatScore(result.metrics![k].psnr, 2)}</td>
                <td>{formatScore(result.metrics![k].ssim, 3)}</td>
                <td>{formatScore(result.metrics![k].nrmse, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>
        {url ? (
          <a className="button" href={url} download={result.fileName} data-testid="download-restored">
            Download {result.fileName}
          </a>
        ) : null}{' '}
        <span className="muted small">
          ImageJ hyperstack with {channelCount} channels (raw, restored{channelCount === 3 ? ', ground truth' : ''}), {result.shape[0]} slices; opens in Fiji as a
          hyperstack. Made in this browser; nothing was uploaded.
        </span>
      </p>
    </section>
  );
}
