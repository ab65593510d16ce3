// Checks that cannot go quietly green: under CI=true a missing interop tool fails the run; locally it
// skips with its reason in the title. Runs vitest on a probe file in a child process both ways.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(process.cwd(), 'test', 'integration', '.strict-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const probe = path.join(dir, 'probe.test.ts');
writeFileSync(probe, `import { describe, expect, it } from 'vitest';
import { needs, skipWithout } from '@/test/helpers/external-tools';
describe.skipIf(skipWithout(false, 'no-such-tool'))(\`interop group \${needs(false, 'no-such-tool')}\`, () => {
  it('would compare with the tool', () => expect(1).toBe(1));
});
`);

function runProbe(ci: string | undefined) {
  const env = { ...process.env };
  delete env.CI;
  if (ci !== undefined) env.CI = ci;
  return spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', path.relative(process.cwd(), probe)], { encoding: 'utf8', env, timeout: 120_000 });
}

describe('external tools under CI', () => {
  it('CI=true: a missing tool fails the run and names the tool', () => {
    const r = runProbe('true');
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/no-such-tool is not available, and under CI=true an interoperability test may not skip/);
  });

  it('without CI: the group skips and its title names the reason', () => {
    const r = runProbe(undefined);
    expect(r.status).toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/1 skipped/);
  });
});
