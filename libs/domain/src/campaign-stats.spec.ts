import { describe, expect, it } from 'vitest';
import {
  chiSquare1dfP,
  complaintsPer100m,
  complaintsPer1000,
  costPerAcquisition,
  erfc,
  goalProgress,
  incrementalSales,
  normalCdf,
  rateOrNull,
  roi,
  sampleRatioCheck,
  twoSidedP,
  uplift,
} from './campaign-stats';
import { annualisedPremium } from './compliance-metrics';
import { Z_95 } from './conversion';

/** |actual − expected| ≤ rel·|expected| (a relative error; tails are tiny numbers, so digits after the point say nothing). */
function expectRelative(actual: number, expected: number, rel: number): void {
  if (expected === 0) {
    expect(actual).toBe(0);
    return;
  }
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rel);
}

describe('normal and chi-square tails', () => {
  // scipy 1.17.1:
  //   python3 -c "from scipy import stats; [print(z, repr(float(stats.norm.cdf(z))), repr(float(2*stats.norm.sf(abs(z))))) for z in [-8,-6,-5,-3.5,-2.5,-1.959963984540054,-1,-0.5,0,0.3,1,1.5,2.5,3.5,5,8]]"
  it.each([
    [-8, 6.22096057427174e-16, 1.244192114854348e-15],
    [-6, 9.865876450376946e-10, 1.973175290075389e-9],
    [-5, 2.866515718791933e-7, 5.733031437583866e-7],
    [-3.5, 0.00023262907903552502, 0.00046525815807105003],
    [-2.5, 0.006209665325776132, 0.012419330651552265],
    [-1.959963984540054, 0.025, 0.05],
    [-1, 0.15865525393145707, 0.31731050786291415],
    [-0.5, 0.3085375387259869, 0.6170750774519738],
    [0, 0.5, 1],
    [0.3, 0.6179114221889526, 0.7641771556220948],
    [1, 0.8413447460685429, 0.31731050786291415],
    [1.5, 0.9331927987311419, 0.13361440253771614],
    [2.5, 0.9937903346742238, 0.012419330651552265],
    [3.5, 0.9997673709209645, 0.00046525815807105003],
    [5, 0.9999997133484281, 5.733031437583866e-7],
    [8, 0.9999999999999993, 1.244192114854348e-15],
  ])('z = %f: Φ(z) and the two-sided p match scipy to 1e-12 relative', (z, cdf, p) => {
    expectRelative(normalCdf(z), cdf, 1e-12);
    expectRelative(twoSidedP(z), p, 1e-12);
  });

  it('Φ(0) is exactly one half and the two-sided p at 0 is exactly 1', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(-0)).toBe(1);
  });

  it('the two-sided p at Z_95 is 0.05', () => {
    expectRelative(twoSidedP(Z_95), 0.05, 1e-12);
    expectRelative(twoSidedP(-Z_95), 0.05, 1e-12);
  });

  it('the far tails stay positive and ordered where 1 − Φ would round to 0', () => {
    expect(twoSidedP(10)).toBeGreaterThan(0);
    expect(twoSidedP(10)).toBeLessThan(twoSidedP(9));
    expect(normalCdf(-30)).toBeGreaterThan(0);
    expect(normalCdf(40)).toBe(1);
    expect(twoSidedP(40)).toBe(0);
  });

  // scipy 1.17.1: python3 -c "from scipy import special; print(repr(float(special.erfc(x))))" for each x.
  it.each([
    [-2, 1.9953222650189528],
    [0.1, 0.8875370839817152],
    [1.4999, 0.033906748337704726],
    [1.5, 0.03389485352468927],
    [3, 2.2090496998585445e-5],
    [10, 2.0884875837625446e-45],
    [26, 5.663192408856145e-296],
  ])('erfc(%f) matches scipy.special.erfc to 1e-12 relative (both sides of the series / continued-fraction switch)', (x, expected) => {
    expectRelative(erfc(x), expected, 1e-12);
  });

  // scipy 1.17.1: python3 -c "from scipy import stats; print(repr(float(stats.chi2.sf(x, 1))))" for each x.
  it.each([
    [0, 1],
    [0.5, 0.47950012218695337],
    [3.841458820694124, 0.04999999999999989],
    [10, 0.001565402258002549],
    [50, 1.537459794428033e-12],
    [100, 1.5239706048320995e-23],
  ])('P(χ²₁ ≥ %f) matches scipy.stats.chi2.sf to 1e-12 relative', (x, expected) => {
    expectRelative(chiSquare1dfP(x), expected, 1e-12);
  });

  it('a negative chi-square statistic is a programming error', () => {
    expect(() => chiSquare1dfP(-1)).toThrow(RangeError);
    expect(() => chiSquare1dfP(Number.NaN)).toThrow(RangeError);
  });
});

