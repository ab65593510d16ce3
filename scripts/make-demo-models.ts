// Build the demonstration models and sample stacks that ship in public/ (npx tsx scripts/make-demo-models.ts).
//
// For each restoration preset it makes seeded synthetic training pairs with lib/synth, trains a small
// 3D-RCAN with the project's own `rcan train` (a child process, exactly what a user would run), copies
// the best checkpoint to public/models/<preset>/, writes a 16x96x96 sample and its ground truth to
// public/samples/, and measures PSNR/SSIM of the raw and the restored sample against the ground truth
// through the same pipeline the browser runs. The figures go to public/models/README.md.
//
// Options: --preset NAME (only that one), --epochs N, --steps N (override the defaults below),
// --readme-only (rewrite public/models/README.md from the figures of earlier runs in .tmp/).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createVolume, encodeTiff, type Volume } from '../lib/imaging';
import { deserializeRcan } from '../lib/rcan/core';
import { useWasmBackend } from '../lib/rcan/node/use-wasm-backend';
import { restoreVolume } from '../lib/rcan/pipeline/restore-volume';
import { blobs, cameraNoise, filaments, gaussianBlur, spheres, type SynthVolume } from '../lib/synth';

type Preset = 'denoise' | 'deconvolution' | 'deaberration' | 'resolution';
const PRESETS: readonly Preset[] = ['denoise', 'deconvolution', 'deaberration', 'resolution'];

// Small on purpose: the four models together stay well under 2 MB and train in minutes on a CPU.
const ARCHITECTURE = { num_channels: 16, num_residual_blocks: 2, num_residual_groups: 2, channel_reduction: 4 };
// Training patches: 8 slices, 48x48 pixels. Smaller than 3D-RCAN's 16x256x256 so that a CPU step
// takes well under a second; the network is fully convolutional, so it applies to any block size.
const PATCH = [8, 48, 48];
const SAMPLE_SHAPE = [16, 96, 96] as const;
const TRAIN_VOLUMES = 4;
const DEFAULT_EPOCHS = 4;
const DEFAULT_STEPS = 45;
// Photon budgets: raw is dim (noisy), ground truth bright (clean), as in 3D-RCAN's training pairs.
const GT_PHOTONS = 1000;
const SEED = 20261125;

const { values } = parseArgs({
  options: { preset: { type: 'string' }, epochs: { type: 'string' }, steps: { type: 'string' }, 'readme-only': { type: 'boolean' } },
});
const epochs = Number(values.epochs ?? DEFAULT_EPOCHS);
const steps = Number(values.steps ?? DEFAULT_STEPS);
const chosen = values.preset ? PRESETS.filter((p) => p === values.preset) : PRESETS;
if (chosen.length === 0) throw new Error(`--preset must be one of ${PRESETS.join(', ')}, got ${values.preset}`);

const root = process.cwd();
const work = path.join(root, '.tmp', 'demo-models');
const modelsDir = path.join(root, 'public', 'models');
const samplesDir = path.join(root, 'public', 'samples');
mkdirSync(modelsDir, { recursive: true });
mkdirSync(samplesDir, { recursive: true });

interface Figures {
  preset: Preset;
  epochs: number;
  steps: number;
  seconds: number;
  valLoss: number | null;
  rawPsnr: number | null;
  restoredPsnr: number | null;
  rawSsim: number | null;
  restoredSsim: number | null;
  modelBytes: number;
  sampleBytes: number;
}

const figuresFile = path.join(work, 'figures.json');
const figures: Record<string, Figures> = readJson(figuresFile) ?? {};

