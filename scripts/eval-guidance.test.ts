import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const SCRIPT = join(process.cwd(), 'scripts', 'eval-guidance.ts');
const CASES = join(process.cwd(), 'knowledge', 'validation', 'cases');

describe('eval:guidance', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'eval-guidance-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  // Seven committed cases, a mix of kinds, copied so the run is quick.
  const cases = join(tmp, 'cases');
  cpSync(CASES, cases, { recursive: true, filter: (src) => src === CASES || ['book-adipocyte-screen', 'book-zebrafish-microglia', 'napari-n2v-no-code-denoising', 'clam-tcga-slide-small-tissue-filtered-out-lower-area-thresholds', 'tierpsy-single-worm-avi-masked-no-skeleton-cnn-filter', 'caiman-two-photon-components-too-small-raise-gsig', 'trackmate-find-maxima-detector-scattering-nanoparticles'].some((id) => src.endsWith(`${id}.json`)) });
  const run = (workers: string, json: string) =>
    spawnSync(TSX, [SCRIPT, '--json', json], { env: { ...process.env, GUIDANCE_CASES_DIR: cases, GUIDANCE_WORKERS: workers }, encoding: 'utf8', timeout: 120_000 });

  it('gives the same per-case results in three worker threads as in one, in case order, with the summary line last', () => {
    expect(readdirSync(cases)).toHaveLength(7);
    const one = run('1', join(tmp, 'one.json'));
    const three = run('3', join(tmp, 'three.json'));
    expect(one.stderr).toBe('');
    expect(three.stderr).toBe('');
    expect(three.status).toBe(one.status);
    const a = readFileSync(join(tmp, 'one.json'), 'utf8');
    expect(readFileSync(join(tmp, 'three.json'), 'utf8')).toBe(a);
    const ids = (JSON.parse(a) as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(7);
    expect(three.stdout.trim().split('\n').at(-1)).toMatch(/^7 cases: \d+ right \(\d+%\), top-3 tools \d+%, stability \d+%$/);
  }, 240_000);

  it('evaluates only the cases with a given tag, with one line per kind of source, and names a tag no case carries', () => {
    const tagged = spawnSync(TSX, [SCRIPT, '--tag', 'book'], { env: { ...process.env, GUIDANCE_CASES_DIR: cases, GUIDANCE_WORKERS: '1' }, encoding: 'utf8', timeout: 120_000 });
    const lines = tagged.stdout.trim().split('\n');
    expect(lines.filter((l) => /^book-/.test(l))).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/^source book: 2 cases: \d+ right/));
    expect(lines.filter((l) => l.startsWith('source '))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^2 cases: /);
    const none = spawnSync(TSX, [SCRIPT, '--tag', 'no-such-tag'], { env: { ...process.env, GUIDANCE_CASES_DIR: cases }, encoding: 'utf8', timeout: 120_000 });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no case in .* carries the tag "no-such-tag"/);
    const bare = spawnSync(TSX, [SCRIPT, '--tag'], { env: { ...process.env, GUIDANCE_CASES_DIR: cases }, encoding: 'utf8', timeout: 120_000 });
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/--tag needs a tag/);
  }, 240_000);

  it('compares with an earlier --json run: totals on the cases in both and one line per changed case, summary still last; a missing or foreign file is a one-line error', () => {
    const earlier = join(tmp, 'earlier.json');
    expect(run('1', earlier).stderr).toBe('');
    // Pretend the first case was not right before, so this run shows it as gained.
    const results = JSON.parse(readFileSync(earlier, 'utf8')) as { id: string; right: boolean }[];
    const flipped = results.find((r) => r.right)!;
    flipped.right = false;
    writeFileSync(earlier, JSON.stringify(results));
    const compared = spawnSync(TSX, [SCRIPT, '--compare', earlier], { env: { ...process.env, GUIDANCE_CASES_DIR: cases, GUIDANCE_WORKERS: '1' }, encoding: 'utf8', timeout: 120_000 });
    const lines = compared.stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^compared with .*earlier\\.json on the 7 cases in both: fully right \\d+ → \\d+ \\(\\+1 −0\\)`)));
    expect(lines).toContain(`+ ${flipped.id}`);
    expect(lines.at(-1)).toMatch(/^7 cases: /);
    const missing = spawnSync(TSX, [SCRIPT, '--compare', join(tmp, 'none.json')], { env: { ...process.env, GUIDANCE_CASES_DIR: cases }, encoding: 'utf8', timeout: 120_000 });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/cannot read .*none\.json for --compare .*write it first with npm run eval:guidance -- --json/);
    const foreign = join(tmp, 'foreign.json');
    writeFileSync(foreign, '{"cases": 7}');
    const wrong = spawnSync(TSX, [SCRIPT, '--compare', foreign], { env: { ...process.env, GUIDANCE_CASES_DIR: cases }, encoding: 'utf8', timeout: 120_000 });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/is not a per-case results file written by npm run eval:guidance -- --json/);
  }, 240_000);

  it('keeps the summary line when its reader is slow: output larger than a pipe holds is not cut off at exit', async () => {
    // 250 cases with --verbose print well over the 64 KiB a pipe buffers. The reader takes nothing for
    // 15 s; a script that exited as soon as it had printed would have lost what the pipe did not hold.
    // (Whether the process reports its exit before the reader drains the pipe depends on how tsx relays
    // the output, so only the output itself is checked.)
    const many = join(tmp, 'many');
    const ids = readdirSync(CASES).filter((f) => f.endsWith('.json')).sort().slice(0, 250);
    cpSync(CASES, many, { recursive: true, filter: (src) => src === CASES || ids.some((f) => src.endsWith(`/${f}`)) });
    const child = spawn(TSX, [SCRIPT, '--verbose'], { env: { ...process.env, GUIDANCE_CASES_DIR: many } });
    child.stdout.pause();
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const closed = new Promise((done) => child.once('close', done));
    await new Promise((done) => setTimeout(done, 15_000));
    child.stdout.resume();
    await closed;
    expect(out.length).toBeGreaterThan(64 * 1024);
    expect(out.trim().split('\n').at(-1)).toMatch(/^250 cases: \d+ right/);
  }, 240_000);

  it('refuses a worker count that is not a whole number of at least 1, naming the setting', () => {
    const r = run('0', join(tmp, 'zero.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/GUIDANCE_WORKERS must be a whole number of at least 1, not "0"/);
  }, 120_000);
});
