import { describe, expect, it } from 'vitest';

import { createVolume, hyperstackChannel, normalizeUnit, stackChannels } from './volume';

describe('createVolume', () => {
  it('infers dtype and ndim and treats a 2D shape as z = 1', () => {
    const v = createVolume(new Uint16Array(6), [2, 3]);
    expect(v).toMatchObject({ shape: [1, 2, 3], ndim: 2, dtype: 'uint16' });
    expect(createVolume(new Float32Array(6), [1, 2, 3]).ndim).toBe(3);
  });

  it('rejects a length that does not match the shape, and foreign array types', () => {
    expect(() => createVolume(new Uint8Array(5), [2, 3])).toThrow(/needs 6 samples, got 5/);
    expect(() => createVolume(new Int16Array(6) as unknown as Uint8Array, [2, 3])).toThrow(TypeError);
    expect(() => createVolume(new Uint8Array(6), [2, 3, 1], { ndim: 2 })).toThrow(/2D volume must have z = 1/);
  });
});

describe('stackChannels and hyperstackChannel', () => {
  it('interleaves channels per slice in Z, C, Y, X order and splits them back', () => {
    const a = createVolume(new Uint8Array([1, 2, 3, 4]), [2, 1, 2]);
    const b = createVolume(new Uint8Array([5, 6, 7, 8]), [2, 1, 2]);
    const stack = stackChannels([a, b], ['Raw', 'Restored']);
    expect(stack.shape).toEqual([2, 2, 1, 2]);
    // slice 0: a0 a1 b0 b1, slice 1: a2 a3 b2 b3
    expect(Array.from(stack.data)).toEqual([1, 2, 5, 6, 3, 4, 7, 8]);
    expect(Array.from(hyperstackChannel(stack, 1).data)).toEqual([5, 6, 7, 8]);
    expect(() => hyperstackChannel(stack, 2)).toThrow(RangeError);
  });

  it('refuses channels that differ in shape or dtype', () => {
    const a = createVolume(new Uint8Array(4), [2, 2]);
    expect(() => stackChannels([a, createVolume(new Uint16Array(4), [2, 2])])).toThrow(/channel 1 is uint16/);
    expect(() => stackChannels([])).toThrow(RangeError);
  });
});

describe('normalizeUnit', () => {
  it('maps ImageJ spellings of micrometre to µm and leaves others', () => {
    expect(['micron', 'um', '\\u00B5m', 'µm'].map(normalizeUnit)).toEqual(['µm', 'µm', 'µm', 'µm']);
    expect(normalizeUnit('nm')).toBe('nm');
  });
});
