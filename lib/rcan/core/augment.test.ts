import { describe, expect, it } from 'vitest';
import { augment, drawAugmentTransform, flip, rot90 } from './augment';
import { createRandom } from './create-random';

const image2d = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [2, 3] };
const volume = { data: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), shape: [2, 2, 2] };

describe('rot90 (numpy.rot90 on the last two axes)', () => {
  // Expected values worked by hand from numpy's definition: rot90 k=1 = flip X, then transpose.
  it('rotates a 2x3 image', () => {
    expect(rot90(image2d, 1)).toEqual({ data: Float32Array.from([3, 6, 2, 5, 1, 4]), shape: [3, 2] });
    expect(rot90(image2d, 2)).toEqual({ data: Float32Array.from([6, 5, 4, 3, 2, 1]), shape: [2, 3] });
    expect(rot90(image2d, 3)).toEqual({ data: Float32Array.from([4, 1, 5, 2, 6, 3]), shape: [3, 2] });
    expect(rot90(image2d, 4)).toEqual(image2d);
  });

  it('rotates every Z slice of a volume in Y–X', () => {
    expect(Array.from(rot90(volume, 1).data)).toEqual([1, 3, 0, 2, 5, 7, 4, 6]);
  });
});

describe('flip', () => {
  it('flips X of an image and Y or Z of a volume', () => {
    expect(Array.from(flip(image2d, 1).data)).toEqual([3, 2, 1, 6, 5, 4]);
    expect(Array.from(flip(volume, 1).data)).toEqual([2, 3, 0, 1, 6, 7, 4, 5]);
    expect(Array.from(flip(volume, 0).data)).toEqual([4, 5, 6, 7, 0, 1, 2, 3]);
  });
});

describe('augment', () => {
  it('applies rotation, then the Y flip, then the Z flip (3D)', () => {
    // rot90 → [[1,3],[0,2]],[[5,7],[4,6]]; flip Y → [[0,2],[1,3]],…; flip Z swaps the two slices.
    const out = augment(volume, { k: 1, flipInPlane: true, flipZ: true });
    expect(Array.from(out.data)).toEqual([4, 6, 5, 7, 0, 2, 1, 3]);
  });

  it('applies rotation, then the X flip (2D)', () => {
    // rot90 → [[3,6],[2,5],[1,4]]; fliplr → [[6,3],[5,2],[4,1]].
    const out = augment(image2d, { k: 1, flipInPlane: true, flipZ: false });
    expect(out).toEqual({ data: Float32Array.from([6, 3, 5, 2, 4, 1]), shape: [3, 2] });
  });

  it('draws all 16 (3D) and 8 (2D) combinations', () => {
    const random = createRandom(7);
    const seen3 = new Set<string>();
    const seen2 = new Set<string>();
    for (let i = 0; i < 400; i++) {
      seen3.add(JSON.stringify(drawAugmentTransform(3, random)));
      seen2.add(JSON.stringify(drawAugmentTransform(2, random)));
    }
    expect(seen3.size).toBe(16);
    expect(seen2.size).toBe(8);
    expect([...seen2].every((s) => s.includes('"flipZ":false'))).toBe(true);
  });
});
