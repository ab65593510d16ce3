import { describe, expect, it } from 'vitest';

import { defaultWorkerCount } from './default-worker-count';

describe('defaultWorkerCount', () => {
  it('is min(hardwareConcurrency || 2, 4)', () => {
    expect(defaultWorkerCount(1)).toBe(1);
    expect(defaultWorkerCount(3)).toBe(3);
    expect(defaultWorkerCount(16)).toBe(4);
    expect(defaultWorkerCount(0)).toBe(2);
    expect(defaultWorkerCount(undefined)).toBe(2);
  });
});
