import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_AGE_BANDS,
  campaignAgeBand,
  conversionFigure,
  previousOutcome,
  PREVIOUS_OUTCOMES,
  wilsonInterval,
  Z_95,
} from './conversion';

describe('wilsonInterval (95 %, no continuity correction)', () => {
  // R. G. Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
  // methods", Statistics in Medicine 17 (1998) 857–872, Table II, method 3 (score), to 4 decimals.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i → %f to %f as Newcombe (1998) tabulates', (successes, trials, low, high) => {
    const interval = wilsonInterval(successes, trials)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  // Computed independently with python3 3.x: z = statistics.NormalDist().inv_cdf(0.975) and the bounds as
  // the roots of (p − π)² = z²·π(1 − π)/n, i.e. ((2p + z²/n) ∓ √((2p + z²/n)² − 4(1 + z²/n)p²)) / (2(1 + z²/n)).
  it.each([
    [81, 263, 0.2552885198782742, 0.3662095769828002],
    [5289, 45211, 0.11405468024851961, 0.11998001095919102],
    [978, 1511, 0.6228150852664702, 0.6709450289744174],
    [207, 809, 0.22700585470841964, 0.28704452287310367],
    [29, 29, 0.8830302015002593, 1],
    [1, 1, 0.2065493143772375, 1],
    [0, 1, 0, 0.7934506856227626],
  ])('%i of %i → [%f, %f] to 12 decimals (python3)', (successes, trials, low, high) => {
    const interval = wilsonInterval(successes, trials)!;
    expect(interval.low).toBeCloseTo(low, 12);
    expect(interval.high).toBeCloseTo(high, 12);
  });

  it('uses the 97.5 % normal quantile', () => {
    expect(Z_95).toBeCloseTo(1.959964, 6);
  });

  it('is exactly 0 at no successes and 1 at all, and contains the rate', () => {
    expect(wilsonInterval(0, 45_211)!.low).toBe(0);
    expect(wilsonInterval(45_211, 45_211)!.high).toBe(1);
    for (const [x, n] of [[1, 2], [3, 1000], [999, 1000], [5289, 45211]] as const) {
      const { low, high } = wilsonInterval(x, n)!;
      expect(low).toBeLessThan(x / n);
      expect(high).toBeGreaterThan(x / n);
    }
  });

  it('has no interval for an empty group and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});

describe('conversionFigure', () => {
  it('gives the rate and its interval, or nulls for an empty group', () => {
    expect(conversionFigure(5289, 45_211)).toEqual({
      customers: 45_211,
      converted: 5289,
      rate: 5289 / 45_211,
      interval: wilsonInterval(5289, 45_211),
    });
    expect(conversionFigure(0, 0)).toEqual({ customers: 0, converted: 0, rate: null, interval: null });
    expect(conversionFigure(0, 10)).toMatchObject({ rate: 0, interval: { low: 0 } });
  });
});

describe('campaign age bands', () => {
  it.each([
    [0, '<25'],
    [24, '<25'],
    [25, '25-34'],
    [34, '25-34'],
    [35, '35-44'],
    [44, '35-44'],
    [45, '45-54'],
    [54, '45-54'],
    [55, '55-64'],
    [64, '55-64'],
    [65, '65+'],
    [95, '65+'],
  ] as const)('age %i is in band %s', (age, band) => {
    expect(campaignAgeBand(age)).toBe(band);
  });

  it('has no band without an age', () => {
    expect(campaignAgeBand(null)).toBeNull();
    expect(CAMPAIGN_AGE_BANDS).toHaveLength(6);
  });
});

describe('previousOutcome', () => {
  it('is the furthest event reached, or none', () => {
    expect(previousOutcome([])).toBe('none');
    expect(previousOutcome(['contacted'])).toBe('contacted');
    expect(previousOutcome(['contacted', 'opted_out'])).toBe('opted_out');
    expect(previousOutcome(['opted_out', 'responded', 'contacted'])).toBe('responded');
    expect(previousOutcome(['offer_redeemed', 'responded'])).toBe('offer_redeemed');
    expect(PREVIOUS_OUTCOMES[0]).toBe('none');
  });
});
