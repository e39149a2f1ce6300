import type { CampaignEventType } from './canonical-values';
import { shareOf } from './penetration';

/** How a campaign's conversion can be broken down (DATA.md: figures by channel and customer attributes). */
export const CONVERSION_DIMENSIONS = ['none', 'channel', 'previous_outcome', 'age_band'] as const;
export type ConversionDimension = (typeof CONVERSION_DIMENSIONS)[number];

/** The two-sided 95 % quantile of the standard normal distribution, Φ⁻¹(0.975). */
export const Z_95 = 1.9599639845400536;

export interface Interval {
  low: number;
  high: number;
}

function checkCounts(successes: number, trials: number): void {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError(`expected whole counts with 0 ≤ successes ≤ trials, got ${successes} of ${trials}`);
  }
}

/**
 * Wilson score interval of a proportion (E. B. Wilson, JASA 22, 1927; method 3 of R. G. Newcombe,
 * Statistics in Medicine 17, 1998), without continuity correction; null for an empty group.
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): Interval | null {
  checkCounts(successes, trials);
  if (trials === 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0 % and 100 % the bound is exactly the edge; rounding would leave it a hair inside.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: successes === trials ? 1 : Math.min(1, centre + halfWidth),
  };
}

/** One group's conversion: its size, the converted customers, their share and its 95 % Wilson interval. */
export interface ConversionFigure {
  customers: number;
  converted: number;
  /** converted / customers; null for an empty group (no customers is not 0 %). */
  rate: number | null;
  interval: Interval | null;
}

export function conversionFigure(converted: number, customers: number): ConversionFigure {
  checkCounts(converted, customers);
  return { customers, converted, rate: shareOf(converted, customers), interval: wilsonInterval(converted, customers) };
}

/**
 * Age bands of campaign figures (the usual marketing bands), by whole years of age at the campaign start
 * (`ageOn`). Segment member samples use wider ten-year bands (`ageBand`) to keep anyone from being singled out.
 */
export const CAMPAIGN_AGE_BANDS = ['<25', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export type CampaignAgeBand = (typeof CAMPAIGN_AGE_BANDS)[number];
/** The first age of each band after the first (ages below 25 are the first band). */
export const CAMPAIGN_AGE_BAND_LOWER_BOUNDS = [25, 35, 45, 55, 65] as const;

export function campaignAgeBand(age: number | null): CampaignAgeBand | null {
  if (age === null) return null;
  const index = CAMPAIGN_AGE_BAND_LOWER_BOUNDS.findIndex((bound) => age < bound);
  return CAMPAIGN_AGE_BANDS[index === -1 ? CAMPAIGN_AGE_BANDS.length - 1 : index]!;
}

/**
 * What a customer reached in an earlier campaign: the furthest of their events in it, in this order, or
 * none. Opting out ranks above a bare contact (the customer answered) and below a response.
 */
export const PREVIOUS_OUTCOMES = ['none', 'contacted', 'opted_out', 'responded', 'offer_redeemed'] as const;
export type PreviousOutcome = (typeof PREVIOUS_OUTCOMES)[number];

export function previousOutcome(events: readonly CampaignEventType[]): PreviousOutcome {
  let rank = 0;
  for (const event of events) rank = Math.max(rank, PREVIOUS_OUTCOMES.indexOf(event));
  return PREVIOUS_OUTCOMES[rank]!;
}