describe('uplift (treatment vs holdout)', () => {
  // R. G. Newcombe, "Interval estimation for the difference between independent proportions: comparison of
  // eleven methods", Statistics in Medicine 17 (1998) 873–890, Table II, method 1 (simple asymptotic,
  // no continuity correction), to 4 decimals.
  it.each([
    [56, 70, 48, 80, 0.0575, 0.3425],
    [9, 10, 3, 10, 0.2605, 0.9395],
    [6, 7, 2, 7, 0.1481, 0.9947],
    [5, 56, 0, 29, 0.0146, 0.164],
  ])('%i/%i vs %i/%i → [%f, %f] as Newcombe (1998) tabulates', (tc, tn, hc, hn, low, high) => {
    const lift = uplift(tc, tn, hc, hn)!;
    expect(lift.low).toBeCloseTo(low, 4);
    expect(lift.high).toBeCloseTo(high, 4);
  });

  // Interval: scipy 1.17.1, d ± stats.norm.ppf(0.975)·√(pT(1−pT)/nT + pH(1−pH)/nH).
  // p-value: scipy 1.17.1 Pearson chi-square without Yates on the 2×2 table (= R prop.test(correct = FALSE)):
  //   python3 -c "import numpy as np; from scipy import stats; \
  //     print(stats.chi2_contingency(np.array([[tc, tn-tc], [hc, hn-hc]]), correction=False).pvalue)"
  it.each([
    // large sample: 12 % vs 10 %
    [1200, 10000, 100, 1000, 0.01999999999999999, 0.00034555777924487677, 0.03965444222075511, 0.0617669134395531],
    // just significant: 15 % vs 12 % of 1,000 each
    [150, 1000, 120, 1000, 0.03, 7.602882129778554e-5, 0.05992397117870221, 0.049640386865368834],
    // Physicians' Health Study (aspirin 104/11037 vs placebo 189/11034 myocardial infarctions), Agresti's classic 2×2
    [104, 11037, 189, 11034, -0.0077060239760047815, -0.010724297276960124, -0.004687750675049439, 5.691896973740789e-7],
    // the Newcombe examples' p-values
    [56, 70, 48, 80, 0.20000000000000007, 0.05750489914903714, 0.342495100850963, 0.008045081368196585],
    [9, 10, 3, 10, 0.6000000000000001, 0.26052427977714865, 0.9394757202228515, 0.0061698993205441645],
    [6, 7, 2, 7, 0.5714285714285714, 0.14811614026643038, 0.9947410025907124, 0.03075356125927456],
    // zero conversions in the holdout; zero in the treatment
    [5, 56, 0, 29, 0.08928571428571429, 0.014600240442592005, 0.16397118812883657, 0.09718656817057987],
    [5, 100, 0, 20, 0.05, 0.007283575292052952, 0.09271642470794705, 0.3070138980338224],
    [0, 100, 3, 100, -0.03, -0.06343448095637183, 0.0034344809563718257, 0.0809519437773807],
    // tiny groups: n = 3 and n = 1
    [2, 3, 1, 3, 0.3333333333333333, -0.42105715605078115, 1.0877238227174477, 0.4142161782425251],
    [1, 1, 0, 1, 1, 1, 1, 0.15729920705028105],
  ])('%i/%i vs %i/%i: points %f, interval [%f, %f], p %f (scipy)', (tc, tn, hc, hn, points, low, high, pValue) => {
    const lift = uplift(tc, tn, hc, hn)!;
    expect(lift.points).toBeCloseTo(points, 14);
    expect(lift.low).toBeCloseTo(low, 12);
    expect(lift.high).toBeCloseTo(high, 12);
    expectRelative(lift.pValue, pValue, 1e-10);
    expect(lift.significant).toBe(pValue < 0.05);
  });

  it('relative uplift is points over the holdout rate, and null when the holdout converted nobody', () => {
    expect(uplift(150, 1000, 120, 1000)!.relative).toBeCloseTo(0.03 / 0.12, 12);
    expect(uplift(0, 100, 3, 100)!.relative).toBeCloseTo(-1, 12);
    expect(uplift(5, 100, 0, 20)!.relative).toBeNull();
  });

  it('equal rates: 0 points, p-value 1, not significant (scipy: chi2_contingency([[10,90],[5,45]], correction=False).pvalue = 1.0)', () => {
    const lift = uplift(10, 100, 5, 50)!;
    expect(lift.points).toBe(0);
    expect(lift.pValue).toBe(1);
    expect(lift.significant).toBe(false);
    expect(lift.relative).toBe(0);
    // unpooled interval still has width: scipy 0 ± 1.959963984540054·√(2·0.09/100) = ±0.10184271606685545
    expect(lift.high).toBeCloseTo(0.10184271606685545, 12);
    expect(lift.low).toBeCloseTo(-0.10184271606685545, 12);
  });

  it('zero conversions in both groups: 0 points, a zero-width interval, p-value 1, no relative uplift', () => {
    // scipy refuses this table (an expected frequency is 0): there is no evidence either way, so p = 1 by definition.
    expect(uplift(0, 50, 0, 10)).toEqual({ points: 0, low: 0, high: 0, relative: null, pValue: 1, significant: false });
  });

  it('everybody converted in both groups: 0 points, p-value 1', () => {
    expect(uplift(10, 10, 5, 5)).toEqual({ points: 0, low: 0, high: 0, relative: 0, pValue: 1, significant: false });
  });

  it('is null while either group is empty (no rate to compare)', () => {
    expect(uplift(0, 0, 1, 10)).toBeNull();
    expect(uplift(1, 10, 0, 0)).toBeNull();
  });

  it('rejects counts that are not whole or exceed the group', () => {
    expect(() => uplift(11, 10, 0, 10)).toThrow(RangeError);
    expect(() => uplift(1, 10, -1, 10)).toThrow(RangeError);
    expect(() => uplift(1.5, 10, 0, 10)).toThrow(RangeError);
  });

  it('the p-value falls as the same uplift is measured on more customers', () => {
    const small = uplift(15, 100, 12, 100)!;
    const large = uplift(1500, 10000, 1200, 10000)!;
    expect(small.points).toBeCloseTo(large.points, 14);
    expect(large.pValue).toBeLessThan(small.pValue);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
  });
});

