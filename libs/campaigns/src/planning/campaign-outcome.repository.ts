import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { DATABASE, queryRows, type Database, type Transaction } from '@banca/db';

/** What a one-at-a-time write did, as an ingestion run counts its rows. */
export type OutcomeWrite = 'created' | 'updated' | 'unchanged';

/** A campaign event as stored (customer_id is the pseudonym). */
export interface EventValues {
  customerId: string;
  campaignCode: string;
  event: string;
  occurredAt: string;
  channel: string | null;
  group: string | null;
}

/** A sale as stored (customer_id is the pseudonym), every column ingestion writes. */
export interface SaleValues {
  customerId: string;
  saleId: string;
  productCode: string;
  soldAt: string;
  amount: number;
  currency: string;
  premiumMode: string | null;
  channel: string | null;
  branchCode: string | null;
  staffCode: string | null;
  campaignCode: string | null;
  customerRiskLevelAtSale: string | null;
  dualRecording: boolean | null;
  status: string;
  statusAt: string | null;
  renewedAt: string | null;
}

/** A sale's write, and where it was before (a sale id re-sent for another customer moves to that customer). */
export interface SaleWrite {
  outcome: OutcomeWrite;
  /** Customers (pseudonyms) the sale id was removed from. */
  movedFrom: string[];
  /** The earliest sold_at the sale had or has: what it can change in campaign figures dates from there. */
  earliestSoldAt: string;
}

const SALE_ATTRIBUTES = [
  'product_code',
  'sold_at',
  'amount',
  'currency',
  'premium_mode',
  'channel',
  'branch_code',
  'staff_code',
  'campaign_code',
  'customer_risk_level_at_sale',
  'dual_recording',
  'status',
  'status_at',
  'renewed_at',
] as const;

const ident = (name: string) => sql.identifier(name);
const list = (values: readonly string[]): SQL => sql.join(values.map((v) => sql`${v}`), sql`, `);

/**
 * Writes one campaign event or one sale as the ingestion mergers do (same keys, same comparison, a moved
 * sale id removed from its former customer), for outcomes that arrive through the API. source_run_id is
 * NULL: no ingestion run wrote them.
 */
