import { describe, expect, it } from 'vitest';

import { OVERLAY_PALETTE, paintOverlay } from './paint-overlay';

describe('paintOverlay', () => {
  it('paints the requested slice with the palette, opaque', () => {
    // Two 1×2 slices: slice 1 holds FN then TP.
    const rgba = paintOverlay(new Uint8Array([0, 2, 3, 1]), [2, 1, 2], 1);
    expect([...rgba]).toEqual([...OVERLAY_PALETTE.fn, 255, ...OVERLAY_PALETTE.tp, 255]);
  });

  it('uses colours that differ for each class', () => {
    const keys = Object.values(OVERLAY_PALETTE).map((c) => c.join());
    expect(new Set(keys).size).toBe(4);
  });

  it('refuses a slice outside the volume', () => {
    expect(() => paintOverlay(new Uint8Array(4), [2, 1, 2], 2)).toThrow(/slice must be an integer in \[0, 1\], got 2/);
  });
});
