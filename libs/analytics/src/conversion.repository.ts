import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { DATABASE, queryRows, type Database } from '@banca/db';
import {
  CAMPAIGN_AGE_BAND_LOWER_BOUNDS,
  CAMPAIGN_AGE_BANDS,
  PREVIOUS_OUTCOMES,
  type AudienceGroup,
  type ConversionDimension,
} from '@banca/domain';

export interface CampaignWindowRow {
  code: string;
  name: string;
  origin: 'platform' | 'imported';
  startDate: string;
  endDate: string;
  attributionDays: number;
  windowEnd: string;
  productCodes: string[];
}

/** Audience customers of one arm and one value of the dimension, and how many of them converted. */
export interface ConversionCountRow {
  arm: AudienceGroup;
  key: string | null;
  customers: number;
  converted: number;
}

export interface ConversionCountParams {
  campaignCode: string;
  origin: CampaignWindowRow['origin'];
  by: ConversionDimension;
  /** The earlier campaign whose events give `previous_outcome`. */
  previousCampaignCode?: string;
}

/**
 * The audience (alias `a`: customer_id, arm). Launched campaigns: the members not excluded. Imported ones
 * (DATA.md): every customer with an event of the campaign, in the holdout if an event says so.
 */
function audienceSql(params: ConversionCountParams): SQL {
  if (params.origin === 'platform') {
    return sql`
      SELECT m.customer_id, m."group" AS arm
      FROM audience_members m
      WHERE m.campaign_code = ${params.campaignCode} AND m.exclusion_reason IS NULL`;
  }
  return sql`
    SELECT e.customer_id, CASE WHEN bool_or(e."group" = 'holdout') THEN 'holdout' ELSE 'treatment' END AS arm
    FROM campaign_events e
    WHERE e.campaign_code = ${params.campaignCode}
    GROUP BY e.customer_id`;
}

/** Whole years on the campaign start, from birth_date, else birth_year; mirrors `ageOn` of libs/domain. */
const AGE_AT_START = sql`(CASE
  WHEN cu.birth_date IS NOT NULL THEN
    (extract(year FROM w.start_date) - extract(year FROM cu.birth_date))::int
    - CASE WHEN extract(month FROM w.start_date) * 100 + extract(day FROM w.start_date)
              < extract(month FROM cu.birth_date) * 100 + extract(day FROM cu.birth_date) THEN 1 ELSE 0 END
  ELSE extract(year FROM w.start_date)::int - cu.birth_year
END)`;

/** `campaignAgeBand` of libs/domain over AGE_AT_START, built from the same bounds. */
const AGE_BAND = sql`(CASE WHEN ${AGE_AT_START} IS NULL THEN NULL
  ${sql.join(
    CAMPAIGN_AGE_BAND_LOWER_BOUNDS.map((bound, i) => sql`WHEN ${AGE_AT_START} < ${bound}::int THEN ${CAMPAIGN_AGE_BANDS[i]}::text`),
    sql` `,
  )}
  ELSE ${CAMPAIGN_AGE_BANDS[CAMPAIGN_AGE_BANDS.length - 1]}::text END)`;

/** Rank of an event in PREVIOUS_OUTCOMES (0 = none), for the furthest event of a customer. */
const OUTCOME_RANK = sql`(CASE e.event ${sql.join(
  PREVIOUS_OUTCOMES.slice(1).map((outcome, i) => sql`WHEN ${outcome}::text THEN ${i + 1}::int`),
  sql` `,
)} ELSE 0 END)`;

/**
 * The dimension's value per audience customer: a CTE `dimension (customer_id, key)` and the key expression
 * of the final select (alias `d`; customers without a row get NULL, or `none` for previous outcomes).
 */