for (const preset of values['readme-only'] ? [] : chosen) {
  const dir = path.join(work, preset);
  rmSync(dir, { recursive: true, force: true });
  const presetSeed = SEED + PRESETS.indexOf(preset) * 1000;
  for (const [kind, count, offset] of [['train', TRAIN_VOLUMES, 0], ['val', 1, 100]] as const) {
    for (let i = 0; i < count; i++) {
      const pair = makePair(preset, presetSeed + offset + i);
      writeTiff(path.join(dir, kind, 'raw', `vol${i}.tif`), pair.raw);
      writeTiff(path.join(dir, kind, 'gt', `vol${i}.tif`), pair.gt);
    }
  }
  const config = {
    training_data_dir: { raw: path.join(dir, 'train', 'raw'), gt: path.join(dir, 'train', 'gt') },
    validation_data_dir: { raw: path.join(dir, 'val', 'raw'), gt: path.join(dir, 'val', 'gt') },
    input_shape: PATCH,
    ...ARCHITECTURE,
    epochs,
    steps_per_epoch: steps,
    // A higher rate than 3D-RCAN's 1e-4: with a few hundred steps in total the default barely moves.
    initial_learning_rate: 1e-3,
    // Synthetic phantoms are sparse; the default 0.5 area filter would reject most 48x48 patches.
    area_ratio_threshold: 0.05,
  };
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2));
  const out = path.join(dir, 'model');
  console.log(`\n== ${preset}: training ${epochs} epochs x ${steps} steps`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['scripts/rcan.mjs', 'train', '-c', path.join(dir, 'config.json'), '-o', out, '--seed', String(presetSeed)], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`rcan train failed for ${preset} (exit ${run.status})`);
  const seconds = (Date.now() - started) / 1000;

  const checkpoints = readdirSync(out).filter((n) => n.startsWith('weights_')).sort();
  const best = checkpoints.sort((a, b) => lossOf(a) - lossOf(b))[0];
  if (!best) throw new Error(`no checkpoint written for ${preset}`);
  const target = path.join(modelsDir, preset);
  rmSync(target, { recursive: true, force: true });
  // The CLI's model-folder layout (config.json + one checkpoint folder), so `rcan apply -m` reads it too;
  // a fixed checkpoint name keeps the browser's model URL stable across retraining.
  mkdirSync(path.join(target, 'checkpoint'), { recursive: true });
  copyFileSync(path.join(out, best, 'model.json'), path.join(target, 'checkpoint', 'model.json'));
  copyFileSync(path.join(out, best, 'weights.bin'), path.join(target, 'checkpoint', 'weights.bin'));
  // The shipped config keeps the network and training keys but not this machine's data paths.
  const { training_data_dir: _t, validation_data_dir: _v, ...shipped } = JSON.parse(readFileSync(path.join(out, 'config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(target, 'config.json'), `${JSON.stringify(shipped, null, 2)}\n`);

  // Sample: a scene no training or validation volume used.
  const sample = makePair(preset, presetSeed + 500);
  const sampleFile = path.join(samplesDir, `${preset}.tif`);
  writeTiff(sampleFile, sample.raw);
  writeTiff(path.join(samplesDir, `${preset}_gt.tif`), sample.gt);

  await useWasmBackend();
  const model = deserializeRcan({ modelJson: readFileSync(path.join(target, 'checkpoint', 'model.json'), 'utf8'), weightsBin: new Uint8Array(readFileSync(path.join(target, 'checkpoint', 'weights.bin'))) });
  const result = await restoreVolume(model, sample.raw, { blockShape: [8, 48, 48], groundTruth: sample.gt });
  model.dispose();
  const m = result.metrics!;
  figures[preset] = {
    preset,
    epochs,
    steps,
    seconds,
    valLoss: lossOf(best),
    rawPsnr: m.raw.psnr,
    restoredPsnr: m.restored.psnr,
    rawSsim: m.raw.ssim,
    restoredSsim: m.restored.ssim,
    modelBytes: ['checkpoint/model.json', 'checkpoint/weights.bin', 'config.json'].reduce((n, f) => n + readFileSync(path.join(target, f)).byteLength, 0),
    sampleBytes: readFileSync(sampleFile).byteLength,
  };
  console.log(`${preset}: raw PSNR ${fmt(m.raw.psnr)} dB → restored ${fmt(m.restored.psnr)} dB; SSIM ${fmt(m.raw.ssim, 3)} → ${fmt(m.restored.ssim, 3)}; ${seconds.toFixed(0)} s`);
  writeFileSync(figuresFile, JSON.stringify(figures, null, 2));
}
writeFileSync(path.join(modelsDir, 'README.md'), readme(figures));
console.log(`wrote ${path.relative(root, path.join(modelsDir, 'README.md'))}`);

/** A raw/ground-truth pair for a preset: the same scene, degraded the preset's way in the raw. */
function makePair(preset: Preset, seed: number): { raw: Volume; gt: Volume } {
  const shape = SAMPLE_SHAPE;
  const kinds = [blobs, spheres, filaments] as const;
  const make = kinds[seed % kinds.length]!;
  const scene = make({ shape, seed, count: make === filaments ? 12 : 40 });
  // The "good" image: a mild confocal-like PSF, bright.
  const sharp = normalizePeak(gaussianBlur(scene, { z: 1, y: 0.7, x: 0.7 }));
  let degraded: SynthVolume;
  let rawPhotons: number;
  switch (preset) {
    case 'denoise':
      degraded = sharp;
      rawPhotons = 8;
      break;
    case 'deconvolution':
      degraded = gaussianBlur(sharp, { z: 2, y: 1.6, x: 1.6 });
      rawPhotons = 150;
      break;
    case 'deaberration':
      degraded = aberrate(sharp);
      rawPhotons = 150;
      break;
    case 'resolution':
      degraded = downUp(gaussianBlur(sharp, { z: 0.5, y: 0.8, x: 0.8 }), 3);
      rawPhotons = 150;
      break;
  }
  const photons = (v: SynthVolume, budget: number) => Float32Array.from(v.data, (x) => x * budget + 2);
  const raw = cameraNoise(photons(degraded, rawPhotons), { seed: seed * 2 + 1 });
  const gt = cameraNoise(photons(sharp, GT_PHOTONS), { seed: seed * 2 + 2 });
  return { raw: createVolume(raw, shape), gt: createVolume(gt, shape) };
}

/** An asymmetric, aberration-like blur: an elongated core plus a displaced, fainter comet tail. */
function aberrate(v: SynthVolume): SynthVolume {
  const core = gaussianBlur(v, { z: 2.5, y: 1, x: 2 });
  const tail = gaussianBlur(v, { z: 3, y: 2, x: 3 });
  const [Z, Y, X] = v.shape;
  const out = new Float32Array(core.data.length);
  // The tail shifts with depth, as spherical/coma aberration spreads light differently per plane.
  for (let z = 0; z < Z; z++) {
    const dx = 2 + Math.round(z / 4);
    for (let y = 0; y < Y; y++) {
      for (let x = 0; x < X; x++) {
        const i = (z * Y + y) * X + x;
        const sx = Math.min(X - 1, Math.max(0, x - dx));
        const sy = Math.min(Y - 1, Math.max(0, y - 1));
        out[i] = 0.65 * core.data[i]! + 0.35 * tail.data[(z * Y + sy) * X + sx]!;
      }
    }
  }
  return normalizePeak({ ...v, data: out });
}

/** Average-pool Y and X by `factor`, then upsample back by linear interpolation: lost resolution. */
function downUp(v: SynthVolume, factor: number): SynthVolume {
  const [Z, Y, X] = v.shape;
  const ys = Math.ceil(Y / factor);
  const xs = Math.ceil(X / factor);
  const small = new Float32Array(Z * ys * xs);
  for (let z = 0; z < Z; z++) {
    for (let y = 0; y < ys; y++) {
      for (let x = 0; x < xs; x++) {
        let sum = 0;
        let n = 0;
        for (let dy = 0; dy < factor && y * factor + dy < Y; dy++) {
          for (let dx = 0; dx < factor && x * factor + dx < X; dx++) {
            sum += v.data[(z * Y + y * factor + dy) * X + x * factor + dx]!;
            n++;
          }
        }
        small[(z * ys + y) * xs + x] = sum / n;
      }
    }
  }
  const out = new Float32Array(v.data.length);
  for (let z = 0; z < Z; z++) {
    for (let y = 0; y < Y; y++) {
      const fy = Math.min(ys - 1, Math.max(0, (y + 0.5) / factor - 0.5));
      const y0 = Math.floor(fy);
      const y1 = Math.min(ys - 1, y0 + 1);
      for (let x = 0; x < X; x++) {
        const fx = Math.min(xs - 1, Math.max(0, (x + 0.5) / factor - 0.5));
        const x0 = Math.floor(fx);
        const x1 = Math.min(xs - 1, x0 + 1);
        const at = (yy: number, xx: number) => small[(z * ys + yy) * xs + xx]!;
        const top = at(y0, x0) * (1 - (fx - x0)) + at(y0, x1) * (fx - x0);
        const bottom = at(y1, x0) * (1 - (fx - x0)) + at(y1, x1) * (fx - x0);
        out[(z * Y + y) * X + x] = top * (1 - (fy - y0)) + bottom * (fy - y0);
      }
    }
  }
  return { ...v, data: out };
}

function normalizePeak(v: SynthVolume): SynthVolume {
  const peak = v.data.reduce((m, x) => Math.max(m, x), 0) || 1;
  return { ...v, data: Float32Array.from(v.data, (x) => x / peak) };
}

function writeTiff(file: string, volume: Volume): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, encodeTiff(volume));
}

