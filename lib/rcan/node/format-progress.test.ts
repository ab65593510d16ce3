import { describe, expect, it } from 'vitest';
import { formatProgress, formatSeconds } from './format-progress';

describe('formatSeconds', () => {
  it('formats seconds, minutes and hours', () => {
    expect(formatSeconds(4.4)).toBe('4s');
    expect(formatSeconds(75)).toBe('1m15s');
    expect(formatSeconds(3700)).toBe('1h01m');
    expect(formatSeconds(Number.NaN)).toBe('?');
  });
});

describe('formatProgress', () => {
  it('prints about every 10% when stderr is not a terminal, always the last block', () => {
    const lines: string[] = [];
    const report = formatProgress({ stdout: () => {}, stderr: (t) => lines.push(t), stderrIsTty: false }, 'a.tif');
    for (let done = 1; done <= 40; done++) report({ done, total: 40 });
    expect(lines.length).toBe(11);
    expect(lines.at(-1)).toMatch(/^a\.tif: block 40\/40 \(100%\), .* ETA 0s\n$/);
  });

  it('redraws one line on a terminal', () => {
    const chunks: string[] = [];
    const report = formatProgress({ stdout: () => {}, stderr: (t) => chunks.push(t), stderrIsTty: true }, 'x');
    report({ done: 1, total: 2 });
    report({ done: 2, total: 2 });
    expect(chunks[0]!.startsWith('\r')).toBe(true);
    expect(chunks[1]!.endsWith('\n')).toBe(true);
  });
});
