import { existsSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignsModule } from '@banca/campaigns';
import { ComplianceModule } from '@banca/compliance';
import type { IngestionRunDto } from '@banca/contracts';
import { sql } from '@banca/db';
import { SYSTEM_ACTOR, type Tier } from '@banca/domain';
import { pseudonymise } from './pipeline/pseudonymise';
import { SegmentationModule, TierService } from '@banca/segmentation';
import { createFeatureTestApp, type FeatureTestApp } from '@banca/testing';
import { IngestionModule } from './ingestion.module';
import { IngestionService, type IngestionOutcome } from './ingestion.service';

// Raw ids of the partner file: none of them may be stored, logged or put in a job.
const HNW_AT_BOUNDARY = '13912340001';
const MIDDLE_BY_INCOME = '13912340002';
const BASIC_JUST_BELOW = '13912340003';
const MIDDLE_ASSETS_UNKNOWN = '13912340004';
const MIDDLE_BY_ASSETS = '13912340005';
const NOTHING_KNOWN = '13912340006';
const NATIONAL_ID = '11010519491231002x';
const HNW_RICH = '13912340008';

const CUSTOMERS_CSV = [
  'customer_id,region,branch_code,household_annual_income,investable_assets,payroll,risk_level,consent_data_sharing,as_of',
  `${HNW_AT_BOUNDARY},Beijing,BJ1,100000,5000000,Y,C4,Y,2024-12-31`,
  `${MIDDLE_BY_INCOME},Beijing,BJ1,900000,4999999.99,N,C3,Y,2024-12-31`,
  `${BASIC_JUST_BELOW},Shanghai,SH1,199999.99,499999.99,Y,C2,N,2024-12-31`,
  `${MIDDLE_ASSETS_UNKNOWN},Shanghai,SH1,200000,,Y,,Y,2024-12-31`,
  `${MIDDLE_BY_ASSETS},Shanghai,SH2,,500000,,C1,,2024-12-31`,
  `${NOTHING_KNOWN},Guangdong,GD1,,,,,,2024-12-31`,
  `${NATIONAL_ID},Guangdong,GD1,50000,12000.50,是,c5,否,2024-12-31`,
  `${HNW_RICH},Beijing,BJ2,1500000,80000000,N,C5,Y,2024-12-31`,
].join('\n');

const EXPECTED_TIERS: Record<string, Tier> = {
  [HNW_AT_BOUNDARY]: 'hnw',
  [MIDDLE_BY_INCOME]: 'middle',
  [BASIC_JUST_BELOW]: 'basic',
  [MIDDLE_ASSETS_UNKNOWN]: 'middle',
  [MIDDLE_BY_ASSETS]: 'middle',
  [NOTHING_KNOWN]: 'basic',
  [NATIONAL_ID]: 'basic',
  [HNW_RICH]: 'hnw',
};
const RAW_IDS = Object.keys(EXPECTED_TIERS);

