import { describe, expect, it } from 'vitest';
import { extendPath, labelPosition, moveCursor, strokeKind, svgPoints } from './outline-draw';

describe('outline drawing helpers', () => {
  it('a drag spanning a few pixels is an outline; a click or a tiny wobble adds one vertex', () => {
    let path = extendPath([], [10, 10]);
    path = extendPath(path, [10.2, 10.1]); // under half a pixel: dropped
    expect(path).toEqual([[10, 10]]);
    expect(strokeKind(path)).toBe('click');
    expect(strokeKind([[10, 10], [10.5, 11], [11, 10]])).toBe('click');
    path = [[10, 10], [14, 10], [14, 14], [10, 14]];
    expect(strokeKind(path)).toBe('outline');
  });

  it('numbers the outline above its topmost vertex and writes SVG points', () => {
    expect(labelPosition([[5, 29], [2, 23], [8, 23], [4, 32]], 10)).toEqual([2, 20.5]);
    // No room above (the number would leave the image): below the lowest vertex instead.
    expect(labelPosition([[5, 9], [2, 3], [8, 3], [4, 12]], 10)).toEqual([4, 22]);
    expect(svgPoints([[1, 2.5], [3.333, 4]])).toBe('1.00,2.50 3.33,4.00');
  });

  it('moves the keyboard cursor by 1 or 10 px, clamped to the image', () => {
    expect(moveCursor([5, 5], 'ArrowRight', false, 20, 10)).toEqual([6, 5]);
    expect(moveCursor([5, 5], 'ArrowDown', true, 20, 10)).toEqual([5, 9]);
    expect(moveCursor([5, 5], 'ArrowLeft', true, 20, 10)).toEqual([0, 5]);
    expect(moveCursor([5, 5], 'Enter', false, 20, 10)).toBeNull();
  });
});
