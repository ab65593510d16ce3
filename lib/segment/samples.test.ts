import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '@/lib/imaging';
import { bundledSampleFiles, bundledSamples } from './samples';

describe('bundled /try samples', () => {
  it.each(bundledSampleFiles().map((f) => [f.name, f] as const))('public/samples/try/%s is what the seeded generator makes', (name, file) => {
    const shipped = new Uint8Array(readFileSync(`public/samples/try/${name}`));
    expect(shipped.length, 'rerun npx tsx scripts/make-try-samples.ts').toBe(file.bytes.length);
    expect(Buffer.compare(Buffer.from(shipped), Buffer.from(file.bytes)), 'rerun npx tsx scripts/make-try-samples.ts').toBe(0);
  });

  it('decode to the generator’s pixels and stay small (< 200 kB each)', () => {
    for (const s of bundledSamples()) {
      const bytes = new Uint8Array(readFileSync(`public/samples/try/${s.id}.tif`));
      expect(bytes.length).toBeLessThan(200_000);
      const v = decodeImage(bytes, { name: `${s.id}.tif` });
      expect([...v.shape]).toEqual([...s.shape]);
      expect(v.data).toEqual(s.image);
    }
  });
});
