import { describe, expect, it } from 'vitest';
import { paintDisc, paintSlice, SCRIBBLE_COLOURS, sizeHistogram } from './paint-overlay';

describe('/try canvas painting', () => {
  it('draws outlines only on object borders and scribbles on top', () => {
    const w = 5, h = 5;
    const grey = new Uint8Array(25).fill(100);
    const labels = new Int32Array(25);
    for (let y = 1; y <= 3; y++) for (let x = 1; x <= 3; x++) labels[y * w + x] = 1;
    const scribbles = new Uint8Array(25);
    scribbles[0] = 2;
    const out = new Uint8ClampedArray(100);
    paintSlice(out, w, h, 0, grey, labels, scribbles, null);
    const px = (i: number) => [out[i * 4], out[i * 4 + 1], out[i * 4 + 2]];
    expect(px(12)).toEqual([100, 100, 100]); // the object's centre is not an outline
    expect(px(6)).not.toEqual([100, 100, 100]); // its corner is
    expect(px(0)).toEqual(SCRIBBLE_COLOURS[2]);
  });

  it('paints a disc in the chosen slice only and reports changes', () => {
    const s = new Uint8Array(2 * 9 * 9);
    expect(paintDisc(s, 9, 9, 1, 4, 4, 2, 1)).toBe(true);
    expect(s.subarray(0, 81).every((v) => v === 0)).toBe(true);
    expect(s.subarray(81).filter((v) => v === 1).length).toBe(13);
    expect(paintDisc(s, 9, 9, 1, 4, 4, 2, 1)).toBe(false);
  });

  it('bins object sizes', () => {
    const { edges, counts } = sizeHistogram(Int32Array.of(10, 20, 30, 40), 3);
    expect(edges).toEqual([10, 20, 30, 40]);
    expect(counts).toEqual([1, 1, 2]);
  });
});
