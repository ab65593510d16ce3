// Seeded generator of hostile inputs for the fuzz harness (issue 14): mutated, truncated and crafted
// TIFFs, PNGs, model folders, Keras HDF5 files, rcan config.json files, answers files and URL states.
// The same seed gives the same inputs, so a failure found by the full run replays exactly.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zlibSync } from 'fflate';

import { mulberry32 } from '../../lib/util/mulberry32';
import { craftTiff, deflateBombTiff, stripPage, T, type CraftTag } from './craft-tiff';

/** One hostile input. `bytes` for binary files, `text` for JSON and URL states. */
export interface FuzzInput {
  id: number;
  kind: 'tiff' | 'png' | 'model' | 'hdf5' | 'config' | 'answers' | 'url';
  /** How it was made, e.g. `tiff/mutate u16-lzw.tif 3 bytes`. */
  recipe: string;
  bytes?: Uint8Array;
  text?: string;
  /** Model folders: the checkpoint's model.json text and weights.bin bytes. */
  model?: { modelJson: string; weightsBin: Uint8Array };
}

/** Base files the mutations start from. */
export interface FuzzSeeds {
  tiffs: { name: string; bytes: Uint8Array }[];
  pngs: { name: string; bytes: Uint8Array }[];
  model: { modelJson: string; weightsBin: Uint8Array };
  config: Record<string, unknown>;
  hdf5?: Uint8Array;
  answers: Record<string, unknown>;
  url: string;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Read the repository's fixtures and demo model as mutation seeds. */
export function loadSeeds(hdf5?: Uint8Array): FuzzSeeds {
  const dirs = [path.join(ROOT, 'test/fixtures/imaging'), path.join(ROOT, 'test/fixtures/evaluate')];
  const files = dirs.flatMap((d) => readdirSync(d).map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(path.join(d, n))) })));
  const checkpoint = path.join(ROOT, 'public/models/denoise/checkpoint');
  return {
    tiffs: files.filter((f) => /\.tiff?$/.test(f.name)),
    pngs: files.filter((f) => f.name.endsWith('.png')),
    model: { modelJson: readFileSync(path.join(checkpoint, 'model.json'), 'utf8'), weightsBin: new Uint8Array(readFileSync(path.join(checkpoint, 'weights.bin'))) },
    config: JSON.parse(readFileSync(path.join(ROOT, 'public/models/denoise/config.json'), 'utf8')) as Record<string, unknown>,
    ...(hdf5 ? { hdf5 } : {}),
    answers: { values: { output: 'mask', measurements: 'counts', assessment: 'by-eye' }, mustHave: [] },
    url: '2.0-0.1-0.2-1',
  };
}

type Rng = { next: () => number; int: (n: number) => number; pick: <T>(a: readonly T[]) => T };

function rngOf(seed: number): Rng {
  const next = mulberry32(seed);
  return { next, int: (n) => Math.floor(next() * n), pick: (a) => a[Math.floor(next() * a.length)]! };
}

const ABSURD = [0, 1, -1, 2 ** 31 - 1, 2 ** 32 - 1, 2 ** 31, 65535, 65536, 1e9, 123456789];

/** Overwrite or insert a few random bytes, truncate, or duplicate a block. */
function mutateBytes(r: Rng, src: Uint8Array): { bytes: Uint8Array; how: string } {
  const op = r.int(5);
  if (op === 0) return { bytes: src.slice(0, r.int(src.length)), how: 'truncate' };
  const bytes = src.slice();
  if (op === 1 || op === 2) {
    const n = 1 + r.int(8);
    for (let k = 0; k < n && bytes.length > 0; k++) bytes[r.int(bytes.length)] = r.int(256);
    return { bytes, how: `${n} random bytes` };
  }
  if (op === 3 && bytes.length > 16) {
    // A 32-bit field set to an absurd value, aligned somewhere in the first 512 bytes (IFDs, headers).
    const at = r.int(Math.min(bytes.length - 4, 512)) & ~1;
    new DataView(bytes.buffer).setUint32(at, r.pick(ABSURD) >>> 0, r.next() < 0.5);
    return { bytes, how: `absurd uint32 at ${at}` };
  }
  const start = r.int(bytes.length);
  const out = new Uint8Array(bytes.length + Math.min(4096, bytes.length - start));
  out.set(bytes);
  out.set(bytes.subarray(start, start + 4096), bytes.length);
  return { bytes: out, how: 'appended copy' };
}

