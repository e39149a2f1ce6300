import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplianceModule } from '@banca/compliance';
import { sql } from '@banca/db';
import { ConflictError, SYSTEM_ACTOR } from '@banca/domain';
import { IngestionModule } from '@banca/ingestion';
import { SegmentationModule } from '@banca/segmentation';
import { createFeatureTestApp, type FeatureTestApp } from '@banca/testing';
import { CampaignsModule } from '../campaigns.module';
import { campaignDemoDataset } from './campaign-demo.generator';
import { CampaignDemoService, type CampaignDemoReport } from './campaign-demo.service';

const ANCHOR = new Date().toISOString().slice(0, 10);
const OPTIONS = { anchor: ANCHOR, customers: 800, seed: 11 };

describe('campaigns demo (the whole flow on the platform)', () => {
  let t: FeatureTestApp;
  let report: CampaignDemoReport;
  const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => t.handle.rows<T>(query);

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
    const progress: string[] = [];
    report = await t.app.get(CampaignDemoService).generate(SYSTEM_ACTOR, OPTIONS, { progress: (m) => progress.push(m) });
  }, 600_000);
  afterAll(async () => t?.close());

  it('creates the six campaigns, launched on their days: three completed, two running, one scheduled', async () => {
    const campaigns = await rows<{ code: string; status: string; origin: string; audience_status: string }>(
      sql`SELECT campaign_code AS code, status, origin, audience_status FROM campaigns ORDER BY campaign_code`,
    );
    expect(campaigns.map((c) => [c.code, c.status, c.origin, c.audience_status])).toEqual([
      ['BRANCH-MONTH', 'scheduled', 'platform', 'built'],
      ['CARD-RIGHTS', 'running', 'platform', 'built'],
      ['MORTGAGE-BUNDLE', 'completed', 'platform', 'built'],
      ['PAYROLL-MICRO', 'running', 'platform', 'built'],
      ['SILVER-AGE', 'completed', 'platform', 'built'],
      ['WEALTH-HEALTH', 'completed', 'platform', 'built'],
    ]);
    expect(report.campaigns.map((c) => c.code).sort()).toEqual(campaigns.map((c) => c.code));
    for (const c of report.campaigns) {
      expect(c.treatment, c.code).toBeGreaterThan(0);
      expect(c.holdout, c.code).toBeGreaterThan(0);
    }
  });

  it('builds every audience with a treatment and a holdout of about 10 %, and excludes customers with their reason', async () => {
    const groups = await rows<{ campaign_code: string; group: string; n: number }>(
      sql`SELECT campaign_code, "group", count(*)::int AS n FROM audience_members GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const count = (code: string, group: string) => groups.find((g) => g.campaign_code === code && g.group === group)?.n ?? 0;
    let treatment = 0;
    let holdout = 0;
    for (const code of ['MORTGAGE-BUNDLE', 'WEALTH-HEALTH', 'CARD-RIGHTS', 'SILVER-AGE', 'PAYROLL-MICRO', 'BRANCH-MONTH']) {
      expect(count(code, 'treatment'), code).toBeGreaterThan(0);
      expect(count(code, 'holdout'), code).toBeGreaterThan(0);
      treatment += count(code, 'treatment');
      holdout += count(code, 'holdout');
    }
    expect(holdout / (treatment + holdout)).toBeGreaterThan(0.05);
    expect(holdout / (treatment + holdout)).toBeLessThan(0.15);
    const reasons = await rows<{ reason: string }>(sql`SELECT DISTINCT exclusion_reason AS reason FROM audience_members WHERE "group" = 'excluded'`);
    expect(reasons.map((r) => r.reason)).toEqual(expect.arrayContaining(['CONSENT_MISSING', 'RISK_MISMATCH', 'ELDERLY_NON_GUARANTEED']));
  });

  it('loads outcomes: the treatment contacted and redeeming, the holdout not contacted; spend per budget line', async () => {
    const events = await rows<{ group: string; event: string; n: number }>(sql`
      SELECT m."group", e.event, count(DISTINCT e.customer_id)::int AS n
      FROM campaign_events e JOIN audience_members m ON m.campaign_code = e.campaign_code AND m.customer_id = e.customer_id
      GROUP BY 1, 2`);
    expect(events.filter((e) => e.group !== 'treatment')).toEqual([]);
    for (const kind of ['contacted', 'responded', 'offer_redeemed']) expect(events.find((e) => e.event === kind)?.n ?? 0, kind).toBeGreaterThan(10);
    const after = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM campaign_events WHERE occurred_at >= ${ANCHOR}::date`);
    expect(after[0]!.n).toBe(0);

    const spend = await rows<{ campaign_code: string; line: string; amount: number }>(
      sql`SELECT campaign_code, line, sum(amount)::float8 AS amount FROM campaign_spend GROUP BY 1, 2`,
    );
    expect(new Set(spend.map((s) => s.campaign_code)).size).toBe(6);
    expect(report.spendEntries).toBeGreaterThan(20);
  });

  it('refreshes the rollups, and the treatment converts above the holdout where the campaign works (as the raw tables say)', async () => {
    const state = await rows<{ campaign_code: string }>(sql`SELECT campaign_code FROM campaign_rollup_state ORDER BY 1`);
    expect(state.map((s) => s.campaign_code)).toEqual(['BRANCH-MONTH', 'CARD-RIGHTS', 'MORTGAGE-BUNDLE', 'PAYROLL-MICRO', 'SILVER-AGE', 'WEALTH-HEALTH']);
    const figures = await rows<{ campaign_code: string; arm: string; customers: number; converted: number }>(
      sql`SELECT campaign_code, arm, customers, converted FROM campaign_figures WHERE dimension = 'total' AND key = '' ORDER BY 1, 2`,
    );
    // conversions straight from the raw tables: audience customers with a sale of an offered product in the window
    const direct = await rows<{ campaign_code: string; arm: string; customers: number; converted: number }>(sql`
      SELECT m.campaign_code, m."group" AS arm, count(*)::int AS customers,
        count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM sales s
          WHERE s.customer_id = m.customer_id AND s.product_code = ANY (c.product_codes)
            AND s.sold_at BETWEEN c.start_date AND c.end_date + c.attribution_days))::int AS converted
      FROM audience_members m JOIN campaigns c ON c.campaign_code = m.campaign_code
      WHERE m."group" IN ('treatment', 'holdout')
      GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(figures).toEqual(direct);
    const rate = (code: string, arm: string) => {
      const f = direct.find((d) => d.campaign_code === code && d.arm === arm)!;
      return f.converted / f.customers;
    };
    for (const code of ['MORTGAGE-BUNDLE', 'WEALTH-HEALTH', 'SILVER-AGE', 'PAYROLL-MICRO', 'CARD-RIGHTS']) {
      expect(rate(code, 'treatment'), code).toBeGreaterThan(rate(code, 'holdout'));
    }
    expect(direct.filter((d) => d.campaign_code === 'BRANCH-MONTH').every((d) => d.converted === 0)).toBe(true);
  });

  it('keeps the compliance screens alive: findings and alerts from the scans the loads queued', async () => {
    const [counts] = await rows<{ findings: number; alerts: number; campaign_findings: number }>(sql`SELECT
      (SELECT count(*) FROM compliance_findings WHERE status = 'open')::int AS findings,
      (SELECT count(*) FROM compliance_alerts)::int AS alerts,
      (SELECT count(*) FROM compliance_findings WHERE sale_id LIKE 'CMP-%')::int AS campaign_findings`);
    expect(counts!.findings).toBeGreaterThan(20);
    expect(counts!.alerts).toBeGreaterThan(0);
    // campaign sales are mostly clean: the audience was pre-screened
    const [sales] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM sales WHERE sale_id LIKE 'CMP-%'`);
    expect(counts!.campaign_findings).toBeLessThan(sales!.n * 0.3);
  });

  it('stores no raw customer identifier anywhere, nor in jobs or logs', async () => {
    const dataset = campaignDemoDataset(OPTIONS);
    const raw = dataset.people.filter((_, i) => i % 4 === 0).map((p) => p.profile.rawId);
    const columns = await rows<{ table_name: string; column_name: string }>(sql`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')`);
    const pattern = raw.join('|');
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      const [hit] = await rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table_name)} WHERE ${sql.identifier(column_name)}::text ~ ${pattern}`,
      );
      if (Number(hit?.n) > 0) found.push(`${table_name}.${column_name}`);
    }
    expect(found).toEqual([]);
    const jobIds = [
      ...(await rows<{ id: string }>(sql`SELECT job_id AS id FROM ingestion_runs WHERE job_id IS NOT NULL`)),
      ...(await rows<{ id: string }>(sql`SELECT audience_job_id AS id FROM campaigns WHERE audience_job_id IS NOT NULL`)),
    ];
    expect(jobIds.length).toBeGreaterThan(10);
    const jobs = JSON.stringify(await Promise.all(jobIds.map((j) => t.queue.getJob(j.id))));
    const logs = t.logs.lines.join('\n');
    for (const id of raw) {
      expect(logs).not.toContain(id);
      expect(jobs).not.toContain(id);
    }
  });

  it('refuses to generate into a database that has customers, and says why', async () => {
    await expect(t.app.get(CampaignDemoService).generate(SYSTEM_ACTOR, OPTIONS)).rejects.toThrow(ConflictError);
    await expect(t.app.get(CampaignDemoService).generate(SYSTEM_ACTOR, OPTIONS)).rejects.toThrow(/already holds 800 customers and 6 campaigns/);
  });

  it('does nothing at start-up once there are campaigns', async () => {
    expect(await t.app.get(CampaignDemoService).ensureCampaignDemo(SYSTEM_ACTOR, { ...OPTIONS, baseRuns: [] })).toBeNull();
  });
});
