// The bundled /try samples, generated from lib/synth with fixed seeds (so a test can rebuild and
// compare them): one image where a global threshold works, and one where it cannot.
import { createVolume, encodeTiff } from '../imaging';
import { createRng, gaussianBlur, labelImage } from '../synth';
import type { Shape3 } from './types';

/** A sample: the 8-bit image, its ground-truth instance labels and what it is for. */
export interface Sample {
  id: string;
  title: string;
  /** What the sample shows, one sentence. */
  description: string;
  shape: Shape3;
  ndim: 2 | 3;
  image: Uint8Array;
  truth: Uint16Array;
}

function clip8(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/**
 * Bright nuclei on a dark, even background, some touching: Otsu plus a watershed should find them.
 * @param shape - `[y, x]` or `[z, y, x]`
 */
export function brightNucleiSample(shape: readonly [number, number] | readonly [number, number, number] = [256, 256], seed = 11): Sample {
  const is3d = shape.length === 3;
  const area = is3d ? shape[0] * shape[1] * shape[2] : shape[0] * shape[1];
  const count = is3d ? Math.max(4, Math.round(area / 9000)) : Math.max(4, Math.round(area / 1700));
  const radius: [number, number] = is3d ? [5, 8] : [7, 11];
  const { volume } = labelImage({ shape, count, radius, touching: false, seed });
  const rng = createRng(seed + 1);
  const level = Array.from({ length: count + 1 }, (_, i) => (i === 0 ? 25 : rng.range(130, 210)));
  const scene = { shape: volume.shape, ndim: volume.ndim, data: Float32Array.from(volume.data, (l) => level[l]!) };
  const blurred = gaussianBlur(scene, 1.2);
  const image = Uint8Array.from(blurred.data, (v) => clip8(v + 10 * rng.normal()));
  return {
    id: is3d ? 'nuclei-3d' : 'nuclei-2d',
    title: is3d ? 'Bright nuclei, 3D stack' : 'Bright nuclei',
    description: 'Bright nuclei, some nearly touching, on an even dark background: a global threshold and a watershed should work.',
    shape: volume.shape,
    ndim: volume.ndim,
    image,
    truth: volume.data,
  };
}

/**
 * Cells that differ from the background by texture, not brightness, under uneven illumination: their
 * mean intensity equals the local background, so no global threshold separates them, while texture
 * features (gradient, Hessian, structure tensor) do.
 */
export function texturedCellsSample(shape: readonly [number, number] = [256, 256], seed = 23): Sample {
  const [Y, X] = shape;
  const count = Math.max(4, Math.round((Y * X) / 2600));
  const { volume } = labelImage({ shape, count, radius: [8, 13], touching: false, seed });
  const rng = createRng(seed + 1);
  // Fine speckle inside the cells (blurred white noise), smooth weak noise outside.
  const speckle = new Float32Array(Y * X);
  for (let i = 0; i < speckle.length; i++) speckle[i] = rng.normal();
  const fine = gaussianBlur({ shape: volume.shape, ndim: 2, data: speckle }, 0.8).data;
  const image = new Uint8Array(Y * X);
  for (let y = 0; y < Y; y++) {
    for (let x = 0; x < X; x++) {
      const i = y * X + x;
      // Illumination rises from 70 on the left to 150 on the right, with a gentle vertical wave.
      const light = 70 + (80 * x) / (X - 1) + 12 * Math.sin((2 * Math.PI * y) / Y);
      const texture = volume.data[i]! > 0 ? 110 * fine[i]! : 0;
      image[i] = clip8(light + texture + 4 * rng.normal());
    }
  }
  return {
    id: 'textured-cells',
    title: 'Textured cells, uneven light',
    description: 'Cells as bright as their surroundings but grainy, under light that brightens to the right: thresholding fails, a pixel classifier works.',
    shape: volume.shape,
    ndim: 2,
    image,
    truth: volume.data,
  };
}

/** The bundled samples (ids as in `public/samples/try/<id>.tif` and `<id>_gt.tif`). */
export function bundledSamples(): Sample[] {
  return [brightNucleiSample(), texturedCellsSample(), brightNucleiSample([24, 80, 80])];
}

/** Every file of `public/samples/try/`, as ImageJ TIFF bytes (8-bit images; 8-bit ground truth below 256 objects). */
export function bundledSampleFiles(): { name: string; bytes: Uint8Array }[] {
  return bundledSamples().flatMap((s) => {
    const shape = s.ndim === 2 ? ([s.shape[1], s.shape[2]] as const) : s.shape;
    // Fewer than 256 objects: an 8-bit label image is half the size and reads the same everywhere.
    const truth = s.truth.every((v) => v < 256) ? Uint8Array.from(s.truth) : s.truth;
    return [
      { name: `${s.id}.tif`, bytes: encodeTiff(createVolume(s.image, shape)) },
      { name: `${s.id}_gt.tif`, bytes: encodeTiff(createVolume(truth, shape)) },
    ];
  });
}
