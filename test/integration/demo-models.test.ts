// The shipped demo models really restore: each bundled sample (public/samples) restored with its
// model (public/models) must reach the PSNR and SSIM that public/models/README.md reports, less a
// small margin, so broken, identity or swapped weights fail here.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeTiff, toSingleChannelVolume, type Volume } from '@/lib/imaging';
import { deserializeRcan } from '@/lib/rcan/core';
import { readCheckpointFiles } from '@/lib/rcan/node/model-folder';
import { restoreVolume } from '@/lib/rcan/pipeline/restore-volume';
import { useWasmBackend } from '@/test/helpers/use-wasm-backend';

const PRESETS = ['denoise', 'deconvolution', 'deaberration', 'resolution'] as const;
/** Allowed shortfall against the README: wasm vs the build machine differ only by float rounding. */
const PSNR_MARGIN_DB = 0.3;
const SSIM_MARGIN = 0.01;

interface Reported {
  rawPsnr: number;
  restoredPsnr: number;
  rawSsim: number;
  restoredSsim: number;
}

/** Parse the figures table of public/models/README.md: `| preset | … | 12.37 → 24.25 | 0.108 → 0.532 | …`. */
function parseReadmeFigures(text: string): Record<string, Reported> {
  const out: Record<string, Reported> = {};
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const preset = cells[1];
    if (!preset || !(PRESETS as readonly string[]).includes(preset)) continue;
    const pairs = cells.filter((c) => c.includes('→')).map((c) => c.split('→').map((s) => Number(s.trim())));
    if (pairs.length < 2) continue;
    const [[rawPsnr, restoredPsnr], [rawSsim, restoredSsim]] = pairs as [[number, number], [number, number]];
    out[preset] = { rawPsnr, restoredPsnr, rawSsim, restoredSsim };
  }
  return out;
}

async function readVolume(file: string): Promise<Volume> {
  const bytes = await readFile(file);
  return toSingleChannelVolume(decodeTiff(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name: file }), { name: file });
}

let reported: Record<string, Reported>;
beforeAll(async () => {
  await useWasmBackend();
  reported = parseReadmeFigures(await readFile(path.resolve('public/models/README.md'), 'utf8'));
});

describe('shipped demo models', () => {
  it('the README reports a gain for every preset', () => {
    expect(Object.keys(reported).sort()).toEqual([...PRESETS].sort());
    for (const p of PRESETS) expect(reported[p]!.restoredPsnr - reported[p]!.rawPsnr, p).toBeGreaterThan(1);
  });

  for (const preset of PRESETS) {
    it(`${preset}: restores public/samples/${preset}.tif to the PSNR/SSIM the README reports`, async () => {
      const files = await readCheckpointFiles(path.resolve(`public/models/${preset}/checkpoint`));
      const config = JSON.parse(await readFile(path.resolve(`public/models/${preset}/config.json`), 'utf8')) as { input_shape: number[] };
      const model = deserializeRcan(files, { trainable: false });
      try {
        const raw = await readVolume(path.resolve(`public/samples/${preset}.tif`));
        const groundTruth = await readVolume(path.resolve(`public/samples/${preset}_gt.tif`));
        const result = await restoreVolume(model, raw, { blockShape: config.input_shape, groundTruth });
        const m = result.metrics!;
        const want = reported[preset]!;
        // The raw figure pins the sample: a regenerated or swapped sample changes it.
        expect(m.raw.psnr!).toBeCloseTo(want.rawPsnr, 1);
        expect(m.restored.psnr!).toBeGreaterThan(want.restoredPsnr - PSNR_MARGIN_DB);
        expect(m.restored.psnr! - m.raw.psnr!).toBeGreaterThan(want.restoredPsnr - want.rawPsnr - PSNR_MARGIN_DB);
        expect(m.restored.ssim!).toBeGreaterThan(want.restoredSsim - SSIM_MARGIN);
      } finally {
        model.dispose();
      }
    }, 300_000);
  }
});