/** A crafted TIFF: absurd or zero dimensions, offsets past the end, wrong strip counts, loops, bombs, every sample format. */
function craftedTiff(r: Rng): { bytes: Uint8Array; how: string } {
  const choice = r.int(10);
  const bits = r.pick([1, 8, 16, 32, 64, 12, 24]);
  const format = r.pick([1, 2, 3, 4]);
  const compression = r.pick([1, 5, 8, 32773, 32946, 7, 34712]);
  const width = r.pick([0, 1, 3, 17, 64, 65535, 100000]);
  const height = r.pick([0, 1, 5, 64, 65535, 1e6]);
  const blob = r.next() < 0.5 ? zlibSync(new Uint8Array(r.pick([16, 1000, 100000, 2_000_000]))) : Uint8Array.from({ length: 1 + r.int(2000) }, () => r.int(256));
  const strips = 1 + r.int(40);
  const extra: CraftTag[] = [];
  if (r.next() < 0.3) extra.push({ tag: T.predictor, type: 3, values: [r.pick([1, 2, 3, 7])] });
  if (r.next() < 0.2) extra.push({ tag: T.description, type: 2, values: r.pick(['ImageJ=1.11a\nimages=999999\nchannels=3\nslices=2\nframes=5\nhyperstack=true\n', 'ImageJ=1.11a\nimages=2\nchannels=0\n', '<OME><Image><Pixels DimensionOrder="XYZCT" SizeX="1" SizeY="1" SizeZ="100000" SizeC="1" SizeT="1"/></Image></OME>']) });
  switch (choice) {
    case 0:
      return { bytes: deflateBombTiff({ strips: 2 + r.int(30), blobMegabytes: 1 + r.int(5), width: 100 + r.int(900), rowsPerStrip: 1 + r.int(100) }), how: 'shared-blob deflate bomb' };
    case 1:
      return { bytes: craftTiff([blob], [stripPage({ width, height, bits, format, compression, rowsPerStrip: 1 + r.int(64), offsets: Array(strips).fill(-1), counts: Array(strips).fill(blob.length), extra })], { loop: r.next() < 0.2 }), how: `strips ${width}x${height} ${bits}/${format} c${compression}` };
    case 2:
      return { bytes: craftTiff([blob], [stripPage({ width, height, bits, format, compression, rowsPerStrip: height, offsets: [r.pick([8, 2 ** 31, 2 ** 32 - 1, -1])], counts: [r.pick([0, 1, blob.length, 2 ** 31])] })]), how: 'offset/count past the end' };
    case 3: {
      const pages = Array.from({ length: 2 + r.int(5) }, () => stripPage({ width: r.pick([4, 5]), height: 4, bits: r.pick([8, 16]), compression: 1, rowsPerStrip: 4, offsets: [-1], counts: [blob.length] }));
      return { bytes: craftTiff([blob], pages, { loop: r.next() < 0.5 }), how: 'unequal pages or IFD loop' };
    }
    case 4:
      return {
        bytes: craftTiff([blob], [[
          { tag: T.width, type: 4, values: [width] }, { tag: T.height, type: 4, values: [height] }, { tag: T.bits, type: 3, values: [bits] },
          { tag: T.compression, type: 3, values: [compression] }, { tag: T.photometric, type: 3, values: [1] }, { tag: T.spp, type: 3, values: [1] },
          { tag: T.tileWidth, type: 4, values: [r.pick([0, 16, 1 << 20])] }, { tag: T.tileLength, type: 4, values: [r.pick([0, 16, 1 << 20])] },
          { tag: T.tileOffsets, type: 4, values: [-1] }, { tag: T.tileByteCounts, type: 4, values: [blob.length] },
        ]]),
        how: 'tiled',
      };
    case 5:
      return { bytes: Uint8Array.from([0x49, 0x49, 43, 0, 8, 0, 0, 0, ...Array.from({ length: r.int(64) }, () => r.int(256))]), how: 'BigTIFF header' };
    case 6: {
      // 5D ImageJ hyperstack description on a plain stack.
      const n = 2 + r.int(6);
      const page = stripPage({ width: 4, height: 3, bits: 8, rowsPerStrip: 3, offsets: [-1], counts: [12] });
      const pages = Array.from({ length: n }, (_, i) => (i === 0 ? [...page, { tag: T.description, type: 2 as const, values: `ImageJ=1.11a\nimages=${n}\nchannels=${r.int(4)}\nslices=${r.int(4)}\nframes=${r.int(4)}\nhyperstack=true\n` }] : page));
      return { bytes: craftTiff([new Uint8Array(12)], pages), how: '5D hyperstack description' };
    }
    case 7:
      return { bytes: craftTiff([Uint8Array.from({ length: 4000 }, () => r.int(256))], [stripPage({ width: 40, height: 100, bits: 8, compression: r.pick([5, 8]), rowsPerStrip: 10, offsets: Array(10).fill(-1), counts: Array(10).fill(400) })]), how: 'LZW/Deflate garbage' };
    default: {
      const w = 1 + r.int(20);
      const h = 1 + r.int(20);
      const bytesPer = Math.max(1, bits / 8);
      const data = Uint8Array.from({ length: w * h * bytesPer }, () => r.int(256));
      return { bytes: craftTiff([data], [stripPage({ width: w, height: h, bits, format, compression: 1, rowsPerStrip: h, offsets: [-1], counts: [data.length] })]), how: `${bits}-bit format ${format} random samples` };
    }
  }
}

