import { describe, expect, it } from 'vitest';

import { parseSettings } from './parse-settings';

const base = { mode: 'auto', iou: '0.5', voxel: ['', '', ''], matching: 'optimal', components: true, hausdorff: true } as const;

describe('parseSettings', () => {
  it('passes the defaults through with no voxel size', () => {
    expect(parseSettings({ ...base, voxel: ['', '', ''] })).toEqual({ options: { mode: 'auto', iouThreshold: 0.5, matching: 'optimal', voxelSize: undefined, components: true, hausdorff: true } });
  });

  it('reads a voxel size and fills an empty z with 1', () => {
    expect(parseSettings({ ...base, voxel: ['', '0.2', '0.1'] })).toEqual({ options: expect.objectContaining({ voxelSize: [1, 0.2, 0.1] }) });
  });

  it('rejects an IoU threshold outside (0, 1]', () => {
    expect(parseSettings({ ...base, iou: '0', voxel: ['', '', ''] })).toEqual({ error: 'the IoU threshold must be a number above 0 and at most 1, got "0"' });
    expect(parseSettings({ ...base, iou: '1.5', voxel: ['', '', ''] })).toHaveProperty('error');
  });

  it('names the axis of a bad or missing voxel size', () => {
    const r = parseSettings({ ...base, voxel: ['2', '', '0.1'] });
    expect(r).toHaveProperty('error');
    expect((r as { error: string }).error).toMatch(/^voxel size y must be a positive number, got ""/);
    expect((parseSettings({ ...base, voxel: ['1', '-1', '1'] }) as { error: string }).error).toMatch(/^voxel size y/);
  });
});
