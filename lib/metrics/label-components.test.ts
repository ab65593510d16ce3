import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { skipWithout } from '../../test/helpers/external-tools';
import { labelGrid, labelStack, seededRandom } from '@/test/helpers/label-grid';
import { labelComponents } from './label-components';

describe('labelComponents', () => {
  it('numbers 4-connected components in raster order', () => {
    const mask = labelGrid(['1100011', '0100001', '0001000', '1111001']);
    // (2,3) starts component 3, and the bottom row joins it through (3,3); (3,6) is cut off from
    // component 2 by the gap at (2,6). Diagonal contact does not connect.
    expect([...labelComponents(mask).data]).toEqual([
      1, 1, 0, 0, 0, 2, 2,
      0, 1, 0, 0, 0, 0, 2,
      0, 0, 0, 3, 0, 0, 0,
      3, 3, 3, 3, 0, 0, 4,
    ]);
  });

  it('joins a U shape whose arms meet only at the bottom', () => {
    const mask = labelGrid(['1001', '1001', '1111']);
    expect(new Set(labelComponents(mask).data)).toEqual(new Set([0, 1]));
  });

  it('connects through z in 3D', () => {
    // The pixel at (1,1,1) starts its own component, which the last slice then joins to the first.
    const joined = labelStack([['10', '00'], ['10', '01'], ['11', '01']]);
    expect([...labelComponents(joined).data]).toEqual([1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 1]);
    const apart = labelStack([['10', '00'], ['10', '01'], ['10', '01']]);
    expect([...labelComponents(apart).data]).toEqual([1, 0, 0, 0, 1, 0, 0, 2, 1, 0, 0, 2]);
  });

  const probe = spawnSync('/usr/bin/python3', ['-c', 'import scipy'], { encoding: 'utf8' });
  it.skipIf(skipWithout(probe.status === 0, 'python3-scipy'))(
    `counts the same components as scipy.ndimage.label on a random 3D mask${probe.status !== 0 ? ' (skipped: /usr/bin/python3 with scipy not found)' : ''}`,
    () => {
      const rand = seededRandom(4);
      const shape = [6, 15, 17];
      const data = Uint8Array.from({ length: 6 * 15 * 17 }, () => (rand() < 0.45 ? 1 : 0));
      const ours = labelComponents({ data, shape });
      const script = `import numpy as np, json, sys\nfrom scipy import ndimage\na = np.array(json.loads(sys.stdin.read()), dtype=np.uint8).reshape(${JSON.stringify(shape)})\nl, n = ndimage.label(a)\nprint(json.dumps({'n': int(n), 'labels': l.ravel().tolist()}))`;
      const run = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify([...data]), encoding: 'utf8' });
      const ref = JSON.parse(run.stdout) as { n: number; labels: number[] };
      expect(Math.max(...ours.data)).toBe(ref.n);
      // scipy also numbers components in raster order of first pixel.
      expect([...ours.data]).toEqual(ref.labels);
    },
  );
});
