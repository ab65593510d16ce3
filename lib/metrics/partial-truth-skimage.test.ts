// rasterisePolygon selects exactly the pixels skimage.draw.polygon selects (Debian's /usr/bin/python3).
// Skips, saying why, when scikit-image is missing; under CI=true that is a failure (external-tools.ts).
import { describe, expect, it } from 'vitest';
import { hasPythonModules, needs, runPython, skipWithout } from '../../test/helpers/external-tools';
import { seededRandom } from '@/test/helpers/label-grid';
import { rasterisePolygon, type OutlinePoint } from './partial-truth';

const available = hasPythonModules(['skimage', 'numpy']);

interface Case {
  points: OutlinePoint[];
  width: number;
  height: number;
}

/** Hand-picked edge cases and seeded random polygons: freehand-like stars, self-intersecting scribbles, off-plane vertices. */
function cases(): Case[] {
  const rand = seededRandom(11);
  const out: Case[] = [
    // Vertices on pixel centres, on pixel edges, horizontal edges, a degenerate sliver, a triangle.
    { points: [[1, 1], [6, 1], [6, 6], [1, 6]], width: 9, height: 8 },
    { points: [[0.5, 0.5], [5.5, 0.5], [5.5, 4.5], [0.5, 4.5]], width: 8, height: 8 },
    { points: [[1, 2], [7, 2], [4, 2], [4, 7]], width: 9, height: 9 },
    { points: [[1, 1], [8, 2], [4, 8]], width: 10, height: 10 },
    { points: [[2, 2], [9, 9], [9, 2], [2, 9]], width: 12, height: 12 },
    { points: [[-4, -3], [30, -2], [28, 40], [-6, 35]], width: 20, height: 16 },
  ];
  for (let n = 0; n < 40; n++) {
    const width = 16 + Math.floor(rand() * 48);
    const height = 16 + Math.floor(rand() * 48);
    const cx = rand() * width;
    const cy = rand() * height;
    const k = 3 + Math.floor(rand() * 60);
    const star = n % 2 === 0;
    const points: OutlinePoint[] = [];
    for (let i = 0; i < k; i++) {
      if (star) {
        // A lasso: angles in order, jittery radius; every fourth one snapped to the half-pixel grid.
        const a = (2 * Math.PI * i) / k;
        const r = 2 + rand() * Math.min(width, height) * 0.6;
        let x = cx + r * Math.cos(a);
        let y = cy + r * Math.sin(a);
        if (i % 4 === 0) [x, y] = [Math.round(x * 2) / 2, Math.round(y * 2) / 2];
        points.push([x, y]);
      } else {
        points.push([rand() * (width + 10) - 5, rand() * (height + 10) - 5]);
      }
    }
    out.push({ points, width, height });
  }
  return out;
}

describe.skipIf(skipWithout(available, 'python3-skimage'))(`outline rasterisation agrees with skimage.draw.polygon ${needs(available, 'scikit-image')}`, () => {
  it('selects the same pixels for 46 polygons (edge cases, lassos, self-intersecting)', () => {
    const all = cases();
    const script = [
      'import json, sys, numpy as np',
      'from skimage.draw import polygon',
      'out = []',
      'for c in json.loads(sys.argv[1]):',
      '    xs = np.array([p[0] for p in c["points"]], dtype=np.float64)',
      '    ys = np.array([p[1] for p in c["points"]], dtype=np.float64)',
      '    m = np.zeros((c["height"], c["width"]), dtype=np.uint8)',
      '    rr, cc = polygon(ys, xs, (c["height"], c["width"]))',
      '    m[rr, cc] = 1',
      '    out.append("".join(map(str, m.ravel().tolist())))',
      'print(json.dumps(out))',
    ].join('\n');
    const expected = JSON.parse(runPython(script, [JSON.stringify(all)])) as string[];
    let pixelsInside = 0;
    all.forEach((c, i) => {
      const { mask, area } = rasterisePolygon(c.points, c.width, c.height);
      expect(Array.from(mask).join(''), `polygon ${i}: ${JSON.stringify(c.points)}`).toBe(expected[i]);
      expect(area).toBe([...expected[i]!].filter((ch) => ch === '1').length);
      pixelsInside += area;
    });
    // The cases are not trivially empty.
    expect(pixelsInside).toBeGreaterThan(5000);
  });
});
