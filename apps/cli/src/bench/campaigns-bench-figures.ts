import type { CampaignMetricsDto } from '@banca/contracts';

/** The figures the bench compares, for one arm of one campaign; money in fen (cents) as whole numbers. */
export interface ArmFigures {
  customers: number;
  contacted: number;
  responded: number;
  redeemed: number;
  optedOut: number;
  converted: number;
  sales: number;
  premiumCents: number;
  feeIncomeCents: number;
  /** converted / customers; null for an empty arm. */
  conversionRate: number | null;
}

export interface CampaignFigures {
  code: string;
  treatment: ArmFigures;
  holdout: ArmFigures;
}

/** Where two computations of the same figures differ (empty when they agree). */
export interface FigureDifference {
  code: string;
  arm: 'treatment' | 'holdout' | null;
  figure: string;
  endpoint: number | null;
  duckdb: number | null;
}

const ARMS = ['treatment', 'holdout'] as const;
const COUNTS = ['customers', 'contacted', 'responded', 'redeemed', 'optedOut', 'converted', 'sales', 'premiumCents', 'feeIncomeCents'] as const;

/** CNY to whole fen, as the endpoint rounds money to the cent. */
export const toCents = (amount: number): number => Math.round(amount * 100);

/** The compared figures of a GET /campaigns/:code/metrics response. */
export function figuresOfMetrics(metrics: CampaignMetricsDto): CampaignFigures {
  const arm = (group: (typeof ARMS)[number]): ArmFigures => {
    const outcome = metrics[group];
    return {
      customers: outcome.customers,
      contacted: outcome.contacted,
      responded: outcome.responded,
      redeemed: outcome.redeemed,
      optedOut: outcome.optedOut,
      converted: outcome.converted,
      sales: outcome.sales,
      premiumCents: toCents(outcome.premium),
      feeIncomeCents: toCents(outcome.feeIncome),
      conversionRate: metrics.conversion[group].rate,
    };
  };
  return { code: metrics.campaign.code, treatment: arm('treatment'), holdout: arm('holdout') };
}

/**
 * Every difference between the endpoint's figures and DuckDB's: counts and money (fen) must be equal;
 * conversion rates equal to 1e-12 (the same division, possibly in another order of operations).
 */
export function compareFigures(endpoint: readonly CampaignFigures[], duckdb: readonly CampaignFigures[]): FigureDifference[] {
  const differences: FigureDifference[] = [];
  const byCode = new Map(duckdb.map((f) => [f.code, f]));
  for (const e of endpoint) {
    const d = byCode.get(e.code);
    byCode.delete(e.code);
    if (!d) {
      differences.push({ code: e.code, arm: null, figure: 'campaign', endpoint: 1, duckdb: null });
      continue;
    }
    for (const arm of ARMS) {
      for (const figure of COUNTS) {
        if (e[arm][figure] !== d[arm][figure]) differences.push({ code: e.code, arm, figure, endpoint: e[arm][figure], duckdb: d[arm][figure] });
      }
      const [a, b] = [e[arm].conversionRate, d[arm].conversionRate];
      if ((a === null) !== (b === null) || (a !== null && b !== null && Math.abs(a - b) > 1e-12)) {
        differences.push({ code: e.code, arm, figure: 'conversionRate', endpoint: a, duckdb: b });
      }
    }
  }
  for (const code of byCode.keys()) differences.push({ code, arm: null, figure: 'campaign', endpoint: null, duckdb: 1 });
  return differences;
}