@Injectable()
export class CampaignOutcomeRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async productExists(code: string): Promise<boolean> {
    const rows = await queryRows(this.db, sql`SELECT 1 AS found FROM products WHERE product_code = ${code}`);
    return rows.length > 0;
  }

  /** Upsert keyed by (customer_id, campaign_code, event, occurred_at); channel and group are compared. */
  async upsertEvent(tx: Transaction, e: EventValues): Promise<OutcomeWrite> {
    const [before] = await queryRows<{ found: number }>(tx, sql`
      SELECT 1 AS found FROM campaign_events
      WHERE customer_id = ${e.customerId} AND campaign_code = ${e.campaignCode} AND event = ${e.event} AND occurred_at = ${e.occurredAt}::date
      FOR UPDATE`);
    const written = await queryRows(tx, sql`
      INSERT INTO campaign_events (customer_id, campaign_code, event, occurred_at, channel, "group", source_run_id)
      VALUES (${e.customerId}, ${e.campaignCode}, ${e.event}, ${e.occurredAt}::date, ${e.channel}::text, ${e.group}::text, NULL)
      ON CONFLICT (customer_id, campaign_code, event, occurred_at) DO UPDATE
        SET channel = EXCLUDED.channel, "group" = EXCLUDED."group", source_run_id = NULL
        WHERE (campaign_events.channel, campaign_events."group") IS DISTINCT FROM (EXCLUDED.channel, EXCLUDED."group")
      RETURNING 1 AS written`);
    if (written.length === 0) return 'unchanged';
    return before ? 'updated' : 'created';
  }

  /**
   * Upsert keyed by (customer_id, sale_id), the sale identified by sale_id: a row of the same sale id under
   * another customer is removed first (the sale moved), every other column compared.
   */
  async upsertSale(tx: Transaction, s: SaleValues): Promise<SaleWrite> {
    const before = await queryRows<{ customer_id: string; sold_at: string }>(tx, sql`
      SELECT customer_id, sold_at::text AS sold_at FROM sales WHERE sale_id = ${s.saleId} FOR UPDATE`);
    const moved = before.filter((r) => r.customer_id !== s.customerId);
    if (moved.length > 0) {
      await tx.execute(sql`DELETE FROM sales WHERE sale_id = ${s.saleId} AND customer_id <> ${s.customerId}`);
    }
    const values = [
      sql`${s.productCode}::text`,
      sql`${s.soldAt}::date`,
      sql`${s.amount}::numeric`,
      sql`${s.currency}::text`,
      sql`${s.premiumMode}::text`,
      sql`${s.channel}::text`,
      sql`${s.branchCode}::text`,
      sql`${s.staffCode}::text`,
      sql`${s.campaignCode}::text`,
      sql`${s.customerRiskLevelAtSale}::text`,
      sql`${s.dualRecording}::boolean`,
      sql`${s.status}::text`,
      sql`${s.statusAt}::date`,
      sql`${s.renewedAt}::date`,
    ];
    const columns = SALE_ATTRIBUTES.map(ident);
    const stored = sql.join(SALE_ATTRIBUTES.map((c) => sql`sales.${ident(c)}`), sql`, `);
    const excluded = sql.join(SALE_ATTRIBUTES.map((c) => sql`EXCLUDED.${ident(c)}`), sql`, `);
    const written = await queryRows(tx, sql`
      INSERT INTO sales (customer_id, sale_id, ${sql.join(columns, sql`, `)}, source_run_id)
      VALUES (${s.customerId}, ${s.saleId}, ${sql.join(values, sql`, `)}, NULL)
      ON CONFLICT (customer_id, sale_id) DO UPDATE
        SET ${sql.join(columns.map((c) => sql`${c} = EXCLUDED.${c}`), sql`, `)}, source_run_id = NULL, updated_at = now()
        WHERE (${stored}) IS DISTINCT FROM (${excluded})
      RETURNING 1 AS written`);
    const existed = before.some((r) => r.customer_id === s.customerId);
    const outcome: OutcomeWrite = moved.length > 0 || (existed && written.length > 0) ? 'updated' : existed ? 'unchanged' : 'created';
    const earliestSoldAt = [s.soldAt, ...before.map((r) => r.sold_at)].sort()[0]!;
    return { outcome, movedFrom: moved.map((r) => r.customer_id), earliestSoldAt };
  }

  /**
   * The campaigns a change of these customers' sales dated `from` can touch (as the rollup's run
   * follow-up decides for a sales load): those whose audience has one of them (platform: treatment or
   * holdout; imported: with an event of the campaign) and whose window ends on or after the date.
   */
  async campaignsTouchedBySale(customerIds: readonly string[], from: string): Promise<string[]> {
    if (customerIds.length === 0) return [];
    const rows = await queryRows<{ campaign_code: string }>(this.db, sql`
      SELECT c.campaign_code
      FROM campaigns c
      WHERE ${from}::date <= c.end_date + c.attribution_days
        AND (EXISTS (
            SELECT 1 FROM audience_members m
            WHERE m.campaign_code = c.campaign_code AND m."group" <> 'excluded' AND m.customer_id IN (${list(customerIds)}))
          OR (c.origin = 'imported' AND EXISTS (
            SELECT 1 FROM campaign_events e WHERE e.campaign_code = c.campaign_code AND e.customer_id IN (${list(customerIds)}))))
      ORDER BY c.campaign_code`);
    return rows.map((r) => String(r.campaign_code));
  }

  /** The campaign, when an event of this customer on this date counts in its figures (imported: always). */
  async campaignTouchedByEvent(code: string, customerId: string, occurredAt: string): Promise<string[]> {
    const rows = await queryRows<{ campaign_code: string }>(this.db, sql`
      SELECT c.campaign_code
      FROM campaigns c
      WHERE c.campaign_code = ${code}
        AND (c.origin = 'imported'
          OR (${occurredAt}::date BETWEEN c.start_date AND c.end_date + c.attribution_days
            AND EXISTS (
              SELECT 1 FROM audience_members m
              WHERE m.campaign_code = c.campaign_code AND m.customer_id = ${customerId} AND m."group" <> 'excluded')))`);
    return rows.map((r) => String(r.campaign_code));
  }
}
