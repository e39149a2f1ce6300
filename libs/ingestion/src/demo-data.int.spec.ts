import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignsModule } from '@banca/campaigns';
import { ComplianceModule } from '@banca/compliance';
import { sql } from '@banca/db';
import { SYSTEM_ACTOR } from '@banca/domain';
import { SegmentationModule, TierService } from '@banca/segmentation';
import { createFeatureTestApp, type FeatureTestApp } from '@banca/testing';
import { DEMO_FILES, DemoDataService, demoSnapshotDates } from './demo-data.service';
import { demoPortfolio } from './demo/demo-portfolio.generator';
import { IngestionModule } from './ingestion.module';
import type { IngestionOutcome } from './ingestion.service';

const ANCHOR = '2026-07-15';

describe('demo data', () => {
  let t: FeatureTestApp;
  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
  });
  afterAll(async () => t?.close());

  it('loads branches, staff, products, customers, sales and complaints through ingestion runs when there are no customers, once', async () => {
    const demo = t.app.get(DemoDataService);
    const started = Date.now();
    const runs = await demo.ensureDemoData(SYSTEM_ACTOR, { anchor: ANCHOR });
    expect(runs.map((r) => [r.entity, r.fileName])).toEqual(DEMO_FILES.map((entity) => [entity, `demo-${entity}.csv`]));
    expect(await demo.ensureDemoData(SYSTEM_ACTOR, { anchor: ANCHOR })).toEqual([]);
    for (const run of runs) {
      const job = await t.queue.waitFor(run.jobId!, { timeoutMs: 120_000 });
      expect(job.state, `${run.entity}: ${JSON.stringify(job)}`).toBe('completed');
      for (const id of (job.result as IngestionOutcome).followUpJobIds) await t.queue.waitFor(id, { timeoutMs: 120_000 });
    }
    // Start-up stays quick: the whole demo, with follow-up re-tiering, in well under a minute even on PGlite in CI.
    expect(Date.now() - started).toBeLessThan(60_000);

    const loaded = await t.handle.rows<{ entity: string; status: string; rows_read: number; rows_rejected: number }>(
      sql`SELECT entity, status, rows_read, rows_rejected FROM ingestion_runs ORDER BY created_at`,
    );
    const complaints = demoPortfolio({ anchor: ANCHOR, customers: { snapshots: demoSnapshotDates(ANCHOR) } }).complaints.trimEnd().split('\n').length - 1;
    expect(loaded).toEqual([
      { entity: 'branches', status: 'completed', rows_read: 15, rows_rejected: 0 },
      { entity: 'staff', status: 'completed', rows_read: 45, rows_rejected: 0 },
      { entity: 'products', status: 'completed', rows_read: 25, rows_rejected: 0 },
      { entity: 'customers', status: 'completed', rows_read: 8000, rows_rejected: 0 },
      { entity: 'sales', status: 'completed', rows_read: 4000, rows_rejected: 0 },
      { entity: 'complaints', status: 'completed', rows_read: complaints, rows_rejected: 0 },
    ]);

    const [counts] = await t.handle.rows<Record<string, number>>(sql`SELECT
      (SELECT count(*) FROM branches)::int AS branches,
      (SELECT count(*) FROM staff)::int AS staff,
      (SELECT count(*) FROM products)::int AS products,
      (SELECT count(*) FROM product_risk_ratings)::int AS ratings,
      (SELECT count(*) FROM customers)::int AS customers,
      (SELECT count(*) FROM customer_snapshots)::int AS snapshots,
      (SELECT count(*) FROM sales)::int AS sales,
      (SELECT count(*) FROM sales s WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = s.customer_id))::int AS "salesOfUnknownCustomers",
      (SELECT count(*) FROM complaints c JOIN sales s ON s.sale_id = c.sale_id AND s.customer_id = c.customer_id WHERE c.category = 'mis_selling')::int AS "misSellingOnSales"`);
    // Every sale's customer is a demo customer: both files carry the same raw ids, pseudonymised alike on arrival.
    expect(counts).toMatchObject({ branches: 15, staff: 45, products: 22, ratings: 25, customers: 2000, snapshots: 8000, sales: 4000, salesOfUnknownCustomers: 0 });
    expect(counts!.misSellingOnSales).toBeGreaterThan(20);

    const tiers = await t.app.get(TierService).tierCounts({});
    expect(tiers.total).toBe(2000);
    for (const tier of tiers.tiers) expect(tier.customers).toBeGreaterThan(20);
    expect(tiers.regions).toEqual(['Beijing', 'Guangdong', 'Shanghai', 'Sichuan', 'Zhejiang']);
  });
});
