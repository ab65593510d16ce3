// Runs the classical baselines of lib/restoration off the main thread for the /restore comparison.
import { rescaleToTarget } from '@/lib/imaging';
import { computePsf, describeRun, gaussianPsfFromSigma, metricShape, rankAgainstTruth, runClassical, type Grid } from '@/lib/restoration';

import type { BaselineJob, BaselineReply } from './compare';

function run(job: BaselineJob): BaselineReply {
  let psf: Grid | undefined;
  let psfNote: string | undefined;
  if (job.psf) {
    if (job.psf.kind === 'gaussian') {
      psf = gaussianPsfFromSigma({ ...job.psf.sigma, z: job.ndim === 2 ? 0 : job.psf.sigma.z });
      psfNote = `Gaussian PSF, σ ${job.ndim === 3 ? `z ${job.psf.sigma.z}, ` : ''}y ${job.psf.sigma.y}, x ${job.psf.sigma.x} voxels`;
    } else {
      const computed = computePsf({ kind: job.psf.kind, na: job.psf.na, wavelengthNm: job.psf.wavelengthNm, refractiveIndex: job.psf.refractiveIndex, voxelUm: job.psf.voxelUm }, job.ndim);
      psf = computed;
      const s = computed.sigmaVoxels;
      psfNote = `${job.psf.kind} PSF, Gaussian approximation (not Gibson–Lanni): σ ${job.ndim === 3 ? `z ${s.z.toFixed(2)}, ` : ''}y ${s.y.toFixed(2)}, x ${s.x.toFixed(2)} voxels`;
    }
  }
  const image = { shape: job.shape, data: job.raw };
  const runs = job.baselines.map((b) => {
    const r = runClassical(image, job.ndim, b.method, { ...b, ...(psf ? { psf } : {}), rescale: job.rescale }, job.groundTruth);
    return { label: describeRun(r), method: r.method, chosenBy: r.chosenBy, restored: r.restored };
  });
  if (!job.groundTruth) return { ok: true, runs, ...(psfNote ? { psfNote } : {}) };
  const gt = job.groundTruth;
  const fit = (d: Float32Array) => (job.rescale ? rescaleToTarget(d, gt).data : d);
  const ranking = rankAgainstTruth(gt, metricShape(job.shape, job.ndim), [
    { name: 'Raw (normalized)', kind: 'raw', data: fit(job.raw) },
    ...runs.map((r) => ({ name: r.label, kind: 'baseline' as const, data: fit(r.restored) })),
    { name: 'Network', kind: 'network', data: fit(job.network) },
  ]);
  return {
    ok: true,
    runs,
    ranking: ranking.rows.map((r) => ({ name: r.name, kind: r.kind, psnr: r.metrics.psnr, ssim: r.metrics.ssim, nrmse: r.metrics.nrmse })),
    ...(ranking.baselineWins ? { baselineWins: ranking.baselineWins } : {}),
    ...(psfNote ? { psfNote } : {}),
  };
}

self.onmessage = (event: MessageEvent<BaselineJob>) => {
  let reply: BaselineReply;
  try {
    reply = run(event.data);
  } catch (error) {
    reply = { ok: false, message: (error as Error).message.split('\n')[0] ?? String(error) };
  }
  const transfer = reply.ok ? reply.runs.map((r) => r.restored.buffer as ArrayBuffer) : [];
  (self as unknown as Worker).postMessage(reply, transfer);
};
