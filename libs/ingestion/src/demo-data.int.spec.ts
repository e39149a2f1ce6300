import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@banca/db';
import { SYSTEM_ACTOR } from '@banca/domain';
import { SegmentationModule, TierService } from '@banca/segmentation';
import { createFeatureTestApp, type FeatureTestApp } from '@banca/testing';
import { DemoDataService } from './demo-data.service';
import { IngestionModule } from './ingestion.module';
import type { IngestionOutcome } from './ingestion.service';

describe('demo customers', () => {
  let t: FeatureTestApp;
  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule] });
  });
  afterAll(async () => t?.close());

  it('are loaded through an ingestion run when there are no customers, once', async () => {
    const demo = t.app.get(DemoDataService);
    const run = await demo.ensureDemoData(SYSTEM_ACTOR);
    expect(run).toMatchObject({ entity: 'customers', fileName: 'demo-customers.csv' });
    expect(await demo.ensureDemoData(SYSTEM_ACTOR)).toBeNull();
    const job = await t.queue.waitFor(run!.jobId!, { timeoutMs: 120_000 });
    for (const id of (job.result as IngestionOutcome).followUpJobIds) await t.queue.waitFor(id, { timeoutMs: 120_000 });

    const [counts] = await t.handle.rows<{ customers: number; snapshots: number }>(
      sql`SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM customer_snapshots)::int AS snapshots`,
    );
    expect(counts).toEqual({ customers: 2000, snapshots: 4000 });
    const loaded = await t.app.get(DemoDataService).ensureDemoData(SYSTEM_ACTOR);
    expect(loaded).toBeNull();
    const tiers = await t.app.get(TierService).tierCounts({});
    expect(tiers.total).toBe(2000);
    for (const tier of tiers.tiers) expect(tier.customers).toBeGreaterThan(20);
    expect(tiers.regions).toEqual(['Beijing', 'Guangdong', 'Shanghai', 'Sichuan', 'Zhejiang']);
  });
});
