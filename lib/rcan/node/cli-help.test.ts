import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `rcan --help` and every `rcan <command> --help` must answer without loading TensorFlow.js (or
// onnxruntime, h5wasm): those imports alone take seconds. A child process registers a module hook
// that refuses them, then runs the CLI; loading any of them turns into an error and exit code 1.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const HEAVY = ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', 'onnxruntime-node', 'h5wasm'];

const hook = `
const heavy = ${JSON.stringify(HEAVY)};
export async function resolve(specifier, context, next) {
  if (heavy.some((h) => specifier === h || specifier.startsWith(h + '/'))) throw new Error('help loaded ' + specifier);
  return next(specifier, context);
}`;

const child = (args: string[], guard = true) => `
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';
registerTsx();
${guard ? `register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));` : ''}
const { main } = await import(${JSON.stringify(new URL('./cli.ts', import.meta.url).href)});
const lines = [];
const code = await main(${JSON.stringify(args)}, { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) });
console.log(JSON.stringify({ code, text: lines.join('') }));
`;

function run(args: string[], guard = true): { code: number; text: string } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', child(args, guard)], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { code: number; text: string };
}

describe('rcan help loads no TensorFlow.js', () => {
  it('rcan --help lists the commands', () => {
    const { code, text } = run(['--help']);
    expect(code).toBe(0);
    expect(text).toMatch(/usage: rcan <command>/);
    for (const name of ['init', 'apply', 'info', 'export']) expect(text).toContain(`  ${name} `);
  });

  it.each(['init', 'apply', 'info', 'train', 'import', 'export', 'classical'])('rcan %s --help', (name) => {
    const { code, text } = run([name, '--help']);
    expect(text).toContain(`usage: rcan ${name}`);
    expect(code).toBe(0);
  });

  it('the guard works: a command that needs tfjs fails under it', () => {
    const { code, text } = run(['info', 'no-such-model']);
    expect(code).toBe(1);
    expect(text).toContain('help loaded @tensorflow/tfjs');
  });
});
