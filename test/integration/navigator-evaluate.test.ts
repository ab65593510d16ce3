// `npx navigator evaluate` through the real bin shim: JSON on stdout with exit 0, one-line errors
// with exit 1 (unusable file) or 2 (bad flag).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const fixture = (name: string) => join('test/fixtures/evaluate', name);

function navigator(...args: string[]) {
  const r = spawnSync('node', ['scripts/navigator.mjs', 'evaluate', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('navigator evaluate', () => {
  it('prints the scores of two label TIFFs as JSON', () => {
    const r = navigator('--truth', fixture('truth-2d.tif'), '--pred', fixture('pred-2d.tif'));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { mode: string; instance: { tp: number; fp: number; fn: number; f1: number } };
    // Hand-worked in test/fixtures/evaluate/README.md.
    expect(json.mode).toBe('segmentation');
    expect(json.instance).toMatchObject({ tp: 3, fp: 2, fn: 2, f1: 0.6 });
  });

  it('reports a missing file in one line with exit 1', () => {
    const r = navigator('--truth', fixture('missing.tif'), '--pred', fixture('pred-2d.tif'));
    expect(r.code).toBe(1);
    expect(r.err).toBe('navigator evaluate: cannot read truth file test/fixtures/evaluate/missing.tif: no such file\n');
  });

  it('reports a bad flag in one line with exit 2', () => {
    const r = navigator('--truth', fixture('truth-2d.tif'), '--pred', fixture('pred-2d.tif'), '--bogus');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^navigator evaluate: unknown option '--bogus'/);
  });
});
