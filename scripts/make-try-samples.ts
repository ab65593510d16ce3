// Write the /try samples to public/samples/try/ (npx tsx scripts/make-try-samples.ts). They are made
// by lib/segment/samples.ts from lib/synth with fixed seeds; a test checks the files still match.
import { mkdirSync, writeFileSync } from 'node:fs';
import { bundledSampleFiles } from '../lib/segment/samples';

const dir = 'public/samples/try';
mkdirSync(dir, { recursive: true });
for (const { name, bytes } of bundledSampleFiles()) {
  writeFileSync(`${dir}/${name}`, bytes);
  console.log(`${dir}/${name}  ${bytes.length} bytes`);
}
