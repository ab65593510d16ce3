// Benchmark of lib/segment at the sizes, beside scikit-image / SciPy doing the same work on
// the same pixels in the same run (Python only here). Prints one JSON object; never passes or fails.
// Run: npm run bench -- segment   (add --quick for smaller sizes, --no-python to skip the reference)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  brightNucleiSample,
  computeFeatures,
  computeThreshold,
  foregroundProbability,
  gaussianFilter,
  objectsFromProbability,
  pixelSettings,
  predictPixels,
  splitObjects,
  texturedCellsSample,
  trainPixelClassifier,
  type FloatImage,
  type Shape3,
} from '../lib/segment';
import { hasPythonModules, runPython } from '../test/helpers/external-tools';
import { scriptedScribbles } from '../test/helpers/scribbles';

const quick = process.argv.includes('--quick');
const python = !process.argv.includes('--no-python') && hasPythonModules(['skimage', 'scipy', 'numpy']);
const dir = mkdtempSync(join(tmpdir(), 'bench-segment-'));

/** Wall seconds and CPU seconds of this process (user + system): on a loaded machine the CPU time is the steadier figure. */
function time<T>(fn: () => T): { s: number; cpu: number; value: T } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { s: round((performance.now() - t0) / 1000), cpu: round((c.user + c.system) / 1e6), value };
}

function round(s: number): number {
  return Number(s.toFixed(3));
}

/** Tile a small image periodically to a bigger shape. */
function tile(src: Uint8Array, [sz, sy, sx]: Shape3, [z, y, x]: Shape3): Float32Array {
  const out = new Float32Array(z * y * x);
  for (let k = 0; k < z; k++) for (let j = 0; j < y; j++) for (let i = 0; i < x; i++) out[(k * y + j) * x + i] = src[((k % sz) * sy + (j % sy)) * sx + (i % sx)]!;
  return out;
}

function save(name: string, data: Float32Array | Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return file;
}

/** Rung 1 as the page runs it after smoothing: Otsu threshold, then distance transform + seeded watershed. */
function rung1(image: FloatImage) {
  const threshold = time(() => computeThreshold(image.data, 'otsu').value);
  const mask = Uint8Array.from(image.data, (v) => (v > threshold.value ? 1 : 0));
  const split = time(() => splitObjects(mask, image.shape, image.ndim, { seedSpacing: 5, minSize: 10 }));
  return {
    thresholdSeconds: threshold.s,
    watershedSeconds: split.s,
    totalSeconds: round(threshold.s + split.s),
    cpuSeconds: round(threshold.cpu + split.cpu),
    objects: split.value.count,
  };
}

const PY_RUNG1 = `
import sys, json, time, numpy as np
from scipy import ndimage as ndi
from skimage.filters import threshold_otsu
from skimage.feature import peak_local_max
from skimage.segmentation import watershed
from skimage.morphology import remove_small_objects
img = np.fromfile(sys.argv[1], dtype='float32').reshape(json.loads(sys.argv[2]))
c0 = time.process_time(); t0 = time.perf_counter(); t = threshold_otsu(img); t1 = time.perf_counter()
mask = img > t
cc, _ = ndi.label(mask)
dist = ndi.distance_transform_edt(mask)
peaks = peak_local_max(dist, min_distance=5, labels=cc, exclude_border=False)
markers = np.zeros(mask.shape, np.int32); markers[tuple(peaks.T)] = np.arange(1, len(peaks) + 1)
lab = remove_small_objects(watershed(-dist, markers, mask=mask), 10)
t2 = time.perf_counter(); c2 = time.process_time()
print(json.dumps({"thresholdSeconds": round(t1 - t0, 3), "watershedSeconds": round(t2 - t1, 3), "totalSeconds": round(t2 - t0, 3), "cpuSeconds": round(c2 - c0, 3), "objects": int(len(np.unique(lab)) - 1)}))
`;