describe('sampleRatioCheck', () => {
  // scipy 1.17.1:
  //   python3 -c "from scipy import stats; n=t+h; r=stats.chisquare([t,h], f_exp=[n*(1-s), n*s]); print(repr(float(r.statistic)), repr(float(r.pvalue)))"
  it.each([
    // 10,000 customers planned with a 10 % holdout: 1,100 in the holdout is a mismatch …
    [8900, 1100, 0.1, 11.11111111111111, 0.0008581206663936758, true],
    // … and so is 900
    [9100, 900, 0.1, 11.11111111111111, 0.0008581206663936758, true],
    // a large skewed split
    [45500, 4500, 0.1, 55.55555555555556, 9.08547022400831e-14, true],
    // 990 is within chance
    [9010, 990, 0.1, 0.11111111111111112, 0.7388826803635271, false],
    // a 50/50 split off by 1 %: p ≈ 0.046, unusual but not a mismatch at 0.001
    [5100, 4900, 0.5, 4, 0.04550026389635857, false],
    // exactly as planned
    [5000, 5000, 0.5, 0, 1, false],
    [900, 100, 0.1, 0, 1, false],
    // a single customer
    [1, 0, 0.1, 0.11111111111111112, 0.7388826803635271, false],
  ])('T %i / H %i planned %f: χ² %f, p %f, flagged %s (scipy)', (t, h, share, chiSquare, pValue, flagged) => {
    const check = sampleRatioCheck(t, h, share)!;
    expect(check.expectedHoldoutShare).toBe(share);
    expect(check.observedHoldoutShare).toBeCloseTo(h / (t + h), 15);
    expect(check.chiSquare).toBeCloseTo(chiSquare, 9);
    expectRelative(check.pValue, pValue, 1e-10);
    expect(check.flagged).toBe(flagged);
  });

  it('is null without a planned split (share 0 or 1) or without customers', () => {
    expect(sampleRatioCheck(100, 0, 0)).toBeNull();
    expect(sampleRatioCheck(0, 100, 1)).toBeNull();
    expect(sampleRatioCheck(0, 0, 0.1)).toBeNull();
  });

  it('rejects arm sizes that are not whole counts', () => {
    expect(() => sampleRatioCheck(-1, 10, 0.1)).toThrow(RangeError);
    expect(() => sampleRatioCheck(1.5, 10, 0.1)).toThrow(RangeError);
  });
});

