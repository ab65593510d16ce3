// Timings of lib/imaging on a 3D-RCAN-sized stack (default 32 × 512 × 512, 8.4 M voxels).
// `npx tsx bench/imaging.ts [z y x]`; prints JSON figures, never passes or fails on time.
import { decodeTiff, encodeTiff, percentileNormalize, stackChannels, toBitDepth, createVolume } from '../lib/imaging';
import { restorationPair } from '../lib/synth';

const [z, y, x] = process.argv.slice(2).map(Number).length === 3 ? (process.argv.slice(2).map(Number) as [number, number, number]) : [32, 512, 512];
const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const r = f();
  return [r, Math.round(performance.now() - t0)];
};

const [pair, synthMs] = time(() => restorationPair({ shape: [z, y, x], seed: 1, count: 200, psfSigma: 0 }));
const raw = createVolume(pair.raw.data, [z, y, x]);
const [norm16, normU16Ms] = time(() => percentileNormalize(raw.data));
const [, normF32Ms] = time(() => percentileNormalize(norm16));
const stack = stackChannels([createVolume(norm16, [z, y, x]), createVolume(norm16, [z, y, x])], ['Raw', 'Restored']);
const [bytes32, encode32Ms] = time(() => encodeTiff(stack));
const [, decode32Ms] = time(() => decodeTiff(bytes32));
const [bytes16, encode16Ms] = time(() => encodeTiff({ ...stack, dtype: 'uint16', data: toBitDepth(stack.data as Float32Array, 16) } as never));
const [, decode16Ms] = time(() => decodeTiff(bytes16));
console.log(
  JSON.stringify(
    {
      shape: [z, y, x],
      voxels: z * y * x,
      ms: { synthPair: synthMs, percentileNormalizeUint16: normU16Ms, percentileNormalizeFloat32: normF32Ms, encodeTiff2chFloat32: encode32Ms, decodeTiff2chFloat32: decode32Ms, encodeTiff2chUint16: encode16Ms, decodeTiff2chUint16: decode16Ms },
      bytes: { float32: bytes32.length, uint16: bytes16.length },
    },
    null,
    1,
  ),
);
