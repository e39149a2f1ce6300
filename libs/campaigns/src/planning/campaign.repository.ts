import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, sql } from 'drizzle-orm';
import { campaigns, campaignSpend, DATABASE, queryRows, type Database, type Transaction } from '@banca/db';
import type { CampaignRow } from './campaign.mapper';

type CampaignInsert = typeof campaigns.$inferInsert;
type CampaignUpdate = Partial<Omit<CampaignInsert, 'campaignCode' | 'createdAt'>>;
export type SpendRow = typeof campaignSpend.$inferSelect;
type SpendInsert = typeof campaignSpend.$inferInsert;

/** Campaigns and their recorded spend: the only code that writes a campaign's plan and lifecycle. */
@Injectable()
export class CampaignRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Runs `work` in one transaction (the change and its audit entry commit together). */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async find(code: string): Promise<CampaignRow | null> {
    const [row] = await this.db.select().from(campaigns).where(eq(campaigns.campaignCode, code));
    return row ?? null;
  }

  /** The campaign, locked until the transaction ends (one lifecycle change at a time). */
  async lock(tx: Transaction, code: string): Promise<CampaignRow | null> {
    const [row] = await tx.select().from(campaigns).where(eq(campaigns.campaignCode, code)).for('update');
    return row ?? null;
  }

  /** Inserts a new campaign; null when the code is taken. */
  async insert(tx: Transaction, values: CampaignInsert): Promise<CampaignRow | null> {
    const [row] = await tx.insert(campaigns).values(values).onConflictDoNothing({ target: campaigns.campaignCode }).returning();
    return row ?? null;
  }

  async update(tx: Transaction, code: string, set: CampaignUpdate): Promise<CampaignRow> {
    const [row] = await tx
      .update(campaigns)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(campaigns.campaignCode, code))
      .returning();
    if (!row) throw new Error(`campaign ${code} vanished while it was locked`);
    return row;
  }

  /** Moves a campaign from one status to another, only if it is still in the first (null otherwise). */
  async moveStatus(tx: Transaction, code: string, from: string, set: CampaignUpdate): Promise<CampaignRow | null> {
    const [row] = await tx
      .update(campaigns)
      .set({ ...set, updatedAt: new Date() })
      .where(and(eq(campaigns.campaignCode, code), eq(campaigns.status, from)))
      .returning();
    return row ?? null;
  }

  /** The codes that are not products, in the order given (`on`: a transaction the caller holds). */
  async unknownProducts(codes: readonly string[], on: Database = this.db): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await queryRows<{ code: string }>(on, sql`
      SELECT o.code FROM jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb) WITH ORDINALITY AS o(code, n)
      WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.product_code = o.code)
      ORDER BY o.n`);
    return rows.map((r) => String(r.code));
  }

  /** The ids that are not saved segments, in the order given (`on`: a transaction the caller holds). */
  async unknownSegments(ids: readonly string[], on: Database = this.db): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await queryRows<{ id: string }>(on, sql`
      SELECT o.id FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) WITH ORDINALITY AS o(id, n)
      WHERE NOT EXISTS (SELECT 1 FROM segments s WHERE s.id::text = lower(o.id))
      ORDER BY o.n`);
    return rows.map((r) => String(r.id));
  }

  /** Campaigns whose status the date can move: scheduled ones that started, running ones whose window may be over. */
  async advanceCandidates(today: string): Promise<CampaignRow[]> {
    return this.db
      .select()
      .from(campaigns)
      .where(
        sql`(${campaigns.status} = 'scheduled' AND ${campaigns.startDate} <= ${today}::date)
          OR (${campaigns.status} IN ('scheduled', 'running') AND ${campaigns.endDate} + ${campaigns.attributionDays} < ${today}::date)`,
      )
      .orderBy(asc(campaigns.campaignCode));
  }

  async insertSpend(tx: Transaction, values: SpendInsert): Promise<SpendRow> {
    const [row] = await tx.insert(campaignSpend).values(values).returning();
    if (!row) throw new Error('the spend entry was not written');
    return row;
  }

  /** A campaign's recorded spend, oldest first. */
  async spendOf(code: string): Promise<SpendRow[]> {
    return this.db
      .select()
      .from(campaignSpend)
      .where(eq(campaignSpend.campaignCode, code))
      .orderBy(asc(campaignSpend.spentOn), asc(campaignSpend.createdAt), asc(campaignSpend.id));
  }

  /**
   * Audience customers who redeemed the offer in the window W = [start, end + attribution days], as the
   * rollup counts them (platform: members in treatment or holdout; imported: anyone with its events).
   */
  async redeemedCustomers(code: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(this.db, sql`
      SELECT count(DISTINCT e.customer_id)::int AS n
      FROM campaign_events e
      JOIN campaigns c ON c.campaign_code = e.campaign_code
      WHERE e.campaign_code = ${code}
        AND e.event = 'offer_redeemed'
        AND e.occurred_at BETWEEN c.start_date AND c.end_date + c.attribution_days
        AND (c.origin = 'imported' OR EXISTS (
          SELECT 1 FROM audience_members m
          WHERE m.campaign_code = e.campaign_code AND m.customer_id = e.customer_id AND m."group" IN ('treatment', 'holdout')))`);
    return Number(row?.n ?? 0);
  }
}
