import { describe, expect, it } from 'vitest';
import { lrSchedule } from './lr-schedule';

function run(epochs: number, initial = 1e-4): number[] {
  const rates: number[] = [];
  let lr = initial;
  for (let e = 0; e < epochs; e++) {
    lr = lrSchedule(e, lr, epochs);
    rates.push(lr);
  }
  return rates;
}

describe('lrSchedule', () => {
  it('halves at 75, 150 and 225 for 300 epochs (rcan-spec §2.10)', () => {
    const rates = run(300);
    expect(rates[0]).toBe(1e-4);
    expect(rates[74]).toBe(1e-4);
    expect(rates[75]).toBe(5e-5);
    expect(rates[149]).toBe(5e-5);
    expect(rates[150]).toBe(2.5e-5);
    expect(rates[225]).toBe(1.25e-5);
    expect(rates[299]).toBe(1.25e-5);
  });

  it('halves four times for 302 epochs', () => {
    const rates = run(302);
    expect(rates[299]).toBe(1.25e-5);
    expect(rates[300]).toBe(6.25e-6);
    expect(new Set(rates).size).toBe(5);
  });

  it('never halves (and never throws) below 4 epochs', () => {
    expect(run(3)).toEqual([1e-4, 1e-4, 1e-4]);
    expect(run(1)).toEqual([1e-4]);
  });
});
