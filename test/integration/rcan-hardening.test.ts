// issue 14, "outputs that destroy things" and "wrong data accepted silently": each case here was
// accepted (exit 0) before the fix. The file makes its own model and inputs (no test depends on
// files made by another test file or by an earlier test).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createVolume, encodeTiff } from '@/lib/imaging';
import { main } from '@/lib/rcan/node/cli';
import type { CliIo } from '@/lib/rcan/node/cli-io';
import { assertSafeOutputPath, sweepStaleTemps } from '@/lib/rcan/node/safe-output';

let dir: string;
let model: string;
let raw: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTty: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rcan-hardening-'));
  await writeFile(path.join(dir, 'config.json'), JSON.stringify({ num_channels: 4, channel_reduction: 2, num_residual_groups: 1, num_residual_blocks: 1, input_shape: [4, 8, 8] }));
  model = path.join(dir, 'model');
  const init = await cli(['init', '-c', path.join(dir, 'config.json'), '-o', model, '--seed', '1']);
  expect(init.code).toBe(0);
  raw = path.join(dir, 'raw.tif');
  await writeFile(raw, encodeTiff(createVolume(new Float32Array(4 * 8 * 8).map((_, i) => (i % 17) / 17), [4, 8, 8])));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rcan apply refuses outputs inside the model folder, for every form of -m', () => {
  const forms = (m: string, rel: string): [string, string][] => [
    ['checkpoint folder', path.join(m, 'weights_000_inf')],
    ['checkpoint folder with a trailing slash', `${path.join(m, 'weights_000_inf')}/`],
    ['model folder', m],
    ['relative model folder with ..', rel],
    ['checkpoint model.json file', path.join(m, 'weights_000_inf', 'model.json')],
  ];

  it.each(['config.json', 'weights_000_inf/weights.bin', 'weights_000_inf/model.json', 'new.tif'])('-o MODEL/%s is refused for every -m form and the model is unchanged', async (target) => {
    const before = await readFile(path.join(model, 'config.json'), 'utf8');
    const rel = path.relative(process.cwd(), path.join(model, '..', 'model'));
    for (const [form, m] of forms(model, rel)) {
      const { code, stderr } = await cli(['apply', '-m', m, '-i', raw, '-o', path.join(model, target), '--workers', '0']);
      expect(code, form).toBe(2);
      expect(stderr, form).toMatch(/lies inside the model folder .*; refusing to write into a model/);
    }
    expect(await readFile(path.join(model, 'config.json'), 'utf8')).toBe(before);
    expect(existsSync(path.join(model, 'new.tif'))).toBe(false);
  });

  it('sees through a symlink to the model folder', async () => {
    const link = path.join(dir, 'model-link');
    await symlink(model, link);
    const { code, stderr } = await cli(['apply', '-m', path.join(link, 'weights_000_inf'), '-i', raw, '-o', path.join(model, 'config.json'), '--workers', '0']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/inside the model folder/);
  });
});

describe('rcan apply writes only regular files', () => {
  it('refuses a FIFO as -o and leaves it a FIFO', async () => {
    const fifo = path.join(dir, 'pipe.tif');
    execFileSync('mkfifo', [fifo]);
    const { code, stderr } = await cli(['apply', '-m', model, '-i', raw, '-o', fifo, '--workers', '0']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/output .*pipe\.tif is a FIFO \(named pipe\); only regular files are written/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('assertSafeOutputPath names device nodes (checked, never written)', async () => {
    await expect(assertSafeOutputPath('/dev/null')).rejects.toThrow(/\/dev\/null is a device node; only regular files are written/);
  });
});

describe('rcan apply refuses NaN input instead of writing an all-NaN result', () => {
  it('exits 1 with one line and writes nothing', async () => {
    const data = new Float32Array(4 * 8 * 8).map((_, i) => i / 256);
    data[70] = NaN;
    const nanInput = path.join(dir, 'nan.tif');
    await writeFile(nanInput, encodeTiff(createVolume(data, [4, 8, 8])));
    const out = path.join(dir, 'nan-out.tif');
    const { code, stderr } = await cli(['apply', '-m', model, '-i', nanInput, '-o', out, '--workers', '0']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/error: .*nan\.tif has 1 NaN or infinite voxel\(s\) \(first at z,y,x = 1,0,6\); 3D-RCAN's output would be NaN everywhere; replace them/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('temporary files', () => {
  it('a later run sweeps stale temporaries of our pattern (dead pid) and keeps live ones', async () => {
    const outDir = path.join(dir, 'sweep');
    await mkdir(outDir);
    // pid 2^22 + 1 is above Linux's pid_max default, so no process has it.
    const stale = path.join(outDir, `.out.tif.tmp-${2 ** 22 + 1}`);
    const live = path.join(outDir, `.other.tif.tmp-${process.pid}`);
    const foreign = path.join(outDir, '.notours.tmp');
    for (const f of [stale, live, foreign]) await writeFile(f, 'x');
    const { code } = await cli(['apply', '-m', model, '-i', raw, '-o', path.join(outDir, 'out.tif'), '--workers', '0']);
    expect(code).toBe(0);
    const names = await readdir(outDir);
    expect(names).not.toContain(path.basename(stale));
    expect(names).toContain(path.basename(live));
    expect(names).toContain('.notours.tmp');
    expect(names).toContain('out.tif');
    expect(await sweepStaleTemps(outDir)).toEqual([]);
  });

  it('SIGTERM while a temporary is being written removes it and exits 143', async () => {
    const target = path.join(dir, 'big.tif');
    const script = `
      import { writeFileSync } from 'node:fs';
      import { tempPathFor, trackTemp } from ${JSON.stringify(path.resolve('lib/rcan/node/safe-output.ts'))};
      const temp = tempPathFor(${JSON.stringify(target)});
      trackTemp(temp);
      writeFileSync(temp, new Uint8Array(1 << 20));
      console.log(temp);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const temp = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
    expect(existsSync(temp)).toBe(true);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(143);
    expect(existsSync(temp)).toBe(false);
  });
});