function dimensionSql(params: ConversionCountParams): { cte: SQL; key: SQL } {
  switch (params.by) {
    case 'none':
      return { cte: sql`SELECT NULL::text AS customer_id, NULL::text AS key WHERE false`, key: sql`NULL::text` };
    case 'channel':
      // the customer's latest contact: (customer, campaign, event, date) is the key, so there is one per date
      return {
        cte: sql`
          SELECT DISTINCT ON (e.customer_id) e.customer_id, e.channel AS key
          FROM campaign_events e
          JOIN audience a ON a.customer_id = e.customer_id
          WHERE e.campaign_code = ${params.campaignCode} AND e.event = 'contacted'
          ORDER BY e.customer_id, e.occurred_at DESC`,
        key: sql`d.key`,
      };
    case 'previous_outcome': {
      const outcomes = sql.join(PREVIOUS_OUTCOMES.map((outcome) => sql`${outcome}::text`), sql`, `);
      return {
        cte: sql`
          SELECT e.customer_id, (ARRAY[${outcomes}])[max(${OUTCOME_RANK}) + 1] AS key
          FROM campaign_events e
          JOIN audience a ON a.customer_id = e.customer_id
          WHERE e.campaign_code = ${params.previousCampaignCode ?? null}
          GROUP BY e.customer_id`,
        key: sql`coalesce(d.key, ${PREVIOUS_OUTCOMES[0]}::text)`,
      };
    }
    case 'age_band':
      return {
        cte: sql`
          SELECT cu.customer_id, ${AGE_BAND} AS key
          FROM customers cu
          JOIN audience a ON a.customer_id = cu.customer_id
          CROSS JOIN window_ w`,
        key: sql`d.key`,
      };
  }
}

const int = (v: unknown) => Number(v ?? 0);

/** Conversion counts of a campaign's audience (DATA.md metric definitions), one set-based statement. */
@Injectable()
export class ConversionRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** A campaign with its attribution window, or null. */
  async findCampaign(code: string): Promise<CampaignWindowRow | null> {
    const [row] = await queryRows<Record<string, unknown>>(this.db, sql`
      SELECT campaign_code, name, origin, start_date::text AS start_date, end_date::text AS end_date,
        attribution_days, (end_date + attribution_days)::text AS window_end, product_codes
      FROM campaigns
      WHERE campaign_code = ${code}`);
    if (!row) return null;
    return {
      code: String(row.campaign_code),
      name: String(row.name),
      origin: row.origin === 'platform' ? 'platform' : 'imported',
      startDate: String(row.start_date),
      endDate: String(row.end_date),
      attributionDays: int(row.attribution_days),
      windowEnd: String(row.window_end),
      productCodes: Array.isArray(row.product_codes) ? row.product_codes.map(String) : [],
    };
  }

  /**
   * Audience customers per (arm, dimension value) and those converted: with a sale of an offered product
   * sold in [start, end + attribution days], whichever arm (the holdout's sales are the baseline).
   */
  async countConversions(params: ConversionCountParams): Promise<ConversionCountRow[]> {
    const dimension = dimensionSql(params);
    const rows = await queryRows<{ arm: AudienceGroup; key: string | null; customers: number; converted: number }>(this.db, sql`
      WITH window_ AS (
        SELECT start_date, end_date + attribution_days AS window_end, product_codes
        FROM campaigns
        WHERE campaign_code = ${params.campaignCode}
      ),
      audience AS (${audienceSql(params)}),
      converted AS (
        SELECT s.customer_id
        FROM sales s
        JOIN audience a ON a.customer_id = s.customer_id
        CROSS JOIN window_ w
        WHERE s.product_code = ANY (w.product_codes) AND s.sold_at BETWEEN w.start_date AND w.window_end
        GROUP BY s.customer_id
      ),
      dimension AS (${dimension.cte})
      SELECT a.arm, ${dimension.key} AS key, count(*)::int AS customers, count(v.customer_id)::int AS converted
      FROM audience a
      LEFT JOIN dimension d ON d.customer_id = a.customer_id
      LEFT JOIN converted v ON v.customer_id = a.customer_id
      GROUP BY 1, 2`);
    return rows.map((r) => ({
      arm: r.arm,
      key: r.key === null ? null : String(r.key),
      customers: int(r.customers),
      converted: int(r.converted),
    }));
  }
}