// ilastik-style features in NumPy/SciPy/scikit-image: the same kinds and scales as lib/segment.
const PY_FEATURES = `
import sys, json, time, numpy as np
from scipy import ndimage as ndi
from skimage.feature import hessian_matrix, hessian_matrix_eigvals, structure_tensor, structure_tensor_eigenvalues
img = np.fromfile(sys.argv[1], dtype='float32').reshape(json.loads(sys.argv[2]))
scales = json.loads(sys.argv[3])
c0 = time.process_time(); t0 = time.perf_counter()
feats = [img]
prev = img
for s in scales:
    g = ndi.gaussian_filter(img, s)
    feats += [g, ndi.gaussian_laplace(img, s), ndi.gaussian_gradient_magnitude(img, s), g - prev]
    prev = g
    feats += list(hessian_matrix_eigvals(hessian_matrix(img, sigma=s, order='rc')))
    feats += list(structure_tensor_eigenvalues(structure_tensor(img, sigma=s / 2, order='rc')))
t1 = time.perf_counter(); c1 = time.process_time()
print(json.dumps({"featuresSeconds": round(t1 - t0, 3), "cpuSeconds": round(c1 - c0, 3), "features": len(feats)}))
`;

const out: Record<string, unknown> = {
  benchmark: 'segment',
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  loadAverage: loadavg().map((v) => Number(v.toFixed(2))),
  note: 'shared, loaded machine: compare the ratios within one run, not absolute seconds across runs; cpuSeconds (this process, user + system; Python: time.process_time) are steadier under load',
};

// Rung 1, 2D: 2048² (the 256² nuclei sample tiled 8×8, ~2,500 objects), smoothed with σ = 1 first.
{
  const n = quick ? 1024 : 2048;
  const s = brightNucleiSample();
  const raw: FloatImage = { shape: [1, n, n], ndim: 2, data: tile(s.image, s.shape, [1, n, n]) };
  const smooth = time(() => gaussianFilter(raw, 1));
  const ours = rung1(smooth.value);
  const ref = python ? JSON.parse(runPython(PY_RUNG1, [save('r1-2d.bin', smooth.value.data), JSON.stringify([n, n])])) : null;
  out.rung1_2d = { shape: [n, n], gaussianSeconds: smooth.s, gaussianCpuSeconds: smooth.cpu, ours, scikitImage: ref, targetSeconds: 1 };
}

// Rung 1, 3D: 64×512×512 (the 24×80×80 stack tiled).
{
  const shape: Shape3 = quick ? [32, 256, 256] : [64, 512, 512];
  const s = brightNucleiSample([24, 80, 80]);
  const raw: FloatImage = { shape, ndim: 3, data: tile(s.image, s.shape, shape) };
  const smooth = time(() => gaussianFilter(raw, 1));
  const ours = rung1(smooth.value);
  const ref = python ? JSON.parse(runPython(PY_RUNG1, [save('r1-3d.bin', smooth.value.data), JSON.stringify(shape)])) : null;
  out.rung1_3d = { shape, gaussianSeconds: smooth.s, gaussianCpuSeconds: smooth.cpu, ours, scikitImage: ref, targetSeconds: 10 };
}

