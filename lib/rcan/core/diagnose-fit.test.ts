import { describe, expect, it } from 'vitest';
import { diagnoseFit, lossCurveSvg, type LossPoint } from './diagnose-fit';

const run = (train: number[], val?: number[]): LossPoint[] => train.map((t, i) => ({ epoch: i + 1, train: t, ...(val ? { val: val[i]! } : {}) }));

describe('diagnoseFit (Fig. 9.6)', () => {
  it('names each behaviour with its rule and the book section', () => {
    expect(diagnoseFit(run([1, 0.9])).verdict).toBe('too-early');
    expect(diagnoseFit(run([1, 0.8, 0.6, 0.5, 0.4, 0.3], [1, 0.85, 0.65, 0.55, 0.45, 0.35])).verdict).toBe('still-improving');
    const over = diagnoseFit(run([1, 0.6, 0.4, 0.3, 0.2, 0.1], [1, 0.6, 0.5, 0.55, 0.6, 0.7]));
    expect(over.verdict).toBe('overfitting');
    expect(over.summary).toMatch(/40% above its best \(epoch 3\)/);
    expect(over.advice).toMatch(/epoch 3/);
    expect(diagnoseFit(run([1, 0.95, 0.93, 0.92, 0.92, 0.92], [1, 0.96, 0.94, 0.93, 0.93, 0.93])).verdict).toBe('underfitting');
    const good = diagnoseFit(run([1, 0.5, 0.3, 0.25, 0.25, 0.25], [1, 0.55, 0.33, 0.28, 0.28, 0.28]));
    expect(good.verdict).toBe('good-fit');
    expect(good.book.url).toBe('https://bioimagingai.janelia.org/9-train-models.html#sec-9.3.5.4');
    // without validation: judged on the training loss, never "overfitting"
    expect(diagnoseFit(run([1, 0.5, 0.3, 0.25, 0.25, 0.25])).verdict).toBe('good-fit');
  });

  it('draws both curves and the diagnosis into a standalone SVG', () => {
    const svg = lossCurveSvg(run([1, 0.6, 0.4, 0.3, 0.2, 0.1], [1, 0.6, 0.5, 0.55, 0.6, 0.7]));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<polyline[^>]*points="([^"]+)"/)![1]!.split(' ')).toHaveLength(6);
    expect(svg).toMatch(/Overfitting/);
    expect(svg).not.toMatch(/<script|href=/);
    expect(lossCurveSvg(run([1, 0.5, 0.4])).match(/<polyline/g)).toHaveLength(1);
  });
});
