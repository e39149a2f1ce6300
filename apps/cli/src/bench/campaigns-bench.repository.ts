import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { sql, type SQL } from 'drizzle-orm';
import type { DatabaseHandle } from '@banca/db';
import { TIERS } from '@banca/domain';

/** What the bench asks the generator for. */
export interface CampaignsBenchSize {
  customers: number;
  events: number;
  campaigns: number;
}

/** How many of each the generator wrote. */
export interface CampaignsBenchData {
  customers: number;
  snapshots: number;
  products: number;
  campaigns: number;
  /** Audience members of every bench campaign (the measured build's included once it ran). */
  audienceMembers: number;
  events: number;
  sales: number;
  complaints: number;
  spendLines: number;
}

/** The campaign whose audience the bench builds with the platform; the others' audiences are generated. */
export interface BuildCampaign {
  code: string;
  tiers: readonly string[];
  holdoutShare: number;
}

/** One exported table: its CSV file (with a header) and rows. */
export interface ExportedTable {
  table: string;
  file: string;
}

const PREFIX = 'BENCH-C';
const FIRST_START = '2025-01-06';
/** Days between two campaigns' starts; each runs 60 days and attributes 30 more. */
const START_STEP = 21;
const RUN_DAYS = 60;
const ATTRIBUTION_DAYS = 30;
const LAUNCH_LEAD_DAYS = 3;
const BRANCHES = 40;

/** The bench's campaign codes: BENCH-C01, BENCH-C02, … */
export const benchCampaignCode = (k: number) => `${PREFIX}${String(k).padStart(2, '0')}`;

/**
 * A deterministic pseudo-random integer in [0, m) from an integer expression and a salt (multiplicative
 * hashing in bigint, as the compliance bench generates its rows; no random(), so every run writes the same).
 */
const mixText = (column: string, salt: number, m: number) => `((((${column})::bigint * 2654435761 + ${salt} * 40503) % 4294967291) % ${m})`;
const mix = (column: string, salt: number, m: number) => sql.raw(mixText(column, salt, m));

/** A customer number's pseudonym: 64 hex characters, as an HMAC pseudonym looks. */
const customerIdOf = (column: string) => sql.raw(`encode(sha256(convert_to('bench-campaign-customer:' || (${column}), 'UTF8')), 'hex')`);

/**
 * The holdout bucket of libs/campaigns (holdout-split.ts): the first 32 bits of md5("<campaign>:<customer>")
 * over 2^32; held out iff bucket < holdout share. The baseline and the generated audiences use it, and the
 * bench checks the platform's arms equal it.
 */
const bucketSql = (code: SQL, customerId: SQL) =>
  sql`(('x' || substr(md5(${code} || ':' || ${customerId}), 1, 8))::bit(32)::bigint::float8 / 4294967296.0::float8)`;

/** The offered products of campaign k: two of the odd-numbered products (the even ones are sold, never offered). */
const offeredProducts = (k: number) => [1 + ((k - 1) * 2) % 12, 1 + ((k - 1) * 2 + 2) % 12].map((i) => `CBP${String(i).padStart(2, '0')}`);
const holdoutShareOf = (k: number) => (k % 3 === 0 ? 0.2 : 0.1);

