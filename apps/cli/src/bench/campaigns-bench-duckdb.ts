import { ValidationError } from '@banca/domain';
import type { ArmFigures, CampaignFigures } from './campaigns-bench-figures';
import type { ExportedTable } from './campaigns-bench.repository';

/** DuckDB's answer and how long it took, from opening an in-memory database to the last row. */
export interface DuckdbRun {
  figures: CampaignFigures[];
  seconds: number;
  threads: number;
}

/** Column types of each exported CSV, so DuckDB reads money as exact decimals and nothing is sniffed. */
const CSV_COLUMNS: Record<string, Record<string, string>> = {
  audience_members: {
    customer_id: 'VARCHAR', campaign_code: 'VARCHAR', group: 'VARCHAR', exclusion_reason: 'VARCHAR', tier: 'VARCHAR',
    branch_code: 'VARCHAR', region: 'VARCHAR',
  },
  campaign_events: { customer_id: 'VARCHAR', campaign_code: 'VARCHAR', event: 'VARCHAR', occurred_at: 'DATE', channel: 'VARCHAR', group: 'VARCHAR' },
  sales: {
    customer_id: 'VARCHAR', sale_id: 'VARCHAR', product_code: 'VARCHAR', sold_at: 'DATE', amount: 'DECIMAL(18,2)', premium_mode: 'VARCHAR',
    channel: 'VARCHAR', branch_code: 'VARCHAR', staff_code: 'VARCHAR', campaign_code: 'VARCHAR', status: 'VARCHAR', status_at: 'DATE',
  },
  products: { product_code: 'VARCHAR', category: 'VARCHAR', risk_level: 'VARCHAR', premium_mode: 'VARCHAR', cooling_off_days: 'INTEGER', fee_rate: 'DECIMAL(7,6)' },
  campaigns: {
    campaign_code: 'VARCHAR', origin: 'VARCHAR', status: 'VARCHAR', start_date: 'DATE', end_date: 'DATE', attribution_days: 'INTEGER',
    product_codes: 'VARCHAR', holdout_share: 'DECIMAL(7,6)',
  },
};

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

function readCsv(file: ExportedTable): string {
  const columns = CSV_COLUMNS[file.table];
  if (!columns) throw new Error(`no CSV columns for ${file.table}`);
  const struct = Object.entries(columns).map(([name, type]) => `${quote(name)}: ${quote(type)}`).join(', ');
  return `read_csv(${quote(file.file)}, header = true, delim = ',', quote = '"', escape = '"', columns = {${struct}})`;
}

/**
 * The analyst's query over the CSVs, the metric definitions of DATA.md as the rollup applies them:
 * audience = members in treatment or holdout of platform campaigns; window W = [start, end + attribution];
 * contacted … opted out = members with such an event of the campaign in W; converted = members with a sale
 * of an offered product in W; premium = Σ annualised premium of those sales (monthly × 12, the sale's
 * mode else the product's); fee income = Σ of each sale's premium × fee rate rounded to the fen.
 */
