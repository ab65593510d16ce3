// The import rules of ARCHITECTURE.md hold for every import form: each case is a file the linter must
// refuse (linted as if it lived at `file`), plus allowed files that must stay clean.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const FORBIDDEN: [string, string, string, RegExp][] = [
  // [what, file, code, expected message]
  ['index import of knowledge from rcan', 'lib/rcan/core/x.ts', "import { loadKb } from '../../knowledge';\nexport const x = loadKb;", /must not import the knowledge/],
  ['index import of rcan from recommend', 'lib/recommend/x.ts', "export * from '../rcan';", /must not import lib\/rcan/],
  ['alias index import of wizard from knowledge', 'lib/knowledge/x.ts', "import { a } from '@/lib/wizard';\nexport const x = a;", /bottom layer/],
  ['knowledge importing recommend by file', 'lib/knowledge/x.ts', "import { recommend } from '../recommend/recommend';\nexport const x = recommend;", /bottom layer/],
  ['recommend importing wizard', 'lib/recommend/x.ts', "import type { A } from '../wizard/selectors';\nexport type X = A;", /must not import lib\/wizard/],
  ['dynamic import() of knowledge from rcan', 'lib/rcan/node/x.ts', "export const load = () => import('../../knowledge/load');", /dynamic import\(\): .*knowledge/],
  ['dynamic import() of an index', 'lib/rcan/browser/x.ts', "export const load = () => import('@/lib/recommend');", /dynamic import\(\)/],
  ['require() of a node built-in in core', 'lib/rcan/core/x.ts', "export const fs = require('fs');", /require\(\): .*no Node built-ins/],
  ['core importing rcan/node', 'lib/rcan/core/x.ts', "import { runApply } from '../node/apply-command';\nexport const x = runApply;", /must not import lib\/rcan\/browser or lib\/rcan\/node/],
  ['core importing rcan/browser by index', 'lib/rcan/core/x.ts', "export { x } from '../browser';", /must not import lib\/rcan\/browser or lib\/rcan\/node/],
  ['core dynamic import() of node code', 'lib/rcan/core/x.ts', "export const p = () => import('../node/cli');", /dynamic import\(\): .*lib\/rcan\/node/],
  ['node:fs in the pipeline', 'lib/rcan/pipeline/x.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;", /no Node built-ins/],
  ['bare path module in the pipeline', 'lib/rcan/pipeline/x.ts', "import path from 'path';\nexport const p = path;", /no Node built-ins/],
  ['dynamic node:os in imaging', 'lib/imaging/x.ts', "export const os = () => import('node:os');", /dynamic import\(\): .*no Node built-ins/],
  ['pipeline importing browser code', 'lib/rcan/pipeline/x.ts', "import { x } from '@/lib/rcan/browser/client';\nexport const y = x;", /lib\/rcan\/browser/],
  ['a backend chosen in core', 'lib/rcan/core/x.ts', "import '@tensorflow/tfjs-backend-wasm';", /pick a tfjs backend/],
  ['React in lib', 'lib/metrics/x.ts', "import { useState } from 'react';\nexport const u = useState;", /never imports app\/, Next or React/],
  ['app imported from lib by dynamic import()', 'lib/wizard/x.ts', "export const p = () => import('@/app/page');", /dynamic import\(\): lib\/ never imports app/],
];

const ALLOWED: [string, string, string][] = [
  ['core using the shared util module', 'lib/rcan/core/x.ts', "import { InputError } from '../../util/errors';\nexport const e = InputError;"],
  ['wizard importing recommend and knowledge', 'lib/wizard/x.ts', "import { recommend } from '../recommend';\nimport type { Tool } from '../knowledge';\nexport const r = recommend;\nexport type T = Tool;"],
  ['node CLI using fs and core', 'lib/rcan/node/x.ts', "import { readFile } from 'node:fs/promises';\nimport { buildRcan } from '../core';\nexport const x = [readFile, buildRcan];"],
  ['pipeline importing core and imaging', 'lib/rcan/pipeline/x.ts', "import { applyTiled } from '../core';\nimport { encodeTiff } from '../../imaging';\nexport const x = [applyTiled, encodeTiff];"],
];

describe('import boundaries (eslint.config.mjs)', () => {
  it.each(FORBIDDEN)('refuses %s', async (_what, file, code, message) => {
    const errors = await boundaryErrors(file, code);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it.each(ALLOWED)('allows %s', async (_what, file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});

describe('React hooks rules (app/)', () => {
  it('reports a hook called conditionally and a missing effect dependency', async () => {
    const code = `import { useEffect, useState } from 'react';
export function A({ on, id }: { on: boolean; id: string }) {
  if (on) useState(0);
  useEffect(() => { console.log(id); }, []);
  return null;
}`;
    const [result] = await eslint.lintText(code, { filePath: 'app/x/y.tsx' });
    const rules = (result?.messages ?? []).map((m) => m.ruleId);
    expect(rules).toContain('react-hooks/rules-of-hooks');
    expect(rules).toContain('react-hooks/exhaustive-deps');
  });
});
