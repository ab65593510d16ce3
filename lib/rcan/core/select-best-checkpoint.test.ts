import { describe, expect, it } from 'vitest';
import { checkpointLoss, checkpointName, selectBestCheckpoint } from './select-best-checkpoint';

describe('selectBestCheckpoint', () => {
  it('picks the lowest loss, folders or .hdf5 files', () => {
    expect(selectBestCheckpoint(['weights_001_0.50000000', 'weights_002_0.25000000', 'weights_010_0.30000000'])).toBe('weights_002_0.25000000');
    expect(selectBestCheckpoint(['weights_003_0.1.hdf5', 'weights_004_0.09.hdf5'])).toBe('weights_004_0.09.hdf5');
  });

  it('treats non-matching names as +inf but still picks one when alone', () => {
    expect(selectBestCheckpoint(['model.hdf5'])).toBe('model.hdf5');
    expect(selectBestCheckpoint(['model.hdf5', 'weights_001_9.5'])).toBe('weights_001_9.5');
    expect(checkpointLoss('weights_x_0.1')).toBe(Infinity);
    expect(checkpointLoss('weights_001_-0.5')).toBe(-0.5);
    expect(selectBestCheckpoint([])).toBeUndefined();
  });

  it('compares numerically, not as text', () => {
    expect(selectBestCheckpoint(['weights_001_10.0', 'weights_002_9.0'])).toBe('weights_002_9.0');
  });
});

describe('checkpointName', () => {
  it('formats like weights_{epoch:03d}_{loss:.8f}', () => {
    expect(checkpointName(12, 0.02345678)).toBe('weights_012_0.02345678');
    expect(checkpointName(1234, 1)).toBe('weights_1234_1.00000000');
    expect(checkpointName(0, Infinity)).toBe('weights_000_inf');
  });
});
