// `rcan apply --shard i/n --skip-existing` for whole folders on a cluster (issue 13): three shards as
// separate processes write exactly the files of one run, no file twice; a killed shard resumes and
// skips only complete, valid outputs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolume, decodeTiff, encodeTiff } from '@/lib/imaging';

const bin = path.resolve('scripts/rcan.mjs');
let dir: string;
const NAMES = ['a.tif', 'b.tif', 'c.tif', 'd.tif', 'e.tiff', 'f.tif', 'g.tif'];

function stack(seed: number): Uint16Array {
  const [z, y, x] = [6, 24, 24];
  return Uint16Array.from({ length: z * y * x }, (_, i) => 100 + ((i * (7919 + seed * 31)) % 997) + 50 * Math.sin(i / (5 + seed)));
}

interface Run { code: number | null; stderr: string; saved: string[]; skipped: string[] }

/** Run the CLI as its own process; `onSaved` may kill it. */
function rcan(args: string[], onStderr?: (text: string, kill: () => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
      onStderr?.(stderr, () => child.kill('SIGKILL'));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const list = (re: RegExp) => [...stderr.matchAll(re)].map((m) => path.basename(m[1]!));
      resolve({ code, stderr, saved: list(/^Saving output image to (.+)$/gm), skipped: list(/^Skipping .+: (.+) is complete$/gm) });
    });
  });
}

const apply = (out: string, extra: string[]) => ['apply', '-m', path.join(dir, 'model'), '-i', path.join(dir, 'in'), '-o', path.join(dir, out), '--workers', '1', ...extra];

async function outputs(folder: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(path.join(dir, folder))).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, folder, n))] as [string, Buffer])));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rcan-shards-'));
  await mkdir(path.join(dir, 'in'));
  await writeFile(path.join(dir, 'config.json'), JSON.stringify({ num_channels: 4, channel_reduction: 2, num_residual_groups: 2, num_residual_blocks: 1, input_shape: [4, 16, 16] }));
  for (const [i, name] of NAMES.entries()) await writeFile(path.join(dir, 'in', name), encodeTiff(createVolume(stack(i), [6, 24, 24])));
  const init = await rcan(['init', '-c', path.join(dir, 'config.json'), '-o', path.join(dir, 'model'), '--seed', '2']);
  expect(init.code).toBe(0);
  const whole = await rcan(apply('whole', [])); // the reference: one run over the whole folder
  expect(whole.code, whole.stderr).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rcan apply --shard / --skip-existing', () => {
  it('three shards as separate processes write exactly the files of one run, none twice', async () => {
    const shards = await Promise.all([0, 1, 2].map((i) => rcan(apply('sharded', ['--shard', `${i}/3`]))));
    for (const s of shards) expect(s.code, s.stderr).toBe(0);
    const written = shards.flatMap((s) => s.saved);
    expect([...written].sort()).toEqual([...NAMES].sort()); // union = all, and no name twice
    expect(shards.map((s) => s.saved.length)).toEqual([3, 2, 2]); // round-robin over sorted names
    const [a, b] = [await outputs('whole'), await outputs('sharded')];
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true);
  });

  it('a killed shard resumes: complete outputs are skipped, the rest written once, no temp files left', async () => {
    const args = apply('resumed', ['--shard', '0/1', '--skip-existing']);
    // Killed while saving its second image: the first is complete, the second may be a temp file.
    const killed = await rcan(args, (text, kill) => { if ((text.match(/^Saving output image/gm) ?? []).length >= 2) kill(); });
    expect(killed.code).not.toBe(0);
    // Give a partly written output a damaged twin: a truncated file must be redone, not skipped.
    const done = (await readdir(path.join(dir, 'resumed'))).filter((n) => !n.startsWith('.'));
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.length).toBeLessThan(NAMES.length);
    const missing = NAMES.filter((n) => !done.includes(n));
    const damaged = missing[0]!;
    await writeFile(path.join(dir, 'resumed', damaged), (await readFile(path.join(dir, 'whole', damaged))).subarray(0, 500));
    const resumed = await rcan(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.skipped.sort()).toEqual([...done].sort());
    expect(resumed.saved.sort()).toEqual([...missing].sort());
    expect(resumed.stderr).toMatch(new RegExp(`Redoing .*${damaged.replace('.', '\\.')}: .* exists but it does not decode`));
    const [a, b] = [await outputs('whole'), await outputs('resumed')];
    expect([...b.keys()]).toEqual([...a.keys()]); // no stale .tmp files either
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true);
    // Running again does nothing.
    const again = await rcan(args);
    expect(again.saved).toEqual([]);
    expect(again.skipped.length).toBe(NAMES.length);
    expect(existsSync(path.join(dir, 'resumed'))).toBe(true);
  });

  it('--engine tfjs (in this thread) writes the same images as the default onnx engine within 1e-4', async () => {
    const tfjs = await rcan(apply('tfjs', ['--engine', 'tfjs', '--workers', '0', '--shard', '1/3']));
    expect(tfjs.code, tfjs.stderr).toBe(0);
    expect(tfjs.stderr).toContain('Engine: tfjs wasm (in this thread)');
    expect(tfjs.saved.sort()).toEqual(['b.tif', 'e.tiff']);
    for (const name of tfjs.saved) {
      const a = decodeTiff(new Uint8Array(await readFile(path.join(dir, 'whole', name))));
      const b = decodeTiff(new Uint8Array(await readFile(path.join(dir, 'tfjs', name))));
      expect(b.dims).toEqual(a.dims);
      let max = 0;
      for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i]! - b.data[i]!));
      expect(max).toBeLessThan(1e-4);
    }
  });

  it('refuses a bad --shard in one line', async () => {
    const bad = await rcan(apply('x', ['--shard', '3/3']));
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n').at(-1)).toMatch(/^rcan apply: error: --shard must be i\/n with 0 <= i < n/);
  });
});
