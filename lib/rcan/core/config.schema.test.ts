import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../util/errors';
import { levenshtein, parseRcanConfig, RCAN_CONFIG_KEYS } from './config.schema';

const data = { training_data_dir: { raw: 'train/raw', gt: 'train/gt' } };

function errorOf(json: unknown): ConfigError {
  try {
    parseRcanConfig(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseRcanConfig', () => {
  it('has exactly the 17 keys of the original', () => {
    expect(RCAN_CONFIG_KEYS).toHaveLength(17);
  });

  it('applies the original defaults', () => {
    const config = parseRcanConfig(data);
    expect(config).toMatchObject({
      num_channels: 32,
      num_residual_blocks: 3,
      num_residual_groups: 5,
      channel_reduction: 8,
      epochs: 300,
      steps_per_epoch: 256,
      data_augmentation: true,
      intensity_threshold: 0.25,
      area_ratio_threshold: 0.5,
      initial_learning_rate: 1e-4,
      loss: 'mae',
      metrics: ['psnr'],
    });
    expect(config.input_shape).toBeUndefined();
  });

  it('rejects an unknown key with a did-you-mean and the valid keys', () => {
    const error = errorOf({ ...data, channel_reduction_ratio: 8 });
    expect(error.message).toContain('unknown key "channel_reduction_ratio" — did you mean "channel_reduction"?');
    expect(error.message).toContain('valid keys: training_data_dir, training_image_pairs');
    expect(error.message.startsWith('channel_reduction_ratio: ')).toBe(true);
  });

  it('suggests the closest key for a typo', () => {
    expect(errorOf({ ...data, num_chanels: 8 }).message).toContain('did you mean "num_channels"?');
  });

  it('explains keys the original never had', () => {
    expect(errorOf({ ...data, batch_size: 4 }).message).toContain('batch size is always 1');
  });

  it('reports wrong types with their path', () => {
    const error = errorOf({ ...data, epochs: 'ten', loss: 'l1', input_shape: [16] });
    const lines = error.message.split('\n');
    expect(lines.some((l) => l.startsWith('epochs: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('loss: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('input_shape: '))).toBe(true);
  });

  it('needs training data', () => {
    expect(errorOf({ epochs: 3 }).message).toContain('training data missing');
    expect(parseRcanConfig({ training_image_pairs: [{ raw: 'a.tif', gt: 'b.tif' }] }).training_image_pairs).toHaveLength(1);
  });

  it('rejects a non-object', () => {
    expect(errorOf([1]).message).toContain('got an array');
  });

  it('explains the non-square patch and small-SSIM traps', () => {
    expect(errorOf({ ...data, input_shape: [8, 64, 32] }).message).toContain('Y and X patch sizes must be equal');
    expect(parseRcanConfig({ ...data, input_shape: [8, 64, 32], data_augmentation: false }).input_shape).toEqual([8, 64, 32]);
    expect(errorOf({ ...data, input_shape: [8, 64, 64], metrics: ['ssim'] }).message).toContain('every patch dimension ≥ 11');
  });

  it('rejects channel_reduction above num_channels', () => {
    expect(errorOf({ ...data, num_channels: 4, channel_reduction: 8 }).message).toContain('channel_reduction: must not exceed');
  });

  it('accepts epochs below 4', () => {
    expect(parseRcanConfig({ ...data, epochs: 3 }).epochs).toBe(3);
  });
});

describe('levenshtein', () => {
  it('matches hand-worked distances', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('flaw', 'lawn')).toBe(2);
  });
});
