import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CampaignsModule } from '@banca/campaigns';
import { AuditService } from '@banca/audit';
import { sql } from '@banca/db';
import { DEFAULT_COMPLIANCE_SETTINGS, SYSTEM_ACTOR, type ComplianceSettings } from '@banca/domain';
import { IngestionModule, IngestionService, type IngestionOutcome } from '@banca/ingestion';
import { JobName } from '@banca/queue';
import { SegmentationModule } from '@banca/segmentation';
import {
  createFeatureTestApp,
  insertComplaint,
  insertProduct,
  insertSale,
  insertSnapshot,
  pseudonym,
  type FeatureTestApp,
} from '@banca/testing';
import { ComplianceModule } from '../compliance.module';
import { ComplianceRuleSetService } from './compliance-rule-set.service';
import { ComplianceScanService, type ComplianceScanOutcome } from './compliance-scan.service';

interface FindingRow extends Record<string, unknown> {
  id: string;
  customer_id: string;
  sale_id: string;
  rule_code: string;
  rule_version: number;
  severity: string;
  status: string;
  facts: Record<string, unknown>;
  updated_at: Date | string;
  last_scanned_at: Date | string;
}

interface ReviewRow extends Record<string, unknown> {
  finding_id: string;
  reviewer_id: string | null;
  from_status: string;
  to_status: string;
  reason: string;
}

