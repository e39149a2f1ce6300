import { Readable } from 'node:stream';
import { DateDay, Float64, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignsModule } from '@banca/campaigns';
import { ComplianceModule } from '@banca/compliance';
import type { IngestionEncoding, IngestionEntity, IngestionFormat, IngestionMappingInput, IngestionRunDto } from '@banca/contracts';
import { ingestionMappingSchema } from '@banca/contracts';
import { sql } from '@banca/db';
import { SYSTEM_ACTOR } from '@banca/domain';
import { SegmentationModule } from '@banca/segmentation';
import { createFeatureTestApp, type FeatureTestApp } from '@banca/testing';
import { IngestionModule } from './ingestion.module';
import { IngestionService, type IngestionOutcome } from './ingestion.service';
import { pseudonymise } from './pipeline/pseudonymise';

// Raw partner identifiers (phone numbers, a national ID): none may be stored, logged or put in a job.
const ALICE = '13712340001';
const BOB = '13712340002';
const CAROL = '44010619801231002X';
const RAW_IDS = [ALICE, BOB, CAROL];

interface LoadOptions {
  fileName: string;
  format?: IngestionFormat;
  encoding?: IngestionEncoding;
  mapping?: IngestionMappingInput;
}

describe('partner files of every entity → canonical tables', () => {
  let t: FeatureTestApp;
  let ingestion: IngestionService;
  const pseudonym = (raw: string) => pseudonymise(raw, t.config.pseudonymKey);

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
    ingestion = t.app.get(IngestionService);
  });
  afterAll(async () => t?.close());

  async function load(entity: IngestionEntity, content: string | Uint8Array, options: LoadOptions): Promise<IngestionRunDto> {
    const run = await ingestion.upload({
      entity,
      fileName: options.fileName,
      format: options.format,
      encoding: options.encoding,
      mapping: options.mapping ? ingestionMappingSchema.parse(options.mapping) : null,
      content: Readable.from([typeof content === 'string' ? Buffer.from(content) : Buffer.from(content)]),
      actor: SYSTEM_ACTOR,
    });
    const job = await t.queue.waitFor(run.jobId!, { timeoutMs: 60_000 });
    expect(job.state).toBe('completed');
    for (const id of (job.result as IngestionOutcome).followUpJobIds) await t.queue.waitFor(id, { timeoutMs: 60_000 });
    return ingestion.getRun(run.id);
  }

  const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => t.handle.rows<T>(query);
  const rejectsOf = async (run: IngestionRunDto) => (await ingestion.listRejects(run.id, { limit: 100, offset: 0 })).rejects;

  it('branches: a GBK file with Chinese names round-trips, detected or named, with semicolons and CRLF', async () => {
    const csv = ['branch_code;name;region', 'BJ01;北京分行营业部;华北', 'SH01;"上海分行;浦东支行";华东', 'GZ01;广州天河支行;华南'].join('\r\n');
    const detected = await load('branches', iconv.encode(csv, 'gbk'), { fileName: 'branches.csv' });
    expect(detected).toMatchObject({ status: 'completed', format: 'csv', encoding: 'gb18030', counts: { read: 3, inserted: 3 } });
    expect(await rows(sql`SELECT branch_code, name, region FROM branches ORDER BY branch_code`)).toEqual([
      { branch_code: 'BJ01', name: '北京分行营业部', region: '华北' },
      { branch_code: 'GZ01', name: '广州天河支行', region: '华南' },
      { branch_code: 'SH01', name: '上海分行;浦东支行', region: '华东' },
    ]);
    const named = await load('branches', iconv.encode(csv, 'gbk'), { fileName: 'branches.csv', encoding: 'gbk' });
    expect(named).toMatchObject({ encoding: 'gbk', counts: { read: 3, inserted: 0, updated: 0, unchanged: 3 } });
    const renamed = await load('branches', iconv.encode(csv.replace('广州天河支行', '广州天河中心支行'), 'gb18030'), { fileName: 'branches.csv' });
    expect(renamed.counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
  });

  it('staff: NDJSON with rejects on their lines; re-loading is idempotent', async () => {
    const ndjson = [
      '{"staff_code":"S001","name":"王芳","branch_code":"BJ01","qualified_until":"2026-06-30"}',
      '{"staff_code":"S002","name":"李雷","branch_code":"SH01","qualified_until":"2026/13/01"}',
      '',
      '{"staff_code":"S003","name":"Chen","qualified_since":"20200101"}',
    ].join('\n');
    const first = await load('staff', ndjson, { fileName: 'staff.ndjson' });
    expect(first).toMatchObject({ status: 'completed', format: 'ndjson', counts: { read: 3, inserted: 2, rejected: 1 } });
    expect(await rejectsOf(first)).toEqual([{ line: 2, field: 'qualified_until', value: '2026/13/01', reason: 'not a calendar date' }]);
    expect(await rows(sql`SELECT staff_code, qualified_since::text FROM staff ORDER BY staff_code`)).toEqual([
      { staff_code: 'S001', qualified_since: null },
      { staff_code: 'S003', qualified_since: '2020-01-01' },
    ]);
    expect((await load('staff', ndjson, { fileName: 'staff.ndjson' })).counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 1 });
  });

  it('products: each partner\'s rating is kept, the product takes the higher one; re-loading either file is idempotent', async () => {
    const header = 'product_code,name,provider,category,risk_level,premium_mode,term_years,fee_rate';
    const bank = `${header}\nP-CI-01,安心重疾,BANK01,Critical Illness,R2,annual,20,0.25\nP-UL-01,稳盈万能,BANK01,universal_life,R3,single,,15%\n`;
    const insurer = `${header}\nP-CI-01,安心重疾,INS01,critical_illness,R3,annual,20,0.25\nP-XX-01,Unknown,INS01,pension,R9,,,\n`;
    expect((await load('products', bank, { fileName: 'bank-products.csv' })).counts).toMatchObject({ inserted: 2 });
    const fromInsurer = await load('products', insurer, { fileName: 'insurer-products.csv' });
    expect(fromInsurer.counts).toMatchObject({ read: 2, inserted: 1, rejected: 1 });
    expect(await rejectsOf(fromInsurer)).toEqual([
      { line: 3, field: 'category', value: 'pension', reason: expect.stringMatching(/^not one of accident, medical/) },
      { line: 3, field: 'risk_level', value: 'R9', reason: 'not a product risk level (expected R1 to R5)' },
    ]);
    expect(await rows(sql`SELECT product_code, rated_by, risk_level FROM product_risk_ratings ORDER BY 1, 2`)).toEqual([
      { product_code: 'P-CI-01', rated_by: 'BANK01', risk_level: 'R2' },
      { product_code: 'P-CI-01', rated_by: 'INS01', risk_level: 'R3' },
      { product_code: 'P-UL-01', rated_by: 'BANK01', risk_level: 'R3' },
    ]);
    expect(await rows(sql`SELECT product_code, category, risk_level, cooling_off_days, fee_rate::text FROM products ORDER BY 1`)).toEqual([
      { product_code: 'P-CI-01', category: 'critical_illness', risk_level: 'R3', cooling_off_days: 15, fee_rate: '0.250000' },
      { product_code: 'P-UL-01', category: 'universal_life', risk_level: 'R3', cooling_off_days: 15, fee_rate: '0.150000' },
    ]);
    expect((await load('products', insurer, { fileName: 'insurer-products.csv' })).counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const rerated = await load('products', bank.replace('R2,annual', 'R4,annual'), { fileName: 'bank-products.csv' });
    expect(rerated.counts).toMatchObject({ updated: 1 });
    expect(await rows(sql`SELECT risk_level FROM products WHERE product_code = 'P-CI-01'`)).toEqual([{ risk_level: 'R4' }]);
  });

  describe('sales from an Arrow IPC file', () => {
    const salesArrow = (amounts: number[], customers: string[]) =>
      tableToIPC(
        new Table({
          policy_no: vectorFromArray(['POL-1', 'POL-2', 'POL-3'], new Utf8()),
          client: vectorFromArray(customers, new Utf8()),
          product_code: vectorFromArray(['P-CI-01', 'P-UL-01', 'P-CI-01'], new Utf8()),
          sold_at: vectorFromArray([new Date('2025-01-10'), new Date('2025-01-11'), new Date('2025-01-12')], new DateDay()),
          amount: vectorFromArray(amounts, new Float64()),
          currency: vectorFromArray(['CNY', 'hkd', null], new Utf8()),
          channel: vectorFromArray(['cellular', 'app', 'branch'], new Utf8()),
        }),
        'file',
      );
    const mapping: IngestionMappingInput = { entity: 'sales', columns: { policy_no: 'sale_id', client: 'customer_id' } };

    it('loads with the amount and currency as given and channel codes kept; rejects name rows', async () => {
      const run = await load('sales', salesArrow([12000, 50000.5, -1], [ALICE, BOB, CAROL]), { fileName: 'policies.arrow', mapping });
      expect(run).toMatchObject({ status: 'completed', format: 'arrow', counts: { read: 3, inserted: 2, rejected: 1 } });
      expect((await ingestion.listRejects(run.id, { limit: 10, offset: 0 })).position).toBe('row');
      expect(await rejectsOf(run)).toEqual([{ line: 4, field: 'amount', value: '-1', reason: 'must be at least 0' }]);
      expect(await rows(sql`SELECT sale_id, customer_id, amount::text, currency, channel, status, sold_at::text FROM sales ORDER BY sale_id`)).toEqual([
        { sale_id: 'POL-1', customer_id: pseudonym(ALICE), amount: '12000.00', currency: 'CNY', channel: 'cellular', status: 'active', sold_at: '2025-01-10' },
        { sale_id: 'POL-2', customer_id: pseudonym(BOB), amount: '50000.50', currency: 'HKD', channel: 'app', status: 'active', sold_at: '2025-01-11' },
      ]);
    });

    it('re-loading is idempotent; a changed amount updates; a policy re-sent for another customer moves', async () => {
      const again = await load('sales', salesArrow([12000, 50000.5, -1], [ALICE, BOB, CAROL]), { fileName: 'policies.arrow', mapping });
      expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
      const changed = await load('sales', salesArrow([12500, 50000.5, 300], [ALICE, CAROL, CAROL]), { fileName: 'policies.arrow', mapping });
      expect(changed.counts).toMatchObject({ inserted: 1, updated: 2, unchanged: 0, rejected: 0 });
      expect(await rows(sql`SELECT sale_id, customer_id, amount::text FROM sales ORDER BY sale_id`)).toEqual([
        { sale_id: 'POL-1', customer_id: pseudonym(ALICE), amount: '12500.00' },
        { sale_id: 'POL-2', customer_id: pseudonym(CAROL), amount: '50000.50' },
        { sale_id: 'POL-3', customer_id: pseudonym(CAROL), amount: '300.00' },
      ]);
    });
  });

  it('campaign events: an Arrow stream without occurred_at is dated on the load date (said on the run); channels mapped', async () => {
    const stream = tableToIPC(
      new Table({
        client: vectorFromArray([ALICE, BOB, ALICE, CAROL, ALICE], new Utf8()),
        outcome: vectorFromArray(['contacted', 'contacted', 'responded', 'clicked', 'contacted'], new Utf8()),
        contact: vectorFromArray(['cellular', 'telephone', 'cellular', 'unknown', 'cellular'], new Utf8()),
        arm: vectorFromArray(['treatment', 'holdout', 'treatment', 'treatment', 'treatment'], new Utf8()),
      }),
      'stream',
    );
    const mapping: IngestionMappingInput = {
      columns: { client: 'customer_id', outcome: 'event', contact: 'channel', arm: 'group' },
      values: { channel: { cellular: 'phone', telephone: 'phone', unknown: null } },
      constants: { campaign_code: 'HIST-2024-TD' },
    };
    const run = await load('campaign_events', stream, { fileName: 'contacts.arrows', mapping });
    const loadDate = run.createdAt.slice(0, 10);
    expect(run).toMatchObject({ status: 'completed', format: 'arrow', counts: { read: 5, inserted: 3, rejected: 2 } });
    expect(run.notes).toEqual([`occurred_at is not in the file: the load date ${loadDate} is used (4 rows)`]);
    expect(await rejectsOf(run)).toEqual([
      { line: 2, field: 'campaign_code', value: null, reason: 'same campaign_code and customer_id and event and occurred_at as row 6, which is loaded instead' },
      { line: 5, field: 'event', value: 'clicked', reason: expect.stringMatching(/^not one of contacted/) },
    ]);
    expect(await rows(sql`SELECT customer_id, event, channel, "group", occurred_at::text FROM campaign_events ORDER BY event, "group" DESC`)).toEqual(
      expect.arrayContaining([
        { customer_id: pseudonym(ALICE), event: 'contacted', channel: 'phone', group: 'treatment', occurred_at: loadDate },
        { customer_id: pseudonym(BOB), event: 'contacted', channel: 'phone', group: 'holdout', occurred_at: loadDate },
        { customer_id: pseudonym(ALICE), event: 'responded', channel: 'phone', group: 'treatment', occurred_at: loadDate },
      ]),
    );
    const again = await load('campaign_events', stream, { fileName: 'contacts.arrows', mapping });
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });

  it('complaints: CSV with a BOM, rejected rows with line numbers, idempotent re-load', async () => {
    const csv = [
      '\uFEFFcomplaint_id,customer_id,received_at,category,sale_id,resolved_at,upheld',
      `CP-1,${ALICE},2025-02-01,mis_selling,POL-1,2025-02-10,是`,
      `CP-2,${BOB},2025-02-03,service,,2025-02-01,N`,
      `CP-3,,2025-02-04,fees,,,`,
      `CP-4,${CAROL},2025-02-05,Data Privacy,,,`,
    ].join('\n');
    const run = await load('complaints', csv, { fileName: 'complaints.csv' });
    expect(run.counts).toMatchObject({ read: 4, inserted: 2, rejected: 2 });
    expect(await rejectsOf(run)).toEqual([
      { line: 3, field: 'resolved_at', value: '2025-02-01', reason: 'before received_at' },
      { line: 4, field: 'customer_id', value: '(empty)', reason: 'required' },
    ]);
    expect(await rows(sql`SELECT complaint_id, customer_id, category, upheld FROM complaints ORDER BY 1`)).toEqual([
      { complaint_id: 'CP-1', customer_id: pseudonym(ALICE), category: 'mis_selling', upheld: true },
      { complaint_id: 'CP-4', customer_id: pseudonym(CAROL), category: 'data_privacy', upheld: null },
    ]);
    expect((await load('complaints', csv, { fileName: 'complaints.csv' })).counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('campaigns: imported with origin imported and ;-separated products; a platform campaign is never overwritten', async () => {
    await t.handle.rows(sql`INSERT INTO campaigns (campaign_code, name, start_date, end_date) VALUES ('PLAN-1', 'Planned here', '2025-06-01', '2025-06-30')`);
    const csv = [
      'campaign_code,name,start_date,end_date,product_codes,channels,budget,holdout_share',
      'HIST-2024-TD,Term deposit 2024,2024-05-01,2024-07-31,P-CI-01; P-UL-01,phone;sms,"200,000",10%',
      'PLAN-1,Overwrite attempt,2025-06-01,2025-06-30,P-CI-01,,,',
      'HIST-BAD,Backwards,2024-05-01,2024-04-01,,,,',
    ].join('\n');
    const run = await load('campaigns', csv, { fileName: 'history.csv' });
    expect(run.counts).toMatchObject({ read: 3, inserted: 1, rejected: 2 });
    expect(await rejectsOf(run)).toEqual([
      { line: 3, field: 'campaign_code', value: 'PLAN-1', reason: expect.stringContaining('planned in the platform') },
      { line: 4, field: 'end_date', value: '2024-04-01', reason: 'before start_date' },
    ]);
    expect(await rows(sql`SELECT campaign_code, name, origin, status, product_codes, channels, budget::text, holdout_share::text FROM campaigns ORDER BY 1`)).toEqual([
      {
        campaign_code: 'HIST-2024-TD',
        name: 'Term deposit 2024',
        origin: 'imported',
        status: 'completed',
        product_codes: ['P-CI-01', 'P-UL-01'],
        channels: ['phone', 'sms'],
        budget: '200000.00',
        holdout_share: '0.100000',
      },
      { campaign_code: 'PLAN-1', name: 'Planned here', origin: 'platform', status: 'draft', product_codes: [], channels: [], budget: null, holdout_share: '0.100000' },
    ]);
    expect((await load('campaigns', csv, { fileName: 'history.csv' })).counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  });

  describe('structural failures write nothing', () => {
    const snapshot = () =>
      rows(sql`SELECT (SELECT count(*) FROM sales)::int AS sales, (SELECT count(*) FROM campaign_events)::int AS events,
        (SELECT count(*) FROM products)::int AS products, (SELECT max(updated_at) FROM sales) AS sales_updated`);

    it.each<[string, IngestionEntity, string | Uint8Array, LoadOptions, RegExp]>([
      [
        'a mapping naming a column the file lacks',
        'sales',
        `policy,customer_id,product_code,sold_at,amount\nX1,${ALICE},P-CI-01,2025-01-01,1\n`,
        { fileName: 'partner-sales.csv', mapping: { columns: { policy_no: 'sale_id' } } },
        /^partner-sales\.csv, field "policy_no": the mapping's columns names column "policy_no", which the file does not have$/,
      ],
      [
        'a file of another entity',
        'campaign_events',
        'product_code,name,provider,category,risk_level\nP1,x,y,accident,R1\n',
        { fileName: 'events.csv' },
        /not a campaign_events file: required column "campaign_code", "customer_id", "event" missing/,
      ],
      [
        'a truncated Arrow file',
        'sales',
        tableToIPC(new Table({ sale_id: vectorFromArray(['S1', 'S2'], new Utf8()) }), 'file').subarray(0, 200),
        { fileName: 'sales.arrow' },
        /sales\.arrow: not a valid Arrow IPC file or stream/,
      ],
      [
        'NDJSON that is not',
        'sales',
        `${ALICE},P1\n`,
        { fileName: 'sales.jsonl' },
        /sales\.jsonl, line 1: not NDJSON: the line is not a JSON object/,
      ],
      [
        'too many bad rows',
        'sales',
        `sale_id,customer_id,product_code,sold_at,amount\nZ1,${ALICE},P1,yesterday,1\nZ2,${BOB},P1,2025-01-01,lots\nZ3,${CAROL},P1,2025-01-01,5\n`,
        { fileName: 'sales.csv' },
        /2 of 3 rows rejected/,
      ],
    ])('%s', async (_, entity, content, options, message) => {
      const before = await snapshot();
      const run = await load(entity, content, options);
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(message);
      for (const raw of RAW_IDS) expect(run.error).not.toContain(raw);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a mapping of unknown fields when the run is created', async () => {
      await expect(
        ingestion.upload({
          entity: 'sales',
          fileName: 'sales.csv',
          mapping: ingestionMappingSchema.parse({ columns: { policy: 'policy_number' } }),
          content: Readable.from([Buffer.from('x\n')]),
          actor: SYSTEM_ACTOR,
        }),
      ).rejects.toThrow(/names "policy_number", which is not a sales field/);
    });
  });

  it('exports the rejects as CSV with formula-like values neutralised', async () => {
    const run = await load(
      'sales',
      `sale_id,customer_id,product_code,sold_at,amount\nF1,${ALICE},P1,2025-01-01,=1+2\nF2,${ALICE},P1,2025-01-01,10\nF3,${BOB},P1,2025-01-01,11\n`,
      { fileName: 'formula.csv' },
    );
    const csv = await ingestion.rejectsCsv(run.id);
    let text = '';
    for await (const chunk of csv.content) text += chunk;
    expect(csv.fileName).toBe(`rejects-${run.id}.csv`);
    expect(text).toBe("\uFEFFline,field,value,reason\r\n2,amount,'=1+2,not a decimal number\r\n");
  });

  it('leaves no staging table, and no raw identifier in any text column, job or log line', async () => {
    expect(await rows(sql`SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'ingest_stage_%'`)).toEqual([]);
    expect(await rows(sql`SELECT count(*)::int AS n FROM sales WHERE customer_id = ${pseudonym(CAROL.toLowerCase())}`)).toEqual([{ n: 2 }]);
    const columns = await rows<{ table_name: string; column_name: string }>(sql`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')`);
    const pattern = RAW_IDS.join('|');
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      const [hit] = await rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table_name)} WHERE ${sql.identifier(column_name)}::text ~* ${pattern}`,
      );
      if (Number(hit?.n) > 0) found.push(`${table_name}.${column_name}`);
    }
    expect(found).toEqual([]);
    for (const run of (await ingestion.listRuns({ limit: 100 })).runs) {
      const job = JSON.stringify(await t.queue.getJob(run.jobId!));
      for (const raw of RAW_IDS) expect(job.toUpperCase()).not.toContain(raw);
    }
    const logs = t.logs.lines.join('\n').toUpperCase();
    for (const raw of RAW_IDS) expect(logs).not.toContain(raw);
  });
});