/** Set-based generation of the campaigns bench data, its baseline, and the CSV export DuckDB reads. */
export class CampaignsBenchRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  private run(query: SQL) {
    return this.handle.rows(query);
  }

  /** The campaign the platform builds: every tier targeted (the whole customer base), 10 % holdout. */
  buildCampaign(): BuildCampaign {
    return { code: benchCampaignCode(1), tiers: [...TIERS], holdoutShare: holdoutShareOf(1) };
  }

  /**
   * Before the launch: branches, twelve products (fee rates, risk levels, premium modes), customers with
   * two snapshots each (investable assets, risk level, consent mostly given, some elderly), their tiers,
   * the K platform campaigns (plans as a launch leaves them) and the audiences of campaigns 2..K (about a
   * third of the customers each, split by the same hash; customers without consent excluded). Campaign 1
   * is left "building", decided on its launch day, for CampaignAudienceService.build.
   */
  async generateBase({ customers, campaigns }: CampaignsBenchSize): Promise<void> {
    await this.run(sql`
      INSERT INTO branches (branch_code, name, region)
      SELECT 'CB' || lpad(i::text, 3, '0'), 'Campaign bench branch ' || i, (ARRAY['north','south','east','west','central'])[1 + i % 5]
      FROM generate_series(1, ${BRANCHES}) AS i
      ON CONFLICT DO NOTHING`);
    await this.run(sql`
      INSERT INTO products (product_code, name, provider, category, risk_level, premium_mode, term_years, cooling_off_days, fee_rate)
      SELECT 'CBP' || lpad(p.i::text, 2, '0'), 'Bench product ' || p.i, 'bench-insurer', p.category, p.risk, p.mode, p.term, 15, p.fee
      FROM (VALUES
        (1, 'accident', 'R1', 'annual', 1, 0.25), (2, 'term_life', 'R1', 'annual', 20, 0.18),
        (3, 'critical_illness', 'R2', 'monthly', 20, 0.2), (4, 'medical', 'R1', 'monthly', 1, 0.15),
        (5, 'whole_life', 'R2', 'annual', 30, 0.12), (6, 'annuity', 'R2', 'single', 10, 0.035),
        (7, 'participating_annuity', 'R3', 'annual', 10, 0.05), (8, 'universal_life', 'R3', 'single', 10, 0.03),
        (9, 'investment_linked', 'R4', 'single', 10, 0.0275), (10, 'education_savings', 'R2', 'annual', 15, 0.08),
        (11, 'home_property', 'R1', 'annual', 1, NULL), (12, 'credit_guarantee', 'R1', 'single', 3, 0.1)
      ) AS p(i, category, risk, mode, term, fee)
      ON CONFLICT DO NOTHING`);
    await this.run(sql`
      INSERT INTO customer_snapshots (customer_id, as_of, birth_date, birth_year, gender, region, branch_code,
        monthly_income, household_annual_income, investable_assets, deposit_balance, risk_level, risk_assessed_at,
        consent_marketing, consent_data_sharing)
      SELECT ${customerIdOf('c')},
        (ARRAY[DATE '2024-06-30', DATE '2025-04-30'])[k],
        DATE '1940-01-01' + ${mix('c', 1, 22000)}::int,
        1940 + ${mix('c', 1, 22000)}::int / 365,
        (ARRAY['F','M'])[1 + ${mix('c', 2, 2)}],
        (ARRAY['north','south','east','west','central'])[1 + ${mix('c', 3, 5)}],
        'CB' || lpad((1 + ${mix('c', 4, BRANCHES)})::text, 3, '0'),
        3000 + ${mix('c', 5, 60000)},
        50000 + ${mix('c', 6, 900000)},
        -- assets: most under 500k, a tail of wealthy customers; the later snapshot moves them by -10..+15 %
        round(((CASE WHEN ${mix('c', 7, 100)} < 3 THEN 6000000 + ${mix('c', 8, 20000000)}
          WHEN ${mix('c', 7, 100)} < 25 THEN 500000 + ${mix('c', 8, 5000000)} ELSE ${mix('c', 8, 500000)} END)
          * CASE WHEN k = 1 THEN 1 ELSE 0.9 + ${mix('c', 9, 250)} / 1000.0 END)::numeric, 2),
        ${mix('c', 10, 300000)},
        'C' || (ARRAY[1,2,3,3,3,4,4,4,5,5])[1 + ${mix('c * 2 + k', 11, 10)}],
        (ARRAY[DATE '2024-05-01', DATE '2025-03-01'])[k],
        ${mix('c * 2 + k', 12, 100)} >= 4,
        ${mix('c * 2 + k', 13, 100)} >= 3
      FROM generate_series(1, ${customers}) AS c
      CROSS JOIN generate_series(1, 2) AS k`);
    await this.run(sql`
      INSERT INTO customers (customer_id, as_of, birth_date, birth_year, gender, region, branch_code, monthly_income,
        household_annual_income, investable_assets, deposit_balance, risk_level, risk_assessed_at, consent_marketing, consent_data_sharing)
      SELECT customer_id, as_of, birth_date, birth_year, gender, region, branch_code, monthly_income,
        household_annual_income, investable_assets, deposit_balance, risk_level, risk_assessed_at, consent_marketing, consent_data_sharing
      FROM customer_snapshots WHERE as_of = DATE '2025-04-30'`);
    await this.run(sql`
      INSERT INTO customer_tiers (customer_id, tier, rule_version, as_of)
      SELECT customer_id, CASE WHEN investable_assets >= 6000000 THEN 'hnw' WHEN investable_assets >= 500000 THEN 'middle' ELSE 'basic' END,
        1, as_of
      FROM customers`);

    for (let k = 1; k <= campaigns; k++) {
      const code = benchCampaignCode(k);
      const building = k === 1;
      const target = { tiers: k === 1 ? [...TIERS] : ['middle', 'basic'], segmentIds: [], filter: null };
      await this.run(sql`
        INSERT INTO campaigns (campaign_code, name, origin, bank_partner, insurer_partner, status, start_date, end_date,
          attribution_days, target, product_codes, offer, channels, budget, budget_lines, goal, holdout_share, contact_policy,
          description, launched_at, audience_status, audience_decided_on, audience_built_at)
        SELECT ${code}, ${`Bench campaign ${k}`}, 'platform', 'Bench Bank', 'Bench Life', 'completed', s.start, s.start + ${RUN_DAYS}::int,
          ${ATTRIBUTION_DAYS}, ${JSON.stringify(target)}::jsonb,
          ARRAY[${sql.join(offeredProducts(k).map((p) => sql`${p}::text`), sql`, `)}],
          ${JSON.stringify({ kind: 'voucher', description: 'Bench voucher', rate: null, costPerRedemption: 20 })}::jsonb,
          ARRAY['app', 'branch', 'sms']::text[], 600000,
          ${JSON.stringify({ promotion: 250000, gifts: 150000, fees: 100000 })}::jsonb,
          ${JSON.stringify({ metric: 'conversion_rate', target: 0.08 })}::jsonb,
          ${holdoutShareOf(k)},
          ${JSON.stringify({ maxContacts: k === 1 ? 2 : 4, periodDays: 30 })}::jsonb,
          'Generated by banca bench campaigns',
          (s.start - ${LAUNCH_LEAD_DAYS}::int)::timestamptz, ${building ? 'building' : 'built'}, s.start - ${LAUNCH_LEAD_DAYS}::int,
          ${building ? sql`NULL` : sql`(s.start - ${LAUNCH_LEAD_DAYS}::int)::timestamptz`}
        FROM (SELECT DATE ${sql.raw(`'${FIRST_START}'`)} + ${(k - 1) * START_STEP}::int AS start) s
        ON CONFLICT DO NOTHING`);
      if (building) continue;
      // about a third of the middle and basic customers (a byte of the pseudonym picks them), consent checked
      await this.run(sql`
        INSERT INTO audience_members (customer_id, campaign_code, "group", exclusion_reason, exclusion_detail, tier, branch_code, region)
        SELECT c.customer_id, ${code},
          CASE WHEN NOT (coalesce(c.consent_marketing, false) AND coalesce(c.consent_data_sharing, false)) THEN 'excluded'
            WHEN ${bucketSql(sql`${code}::text`, sql`c.customer_id`)} < ${holdoutShareOf(k)}::float8 THEN 'holdout' ELSE 'treatment' END,
          CASE WHEN NOT (coalesce(c.consent_marketing, false) AND coalesce(c.consent_data_sharing, false)) THEN 'CONSENT_MISSING' END,
          CASE WHEN NOT (coalesce(c.consent_marketing, false) AND coalesce(c.consent_data_sharing, false))
            THEN jsonb_build_object('ruleCode', 'CONSENT_MISSING') END,
          t.tier, c.branch_code, c.region
        FROM customers c
        JOIN customer_tiers t ON t.customer_id = c.customer_id
        WHERE t.tier IN ('middle', 'basic') AND get_byte(decode(c.customer_id, 'hex'), ${k % 32}::int) % 3 = 0`);
      await this.run(sql`
        UPDATE campaigns SET audience_counts = (
          SELECT jsonb_build_object(
            'targeted', count(*), 'eligible', count(*) FILTER (WHERE "group" <> 'excluded'),
            'treatment', count(*) FILTER (WHERE "group" = 'treatment'), 'holdout', count(*) FILTER (WHERE "group" = 'holdout'),
            'excluded', jsonb_build_object('CONSENT_MISSING', count(*) FILTER (WHERE "group" = 'excluded'),
              'CONTACT_POLICY', 0, 'RISK_MISMATCH', 0, 'ELDERLY_NON_GUARANTEED', 0))
          FROM audience_members WHERE campaign_code = ${code})
        WHERE campaign_code = ${code}`);
    }
    await this.run(sql`ANALYZE branches, products, customer_snapshots, customers, customer_tiers, campaigns, audience_members`);
  }

  /**
   * After the launch: exactly `events` campaign events spread over every bench campaign's audience (the
   * first a contact or, in the holdout, an organic response; some before the start, outside the window),
   * converting sales (treatment 9 %, holdout 6 % of members, some buying twice, some outside the window
   * or of a product not offered), background sales of any product to anyone (they convert too when they
   * fall in a window), complaints on about 1 % of the campaign sales and spend on three budget lines.
   */
  async generateOutcomes({ customers, events }: CampaignsBenchSize): Promise<void> {
    const members = sql`
      SELECT m.customer_id, m.campaign_code, m."group", c.start_date, c.product_codes,
        (row_number() OVER (ORDER BY m.campaign_code, m.customer_id) - 1)::bigint AS rn
      FROM audience_members m
      JOIN campaigns c ON c.campaign_code = m.campaign_code
      WHERE m."group" <> 'excluded' AND c.campaign_code LIKE ${`${PREFIX}%`}`;
    await this.run(sql`
      WITH members AS (${members}),
      total AS (SELECT greatest(count(*), 1)::bigint AS n FROM members)
      INSERT INTO campaign_events (customer_id, campaign_code, event, occurred_at, channel)
      SELECT m.customer_id, m.campaign_code,
        CASE WHEN m."group" = 'holdout' THEN (ARRAY['responded', 'opted_out'])[1 + ${mix('m.rn * 64 + j', 20, 2)}]
          WHEN j = 0 THEN 'contacted'
          ELSE (ARRAY['contacted','contacted','contacted','responded','responded','offer_redeemed','opted_out'])[1 + ${mix('m.rn * 64 + j', 21, 7)}] END,
        -- dates differ for every j of a member (j = 0 may fall just before the start), so rows never collide
        CASE WHEN j = 0 AND ${mix('m.rn', 22, 25)} = 0 THEN m.start_date - 1 - ${mix('m.rn', 23, 11)}::int
          ELSE m.start_date + j::int * 11 + ${mix('m.rn * 64 + j', 23, 11)}::int END,
        (ARRAY['app','branch','sms','wechat','phone'])[1 + ${mix('m.rn * 64 + j', 24, 5)}]
      FROM members m
      CROSS JOIN total t
      CROSS JOIN LATERAL generate_series(0, (${events}::bigint / t.n) - 1 + CASE WHEN m.rn < ${events}::bigint % t.n THEN 1 ELSE 0 END) AS j`);

    const saleColumns = sql`customer_id, sale_id, product_code, sold_at, amount, premium_mode, channel, branch_code, staff_code,
      campaign_code, customer_risk_level_at_sale, dual_recording, status, status_at`;
    await this.run(sql`
      WITH members AS (${members})
      INSERT INTO sales (${saleColumns})
      SELECT x.customer_id, 'BCS-' || x.campaign_code || '-' || x.rn || '-' || x.n, p.product_code, x.sold_at,
        CASE coalesce(x.mode, p.premium_mode) WHEN 'monthly' THEN 200 + ${mix('x.seed', 33, 180000)} / 100.0
          WHEN 'annual' THEN 3000 + ${mix('x.seed', 33, 2700000)} / 100.0 ELSE 20000 + ${mix('x.seed', 33, 28000000)} / 100.0 END,
        x.mode, x.channel, 'CB' || lpad((1 + ${mix('x.seed', 34, BRANCHES)})::text, 3, '0'), 'CBS' || lpad((1 + ${mix('x.seed', 35, 300)})::text, 3, '0'),
        CASE WHEN x."group" = 'treatment' THEN x.campaign_code END, 'C3', true,
        CASE WHEN ${mix('x.seed', 36, 100)} < 4 THEN 'cancelled_cooling_off' WHEN ${mix('x.seed', 36, 100)} < 7 THEN 'surrendered' ELSE 'active' END,
        CASE WHEN ${mix('x.seed', 36, 100)} < 7 THEN x.sold_at + ${mix('x.seed', 37, 40)}::int END
      FROM (
        SELECT m.customer_id, m.campaign_code, m."group", m.rn, n.n, m.rn * 4 + n.n AS seed,
          m.start_date + ${mix('m.rn * 4 + n.n', 30, 100)}::int AS sold_at,
          CASE WHEN ${mix('m.rn * 4 + n.n', 31, 10)} = 0 THEN 'CBP12'
            ELSE m.product_codes[1 + ${mix('m.rn * 4 + n.n', 32, 2)}] END AS product_code,
          CASE WHEN ${mix('m.rn * 4 + n.n', 38, 20)} = 0 THEN 'monthly' END AS mode,
          (ARRAY['branch','app','account_manager','phone','wechat'])[1 + ${mix('m.rn * 4 + n.n', 39, 5)}] AS channel
        FROM members m
        CROSS JOIN LATERAL generate_series(1, CASE WHEN ${mix('m.rn', 40, 100)} < 15 THEN 2 ELSE 1 END) AS n(n)
        WHERE ${mix('m.rn', 41, 1000)} < CASE WHEN m."group" = 'treatment' THEN 90 ELSE 60 END
      ) x
      JOIN products p ON p.product_code = x.product_code`);
    await this.run(sql`
      INSERT INTO sales (${saleColumns})
      SELECT x.customer_id, 'BCB-' || x.s, p.product_code, x.sold_at,
        CASE p.premium_mode WHEN 'monthly' THEN 150 + ${mix('x.s', 53, 150000)} / 100.0
          WHEN 'annual' THEN 2000 + ${mix('x.s', 53, 2000000)} / 100.0 ELSE 10000 + ${mix('x.s', 53, 20000000)} / 100.0 END,
        NULL, (ARRAY['branch','app','account_manager'])[1 + ${mix('x.s', 54, 3)}], 'CB' || lpad((1 + ${mix('x.s', 55, BRANCHES)})::text, 3, '0'),
        NULL, NULL, 'C3', true,
        CASE WHEN ${mix('x.s', 56, 100)} < 3 THEN 'cancelled_cooling_off' WHEN ${mix('x.s', 56, 100)} < 8 THEN 'surrendered' ELSE 'active' END,
        CASE WHEN ${mix('x.s', 56, 100)} < 8 THEN x.sold_at + ${mix('x.s', 57, 40)}::int END
      FROM (
        SELECT s, ${customerIdOf(`1 + ${mixText('s', 50, customers)}`)} AS customer_id,
          DATE '2024-06-01' + ${mix('s', 51, 580)}::int AS sold_at,
          'CBP' || lpad((1 + ${mix('s', 52, 12)})::text, 2, '0') AS product_code
        FROM generate_series(1, ${Math.max(1, Math.floor(customers / 5))}) AS s
      ) x
      JOIN products p ON p.product_code = x.product_code`);
    await this.run(sql`
      INSERT INTO complaints (customer_id, complaint_id, received_at, category, sale_id, campaign_code, channel)
      SELECT customer_id, 'BCC-' || sale_id, sold_at + 20, CASE WHEN length(sale_id) % 3 = 0 THEN 'service' ELSE 'mis_selling' END,
        sale_id, campaign_code, channel
      FROM sales
      WHERE sale_id LIKE 'BCS-%' AND get_byte(decode(md5(sale_id), 'hex'), 0) < 3
      ON CONFLICT DO NOTHING`);
    await this.run(sql`
      INSERT INTO campaign_spend (campaign_code, line, amount, spent_on, note)
      SELECT c.campaign_code, l.line, l.amount, c.start_date + l.day, 'bench'
      FROM campaigns c
      CROSS JOIN (VALUES ('promotion', 180000, 0), ('gifts', 90000, 20), ('fees', 60000, 45)) AS l(line, amount, day)
      WHERE c.campaign_code LIKE ${`${PREFIX}%`}`);
    await this.run(sql`ANALYZE campaign_events, sales, complaints, campaign_spend`);
  }

  /** Rows of each generated table. */
  async counts(): Promise<CampaignsBenchData> {
    const [row] = await this.handle.rows<Record<keyof CampaignsBenchData, number>>(sql`
      SELECT (SELECT count(*)::int FROM customers) AS customers,
        (SELECT count(*)::int FROM customer_snapshots) AS snapshots,
        (SELECT count(*)::int FROM products WHERE product_code LIKE 'CBP%') AS products,
        (SELECT count(*)::int FROM campaigns WHERE campaign_code LIKE ${`${PREFIX}%`}) AS campaigns,
        (SELECT count(*)::int FROM audience_members WHERE campaign_code LIKE ${`${PREFIX}%`}) AS "audienceMembers",
        (SELECT count(*)::int FROM campaign_events WHERE campaign_code LIKE ${`${PREFIX}%`}) AS events,
        (SELECT count(*)::int FROM sales WHERE sale_id LIKE 'BC%') AS sales,
        (SELECT count(*)::int FROM complaints WHERE complaint_id LIKE 'BCC-%') AS complaints,
        (SELECT count(*)::int FROM campaign_spend WHERE campaign_code LIKE ${`${PREFIX}%`}) AS "spendLines"`);
    return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)])) as unknown as CampaignsBenchData;
  }

  /**
   * The floor of an audience build: the same targeted customers (customers with a tier in the target) and
   * their arm by the same hash, written with a bare INSERT … SELECT into an unlogged table. Returns the
   * rows written and how many eligible members the platform put in another arm (0 when the split agrees);
   * the table is dropped after.
   */
  async baseline(campaign: BuildCampaign): Promise<{ rows: number; seconds: number; armMismatches: number }> {
    const table = sql.identifier(`bench_audience_floor_${randomBytes(4).toString('hex')}`);
    await this.run(sql`CREATE UNLOGGED TABLE ${table} (customer_id text, campaign_code text, "group" text)`);
    try {
      const started = performance.now();
      const [row] = await this.handle.rows<{ n: number }>(sql`
        WITH written AS (
          INSERT INTO ${table} (customer_id, campaign_code, "group")
          SELECT c.customer_id, ${campaign.code},
            CASE WHEN ${bucketSql(sql`${campaign.code}::text`, sql`c.customer_id`)} < ${campaign.holdoutShare}::float8 THEN 'holdout' ELSE 'treatment' END
          FROM customers c
          LEFT JOIN customer_tiers t ON t.customer_id = c.customer_id
          WHERE t.tier IN (${sql.join(campaign.tiers.map((tier) => sql`${tier}`), sql`, `)})
          RETURNING 1)
        SELECT count(*)::int AS n FROM written`);
      const seconds = (performance.now() - started) / 1000;
      const [check] = await this.handle.rows<{ n: number }>(sql`
        SELECT count(*)::int AS n
        FROM audience_members m
        LEFT JOIN ${table} b ON b.customer_id = m.customer_id
        WHERE m.campaign_code = ${campaign.code} AND m."group" <> 'excluded' AND b."group" IS DISTINCT FROM m."group"`);
      return { rows: Number(row?.n ?? 0), seconds, armMismatches: Number(check?.n ?? 0) };
    } finally {
      await this.run(sql`DROP TABLE IF EXISTS ${table}`);
    }
  }

  /**
   * The raw data an analyst would take away, as CSV files with a header (COPY … TO STDOUT on PostgreSQL,
   * PGlite's COPY to a blob): audience members, campaign events, sales, products and campaigns (the
   * product codes joined by "|").
   */
  async exportCsv(fileOf: (table: string) => string): Promise<ExportedTable[]> {
    const queries: [string, string][] = [
      ['audience_members', `SELECT customer_id, campaign_code, "group", exclusion_reason, tier, branch_code, region FROM audience_members`],
      ['campaign_events', `SELECT customer_id, campaign_code, event, occurred_at, channel, "group" FROM campaign_events`],
      ['sales', `SELECT customer_id, sale_id, product_code, sold_at, amount, premium_mode, channel, branch_code, staff_code, campaign_code, status, status_at FROM sales`],
      ['products', `SELECT product_code, category, risk_level, premium_mode, cooling_off_days, fee_rate FROM products`],
      ['campaigns', `SELECT campaign_code, origin, status, start_date, end_date, attribution_days, array_to_string(product_codes, '|') AS product_codes, holdout_share FROM campaigns`],
    ];
    const exported: ExportedTable[] = [];
    for (const [table, query] of queries) {
      const file = fileOf(table);
      await this.copyOut(`COPY (${query}) TO STDOUT WITH (FORMAT csv, HEADER)`, file);
      exported.push({ table, file });
    }
    return exported;
  }

  private async copyOut(statement: string, file: string): Promise<void> {
    const client = driverClient(this.handle);
    if (client.kind === 'postgres') {
      const readable = await client.sql.unsafe(statement).readable();
      await pipeline(readable, createWriteStream(file));
    } else {
      const result = await client.pglite.query(statement.replace('TO STDOUT', `TO '/dev/blob'`));
      const blob = result.blob;
      await writeFile(file, blob ? Buffer.from(await blob.arrayBuffer()) : '');
    }
  }
}

interface PostgresCopyClient {
  unsafe(query: string): { readable(): Promise<Readable> };
}
interface PgliteCopyClient {
  query(query: string): Promise<{ blob?: Blob }>;
}

/** The driver under the drizzle database (drizzle keeps it as `$client`): COPY TO is not part of DatabaseHandle. */
function driverClient(handle: DatabaseHandle): { kind: 'postgres'; sql: PostgresCopyClient } | { kind: 'pglite'; pglite: PgliteCopyClient } {
  const client = (handle.db as unknown as { $client?: unknown }).$client;
  if (client === undefined || client === null) throw new Error('the database driver is not reachable for COPY TO');
  return handle.kind === 'postgres' ? { kind: 'postgres', sql: client as PostgresCopyClient } : { kind: 'pglite', pglite: client as PgliteCopyClient };
}