describe('compliance scan: every sale checked against RULES.md in bulk', () => {
  let t: FeatureTestApp;
  let scans: ComplianceScanService;
  let ruleSets: ComplianceRuleSetService;
  let n = 0;

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
    scans = t.app.get(ComplianceScanService);
    ruleSets = t.app.get(ComplianceRuleSetService);
  });
  afterAll(async () => t?.close());

  // Each scenario has customers of its own; a scan of them only leaves the others' findings alone.
  let customer: string;
  beforeEach(() => {
    customer = pseudonym(`scan-${++n}`);
  });

  const db = () => t.handle.db;
  const findings = (customerId: string) =>
    t.handle.rows<FindingRow>(sql`
      SELECT id, customer_id, sale_id, rule_code, rule_version, severity, status, facts, updated_at, last_scanned_at
      FROM compliance_findings WHERE customer_id = ${customerId} ORDER BY sale_id, rule_code`);
  const reviews = (findingId: string) =>
    t.handle.rows<ReviewRow>(sql`
      SELECT finding_id, reviewer_id, from_status, to_status, reason FROM finding_reviews WHERE finding_id = ${findingId}::uuid ORDER BY created_at`);
  const scan = (customerId = customer): Promise<ComplianceScanOutcome> => scans.scanCustomers([customerId], 'test');

  /** An R4 investment-linked product sold through the app with a recording: only the risk rules can fire. */
  async function r4Sale(customerId: string, soldAt = '2024-06-15') {
    const product = await insertProduct(db(), { category: 'wealth', riskLevel: 'R4', premiumMode: 'single', termYears: null });
    return insertSale(db(), { customerId, productCode: product.productCode, soldAt });
  }

  it('flags a C2 customer buying an R4 product high, with the facts it was decided on and the rule version', async () => {
    await insertSnapshot(db(), { customerId: customer, asOf: '2024-01-01', riskLevel: 'C2' });
    const sale = await r4Sale(customer);
    const outcome = await scan();
    expect(outcome).toMatchObject({ salesChecked: 1, findingsCreated: 1, findingsUpdated: 0, findingsWithdrawn: 0, findingsReopened: 0 });
    expect(await findings(customer)).toMatchObject([
      {
        sale_id: sale.saleId,
        rule_code: 'RISK_MISMATCH',
        rule_version: 1,
        severity: 'high',
        status: 'open',
        facts: { customerRiskLevel: 'C2', productRiskLevel: 'R4', maxAllowed: 'R2', riskLevelSource: 'snapshot' },
      },
    ]);
  });

  it('uses the snapshot in force at the sale date: a C5 assessment after the sale does not clear a C2-at-sale mismatch', async () => {
    await insertSnapshot(db(), { customerId: customer, asOf: '2024-01-01', riskLevel: 'C2' });
    await insertSnapshot(db(), { customerId: customer, asOf: '2024-06-16', riskLevel: 'C5' });
    await r4Sale(customer, '2024-06-15');
    // a later sale is checked against the C5 snapshot in force then
    await r4Sale(customer, '2024-06-16');
    await scan();
    expect((await findings(customer)).map((f) => [f.rule_code, f.facts.customerRiskLevel])).toEqual([['RISK_MISMATCH', 'C2']]);
  });

  it('uses the higher rating of a product rated by both partners', async () => {
    await insertSnapshot(db(), { customerId: customer, riskLevel: 'C3' });
    const product = await insertProduct(db(), { category: 'wealth', riskLevel: 'R3', premiumMode: 'single' });
    await db().execute(sql`INSERT INTO product_risk_ratings (product_code, rated_by, risk_level) VALUES (${product.productCode}, 'BANK', 'R5'), (${product.productCode}, 'INSURER', 'R2')`);
    await insertSale(db(), { customerId: customer, productCode: product.productCode });
    await scan();
    expect((await findings(customer)).map((f) => f.facts)).toEqual([
      { customerRiskLevel: 'C3', productRiskLevel: 'R5', maxAllowed: 'R3', riskLevelSource: 'snapshot' },
    ]);
  });

  it('records the rule version in force at each sale date', async () => {
    // ruleSets start from the RULES.md defaults (version 1, since 1970)
    expect((await ruleSets.versions()).map((v) => v.version)).toEqual([1]);
    const relaxed: ComplianceSettings = {
      ...DEFAULT_COMPLIANCE_SETTINGS,
      riskGrid: { ...DEFAULT_COMPLIANCE_SETTINGS.riskGrid, C2: 'R3' },
      severities: { ...DEFAULT_COMPLIANCE_SETTINGS.severities, RISK_MISMATCH: 'medium' },
    };
    const created = await ruleSets.createRuleSet({ settings: relaxed, effectiveFrom: '2024-07-01', note: 'C2 may buy R3' }, SYSTEM_ACTOR);
    expect(created.ruleSet).toMatchObject({ version: 2, effectiveFrom: '2024-07-01', inForce: true });
    // the new version re-scans every sale
    expect((await t.queue.waitFor(created.scanJobId, { timeoutMs: 60_000 })).state).toBe('completed');

    await insertSnapshot(db(), { customerId: customer, asOf: '2024-01-01', riskLevel: 'C2' });
    const r4 = await insertProduct(db(), { category: 'wealth', riskLevel: 'R4', premiumMode: 'single' });
    const r3 = await insertProduct(db(), { category: 'wealth', riskLevel: 'R3', premiumMode: 'single' });
    const juneR3 = await insertSale(db(), { customerId: customer, productCode: r3.productCode, soldAt: '2024-06-30' });
    const julyR3 = await insertSale(db(), { customerId: customer, productCode: r3.productCode, soldAt: '2024-07-01' });
    const julyR4 = await insertSale(db(), { customerId: customer, productCode: r4.productCode, soldAt: '2024-07-01' });
    await scan();
    const found = await findings(customer);
    expect(found.map((f) => [f.sale_id, f.rule_version, f.severity, f.facts.maxAllowed])).toEqual([
      [juneR3.saleId, 1, 'high', 'R2'],
      [julyR4.saleId, 2, 'medium', 'R3'],
    ]);
    expect(found.some((f) => f.sale_id === julyR3.saleId)).toBe(false);
    expect((await ruleSets.inForceOn('2024-06-30')).version).toBe(1);
    expect((await ruleSets.inForceOn('2024-07-01')).version).toBe(2);
  });

  it('re-scanning changes nothing: no new findings, the same findings untouched', async () => {
    await insertSnapshot(db(), { customerId: customer, asOf: '2024-01-01', riskLevel: 'C1', birthDate: '1950-01-01' });
    const annuity = await insertProduct(db(), { category: 'participating_annuity', riskLevel: 'R3' });
    const sale = await insertSale(db(), { customerId: customer, productCode: annuity.productCode, amount: 200_000, channel: 'branch', dualRecording: false });
    await insertComplaint(db(), { customerId: customer, saleId: sale.saleId });
    const first = await scan();
    expect(first.findingsCreated).toBeGreaterThanOrEqual(4);
    const before = await findings(customer);
    expect(before.map((f) => f.rule_code)).toEqual(
      expect.arrayContaining(['RISK_MISMATCH', 'ELDERLY_NON_GUARANTEED', 'DUAL_RECORDING_MISSING', 'MIS_SELLING_COMPLAINT']),
    );
    const second = await scan();
    expect(second).toMatchObject({ salesChecked: 1, findingsCreated: 0, findingsUpdated: 0, findingsWithdrawn: 0, findingsReopened: 0 });
    const after = await findings(customer);
    const stable = (rows: FindingRow[]) => rows.map(({ last_scanned_at: _l, ...rest }) => ({ ...rest, updated_at: new Date(rest.updated_at).toISOString() }));
    expect(stable(after)).toEqual(stable(before));
  });

  it('leaves a decided finding as decided when a re-scan sees other facts, or none', async () => {
    await insertSnapshot(db(), { customerId: customer, asOf: '2024-01-01', riskLevel: 'C2' });
    const sale = await r4Sale(customer);
    await scan();
    const [finding] = await findings(customer);
    await db().execute(sql`UPDATE compliance_findings SET status = 'rejected' WHERE customer_id = ${customer} AND id = ${finding!.id}::uuid`);
    // the customer is reassessed C1 for that date: the facts would now say C1
    await db().execute(sql`UPDATE customer_snapshots SET risk_level = 'C1' WHERE customer_id = ${customer}`);
    expect(await scan()).toMatchObject({ findingsCreated: 0, findingsUpdated: 0, findingsWithdrawn: 0 });
    expect(await findings(customer)).toMatchObject([{ sale_id: sale.saleId, status: 'rejected', facts: { customerRiskLevel: 'C2' } }]);
    // and corrected so that it no longer fires: a rejected finding is not withdrawn
    await db().execute(sql`UPDATE customer_snapshots SET risk_level = 'C5' WHERE customer_id = ${customer}`);
    expect(await scan()).toMatchObject({ findingsWithdrawn: 0 });
    expect((await findings(customer)).map((f) => f.status)).toEqual(['rejected']);
  });

  it('withdraws an open finding once corrected data no longer raises it, and reopens it when raised again', async () => {
    await insertSnapshot(db(), { customerId: customer, asOf: '2024-01-01', riskLevel: 'C2' });
    await r4Sale(customer);
    await scan();
    const [finding] = await findings(customer);

    await db().execute(sql`UPDATE customer_snapshots SET risk_level = 'C4' WHERE customer_id = ${customer}`);
    const corrected = await scan();
    expect(corrected).toMatchObject({ findingsWithdrawn: 1, findingsCreated: 0 });
    const today = new Date().toISOString().slice(0, 10);
    expect(await findings(customer)).toMatchObject([{ id: finding!.id, status: 'withdrawn' }]);
    expect(await reviews(finding!.id)).toEqual([
      { finding_id: finding!.id, reviewer_id: null, from_status: 'open', to_status: 'withdrawn', reason: `no longer raised by the scan of ${today}` },
    ]);

    await db().execute(sql`UPDATE customer_snapshots SET risk_level = 'C1' WHERE customer_id = ${customer}`);
    expect(await scan()).toMatchObject({ findingsReopened: 1, findingsCreated: 0, findingsWithdrawn: 0 });
    expect(await findings(customer)).toMatchObject([{ id: finding!.id, status: 'open', facts: { customerRiskLevel: 'C1', maxAllowed: 'R1' } }]);
    expect((await reviews(finding!.id)).map((r) => [r.from_status, r.to_status, r.reviewer_id, r.reason])).toEqual([
      ['open', 'withdrawn', null, `no longer raised by the scan of ${today}`],
      ['withdrawn', 'open', null, 'raised again by a scan'],
    ]);
  });

  it('a scan job records the scan, audits it as the platform and starts the alert evaluation', async () => {
    await insertSnapshot(db(), { customerId: customer, asOf: '2024-01-01', riskLevel: 'C2' });
    await r4Sale(customer);
    const { jobId } = await scans.requestScan({ ...SYSTEM_ACTOR, requestId: 'req-scan-1' });
    const job = await t.queue.waitFor(jobId, { timeoutMs: 60_000 });
    expect(job.state).toBe('completed');
    const outcome = job.result as ComplianceScanOutcome;
    expect(outcome.salesChecked).toBeGreaterThanOrEqual(1);
    expect(job.progress).toEqual({ scanId: outcome.scanId, percent: 100 });
    const alertsJob = await t.queue.getJob(outcome.alertsJobId);
    expect(alertsJob?.name).toBe(JobName.EvaluateComplianceAlerts);

    const listed = await scans.listScans(5);
    expect(listed.scans[0]).toMatchObject({ id: outcome.scanId, reason: 'on-demand', scope: 'all', runId: null, salesChecked: outcome.salesChecked });
    expect(listed.scans[0]!.finishedAt).not.toBeNull();
    const audit = await t.app.get(AuditService).history('compliance-scan', outcome.scanId);
    expect(audit).toMatchObject([{ action: 'compliance-scan.complete', actorId: null, after: { id: outcome.scanId, salesChecked: outcome.salesChecked } }]);
  });

  it('a load of sales enqueues a scan that re-checks only the customers of that run', async () => {
    const loaded = pseudonym(`scan-run-${n}-a`);
    const untouched = pseudonym(`scan-run-${n}-b`);
    await insertSnapshot(db(), { customerId: loaded, asOf: '2024-01-01', riskLevel: 'C2' });
    await insertSnapshot(db(), { customerId: untouched, asOf: '2024-01-01', riskLevel: 'C2' });
    const r4 = await insertProduct(db(), { category: 'wealth', riskLevel: 'R4', premiumMode: 'single' });
    // loaded before, and not part of the run: a run scan does not look at it
    await insertSale(db(), { customerId: untouched, productCode: r4.productCode });

    const ingestion = t.app.get(IngestionService);
    const saleId = `RUN-SALE-${n}`;
    const run = await ingestion.upload({
      entity: 'sales',
      fileName: 'sales.csv',
      content: Readable.from([Buffer.from(`sale_id,customer_id,product_code,sold_at,amount,channel,dual_recording\n${saleId},${loaded},${r4.productCode},2024-06-15,5000,app,Y\n`)]),
      pseudonymized: true,
      actor: SYSTEM_ACTOR,
    });
    const job = await t.queue.waitFor(run.jobId!, { timeoutMs: 60_000 });
    expect(job.state).toBe('completed');
    const { followUpJobIds } = job.result as IngestionOutcome;
    // the scan, and the campaign rollup refresh every sales load is followed by
    const followUps = await Promise.all(followUpJobIds.map((id) => t.queue.waitFor(id, { timeoutMs: 60_000 })));
    expect(followUps.map((j) => j.name).sort()).toEqual([JobName.ComplianceScan, JobName.RefreshCampaignRollups].sort());
    const scanJob = followUps.find((j) => j.name === JobName.ComplianceScan)!;
    expect(scanJob.state).toBe('completed');
    const outcome = scanJob.result as ComplianceScanOutcome;
    expect(outcome).toMatchObject({ salesChecked: 1, findingsCreated: 1 });
    expect((await scans.listScans(1)).scans[0]).toMatchObject({ id: outcome.scanId, reason: 'ingestion', scope: 'sales', runId: run.id });
    expect((await findings(loaded)).map((f) => [f.sale_id, f.rule_code])).toEqual([[saleId, 'RISK_MISMATCH']]);
    expect(await findings(untouched)).toEqual([]);
  });

  it('a sale re-sent under another customer withdraws the finding left on the first one', async () => {
    const first = pseudonym(`scan-move-${n}-a`);
    const second = pseudonym(`scan-move-${n}-b`);
    await insertSnapshot(db(), { customerId: first, asOf: '2024-01-01', riskLevel: 'C1' });
    await insertSnapshot(db(), { customerId: second, asOf: '2024-01-01', riskLevel: 'C5' });
    const r4 = await insertProduct(db(), { category: 'wealth', riskLevel: 'R4', premiumMode: 'single' });
    const saleId = `MOVED-${n}`;
    const load = async (customerId: string) => {
      const run = await t.app.get(IngestionService).upload({
        entity: 'sales',
        fileName: 'sales.csv',
        content: Readable.from([Buffer.from(`sale_id,customer_id,product_code,sold_at,amount\n${saleId},${customerId},${r4.productCode},2024-06-15,5000\n`)]),
        pseudonymized: true,
        actor: SYSTEM_ACTOR,
      });
      const job = await t.queue.waitFor(run.jobId!, { timeoutMs: 60_000 });
      for (const id of (job.result as IngestionOutcome).followUpJobIds) expect((await t.queue.waitFor(id, { timeoutMs: 60_000 })).state).toBe('completed');
    };
    await load(first);
    expect((await findings(first)).map((f) => [f.sale_id, f.rule_code, f.status])).toEqual([[saleId, 'RISK_MISMATCH', 'open']]);
    await load(second);
    expect((await findings(first)).map((f) => [f.sale_id, f.rule_code, f.status])).toEqual([[saleId, 'RISK_MISMATCH', 'withdrawn']]);
    expect(await findings(second)).toEqual([]);
  });

  it('a load of complaints re-checks the sales of the customers complained about: a mis-selling complaint is flagged', async () => {
    await insertSnapshot(db(), { customerId: customer, asOf: '2024-01-01', riskLevel: 'C5' });
    const sale = await r4Sale(customer);
    const run = await t.app.get(IngestionService).upload({
      entity: 'complaints',
      fileName: 'complaints.csv',
      content: Readable.from([
        Buffer.from(`complaint_id,customer_id,received_at,category,sale_id\nCMP-RUN-${n}-1,${customer},2024-07-01,mis_selling,${sale.saleId}\nCMP-RUN-${n}-2,${customer},2024-07-02,service,${sale.saleId}\n`),
      ]),
      pseudonymized: true,
      actor: SYSTEM_ACTOR,
    });
    const job = await t.queue.waitFor(run.jobId!, { timeoutMs: 60_000 });
    const followUps = await Promise.all((job.result as IngestionOutcome).followUpJobIds.map((id) => t.queue.waitFor(id, { timeoutMs: 60_000 })));
    expect(followUps.find((j) => j.name === JobName.ComplianceScan)?.state).toBe('completed');
    expect((await scans.listScans(1)).scans[0]).toMatchObject({ reason: 'ingestion', scope: 'complaints', runId: run.id, salesChecked: 1 });
    expect(await findings(customer)).toMatchObject([{ rule_code: 'MIS_SELLING_COMPLAINT', severity: 'high', facts: { complaints: 1 } }]);
  });

  it('a load of customers enqueues the re-tier and a scan of the customers it wrote', async () => {
    const r4 = await insertProduct(db(), { category: 'wealth', riskLevel: 'R4', premiumMode: 'single' });
    await insertSale(db(), { customerId: customer, productCode: r4.productCode, soldAt: '2024-06-15' });
    const ingestion = t.app.get(IngestionService);
    const run = await ingestion.upload({
      entity: 'customers',
      fileName: 'customers.csv',
      content: Readable.from([Buffer.from(`customer_id,risk_level,as_of\n${customer},C1,2024-01-01\n`)]),
      pseudonymized: true,
      actor: SYSTEM_ACTOR,
    });
    const job = await t.queue.waitFor(run.jobId!, { timeoutMs: 60_000 });
    const names = [];
    for (const id of (job.result as IngestionOutcome).followUpJobIds) {
      const followUp = await t.queue.waitFor(id, { timeoutMs: 60_000 });
      expect(followUp.state).toBe('completed');
      names.push(followUp.name);
    }
    // the re-tier, the scan, and the campaign rollup refresh (a customers load changes audience tiers)
    expect(names).toEqual([JobName.RetierCustomers, JobName.ComplianceScan, JobName.RefreshCampaignRollups]);
    expect((await scans.listScans(1)).scans[0]).toMatchObject({ reason: 'ingestion', scope: 'customers', runId: run.id, salesChecked: 1 });
    expect((await findings(customer)).map((f) => [f.rule_code, f.facts.customerRiskLevel])).toEqual([['RISK_MISMATCH', 'C1']]);
  });
});