/** A JSON value made hostile: absurd numbers, wrong types, huge arrays, NaN-like strings, deep nesting. */
function hostileValue(r: Rng, depth = 0): unknown {
  switch (r.int(9)) {
    case 0: return r.pick(ABSURD) * (r.next() < 0.5 ? -1 : 1);
    case 1: return r.pick(['NaN', 'Infinity', '', '../../etc/passwd', '\u0000', 'x'.repeat(10000), '%', '{}']);
    case 2: return null;
    case 3: return Array.from({ length: r.pick([0, 3, 10000]) }, () => r.int(5));
    case 4: return depth > 20 ? {} : { nested: hostileValue(r, depth + 1) };
    case 5: return r.next() < 0.5;
    case 6: return [r.pick([1, 4096, 1e9]), r.pick([0, 65536]), -3];
    case 7: return 1e308 * 10;
    default: return r.next() * 100;
  }
}

function hostileJson(r: Rng, base: Record<string, unknown>): string {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(base));
  const keys = Object.keys(copy);
  for (let k = 0, n = 1 + r.int(4); k < n; k++) {
    const key = r.next() < 0.8 && keys.length > 0 ? r.pick(keys) : r.pick(['__proto__', 'constructor', 'num_channelz', 'x'.repeat(300)]);
    copy[key] = hostileValue(r);
  }
  const text = JSON.stringify(copy);
  const op = r.int(8);
  if (op === 0) return text.slice(0, r.int(text.length));
  if (op === 1) return `${'['.repeat(5000)}${']'.repeat(5000)}`;
  // Some inputs stay valid, so the accepting path is exercised too.
  if (op === 2) return JSON.stringify(base);
  return text;
}

/** `count` hostile inputs from `seed`, spread over every kind. */
export function* generateInputs(seeds: FuzzSeeds, seed: number, count: number): Generator<FuzzInput> {
  const r = rngOf(seed);
  const kinds: FuzzInput['kind'][] = ['tiff', 'tiff', 'tiff', 'tiff', 'png', 'model', 'config', 'answers', 'url', ...(seeds.hdf5 ? ['hdf5' as const] : [])];
  for (let id = 0; id < count; id++) {
    const kind = kinds[id % kinds.length]!;
    if (kind === 'tiff') {
      if (r.next() < 0.5) {
        const base = r.pick(seeds.tiffs);
        const m = mutateBytes(r, base.bytes);
        yield { id, kind, recipe: `tiff/mutate ${base.name} ${m.how}`, bytes: m.bytes };
      } else {
        const c = craftedTiff(r);
        yield { id, kind, recipe: `tiff/craft ${c.how}`, bytes: c.bytes };
      }
    } else if (kind === 'png') {
      const base = r.pick(seeds.pngs);
      const m = mutateBytes(r, base.bytes);
      yield { id, kind, recipe: `png/mutate ${base.name} ${m.how}`, bytes: m.bytes };
    } else if (kind === 'model') {
      const json = JSON.parse(seeds.model.modelJson) as { architecture: Record<string, unknown>; weightsManifest: { weights: { shape: unknown }[] }[] };
      const op = r.int(4);
      let weights = seeds.model.weightsBin;
      let how: string;
      if (op === 0) {
        const key = r.pick(['numChannels', 'numResidualBlocks', 'numResidualGroups', 'channelReduction', 'ndim']);
        json.architecture[key] = r.pick([4096, 0, -1, 1e9, 2.5, '32', null]);
        how = `architecture.${key} absurd`;
      } else if (op === 1) {
        weights = weights.slice(0, r.int(weights.length));
        how = 'truncated weights.bin';
      } else if (op === 2) {
        const w = json.weightsManifest[0]?.weights;
        if (w && w.length > 0) r.pick(w).shape = r.pick([[4096, 4096, 3, 3, 3], [], [-1], [1e9]]);
        how = 'weight shape absurd';
      } else {
        how = 'model.json mutated bytes';
        const m = mutateBytes(r, new TextEncoder().encode(JSON.stringify(json)));
        yield { id, kind, recipe: `model/${how}`, model: { modelJson: new TextDecoder().decode(m.bytes), weightsBin: weights } };
        continue;
      }
      yield { id, kind, recipe: `model/${how}`, model: { modelJson: JSON.stringify(json), weightsBin: weights } };
    } else if (kind === 'hdf5') {
      const m = mutateBytes(r, seeds.hdf5!);
      yield { id, kind, recipe: `hdf5/mutate ${m.how}`, bytes: m.bytes };
    } else if (kind === 'config') {
      yield { id, kind, recipe: 'config/hostile json', text: hostileJson(r, { ...seeds.config, training_image_pairs: [{ raw: 'a.tif', gt: 'b.tif' }] }) };
    } else if (kind === 'answers') {
      yield { id, kind, recipe: 'answers/hostile json', text: hostileJson(r, seeds.answers) };
    } else {
      const parts = ['1', '2', '999', '', '%', '%E0%A4%A', '0-0', '1-0_1m', '2-1', '99-0', '0-99', '0-0_0_0', 'x'.repeat(5000), 'a-b-c', '..', '0-', '-', seeds.url];
      const text = r.next() < 0.2 ? seeds.url : Array.from({ length: 1 + r.int(6) }, () => r.pick(parts)).join(r.pick(['.', '..', '&', '']));
      yield { id, kind, recipe: 'url/state', text };
    }
  }
}
