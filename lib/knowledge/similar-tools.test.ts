import { describe, expect, it } from 'vitest';

import { makeTool } from '@/test/helpers/make-tool';

import { jaccard, similarTools, toolSimilarity } from './similar-tools';

describe('jaccard', () => {
  it('matches hand-worked values', () => {
    expect(jaccard(['a', 'b'], ['b', 'c'])).toBeCloseTo(1 / 3);
    expect(jaccard(['a'], ['a'])).toBe(1);
    expect(jaccard(['a'], ['b'])).toBe(0);
    expect(jaccard([], [])).toBe(1);
  });
});

describe('toolSimilarity', () => {
  it('weights tasks 4, categories 2, the rest 1 each (total 10)', () => {
    const a = makeTool('a', { tasks: ['denoising', 'deconvolution'], categories: ['pretrained-dl'], dimensionality: ['2d', '3d'], interfaces: ['plugin'], coding: 'none', gpu: 'optional' });
    const b = makeTool('b', { tasks: ['denoising'], categories: ['finetuned-dl'], dimensionality: ['3d'], interfaces: ['plugin'], coding: 'scripting', gpu: 'optional' });
    // tasks 1/2·4 = 2; categories 0; dims 1/2·1 = 0.5; interfaces 1; coding 0; gpu 1 → 4.5 / 10.
    expect(toolSimilarity(a, b)).toBeCloseTo(0.45);
    expect(toolSimilarity(b, a)).toBeCloseTo(0.45);
    expect(toolSimilarity(a, a)).toBe(1);
  });
});

describe('similarTools', () => {
  const base = makeTool('base', { tasks: ['denoising'], categories: ['pretrained-dl'], interfaces: ['plugin'] });
  const twin = makeTool('twin', { tasks: ['denoising'], categories: ['pretrained-dl'], interfaces: ['plugin'] });
  const twin2 = makeTool('aaa-twin', { tasks: ['denoising'], categories: ['pretrained-dl'], interfaces: ['plugin'] });
  const cousin = makeTool('cousin', { tasks: ['denoising'], categories: ['classical'], interfaces: ['cli'] });
  const stranger = makeTool('stranger', { tasks: ['tracking'], categories: ['pretrained-dl'], interfaces: ['plugin'] });

  it('ranks by score, breaks ties by id, leaves out itself and tools sharing no task', () => {
    const result = similarTools(base, [stranger, cousin, twin, base, twin2]);
    expect(result.map((r) => r.tool.id)).toEqual(['aaa-twin', 'twin', 'cousin']);
    expect(result[0]!.score).toBe(1);
    // cousin: tasks 4 + dims 1 + coding 1 + gpu 1 = 7 of 10.
    expect(result[2]!.score).toBe(0.7);
    expect(result[2]!.sharedTasks).toEqual(['denoising']);
  });

  it('respects limit and minScore', () => {
    expect(similarTools(base, [cousin, twin, twin2], { limit: 1 }).map((r) => r.tool.id)).toEqual(['aaa-twin']);
    expect(similarTools(base, [cousin, twin], { minScore: 0.8 }).map((r) => r.tool.id)).toEqual(['twin']);
  });
});
