// Run the `rcan` CLI in-process and collect what it prints (the integration tests' one entry point).
import { main } from '../../lib/rcan/node/cli';
import type { CliIo } from '../../lib/rcan/node/cli-io';

/** What one `rcan` run returned and printed. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `rcan <args>` in this process; stderr is treated as a non-terminal. */
export async function cli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, stderrIsTty: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
