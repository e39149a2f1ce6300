import { describe, expect, it } from 'vitest';
import { assignTier, type Tier } from '@banca/domain';
import { DEMO_CUSTOMERS_HEADER, demoCustomersCsv } from './demo-customers.generator';

const text = (options = {}) => [...demoCustomersCsv(options)].join('');

describe('demo customers file', () => {
  it('is the same bytes for the same seed, and different for another', () => {
    expect(text()).toBe(text());
    expect(text({ seed: 7 })).not.toBe(text());
  });

  it('has 2,000 customers with unique fake mobile numbers, two snapshots each, and all three tiers', () => {
    const [header, ...rows] = text().trim().split('\n');
    expect(header).toBe(DEMO_CUSTOMERS_HEADER.join(','));
    expect(rows).toHaveLength(4000);
    const col = (name: (typeof DEMO_CUSTOMERS_HEADER)[number]) => DEMO_CUSTOMERS_HEADER.indexOf(name);
    const cells = rows.map((r) => r.split(','));
    const ids = new Set(cells.map((c) => c[col('customer_id')]));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^1[3589]\d{9}$/);
    const latest = cells.filter((c) => c[col('as_of')] === '2025-06-30');
    const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
    const counts: Record<Tier, number> = { hnw: 0, middle: 0, basic: 0 };
    for (const c of latest) {
      counts[assignTier({ investableAssets: num(c[col('investable_assets')]), householdAnnualIncome: num(c[col('household_annual_income')]) })]++;
    }
    expect(counts.hnw).toBeGreaterThan(20);
    expect(counts.hnw).toBeLessThan(200);
    expect(counts.middle).toBeGreaterThan(300);
    expect(counts.basic).toBeGreaterThan(800);
  });
});
