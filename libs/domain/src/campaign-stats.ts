import type { CampaignGoal } from './campaign-plan';
import { complaintsPer100mPremium } from './compliance-metrics';
import { Z_95 } from './conversion';
import { shareOf } from './penetration';

/**
 * The statistics of a campaign (DATA.md "Metric definitions"): uplift of treatment over holdout with its
 * 95 % interval and p-value, the sample ratio check, and the money and complaint ratios. Pure functions of
 * counts; a figure over an empty group is null, never 0. The annualised premium the money figures add up
 * is `annualisedPremium` of compliance-metrics.ts (one definition for compliance and campaigns).
 */

/** Significance level of the uplift test: two-sided 5 %, matching the 95 % interval. */
export const UPLIFT_ALPHA = 0.05;
/** A sample ratio mismatch is flagged at p < 0.001 (the usual A/B-testing threshold: it should almost never fire by chance). */
export const SAMPLE_RATIO_ALPHA = 0.001;

const SQRT2 = Math.SQRT2;
const SQRT_PI = Math.sqrt(Math.PI);
/** Below this x, erfc(x) = 1 − erf(x) from the series keeps ~1e-14 relative; above it the continued fraction converges in < 200 steps. */
const SERIES_LIMIT = 1.5;

/**
 * erf(x) for 0 ≤ x < SERIES_LIMIT from the series of positive terms (Abramowitz & Stegun 7.1.6):
 * erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)). No cancellation, so accurate to a few ulps.
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return ((2 / SQRT_PI) * Math.exp(-x2)) * sum;
}

/**
 * erfc(x) for x ≥ SERIES_LIMIT from Laplace's continued fraction (A&S 7.1.14), evaluated with the modified
 * Lentz algorithm: erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))).
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

/** The complementary error function, relative error ~1e-14 over the whole real line (checked against scipy.special.erfc). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  return x < SERIES_LIMIT ? 1 - erfSeries(x) : erfcContinuedFraction(x);
}

/** Φ(z), the standard normal distribution function: P(Z ≤ z). Accurate in the lower tail too (Φ(−8) ≈ 6.2e-16). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|), computed in the tail (no 1 − Φ cancellation). */
export function twoSidedP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return Math.min(1, erfc(Math.abs(z) / SQRT2));
}

/** Upper tail of the chi-square distribution with 1 degree of freedom: P(χ²₁ ≥ x) = P(|Z| ≥ √x). */
export function chiSquare1dfP(x: number): number {
  if (!(x >= 0)) throw new RangeError(`a chi-square statistic is not negative, got ${x}`);
  return twoSidedP(Math.sqrt(x));
}

function checkCounts(what: string, successes: number, trials: number): void {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError(`${what}: expected whole counts with 0 ≤ converted ≤ customers, got ${successes} of ${trials}`);
  }
}

/** Uplift of treatment over holdout (rates are shares 0–1, points are rate differences 0.01 = 1 point). */
export interface Uplift {
  /** rate(T) − rate(H) */
  points: number;
  /** 95 % interval of the points: unpooled normal approximation (Wald). */
  low: number;
  high: number;
  /** points / rate(H); null when the holdout converted nobody. */
  relative: number | null;
  /** Two-sided p-value of the pooled two-proportion z-test (= R `prop.test(correct = FALSE)`, chi-square without Yates). */
  pValue: number;
  /** pValue < 0.05 */
  significant: boolean;
}

/**
 * Uplift of the treatment's conversion rate over the holdout's, with the unpooled 95 % interval
 * points ± Z_95·√(pT(1−pT)/nT + pH(1−pH)/nH) and the pooled two-proportion z-test. Null while either group
 * is empty. When nobody or everybody converted in both groups the pooled standard error is 0: there is no
 * evidence of a difference, so the p-value is 1.
 */
