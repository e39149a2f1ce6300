import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '@banca/db';

/** How many of each the generator writes for N sales. */
export interface ComplianceBenchData {
  products: number;
  ratings: number;
  staff: number;
  customers: number;
  snapshots: number;
  sales: number;
  complaints: number;
  evidence: number;
}

const PRODUCTS = 36;
const STAFF = 400;
const BRANCHES = 60;

/**
 * A deterministic pseudo-random integer in [0, m) from a row number and a salt (multiplicative hashing
 * in bigint; no random(), so every run writes the same rows).
 */
const h = (column: string, salt: number, m: number) =>
  sql.raw(`((((${column})::bigint * 2654435761 + ${salt} * 40503) % 4294967291) % ${m})`);

/** The bench's set-based data generator, its baseline query and the figures it reads back. */
export class ComplianceBenchRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  /**
   * Products (12 insurance categories × 3, R1–R5, a quarter also rated higher by the other partner), staff
   * (about one in ten unqualified, expired or recently qualified), customers with 1–3 snapshots each, N
   * sales over 2023–2025, complaints on about 0.5 % of them and evidence on about 1 %.
   */
  async generate(sales: number): Promise<ComplianceBenchData> {
    const customers = Math.max(1, Math.ceil(sales / 2));
    const run = (q: ReturnType<typeof sql>) => this.handle.rows(q);
    await run(sql`
      INSERT INTO branches (branch_code, name, region)
      SELECT 'BB' || lpad(i::text, 3, '0'), 'Bench branch ' || i, (ARRAY['north','south','east','west','central'])[1 + i % 5]
      FROM generate_series(1, ${BRANCHES}) AS i
      ON CONFLICT DO NOTHING`);
    await run(sql`
      INSERT INTO products (product_code, name, provider, category, risk_level, premium_mode, term_years, cooling_off_days)
      SELECT 'BP' || lpad(i::text, 3, '0'), 'Bench product ' || i, 'bench-insurer',
        (ARRAY['accident','medical','critical_illness','term_life','whole_life','annuity','participating_annuity',
               'universal_life','investment_linked','home_property','credit_guarantee','education_savings'])[1 + (i - 1) % 12],
        CASE (i - 1) % 12 WHEN 8 THEN 'R' || (4 + ${h('i', 1, 2)}) WHEN 6 THEN 'R' || (2 + ${h('i', 1, 2)})
          WHEN 7 THEN 'R' || (2 + ${h('i', 1, 2)}) ELSE 'R' || (1 + ${h('i', 1, 2)}) END,
        (ARRAY['single','annual','monthly'])[1 + ${h('i', 2, 3)}],
        CASE WHEN i % 5 = 0 THEN NULL ELSE (ARRAY[1, 5, 10, 20, 30])[1 + ${h('i', 3, 5)}] END,
        CASE WHEN i % 4 = 0 THEN 10 ELSE 15 END
      FROM generate_series(1, ${PRODUCTS}) AS i
      ON CONFLICT DO NOTHING`);
    await run(sql`
      INSERT INTO product_risk_ratings (product_code, rated_by, risk_level)
      SELECT product_code, 'bench-partner', 'R' || least(5, substr(risk_level, 2)::int + 1)
      FROM products WHERE product_code LIKE 'BP%' AND substr(product_code, 3)::int % 4 = 0
      ON CONFLICT DO NOTHING`);
    await run(sql`
      INSERT INTO staff (staff_code, name, branch_code, region, qualified_since, qualified_until)
      SELECT 'BS' || lpad(i::text, 4, '0'), 'Bench staff ' || i, 'BB' || lpad((1 + i % ${BRANCHES})::text, 3, '0'), NULL,
        CASE WHEN ${h('i', 4, 50)} = 0 THEN DATE '2025-03-01' ELSE DATE '2015-01-01' + ${h('i', 5, 2000)}::int END,
        CASE ${h('i', 6, 50)} WHEN 0 THEN NULL WHEN 1 THEN DATE '2024-06-30' ELSE DATE '2030-12-31' END
      FROM generate_series(1, ${STAFF}) AS i
      ON CONFLICT DO NOTHING`);
    await run(sql`
      INSERT INTO customer_snapshots (customer_id, as_of, birth_date, birth_year, gender, region, branch_code,
        monthly_income, household_annual_income, risk_level, risk_assessed_at, consent_marketing, consent_data_sharing)
      SELECT encode(sha256(convert_to('bench-customer:' || c, 'UTF8')), 'hex'),
        DATE '2022-10-01' + (k - 1) * 365 + ${h('c', 7, 90)}::int,
        CASE WHEN ${h('c', 8, 2)} = 0 THEN DATE '1950-01-01' + ${h('c', 9, 18250)}::int END,
        1950 + ${h('c', 9, 18250)}::int / 365,
        (ARRAY['F','M'])[1 + ${h('c', 10, 2)}],
        (ARRAY['north','south','east','west','central'])[1 + ${h('c', 11, 5)}],
        'BB' || lpad((1 + ${h('c', 12, BRANCHES)})::text, 3, '0'),
        CASE WHEN ${h('c * 3 + k', 13, 10)} < 7 THEN 2000 + ${h('c * 3 + k', 14, 40000)} END,
        CASE WHEN ${h('c * 3 + k', 15, 10)} < 8 THEN 30000 + ${h('c * 3 + k', 16, 600000)} END,
        CASE WHEN ${h('c * 3 + k', 17, 20)} = 0 THEN NULL ELSE 'C' || (ARRAY[1,2,2,2,3,3,3,3,3,3,3,4,4,4,4,4,4,5,5,5])[1 + ${h('c * 3 + k', 18, 20)}] END,
        DATE '2022-10-01' + (k - 1) * 365 - ${h('c * 3 + k', 19, 60)}::int,
        ${h('c * 3 + k', 20, 10)} > 0,
        ${h('c * 3 + k', 21, 10)} > 1
      FROM generate_series(1, ${customers}) AS c
      CROSS JOIN LATERAL generate_series(1, (ARRAY[1,2,2,3,3,3,3,3,3,3])[1 + ${h('c', 22, 10)}]) AS k`);
    await run(sql`
      INSERT INTO customers (customer_id, as_of, birth_date, birth_year, gender, region, branch_code,
        monthly_income, household_annual_income, risk_level, risk_assessed_at, consent_marketing, consent_data_sharing)
      SELECT DISTINCT ON (customer_id) customer_id, as_of, birth_date, birth_year, gender, region, branch_code,
        monthly_income, household_annual_income, risk_level, risk_assessed_at, consent_marketing, consent_data_sharing
      FROM customer_snapshots WHERE customer_id IN (
        SELECT encode(sha256(convert_to('bench-customer:' || c, 'UTF8')), 'hex') FROM generate_series(1, ${customers}) AS c)
      ORDER BY customer_id, as_of DESC`);
    await run(sql`
      INSERT INTO sales (customer_id, sale_id, product_code, sold_at, amount, premium_mode, channel, branch_code, staff_code,
        campaign_code, customer_risk_level_at_sale, dual_recording, status, status_at)
      SELECT encode(sha256(convert_to('bench-customer:' || (1 + ${h('s', 30, customers)}), 'UTF8')), 'hex'),
        'BSALE' || lpad(s::text, 9, '0'),
        p.product_code,
        DATE '2023-01-01' + ${h('s', 32, 1095)}::int,
        CASE coalesce(m.mode, p.premium_mode) WHEN 'monthly' THEN 100 + ${h('s', 33, 3000)}
          WHEN 'annual' THEN 1000 + ${h('s', 33, 30000)} ELSE 5000 + ${h('s', 33, 200000)} END,
        m.mode,
        (ARRAY['branch','app','account_manager','phone','sms','wechat','online'])[1 + ${h('s', 36, 7)}],
        'BB' || lpad((1 + ${h('s', 37, BRANCHES)})::text, 3, '0'),
        CASE ${h('s', 38, 200)} WHEN 0 THEN NULL WHEN 1 THEN 'BSX' || ${h('s', 39, 10)} ELSE 'BS' || lpad((1 + ${h('s', 40, STAFF)})::text, 4, '0') END,
        CASE WHEN ${h('s', 41, 10)} = 0 THEN 'BENCH-CMP-' || ${h('s', 42, 5)} END,
        CASE WHEN ${h('s', 43, 10)} < 3 THEN 'C' || (ARRAY[1,2,2,3,3,3,4,4,5,5])[1 + ${h('s', 47, 10)}] END,
        ${h('s', 44, 100)} >= 5,
        CASE WHEN ${h('s', 45, 100)} < 3 THEN 'cancelled_cooling_off' WHEN ${h('s', 45, 100)} < 8 THEN 'surrendered' ELSE 'active' END,
        CASE WHEN ${h('s', 45, 100)} < 8 THEN DATE '2023-01-01' + ${h('s', 32, 1095)}::int + ${h('s', 46, 40)}::int END
      FROM generate_series(1, ${sales}) AS s
      CROSS JOIN LATERAL (SELECT CASE WHEN ${h('s', 34, 10)} = 0 THEN (ARRAY['single','annual','monthly'])[1 + ${h('s', 35, 3)}] END AS mode) AS m
      JOIN products p ON p.product_code = 'BP' || lpad((1 + ${h('s', 31, PRODUCTS)})::text, 3, '0')`);
    await run(sql`
      INSERT INTO complaints (customer_id, complaint_id, received_at, category, sale_id, channel)
      SELECT customer_id, 'BCMP-' || sale_id, sold_at + 30, CASE WHEN substr(sale_id, 6)::int % 3 = 0 THEN 'service' ELSE 'mis_selling' END,
        sale_id, channel
      FROM sales WHERE sale_id LIKE 'BSALE%' AND ${h('substr(sale_id, 6)::int', 50, 200)} = 0
      ON CONFLICT DO NOTHING`);
    await run(sql`
      INSERT INTO sale_evidence (customer_id, sale_id, kind, reference, clears)
      SELECT customer_id, sale_id, k.kind, 'bench-' || k.kind || '-' || sale_id, k.clears
      FROM sales
      JOIN (VALUES (0, 'recording', ARRAY['DUAL_RECORDING_MISSING']),
                   (1, 'declaration', ARRAY['AFFORDABILITY_SINGLE','AFFORDABILITY_REGULAR','AFFORDABILITY_HORIZON']),
                   (2, 'approval', ARRAY['DUPLICATE_COVER'])) AS k(n, kind, clears)
        ON k.n = ${h('substr(sale_id, 6)::int', 51, 300)}
      WHERE sale_id LIKE 'BSALE%'`);
    await run(sql`ANALYZE branches, products, product_risk_ratings, staff, customers, customer_snapshots, sales, complaints, sale_evidence`);
    const [row] = await this.handle.rows<Record<keyof ComplianceBenchData, number>>(sql`
      SELECT (SELECT count(*)::int FROM products WHERE product_code LIKE 'BP%') AS products,
        (SELECT count(*)::int FROM product_risk_ratings WHERE rated_by = 'bench-partner') AS ratings,
        (SELECT count(*)::int FROM staff WHERE staff_code LIKE 'BS%') AS staff,
        (SELECT count(*)::int FROM customers) AS customers,
        (SELECT count(*)::int FROM customer_snapshots) AS snapshots,
        (SELECT count(*)::int FROM sales) AS sales,
        (SELECT count(*)::int FROM complaints) AS complaints,
        (SELECT count(*)::int FROM sale_evidence) AS evidence`);
    return row as ComplianceBenchData;
  }

  /**
   * The floor of any per-sale check: every sale read with its snapshot in force and its product, one row
   * per sale written into an unlogged table (dropped after). Returns the rows written.
   */
  async baseline(): Promise<number> {
    const table = sql.identifier(`bench_scan_floor_${randomBytes(4).toString('hex')}`);
    await this.handle.rows(sql`
      CREATE UNLOGGED TABLE ${table} (customer_id text, sale_id text, sold_at date, product_code text, category text,
        product_risk text, snapshot_as_of date, risk_level text, birth_date date, birth_year int, monthly_income numeric,
        household_annual_income numeric, amount numeric, status text)`);
    try {
      const [row] = await this.handle.rows<{ n: number }>(sql`
        WITH written AS (
          INSERT INTO ${table}
          SELECT s.customer_id, s.sale_id, s.sold_at, s.product_code, p.category, p.risk_level, snap.as_of,
            coalesce(snap.risk_level, s.customer_risk_level_at_sale), snap.birth_date, snap.birth_year, snap.monthly_income,
            snap.household_annual_income, s.amount, s.status
          FROM sales s
          JOIN products p ON p.product_code = s.product_code
          LEFT JOIN LATERAL (
            SELECT cs.as_of, cs.risk_level, cs.birth_date, cs.birth_year, cs.monthly_income, cs.household_annual_income
            FROM customer_snapshots cs
            WHERE cs.customer_id = s.customer_id AND cs.as_of <= s.sold_at
            ORDER BY cs.as_of DESC LIMIT 1
          ) snap ON true
          RETURNING 1)
        SELECT count(*)::int AS n FROM written`);
      return Number(row?.n ?? 0);
    } finally {
      await this.handle.rows(sql`DROP TABLE IF EXISTS ${table}`);
    }
  }

  /** Every finding held, by rule (on a fresh database: the bench's). */
  async findingsByRule(): Promise<Record<string, number>> {
    const rows = await this.handle.rows<{ rule_code: string; n: number }>(sql`
      SELECT rule_code, count(*)::int AS n FROM compliance_findings GROUP BY rule_code ORDER BY rule_code`);
    return Object.fromEntries(rows.map((r) => [r.rule_code, Number(r.n)]));
  }
}