describe('customers file → ingestion run → canonical tables → tiers', () => {
  let t: FeatureTestApp;
  let ingestion: IngestionService;
  let tierService: TierService;
  const rawIdsSeen = new Set<string>(RAW_IDS);
  const pseudonym = (raw: string) => pseudonymise(raw, t.config.pseudonymKey);

  async function load(content: string | Buffer, options: { fileName?: string; pseudonymized?: boolean } = {}) {
    const run = await ingestion.upload({
      entity: 'customers',
      fileName: options.fileName ?? 'customers.csv',
      content: Readable.from([typeof content === 'string' ? Buffer.from(content) : content]),
      pseudonymized: options.pseudonymized,
      actor: SYSTEM_ACTOR,
    });
    expect(run.jobId).not.toBeNull();
    const job = await t.queue.waitFor(run.jobId!, { timeoutMs: 60_000 });
    expect(job.state).toBe('completed');
    const result = job.result as IngestionOutcome;
    for (const followUp of result.followUpJobIds) {
      expect((await t.queue.waitFor(followUp, { timeoutMs: 60_000 })).state).toBe('completed');
    }
    return ingestion.getRun(run.id);
  }

  const count = async (query: ReturnType<typeof sql>) => Number((await t.handle.rows<{ n: number }>(query))[0]?.n);
  const tierOf = async (raw: string) =>
    (await t.handle.rows<{ tier: Tier }>(sql`SELECT tier FROM customer_tiers WHERE customer_id = ${pseudonym(raw)}`))[0]?.tier;

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
    ingestion = t.app.get(IngestionService);
    tierService = t.app.get(TierService);
  });
  afterAll(async () => t?.close());

  let first: IngestionRunDto;

  it('loads a customers file: counts, pseudonymised customers and snapshots, tiers and tier counts', async () => {
    first = await load(CUSTOMERS_CSV);
    expect(first).toMatchObject({
      status: 'completed',
      error: null,
      format: 'csv',
      encoding: 'utf-8',
      counts: { read: 8, inserted: 8, updated: 0, unchanged: 0, rejected: 0 },
      progress: { percent: 100 },
      // consent_data_sharing N (BASIC_JUST_BELOW, NATIONAL_ID) or empty (MIDDLE_BY_ASSETS, NOTHING_KNOWN)
      notes: ['4 customers without data-sharing consent: loaded, kept out of cross-partner use (segments, audiences)'],
    });
    const consent = await t.handle.rows<{ consent_data_sharing: boolean | null; n: number }>(
      sql`SELECT consent_data_sharing, count(*)::int AS n FROM customers GROUP BY 1 ORDER BY 1 NULLS LAST`,
    );
    expect(consent).toEqual([
      { consent_data_sharing: false, n: 2 },
      { consent_data_sharing: true, n: 4 },
      { consent_data_sharing: null, n: 2 },
    ]);
    const customers = await t.handle.rows<{ customer_id: string; investable_assets: string | null; payroll: boolean | null; risk_level: string | null }>(
      sql`SELECT customer_id, investable_assets, payroll, risk_level FROM customers ORDER BY customer_id`,
    );
    expect(customers.map((c) => c.customer_id).sort()).toEqual(RAW_IDS.map(pseudonym).sort());
    const nationalId = customers.find((c) => c.customer_id === pseudonym(NATIONAL_ID.toUpperCase()));
    expect(nationalId).toMatchObject({ payroll: true, risk_level: 'C5' });
    expect(Number(nationalId?.investable_assets)).toBe(12000.5);
    expect(await count(sql`SELECT count(*)::int AS n FROM customer_snapshots`)).toBe(8);

    for (const raw of RAW_IDS) expect([raw, await tierOf(raw)]).toEqual([raw, EXPECTED_TIERS[raw]]);

    const all = await tierService.tierCounts({});
    expect(all).toMatchObject({
      tiers: [
        { tier: 'hnw', customers: 2 },
        { tier: 'middle', customers: 3 },
        { tier: 'basic', customers: 3 },
      ],
      total: 8,
      ruleVersion: 1,
      regions: ['Beijing', 'Guangdong', 'Shanghai'],
    });
    expect(all.computedAt).not.toBeNull();
    expect((await tierService.tierCounts({ region: 'Beijing' })).tiers).toEqual([
      { tier: 'hnw', customers: 2 },
      { tier: 'middle', customers: 1 },
      { tier: 'basic', customers: 0 },
    ]);
    expect((await tierService.tierCounts({ region: 'Shanghai', branchCode: 'SH1' })).tiers).toEqual([
      { tier: 'hnw', customers: 0 },
      { tier: 'middle', customers: 1 },
      { tier: 'basic', customers: 1 },
    ]);
    expect(await count(sql`SELECT count(*)::int AS n FROM tier_history`)).toBe(8);
  });

  it('re-loading the same file changes nothing', async () => {
    const again = await load(CUSTOMERS_CSV);
    expect(again.counts).toEqual({ read: 8, inserted: 0, updated: 0, unchanged: 8, rejected: 0, skipped: 0 });
    expect(await count(sql`SELECT count(*)::int AS n FROM customers`)).toBe(8);
    expect(await count(sql`SELECT count(*)::int AS n FROM customer_snapshots`)).toBe(8);
    expect(await count(sql`SELECT count(*)::int AS n FROM tier_history`)).toBe(8);
    const sources = await t.handle.rows<{ source_run_id: string }>(sql`SELECT DISTINCT source_run_id FROM customers`);
    expect(sources).toEqual([{ source_run_id: first.id }]);
  });

  it('re-running the job of a completed run does not count twice; a restarted run starts from zero', async () => {
    const context = { jobId: 'test', attempt: 2, reportProgress: async () => undefined };
    const again = await ingestion.processRun({ runId: first.id }, context);
    expect(again.status).toBe('completed');
    expect((await ingestion.getRun(first.id)).counts).toEqual(first.counts);

    // an attempt that died half-way: status running, stale rejects, the spooled file still there
    const run = await ingestion.createRun({ entity: 'customers', fileName: 'retry.csv', actor: SYSTEM_ACTOR });
    mkdirSync(t.config.spoolDir, { recursive: true });
    writeFileSync(join(t.config.spoolDir, run.id), `${CUSTOMERS_CSV}\n,Beijing,,,,,,,2024-12-31\n`);
    await t.handle.rows(sql`UPDATE ingestion_runs SET status = 'running', rows_read = 99 WHERE id = ${run.id}`);
    await t.handle.rows(sql`INSERT INTO ingestion_rejects (run_id, line, field, reason) VALUES (${run.id}, 42, 'x', 'stale')`);
    const outcome = await ingestion.processRun({ runId: run.id }, context);
    expect(outcome.status).toBe('completed');
    expect((await ingestion.getRun(run.id)).counts).toEqual({ read: 9, inserted: 0, updated: 0, unchanged: 8, rejected: 1, skipped: 0 });
    expect((await ingestion.listRejects(run.id, { limit: 10, offset: 0 })).rejects).toEqual([
      { line: 10, field: 'customer_id', value: '(empty)', reason: 'required' },
    ]);
    expect(existsSync(join(t.config.spoolDir, run.id))).toBe(false);
    expect((await ingestion.processRun({ runId: run.id }, context)).status).toBe('completed');
    expect((await ingestion.getRun(run.id)).counts.read).toBe(9);
  });

  it('a changed row updates the customer; other rows stay unchanged', async () => {
    const changed = CUSTOMERS_CSV.replace(`${BASIC_JUST_BELOW},Shanghai,SH1,199999.99,499999.99`, `${BASIC_JUST_BELOW},Shanghai,SH1,199999.99,500000`);
    const run = await load(changed);
    expect(run.counts).toEqual({ read: 8, inserted: 0, updated: 1, unchanged: 7, rejected: 0, skipped: 0 });
    const [row] = await t.handle.rows<{ investable_assets: string }>(
      sql`SELECT investable_assets FROM customers WHERE customer_id = ${pseudonym(BASIC_JUST_BELOW)}`,
    );
    expect(Number(row?.investable_assets)).toBe(500000);
    expect(await tierOf(BASIC_JUST_BELOW)).toBe('middle');
    expect(await count(sql`SELECT count(*)::int AS n FROM customer_snapshots`)).toBe(8);
  });

  it('a new as_of adds a snapshot and moves the customer to it; an older one only adds history', async () => {
    const header = CUSTOMERS_CSV.split('\n')[0];
    const newer = await load(`${header}\n${HNW_AT_BOUNDARY},Beijing,BJ1,100000,4999999.99,Y,C4,Y,20250331\n`);
    expect(newer.counts).toEqual({ read: 1, inserted: 1, updated: 0, unchanged: 0, rejected: 0, skipped: 0 });
    const older = await load(`${header}\n${HNW_AT_BOUNDARY},Beijing,BJ1,100000,100,Y,C4,Y,2024/06/30\n`);
    expect(older.counts).toMatchObject({ inserted: 1 });

    const [customer] = await t.handle.rows<{ as_of: string; investable_assets: string }>(
      sql`SELECT as_of::text AS as_of, investable_assets FROM customers WHERE customer_id = ${pseudonym(HNW_AT_BOUNDARY)}`,
    );
    expect(customer).toEqual({ as_of: '2025-03-31', investable_assets: expect.anything() });
    expect(Number(customer?.investable_assets)).toBe(4999999.99);
    expect(await tierOf(HNW_AT_BOUNDARY)).toBe('middle');
    const history = await t.handle.rows<{ as_of: string; tier: Tier }>(
      sql`SELECT as_of::text AS as_of, tier FROM tier_history WHERE customer_id = ${pseudonym(HNW_AT_BOUNDARY)} ORDER BY as_of`,
    );
    expect(history).toEqual([
      { as_of: '2024-06-30', tier: 'basic' },
      { as_of: '2024-12-31', tier: 'hnw' },
      { as_of: '2025-03-31', tier: 'middle' },
    ]);
    expect(await count(sql`SELECT count(*)::int AS n FROM customer_snapshots`)).toBe(10);
  });

  it('rejects bad rows with line numbers and fields while the good rows load', async () => {
    const good = Array.from({ length: 8 }, (_, i) => `1391235${String(i).padStart(4, '0')},Zhejiang,ZJ1,1000,2000,Y,2025-01-31`);
    good.forEach((line) => rawIdsSeen.add(line.split(',')[0]!));
    const rows = [
      'customer_id,region,branch_code,household_annual_income,investable_assets,payroll,as_of',
      '13912349001,Zhejiang,ZJ1,100,200,Y,2025-01-31',
      '13912349002,Zhejiang,ZJ1,abc,200,Y,2025-01-31',
      ',Zhejiang,ZJ1,100,200,Y,2025-01-31',
      '13912349004,Zhejiang,ZJ1,100,200,maybe,2025-01-31',
      '13912349005,Zhejiang,ZJ1,100,200,Y,2025-02-30',
      '13912349001,Zhejiang,ZJ1,150,200,Y,2025-01-31',
      '13912349007,Zhejiang,ZJ1,100,200,Y',
      ...good,
    ];
    ['13912349001', '13912349002', '13912349004', '13912349005', '13912349007'].forEach((id) => rawIdsSeen.add(id));
    const run = await load(rows.join('\r\n'));
    expect(run.counts).toEqual({ read: 15, inserted: 9, updated: 0, unchanged: 0, rejected: 6, skipped: 0 });
    const { rejects, total } = await ingestion.listRejects(run.id, { limit: 100, offset: 0 });
    expect(total).toBe(6);
    expect(rejects).toEqual([
      { line: 2, field: 'customer_id', value: null, reason: 'same customer_id and as_of as line 7, which is loaded instead' },
      { line: 3, field: 'household_annual_income', value: 'abc', reason: 'not a decimal number' },
      { line: 4, field: 'customer_id', value: '(empty)', reason: 'required' },
      { line: 5, field: 'payroll', value: 'maybe', reason: expect.stringContaining('not a yes/no value') },
      { line: 6, field: 'as_of', value: '2025-02-30', reason: 'not a calendar date' },
      { line: 8, field: 'row', value: null, reason: 'has 6 fields, the header has 7' },
    ]);
    const [kept] = await t.handle.rows<{ household_annual_income: string }>(
      sql`SELECT household_annual_income FROM customers WHERE customer_id = ${pseudonym('13912349001')}`,
    );
    expect(Number(kept?.household_annual_income)).toBe(150);
    expect((await tierService.tierCounts({ region: 'Zhejiang' })).total).toBe(9);
  });

  it('reads GBK files and pseudonymised files', async () => {
    const gbk = iconv.encode('customer_id,region,payroll\n13912341111,浙江,是\n', 'gbk');
    rawIdsSeen.add('13912341111');
    const run = await load(gbk, { fileName: 'bank-export.csv' });
    expect(run).toMatchObject({ status: 'completed', encoding: 'gb18030', counts: { inserted: 1 } });
    const [row] = await t.handle.rows<{ region: string }>(sql`SELECT region FROM customers WHERE customer_id = ${pseudonym('13912341111')}`);
    expect(row?.region).toBe('浙江');

    const shared = pseudonym('13912342222');
    const pre = await load(`customer_id;region\n${shared.toUpperCase()};Sichuan\n`, { pseudonymized: true });
    expect(pre).toMatchObject({ status: 'completed', pseudonymized: true, counts: { inserted: 1 } });
    expect(await count(sql`SELECT count(*)::int AS n FROM customers WHERE customer_id = ${shared}`)).toBe(1);
  });

  describe('a file that is not a customers CSV fails the run and writes nothing', () => {
    const bad: [string, string | Buffer, RegExp][] = [
      ['a products file', 'product_code,name,provider,category,risk_level\nP001,Accident cover,INS1,accident,R1\n', /not a customers file: required column "customer_id" missing/],
      ['binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /not text/],
      ['an empty file', '', /the file is empty/],
      ['a header without rows', 'customer_id,region\n', /no data rows/],
      [
        'bytes that stop being UTF-8 after the first chunk',
        Buffer.concat([Buffer.from(`customer_id,region\n${Array.from({ length: 40_000 }, (_, i) => `Z${i},x`).join('\n')}\n`), Buffer.from([0xc3, 0x28, 0x0a])]),
        /not valid UTF-8 \(after byte \d+\); if it is GBK-encoded, load it with encoding gbk/,
      ],
      ['mostly bad rows', 'customer_id,investable_assets\nA1,lots\nA2,many\nA3,1000\n', /2 of 3 rows rejected \(66.7%, more than the 50% allowed\)/],
    ];

    it.each(bad)('%s', async (_, content, message) => {
      const before = await t.handle.rows(sql`SELECT (SELECT count(*) FROM customers)::int AS c, (SELECT count(*) FROM customer_snapshots)::int AS s`);
      const run = await ingestion.upload({ entity: 'customers', fileName: 'wrong.csv', content: Readable.from([typeof content === 'string' ? Buffer.from(content) : content]), actor: SYSTEM_ACTOR });
      const job = await t.queue.waitFor(run.jobId!, { timeoutMs: 60_000 });
      expect((job.result as IngestionOutcome).followUpJobIds).toEqual([]);
      const failed = await ingestion.getRun(run.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(message);
      expect(failed.error).toContain('wrong.csv');
      expect(await t.handle.rows(sql`SELECT (SELECT count(*) FROM customers)::int AS c, (SELECT count(*) FROM customer_snapshots)::int AS s`)).toEqual(before);
      expect(await count(sql`SELECT count(*)::int AS n FROM customer_snapshots WHERE source_run_id = ${run.id}`)).toBe(0);
      expect(existsSync(join(t.config.spoolDir, run.id))).toBe(false);
    });
  });

  it('sales, campaign events and complaints of the same customers join them by pseudonym only', async () => {
    const loadOf = async (entity: 'sales' | 'campaign_events' | 'complaints', fileName: string, content: string | Uint8Array) => {
      const run = await ingestion.upload({ entity, fileName, content: Readable.from([Buffer.from(content)]), actor: SYSTEM_ACTOR });
      expect((await t.queue.waitFor(run.jobId!, { timeoutMs: 60_000 })).state).toBe('completed');
      return ingestion.getRun(run.id);
    };
    const sales = await loadOf('sales', 'policies.csv', [
      'sale_id,customer_id,product_code,sold_at,amount,channel',
      `POL-A,${HNW_AT_BOUNDARY},P-CI-01,2025-01-05,12000,account_manager`,
      `POL-B,${NATIONAL_ID.toUpperCase()},P-UL-01,2025-01-06,50000,cellular`,
    ].join('\n'));
    const events = await loadOf('campaign_events', 'contacts.ndjson', [
      `{"campaign_code":"C-2025-01","customer_id":"${HNW_AT_BOUNDARY}","event":"contacted","occurred_at":"2025-01-02"}`,
      `{"campaign_code":"C-2025-01","customer_id":" ${NATIONAL_ID} ","event":"responded","occurred_at":"2025-01-03"}`,
    ].join('\n'));
    const complaints = await loadOf('complaints', 'complaints.arrow', tableToIPC(new Table({
      complaint_id: vectorFromArray(['CP-A'], new Utf8()),
      customer_id: vectorFromArray([NATIONAL_ID], new Utf8()),
      received_at: vectorFromArray(['2025-02-01'], new Utf8()),
      sale_id: vectorFromArray(['POL-B'], new Utf8()),
    }), 'file'));
    for (const run of [sales, events, complaints]) expect(run).toMatchObject({ status: 'completed', counts: { rejected: 0 } });
    const joined = await t.handle.rows<{ entity: string; n: number }>(sql`
      SELECT 'sales' AS entity, count(*)::int AS n FROM sales s JOIN customers c USING (customer_id)
      UNION ALL SELECT 'events', count(*)::int FROM campaign_events e JOIN customers c USING (customer_id)
      UNION ALL SELECT 'complaints', count(*)::int FROM complaints k JOIN customers c USING (customer_id) JOIN sales s USING (customer_id, sale_id)`);
    expect(joined).toEqual([{ entity: 'sales', n: 2 }, { entity: 'events', n: 2 }, { entity: 'complaints', n: 1 }]);
  });

  it('leaves no staging table and no spooled file behind', async () => {
    expect(await count(sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name LIKE 'ingest_stage_%'`)).toBe(0);
    expect(readdirSync(t.config.spoolDir)).toEqual([]);
  });

  it('no text column of any table, no job and no log line contains a raw customer id (customers, sales, events, complaints)', async () => {
    const columns = await t.handle.rows<{ table_name: string; column_name: string }>(sql`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')
      ORDER BY 1, 2`);
    expect(columns.length).toBeGreaterThan(20);
    const pattern = [...rawIdsSeen].map((id) => id.toUpperCase()).join('|');
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      const n = await count(
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table_name)} WHERE ${sql.identifier(column_name)}::text ~* ${pattern}`,
      );
      if (n > 0) found.push(`${table_name}.${column_name}`);
    }
    expect(found).toEqual([]);
    const runs = await ingestion.listRuns({ limit: 100 });
    expect(runs.runs.length).toBeGreaterThan(10);
    for (const run of runs.runs.filter((r) => r.jobId !== null)) {
      const job = JSON.stringify(await t.queue.getJob(run.jobId!));
      for (const raw of rawIdsSeen) expect(job).not.toContain(raw);
    }
    const logs = t.logs.lines.join('\n');
    expect(logs).toContain('ingestion run completed');
    for (const raw of rawIdsSeen) expect(logs.toUpperCase()).not.toContain(raw.toUpperCase());
  });
});
