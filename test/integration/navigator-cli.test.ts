import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { main } from '@/lib/cli/navigator';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Run the CLI in-process and capture what it prints. */
async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('navigator kb', () => {
  it('prints the whole validated knowledge base as JSON in the documented shape', async () => {
    const { code, stdout } = await run(['kb']);
    expect(code).toBe(0);
    const kb = JSON.parse(stdout);
    expect(kb.format).toBe(1);
    for (const key of ['tools', 'categories', 'restorationMethods', 'glossary', 'caseStudies', 'questions', 'trees', 'resources', 'book']) expect(kb).toHaveProperty(key);
    expect(kb.resources.length).toBeGreaterThan(0);
    expect(kb.counts.tools).toBe(kb.tools.length);
    expect(kb.counts.glossaryFromBook).toBe(90);
    expect(kb.categories.map((c: { id: string }) => c.id)).toEqual(['manual-annotation', 'classical', 'pixel-classification', 'pretrained-dl', 'finetuned-dl', 'scratch-dl']);
  });

  describe('with invalid content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'navigator-kb-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('exits 2 and prints the check:content messages', () => {
      cpSync(join(ROOT, 'knowledge'), join(dir, 'knowledge'), { recursive: true });
      const file = join(dir, 'knowledge/tools/cellpose.json');
      const tool = JSON.parse(readFileSync(file, 'utf8'));
      tool.gpu = 'sometimes';
      tool.bookRefs = [{ section: '8.99' }];
      writeFileSync(file, JSON.stringify(tool));
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts/navigator.mjs'), 'kb'], { cwd: dir, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('knowledge/tools/cellpose.json: gpu:');
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  });
});

describe('navigator search', () => {
  it('prints ranked results with id, type and score', async () => {
    const { code, stdout } = await run(['search', 'stardsit']);
    expect(code).toBe(0);
    const { results } = JSON.parse(stdout);
    expect(results[0]).toMatchObject({ id: 'stardist', type: 'tool' });
    expect(typeof results[0].score).toBe('number');
  });

  it('finds learning resources too, filtered by type', async () => {
    const { code, stdout } = await run(['search', 'metrics reloaded', '--type', 'resource']);
    expect(code).toBe(0);
    const { results } = JSON.parse(stdout);
    expect(results[0]).toMatchObject({ id: 'metrics-reloaded-paper', type: 'resource', url: '/resources#metrics-reloaded-paper' });
    expect(results.every((r: { type: string }) => r.type === 'resource')).toBe(true);
  });

  it('rejects an unknown type filter with exit 2 and the valid list', async () => {
    const { code, stderr } = await run(['search', 'x', '--type', 'gadget']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown --type gadget');
  });
});

describe('navigator questions and recommend', () => {
  it('prints the question set', async () => {
    const { code, stdout } = await run(['questions']);
    expect(code).toBe(0);
    const set = JSON.parse(stdout);
    expect(set.questions.length).toBeGreaterThan(10);
    expect(set.questions[0]).toHaveProperty('options');
  });

  it('recommends for a preset', async () => {
    const { code, stdout } = await run(['recommend', '--preset', 'zebrafish-microglia']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.format).toBe('bioimage-navigator-report');
    expect(report.recommendation.categories[0].id).toBe('pixel-classification');
  });

  it('recommends for an answers file and names a bad option', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'navigator-answers-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ values: { output: 'restored-images' }, mustHave: [] }));
    const ok = await run(['recommend', good]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).recommendation.kind).toBe('restoration');

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ values: { output: 'magic' } }));
    const r = await run(['recommend', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('values.output: "magic" is not an option');
    const missing = await run(['recommend', join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read answers file');
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the unknown command with exit 2', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });
});

describe('navigator evaluate (wiring)', () => {
  it('prints segmentation metrics for two label images', async () => {
    const { createVolume, encodeTiff } = await import('@/lib/imaging');
    const dir = mkdtempSync(join(tmpdir(), 'navigator-eval-'));
    // Two 4x4 objects in a 16x16 image; the prediction finds the first exactly and misses the second.
    const truth = new Uint16Array(256);
    const pred = new Uint16Array(256);
    for (let y = 2; y < 6; y++) for (let x = 2; x < 6; x++) truth[y * 16 + x] = pred[y * 16 + x] = 1;
    for (let y = 10; y < 14; y++) for (let x = 10; x < 14; x++) truth[y * 16 + x] = 2;
    writeFileSync(join(dir, 't.tif'), encodeTiff(createVolume(truth, [16, 16])));
    writeFileSync(join(dir, 'p.tif'), encodeTiff(createVolume(pred, [16, 16])));
    const r = await run(['evaluate', '--truth', join(dir, 't.tif'), '--pred', join(dir, 'p.tif'), '--mode', 'segmentation']);
    rmSync(dir, { recursive: true, force: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = r.stdout;
    // One true positive, one false negative: precision 1, recall 0.5, F1 2/3.
    expect(text).toMatch(/"tp": 1/);
    expect(text).toMatch(/"fn": 1/);
    expect(text).toMatch(/"f1": 0\.666666/);
  });
});

describe('navigator --help (bin shim fast path)', () => {
  it('prints the same help and exit codes as main(), without loading the TypeScript CLI', async () => {
    const shim = join(ROOT, 'scripts/navigator.mjs');
    for (const [args, code] of [[['--help'], 0], [['-h'], 0], [['help'], 0], [[], 2], [['--verbose', '--help'], 0]] as const) {
      const viaMain = await run([...args]);
      const viaShim = spawnSync(process.execPath, [shim, ...args], { encoding: 'utf8' });
      expect(viaShim.status, args.join(' ')).toBe(code);
      expect(viaMain.code).toBe(code);
      expect(viaShim.stdout).toBe(viaMain.stdout);
      expect(viaShim.stdout).toMatch(/^usage: navigator <command>/);
    }
    // An unknown command still goes through the CLI and its error message.
    const unknown = spawnSync(process.execPath, [shim, 'nope'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "nope"');
  });
});