function lossOf(checkpoint: string): number {
  return Number(checkpoint.split('_').pop());
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function fmt(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined ? 'n/a' : v.toFixed(digits);
}

function readme(all: Record<string, Figures>): string {
  const rows = PRESETS.filter((p) => all[p]).map((p) => {
    const f = all[p]!;
    return `| ${p} | ${f.epochs} x ${f.steps} | ${f.seconds.toFixed(0)} s | ${fmt(f.valLoss, 4)} | ${fmt(f.rawPsnr)} → ${fmt(f.restoredPsnr)} | ${fmt(f.rawSsim, 3)} → ${fmt(f.restoredSsim, 3)} | ${(f.modelBytes / 1024).toFixed(0)} KB | ${(f.sampleBytes / 1024).toFixed(0)} KB |`;
  });
  return `# Demonstration models

**These are demonstration models trained for a few minutes on synthetic phantoms. They show how the
in-browser runner works; they are not for real microscopy data.** A model only restores images like
the ones it was trained on: train your own (the training section of the /restore page, or \`npx rcan train\`) on pairs
from your microscope, and check the result against ground truth you trust.

Generated by \`npx tsx scripts/make-demo-models.ts\` (seeded, reproducible up to floating-point
differences between machines). Each folder is a model folder as \`rcan train\` writes it:
\`config.json\` (the 3D-RCAN training keys as used, without this machine's data paths) and
\`checkpoint/\` with \`model.json\` and \`weights.bin\` (the run's best checkpoint, renamed so the
browser's URL stays fixed). The CLI reads it too: \`npx rcan apply -m public/models/denoise -i
public/samples/denoise.tif -o out/\`.

- Network: 3D-RCAN with C=${ARCHITECTURE.num_channels}, B=${ARCHITECTURE.num_residual_blocks}, G=${ARCHITECTURE.num_residual_groups}, r=${ARCHITECTURE.channel_reduction}; patch ${PATCH.join('x')}; Adam, initial learning rate 1e-3.
- Data: ${TRAIN_VOLUMES} training and 1 validation volume of ${SAMPLE_SHAPE.join('x')} voxels per preset, made with lib/synth
  (blobs, spheres or filaments; Poisson and read noise; ground truth at ${GT_PHOTONS} peak photons):
  - **denoise**: raw at 8 peak photons, same mild PSF as the ground truth.
  - **deconvolution**: raw blurred by an extra Gaussian PSF (σ z 2, y/x 1.6 voxels), 150 photons.
  - **deaberration**: raw blurred by an asymmetric PSF (elongated core plus a displaced, depth-dependent tail), 150 photons.
  - **resolution**: raw average-pooled 3x in Y and X and linearly upsampled back, 150 photons.
- Figures: the sample in \`public/samples/<preset>.tif\` (a scene not used for training) restored with
  8x48x48 blocks; PSNR and SSIM against \`<preset>_gt.tif\`, both percentile-normalized (2, 99.9) as
  3D-RCAN's apply does. "Time" is wall-clock training time on the build machine (2 shared CPU cores,
  tfjs wasm backend; other jobs shared the cores, so times vary about 2x between runs); "val loss" is
  the best validation MAE (normalized units).

| preset | epochs x steps | time | val loss | PSNR raw → restored (dB) | SSIM raw → restored | model | sample |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}
${modelCards(all)}`;
}

/** The per-model cards (data, training, metrics, limits); metrics from this run's figures. */
function modelCards(all: Record<string, Figures>): string {
  const card = (p: Preset) => {
    const f = all[p];
    return f ? `PSNR ${fmt(f.rawPsnr)} → ${fmt(f.restoredPsnr)} dB, SSIM ${fmt(f.rawSsim, 3)} → ${fmt(f.restoredSsim, 3)}.` : 'not measured in this run.';
  };
  return `
## Model cards

One card per model. All four share the network, the training recipe and the general limits; the
data, the figures and the specific ways each one fails differ. The figures are the table above
(tested: \`test/integration/demo-models.test.ts\` restores each sample with its model and fails when
PSNR or SSIM falls short of this table by more than 0.3 dB / 0.01).

**Shared.** 3D-RCAN, C=16, B=2, G=2, r=4 (77,681 parameters, 309 KB of float32 weights),
trained with this project's \`rcan train\` (MAE loss, Adam, learning rate 1e-3 halved every epoch,
batch 1, rot90/flip augmentation, seeded) on 8x48x48 patches; the best checkpoint by validation loss.
Inputs are percentile-normalized (2, 99.9) single-channel 3D stacks. Limits common to all: trained on
synthetic, noise-only phantoms with no background structure, no out-of-focus haze, no drift, no
bleaching and no camera artefacts; 4 training volumes is far too few to generalize; a few minutes of
CPU training leaves every model underfitted. On real data expect them to invent or erase structure.
Always compare with a classical baseline (\`npx rcan classical\`, or the baselines on /restore) and
with ground truth you trust.

### denoise
- **Data**: blobs, spheres and filaments blurred by a mild PSF (σ z 1, y/x 0.7 voxels); raw at 8
  peak photons (Poisson + read noise), ground truth the same scene at 1000 photons.
- **Metrics** (sample): ${card('denoise')}
- **Fails on**: other noise levels (much brighter or dimmer raw), structures larger than a 48-pixel
  patch or thinner than one voxel, any blur it did not see. A strongly denoised output looks clean
  even where the model guessed; low-contrast objects can vanish.

### deconvolution
- **Data**: the same scenes with an extra Gaussian blur (σ z 2, y/x 1.6 voxels), 150 photons.
- **Metrics**: ${card('deconvolution')}
- **Fails on**: any other PSF (real widefield PSFs have rings and an axial cone, not a Gaussian), a
  different voxel size, very noisy input; it can sharpen noise into fake puncta. Richardson–Lucy with
  a measured PSF is the honest comparison.

### deaberration
- **Data**: the same scenes blurred by an asymmetric, depth-dependent PSF (elongated core plus a
  displaced tail), 150 photons.
- **Metrics**: ${card('deaberration')}
- **Fails on**: any aberration other than this made-up one (its tail direction and depth dependence
  are learned), samples deeper or shallower than 16 slices' worth of drift, real sample-induced
  aberrations that vary across the field.

### resolution
- **Data**: the same scenes average-pooled 3x in Y and X and linearly upsampled back, 150 photons.
- **Metrics**: ${card('resolution')}
- **Fails on**: other downsampling factors or real low-NA optics; detail finer than the lost
  resolution is a plausible guess, not a measurement (a hallucination risk for any super-resolution
  network).
`;
}
