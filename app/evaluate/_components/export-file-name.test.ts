import { describe, expect, it } from 'vitest';

import { exportFileName } from './export-file-name';

describe('exportFileName', () => {
  it('joins both base names without extensions', () => {
    expect(exportFileName('truth-2d.tif', 'pred 2d (v2).png', 'csv')).toBe('evaluation_truth-2d_vs_pred-2d-v2.csv');
  });

  it('falls back to "image" for names with no usable characters', () => {
    expect(exportFileName('µµ.tif', '', 'json')).toBe('evaluation_image_vs_image.json');
  });
});