function figuresQuery(files: ReadonlyMap<string, ExportedTable>): string {
  const from = (table: string) => {
    const file = files.get(table);
    if (!file) throw new Error(`${table} was not exported`);
    return readCsv(file);
  };
  return `
    WITH c AS (
      SELECT campaign_code, start_date, end_date + attribution_days AS window_end, string_split(product_codes, '|') AS product_codes
      FROM ${from('campaigns')}
      WHERE origin = 'platform'
    ),
    a AS (
      SELECT m.campaign_code, m.customer_id, m."group" AS arm
      FROM ${from('audience_members')} m
      WHERE m."group" IN ('treatment', 'holdout')
    ),
    ev AS (
      SELECT e.campaign_code, e.customer_id,
        bool_or(e.event = 'contacted') AS contacted, bool_or(e.event = 'responded') AS responded,
        bool_or(e.event = 'offer_redeemed') AS redeemed, bool_or(e.event = 'opted_out') AS opted_out
      FROM ${from('campaign_events')} e
      JOIN c ON c.campaign_code = e.campaign_code
      WHERE e.occurred_at BETWEEN c.start_date AND c.window_end
      GROUP BY e.campaign_code, e.customer_id
    ),
    p AS (SELECT product_code, premium_mode, coalesce(fee_rate, 0) AS fee_rate FROM ${from('products')}),
    cs AS (
      SELECT a.campaign_code, a.customer_id, count(*) AS sales, sum(x.premium) AS premium, sum(round(x.premium * x.fee_rate, 2)) AS fee_income
      FROM a
      JOIN c ON c.campaign_code = a.campaign_code
      JOIN (
        SELECT s.customer_id, s.product_code, s.sold_at, p.fee_rate,
          CASE WHEN coalesce(s.premium_mode, p.premium_mode) = 'monthly' THEN s.amount * 12 ELSE s.amount END AS premium
        FROM ${from('sales')} s
        JOIN p ON p.product_code = s.product_code
      ) x ON x.customer_id = a.customer_id
      WHERE x.sold_at BETWEEN c.start_date AND c.window_end AND list_contains(c.product_codes, x.product_code)
      GROUP BY a.campaign_code, a.customer_id
    )
    SELECT a.campaign_code AS code, a.arm,
      count(*)::BIGINT AS customers,
      count(*) FILTER (WHERE ev.contacted)::BIGINT AS contacted,
      count(*) FILTER (WHERE ev.responded)::BIGINT AS responded,
      count(*) FILTER (WHERE ev.redeemed)::BIGINT AS redeemed,
      count(*) FILTER (WHERE ev.opted_out)::BIGINT AS opted_out,
      count(cs.customer_id)::BIGINT AS converted,
      coalesce(sum(cs.sales), 0)::BIGINT AS sales,
      CAST(coalesce(sum(cs.premium), 0) * 100 AS BIGINT) AS premium_cents,
      CAST(coalesce(sum(cs.fee_income), 0) * 100 AS BIGINT) AS fee_income_cents
    FROM a
    JOIN c ON c.campaign_code = a.campaign_code
    LEFT JOIN ev ON ev.campaign_code = a.campaign_code AND ev.customer_id = a.customer_id
    LEFT JOIN cs ON cs.campaign_code = a.campaign_code AND cs.customer_id = a.customer_id
    GROUP BY a.campaign_code, a.arm
    ORDER BY a.campaign_code, a.arm`;
}

const emptyArm = (): ArmFigures => ({
  customers: 0, contacted: 0, responded: 0, redeemed: 0, optedOut: 0, converted: 0, sales: 0, premiumCents: 0, feeIncomeCents: 0, conversionRate: null,
});

/**
 * Times DuckDB (in memory, every core) reading the exported CSVs and computing each campaign's figures per
 * arm, as an analyst would. `@duckdb/node-api` is a dev dependency, loaded only here.
 */
export async function duckdbFigures(exported: readonly ExportedTable[], campaignCodes: readonly string[]): Promise<DuckdbRun> {
  let api: typeof import('@duckdb/node-api');
  try {
    api = await import('@duckdb/node-api');
  } catch {
    throw new ValidationError('The campaigns bench needs @duckdb/node-api, a dev dependency: run npm install (with dev dependencies) first');
  }
  const started = performance.now();
  const instance = await api.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const threadsReader = await connection.runAndReadAll(`SELECT current_setting('threads')::INTEGER AS threads`);
    const [threadsRow] = threadsReader.getRowObjectsJS();
    const reader = await connection.runAndReadAll(figuresQuery(new Map(exported.map((f) => [f.table, f]))));
    const rows = reader.getRowObjectsJS();
    const seconds = (performance.now() - started) / 1000;
    const byCode = new Map<string, CampaignFigures>(campaignCodes.map((code) => [code, { code, treatment: emptyArm(), holdout: emptyArm() }]));
    for (const r of rows) {
      const code = String(r.code);
      const figures = byCode.get(code) ?? { code, treatment: emptyArm(), holdout: emptyArm() };
      byCode.set(code, figures);
      const arm = r.arm === 'holdout' ? 'holdout' : 'treatment';
      const customers = Number(r.customers);
      const converted = Number(r.converted);
      figures[arm] = {
        customers,
        contacted: Number(r.contacted),
        responded: Number(r.responded),
        redeemed: Number(r.redeemed),
        optedOut: Number(r.opted_out),
        converted,
        sales: Number(r.sales),
        premiumCents: Number(r.premium_cents),
        feeIncomeCents: Number(r.fee_income_cents),
        conversionRate: customers > 0 ? converted / customers : null,
      };
    }
    return { figures: [...byCode.values()], seconds, threads: Number(threadsRow?.threads ?? 0) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
