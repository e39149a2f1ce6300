/**
 * Colour scale of the branch × rule heatmap: five steps from pale to dark, relative to the largest rate
 * in the table, so the branch and rule that stand out are visible whatever the overall level. A cell
 * without sales (null rate) stays blank; a zero rate gets the lightest tint so it reads as "none", not "no data".
 * Steps rather than a continuous shade so the legend can name each range.
 */
export const HEAT_STEPS = 5;

/** Fill per step (0 = zero rate … 5 = the largest); 6 shades of the primary colour, light to dark. */
export const HEAT_COLORS = ['#f4f7fb', '#dbe6f3', '#b3cbe6', '#7fa6d2', '#4a79b3', '#1d4e89'] as const;

/** Steps whose fill is dark enough to need light text. */
export const HEAT_DARK_FROM_STEP = 4;

/** The step of a rate: null for no data, 0 for a zero rate, 1–5 by its share of the largest rate (upper bounds inclusive). */
export function heatStep(rate: number | null, maxRate: number): number | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  if (rate <= 0 || maxRate <= 0) return 0;
  const share = Math.min(1, rate / maxRate);
  return Math.max(1, Math.ceil(share * HEAT_STEPS));
}

export interface HeatCellStyle {
  backgroundColor: string;
  /** Light text on the dark steps, so the number in the cell keeps its contrast. */
  dark: boolean;
}

/** The fill of a cell, or null for a cell without data. */
export function heatCellStyle(rate: number | null, maxRate: number): HeatCellStyle | null {
  const step = heatStep(rate, maxRate);
  if (step === null) return null;
  return { backgroundColor: HEAT_COLORS[step] ?? HEAT_COLORS[0], dark: step >= HEAT_DARK_FROM_STEP };
}

/** The rate range each step covers, for the legend: step k covers (k−1)/5 … k/5 of the largest rate. */
export function heatLegend(maxRate: number): { step: number; from: number; to: number }[] {
  if (maxRate <= 0) return [];
  return Array.from({ length: HEAT_STEPS }, (_, index) => ({
    step: index + 1,
    from: (index / HEAT_STEPS) * maxRate,
    to: ((index + 1) / HEAT_STEPS) * maxRate,
  }));
}

/** The largest rate of the table (0 when it has none), the top of the scale. */
export function maxRate(rates: Iterable<number | null>): number {
  let max = 0;
  for (const rate of rates) if (rate !== null && Number.isFinite(rate) && rate > max) max = rate;
  return max;
}