export function uplift(treatmentConverted: number, treatmentSize: number, holdoutConverted: number, holdoutSize: number): Uplift | null {
  checkCounts('treatment', treatmentConverted, treatmentSize);
  checkCounts('holdout', holdoutConverted, holdoutSize);
  if (treatmentSize === 0 || holdoutSize === 0) return null;
  const pT = treatmentConverted / treatmentSize;
  const pH = holdoutConverted / holdoutSize;
  const points = pT - pH;
  const halfWidth = Z_95 * Math.sqrt((pT * (1 - pT)) / treatmentSize + (pH * (1 - pH)) / holdoutSize);
  const pooled = (treatmentConverted + holdoutConverted) / (treatmentSize + holdoutSize);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / treatmentSize + 1 / holdoutSize));
  const pValue = pooledSe === 0 ? 1 : twoSidedP(points / pooledSe);
  return {
    points,
    low: points - halfWidth,
    high: points + halfWidth,
    relative: pH === 0 ? null : points / pH,
    pValue,
    significant: pValue < UPLIFT_ALPHA,
  };
}

/** Sample ratio check of the arm sizes against the planned split. */
export interface SampleRatio {
  expectedHoldoutShare: number;
  observedHoldoutShare: number;
  /** Pearson chi-square, 1 degree of freedom. */
  chiSquare: number;
  pValue: number;
  /** pValue < 0.001: the split is not what the hash should give; the uplift is not to be trusted. */
  flagged: boolean;
}

/**
 * Pearson chi-square goodness of fit of the observed treatment and holdout sizes against the planned
 * holdout share (= scipy.stats.chisquare with the expected counts). Null when no customers or when the
 * plan had no split to compare with (share 0 or 1).
 */
export function sampleRatioCheck(treatment: number, holdout: number, expectedHoldoutShare: number): SampleRatio | null {
  if (!Number.isInteger(treatment) || !Number.isInteger(holdout) || treatment < 0 || holdout < 0) {
    throw new RangeError(`expected whole arm sizes, got treatment ${treatment} and holdout ${holdout}`);
  }
  if (!(expectedHoldoutShare > 0 && expectedHoldoutShare < 1)) return null;
  const total = treatment + holdout;
  if (total === 0) return null;
  const expectedHoldout = total * expectedHoldoutShare;
  const expectedTreatment = total * (1 - expectedHoldoutShare);
  const chiSquare = (holdout - expectedHoldout) ** 2 / expectedHoldout + (treatment - expectedTreatment) ** 2 / expectedTreatment;
  const pValue = chiSquare1dfP(chiSquare);
  return { expectedHoldoutShare, observedHoldoutShare: holdout / total, chiSquare, pValue, flagged: pValue < SAMPLE_RATIO_ALPHA };
}

/** Sales the campaign caused: uplift (points) × treatment size; null without an uplift. May be negative. */
export function incrementalSales(lift: Pick<Uplift, 'points'> | null, treatmentSize: number): number | null {
  return lift === null ? null : lift.points * treatmentSize;
}

/** (fee income − spent) / spent; null when nothing was spent (no return on nothing). */
export function roi(feeIncome: number, spent: number): number | null {
  return spent > 0 ? (feeIncome - spent) / spent : null;
}

/** spent / incremental sales; null when the campaign caused no extra sales (zero or negative uplift). */
export function costPerAcquisition(spent: number, incremental: number): number | null {
  return incremental > 0 ? spent / incremental : null;
}

/** n / d, or null when d is 0 (a rate over nothing is unknown, not 0). */
export function rateOrNull(n: number, d: number): number | null {
  return shareOf(n, d);
}

/** Complaints per 1,000 sales; null without sales. */
export function complaintsPer1000(complaints: number, sales: number): number | null {
  return sales > 0 ? (complaints * 1000) / sales : null;
}

/** Complaints per 100 million CNY of premium (the regulator's figure); null without premium. */
export function complaintsPer100m(complaints: number, premium: number): number | null {
  return complaintsPer100mPremium(complaints, premium);
}

/**
 * How far the campaign is towards its goal: actual / target in the goal's own unit (shares for rates,
 * points for uplift, CNY for money, customers for `converted`); 1 = reached. Null when the actual is not
 * known yet or the target is 0 (no scale to measure against).
 */
export function goalProgress(goal: CampaignGoal, actual: number | null): number | null {
  if (actual === null || !Number.isFinite(actual) || !(goal.target !== 0 && Number.isFinite(goal.target))) return null;
  return actual / goal.target;
}
