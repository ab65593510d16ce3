import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = join(process.cwd(), 'scripts', 'check-validation-cases.mjs');
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd, encoding: 'utf8' });

describe('check-validation-cases', () => {
  let tmp: string | undefined;
  afterEach(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    tmp = undefined;
  });

  /** A scratch copy of knowledge/ so a test can break one case without touching the repo. */
  function scratch(): string {
    tmp = mkdtempSync(join(tmpdir(), 'validation-'));
    cpSync(join(process.cwd(), 'knowledge'), join(tmp, 'knowledge'), { recursive: true });
    return tmp;
  }
  const caseFile = (root: string, id: string) => join(root, 'knowledge', 'validation', 'cases', `${id}.json`);

  it('accepts the committed corpus, which has at least 66 cases', () => {
    const r = run(process.cwd());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = /^(\d+) validation cases, 0 problems, \d+ notes?/m.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(66);
  });

  it('reports each kind of broken case with a one-line message and exits 2', () => {
    const root = scratch();
    const file = caseFile(root, 'napari-n2v-no-code-denoising');
    const c = JSON.parse(readFileSync(file, 'utf8'));
    c.source.url = 'http://example.org/thread';
    c.answers.values.objects = 'nuclei'; // hidden on a restoration path
    delete c.answers.values.views; // shown on a restoration path
    c.answers.values.degradation = 'noise'; // multi question given a single value
    c.expected.topTools = ['no-such-tool'];
    c.expected.restorationMethod = 'no-such-method';
    writeFileSync(file, JSON.stringify(c));
    writeFileSync(join(root, 'knowledge', 'validation', 'cases', 'broken.json'), '{ not json');
    const r = run(root);
    expect(r.status).toBe(2);
    for (const part of [
      'broken.json: does not parse as JSON',
      'source.url must be https',
      'question "views" is shown on this path but not answered',
      'question "degradation" takes several answers',
      'expected tool "no-such-tool"',
      'restorationMethod "no-such-method"',
    ]) expect(r.stderr).toContain(part);
    expect(r.stderr.split('\n').every((line) => line === '' || line.includes('.json: '))).toBe(true);
    // An answer to a hidden question is pruned before ranking: a note, not a problem.
    expect(r.stderr).not.toContain('question "objects" is answered but not shown');
    expect(run(root, '--notes').stdout).toContain('napari-n2v-no-code-denoising.json: note: question "objects" is answered but not shown on this path');
  });

  it('lets an optional question be skipped (tools-used) but not a required one', () => {
    const root = scratch();
    const file = caseFile(root, 'ultrack-brightfield-nuclei-from-masks');
    const c = JSON.parse(readFileSync(file, 'utf8'));
    expect(c.answers.values['tools-used']).toEqual(['ultrack']);
    delete c.answers.values['tools-used'];
    c.determined = c.determined.filter((d: string) => d !== 'tools-used');
    writeFileSync(file, JSON.stringify(c));
    expect(run(root).status).toBe(0);
    delete c.answers.values.compute;
    writeFileSync(file, JSON.stringify(c));
    const r = run(root);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('question "compute" is shown on this path but not answered');
    expect(r.stderr).not.toContain('"tools-used"');
  });

  it('a case must expect something eval:guidance compares; a training approach alone is enough', () => {
    const root = scratch();
    const file = caseFile(root, 'viscy-cytoland-pretrained-brightfield-as-is');
    const c = JSON.parse(readFileSync(file, 'utf8'));
    expect(c.expected).toEqual({ kind: 'restoration', trainingApproach: 'use-as-is' });
    expect(run(root).status).toBe(0);
    delete c.expected.trainingApproach;
    writeFileSync(file, JSON.stringify(c));
    const r = run(root);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nothing to check');
  });

  it('treats answers to hidden questions as notes: exit 0, counted in the summary line', () => {
    const root = scratch();
    const file = caseFile(root, 'napari-n2v-no-code-denoising');
    const c = JSON.parse(readFileSync(file, 'utf8'));
    c.answers.values.objects = 'nuclei'; // hidden on a restoration path
    writeFileSync(file, JSON.stringify(c));
    const r = run(root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0 problems, [1-9]\d* notes/);
    c.answers.values.objects = 'no-such-object'; // a bad option stays a problem even when hidden
    writeFileSync(file, JSON.stringify(c));
    const bad = run(root);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('question "objects" has no option "no-such-object"');
  });

  it('flags a constraint tag that the determined answers do not support', () => {
    const root = scratch();
    const file = caseFile(root, 'cellpose-m1-mac-cpu');
    const c = JSON.parse(readFileSync(file, 'utf8'));
    c.determined = c.determined.filter((q: string) => q !== 'compute');
    writeFileSync(file, JSON.stringify(c));
    const r = run(root);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('tag "no-gpu" needs the matching answer marked as determined');
  });

  it('prints the coverage table from the answers with --table', () => {
    const r = run(process.cwd(), '--table');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\| segmentation, 2D nuclei \| \d+/);
    expect(r.stdout).toMatch(/\| restoration, two noisy recordings \| \d+/);
  });
});