// Rung 2, 2D: 1024² (the textured sample tiled 4×4), 20 strokes painted in the first tile.
{
  const n = quick ? 512 : 1024;
  const s = texturedCellsSample();
  const image: FloatImage = { shape: [1, n, n], ndim: 2, data: tile(s.image, s.shape, [1, n, n]) };
  const { scribbles: small } = scriptedScribbles(s);
  const scribbles = new Uint8Array(n * n);
  for (let y = 0; y < 256; y++) scribbles.set(small.subarray(y * 256, (y + 1) * 256), y * n);
  const settings = pixelSettings();
  const features = time(() => computeFeatures(image, settings.scales));
  const train = time(() => trainPixelClassifier(features.value, scribbles, settings));
  const predict = time(() => predictPixels(train.value, features.value));
  const objects = time(() => objectsFromProbability(foregroundProbability(train.value, predict.value, n * n), image, settings));
  // A later stroke: features are kept, so an update is training + prediction (+ objects). The first
  // update above runs the code cold; a second one (the same strokes painted again in the next tile)
  // shows the steady state of live updates.
  const scribbled = scribbles.reduce((a, v) => a + (v > 0 ? 1 : 0), 0);
  for (let y = 0; y < 256; y++) scribbles.set(small.subarray(y * 256, (y + 1) * 256), (y + 256) * n + 256);
  const train2 = time(() => trainPixelClassifier(features.value, scribbles, settings));
  const predict2 = time(() => predictPixels(train2.value, features.value));
  const objects2 = time(() => objectsFromProbability(foregroundProbability(train2.value, predict2.value, n * n), image, settings));
  const ref = python ? JSON.parse(runPython(PY_FEATURES, [save('r2-2d.bin', image.data), JSON.stringify([n, n]), JSON.stringify(settings.scales)])) : null;
  out.rung2_2d = {
    shape: [n, n],
    features: features.value.count,
    scribbledPixels: scribbled,
    featuresSeconds: features.s,
    trainSeconds: train.s,
    predictSeconds: predict.s,
    objectsSeconds: objects.s,
    firstStrokeSeconds: round(features.s + train.s + predict.s + objects.s),
    laterStrokeSeconds: round(train.s + predict.s + objects.s),
    cpuSeconds: { features: features.cpu, train: train.cpu, predict: predict.cpu, objects: objects.cpu },
    firstStrokeCpuSeconds: round(features.cpu + train.cpu + predict.cpu + objects.cpu),
    laterStrokeCpuSeconds: round(train.cpu + predict.cpu + objects.cpu),
    secondUpdate: {
      trainSeconds: train2.s,
      predictSeconds: predict2.s,
      objectsSeconds: objects2.s,
      totalSeconds: round(train2.s + predict2.s + objects2.s),
      cpuSeconds: round(train2.cpu + predict2.cpu + objects2.cpu),
    },
    numpyFeatures: ref,
    targets: { firstStrokeSeconds: 2, laterStrokeSeconds: 0.5 },
  };
}

// Rung 2, 3D: a 64×256×256 stack predicted whole (3D features).
{
  const shape: Shape3 = quick ? [32, 128, 128] : [64, 256, 256];
  const s = brightNucleiSample([24, 80, 80]);
  const image: FloatImage = { shape, ndim: 3, data: tile(s.image, s.shape, shape) };
  const truth = tile(Uint8Array.from(s.truth), s.shape, shape);
  // Scribbles: a few hundred object and background voxels in one slice, as strokes would give.
  const scribbles = new Uint8Array(image.data.length);
  const plane = shape[1] * shape[2];
  const z = 12 * plane;
  for (let i = 0; i < plane; i += 37) scribbles[z + i] = truth[z + i]! > 0 ? 2 : 1;
  const settings = pixelSettings();
  const features = time(() => computeFeatures(image, settings.scales));
  const train = time(() => trainPixelClassifier(features.value, scribbles, settings));
  const predict = time(() => predictPixels(train.value, features.value));
  const ref = python ? JSON.parse(runPython(PY_FEATURES, [save('r2-3d.bin', image.data), JSON.stringify(shape), JSON.stringify(settings.scales)])) : null;
  out.rung2_3d = {
    shape,
    features: features.value.count,
    featuresSeconds: features.s,
    trainSeconds: train.s,
    predictSeconds: predict.s,
    totalSeconds: round(features.s + train.s + predict.s),
    totalCpuSeconds: round(features.cpu + train.cpu + predict.cpu),
    numpyFeatures: ref,
    targetSeconds: 30,
  };
}

out.loadAverageAfter = loadavg().map((v) => Number(v.toFixed(2)));
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(out, null, 2));