describe('money and complaint ratios', () => {
  it('incremental sales are points × treatment size, null without an uplift, negative for a harmful campaign', () => {
    expect(incrementalSales(uplift(150, 1000, 120, 1000), 1000)).toBeCloseTo(30, 10);
    expect(incrementalSales(uplift(0, 100, 3, 100), 100)).toBeCloseTo(-3, 10);
    expect(incrementalSales(null, 1000)).toBeNull();
  });

  it('ROI is (fee income − spent) / spent, null when nothing was spent', () => {
    expect(roi(150_000, 100_000)).toBeCloseTo(0.5, 15);
    expect(roi(50_000, 100_000)).toBeCloseTo(-0.5, 15);
    expect(roi(0, 100_000)).toBe(-1);
    expect(roi(10_000, 0)).toBeNull();
  });

  it('cost per acquisition is spent / incremental sales, null without positive incremental sales', () => {
    expect(costPerAcquisition(15_000, 90)).toBeCloseTo(15_000 / 90, 12);
    expect(costPerAcquisition(0, 90)).toBe(0);
    expect(costPerAcquisition(15_000, 0)).toBeNull();
    expect(costPerAcquisition(15_000, -3)).toBeNull();
  });

  it('a rate over nothing is null, not 0', () => {
    expect(rateOrNull(3, 12)).toBe(0.25);
    expect(rateOrNull(0, 12)).toBe(0);
    expect(rateOrNull(0, 0)).toBeNull();
  });

  it('complaints per 1,000 sales and per 100 million CNY premium, null without sales or premium', () => {
    expect(complaintsPer1000(3, 600)).toBe(5);
    expect(complaintsPer1000(0, 600)).toBe(0);
    expect(complaintsPer1000(2, 0)).toBeNull();
    expect(complaintsPer100m(4, 1_000_000)).toBe(400);
    expect(complaintsPer100m(1, 50_000_000)).toBe(2);
    expect(complaintsPer100m(1, 0)).toBeNull();
  });

  it('premium written is annualised: monthly × 12, annual and single as they are', () => {
    expect(annualisedPremium(1_000, 'monthly')).toBe(12_000);
    expect(annualisedPremium(1_000, 'annual')).toBe(1_000);
    expect(annualisedPremium(50_000, 'single')).toBe(50_000);
    expect(annualisedPremium(50_000, null)).toBe(50_000);
  });
});

describe('goalProgress', () => {
  it('is actual / target in the goal’s unit', () => {
    expect(goalProgress({ metric: 'conversion_rate', target: 0.15 }, 0.12)).toBeCloseTo(0.8, 14);
    expect(goalProgress({ metric: 'converted', target: 400 }, 500)).toBe(1.25);
    expect(goalProgress({ metric: 'premium', target: 2_000_000 }, 500_000)).toBe(0.25);
    expect(goalProgress({ metric: 'uplift_points', target: 0.02 }, -0.01)).toBeCloseTo(-0.5, 14);
  });

  it('is null while the actual is unknown, and for a target of 0', () => {
    expect(goalProgress({ metric: 'uplift_points', target: 0.02 }, null)).toBeNull();
    expect(goalProgress({ metric: 'fee_income', target: 0 }, 1_000)).toBeNull();
  });
});
