import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, ilike, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import {
  campaignFigures,
  campaignFiguresByPeriod,
  campaignRetentionCurve,
  campaignRollupState,
  campaigns,
  campaignSpend,
  DATABASE,
  type AudienceCounts,
  type Database,
} from '@banca/db';
import type { CampaignBreakdownDimension, PeriodGrain } from '@banca/domain';

/** A campaign's plan fields the figures need (the rollup tables hold the numbers). */
export interface MetricsCampaignRow {
  code: string;
  name: string;
  origin: string;
  status: string;
  bankPartner: string | null;
  insurerPartner: string | null;
  startDate: string;
  endDate: string;
  /** endDate + attributionDays */
  windowEnd: string;
  productCodes: string[];
  holdoutShare: number;
  offer: Record<string, unknown> | null;
  budget: number;
  goal: Record<string, unknown> | null;
  audienceStatus: string;
  audienceCounts: AudienceCounts | null;
}

/** One row of campaign_figures: a campaign, dimension value and arm with its measures. */
export type FigureRow = typeof campaignFigures.$inferSelect;
/** The measures of a figure row without its key. */
export type FigureMeasures = Omit<FigureRow, 'campaignCode' | 'dimension' | 'key' | 'arm'>;
export type PeriodFigureRow = typeof campaignFiguresByPeriod.$inferSelect;
export type RetentionCurveRow = typeof campaignRetentionCurve.$inferSelect;

/** Which campaigns a list or the overview covers. */
export interface CampaignSelection {
  status?: string;
  origin?: string;
  /** Part of the code or name, any case. */
  q?: string;
  /** Launched in the platform (launched_at set) or imported: the campaigns that have figures to show. */
  launchedOrImported?: boolean;
}

/** Recorded spend of a campaign on one budget line. */
export interface SpendLineRow {
  campaignCode: string;
  line: string;
  amount: number;
}

/** The dimension name in campaign_figures of a breakdown (total is the whole arm, key ''). */
export type FigureDimension = 'total' | CampaignBreakdownDimension;

const campaignColumns = {
  code: campaigns.campaignCode,
  name: campaigns.name,
  origin: campaigns.origin,
  status: campaigns.status,
  bankPartner: campaigns.bankPartner,
  insurerPartner: campaigns.insurerPartner,
  startDate: campaigns.startDate,
  endDate: campaigns.endDate,
  windowEnd: sql<string>`(${campaigns.endDate} + ${campaigns.attributionDays})::text`,
  productCodes: campaigns.productCodes,
  holdoutShare: campaigns.holdoutShare,
  offer: campaigns.offer,
  budget: campaigns.budget,
  goal: campaigns.goal,
  audienceStatus: campaigns.audienceStatus,
  audienceCounts: campaigns.audienceCounts,
};

/** `%` and `_` in a search term match themselves. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Reads the campaign figures rollup (campaign_figures, campaign_figures_by_period,
 * campaign_retention_curve, campaign_rollup_state) with the campaigns' plans and recorded spend. Never
 * reads sales or events: the RefreshCampaignRollups job has summed them already.
 */
@Injectable()
export class CampaignMetricsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async campaign(code: string): Promise<MetricsCampaignRow | null> {
    const [row] = await this.db.select(campaignColumns).from(campaigns).where(eq(campaigns.campaignCode, code));
    return row ? toCampaignRow(row) : null;
  }

  /** The selected campaigns, latest start first. */
  async campaigns(selection: CampaignSelection): Promise<MetricsCampaignRow[]> {
    const conditions: SQL[] = [];
    if (selection.status !== undefined) conditions.push(eq(campaigns.status, selection.status));
    if (selection.origin !== undefined) conditions.push(eq(campaigns.origin, selection.origin));
    if (selection.q !== undefined && selection.q !== '') {
      const pattern = likePattern(selection.q);
      conditions.push(or(ilike(campaigns.campaignCode, pattern), ilike(campaigns.name, pattern))!);
    }
    if (selection.launchedOrImported) conditions.push(or(isNotNull(campaigns.launchedAt), eq(campaigns.origin, 'imported'))!);
    const rows = await this.db
      .select(campaignColumns)
      .from(campaigns)
      .where(and(...conditions))
      .orderBy(sql`${campaigns.startDate} DESC`, asc(campaigns.campaignCode));
    return rows.map(toCampaignRow);
  }

  /** Figure rows of the campaigns for one dimension (total: the whole arms). */
  async figures(codes: readonly string[], dimension: FigureDimension): Promise<FigureRow[]> {
    if (codes.length === 0) return [];
    return this.db
      .select()
      .from(campaignFigures)
      .where(and(inArray(campaignFigures.campaignCode, [...codes]), eq(campaignFigures.dimension, dimension)))
      .orderBy(asc(campaignFigures.campaignCode), asc(campaignFigures.key), asc(campaignFigures.arm));
  }

  /** Period rows of the campaigns at one grain for the given dimensions (total, tier, channel), oldest first. */
  async figuresByPeriod(codes: readonly string[], grain: PeriodGrain, dimensions: readonly string[]): Promise<PeriodFigureRow[]> {
    if (codes.length === 0) return [];
    const p = campaignFiguresByPeriod;
    return this.db
      .select()
      .from(p)
      .where(and(inArray(p.campaignCode, [...codes]), eq(p.grain, grain), inArray(p.dimension, [...dimensions])))
      .orderBy(asc(p.period), asc(p.campaignCode), asc(p.dimension), asc(p.key), asc(p.arm));
  }

  async retentionCurve(code: string): Promise<RetentionCurveRow[]> {
    const r = campaignRetentionCurve;
    return this.db.select().from(r).where(eq(r.campaignCode, code)).orderBy(asc(r.kind), asc(r.arm), asc(r.month));
  }

  /** When each campaign's rollup was last refreshed (campaigns never refreshed are absent). */
  async refreshedAt(codes: readonly string[]): Promise<Map<string, Date>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db
      .select({ code: campaignRollupState.campaignCode, refreshedAt: campaignRollupState.refreshedAt })
      .from(campaignRollupState)
      .where(inArray(campaignRollupState.campaignCode, [...codes]));
    return new Map(rows.map((r) => [r.code, r.refreshedAt]));
  }

  /** Recorded spend per campaign and budget line. */
  async spendByLine(codes: readonly string[]): Promise<SpendLineRow[]> {
    if (codes.length === 0) return [];
    const s = campaignSpend;
    const rows = await this.db
      .select({ campaignCode: s.campaignCode, line: s.line, amount: sql<string>`sum(${s.amount})::text` })
      .from(s)
      .where(inArray(s.campaignCode, [...codes]))
      .groupBy(s.campaignCode, s.line)
      .orderBy(asc(s.campaignCode), asc(s.line));
    return rows.map((r) => ({ campaignCode: r.campaignCode, line: r.line, amount: Number(r.amount) }));
  }
}

function toCampaignRow(row: Omit<MetricsCampaignRow, 'budget'> & { budget: number | null }): MetricsCampaignRow {
  return { ...row, budget: row.budget ?? 0, productCodes: row.productCodes ?? [] };
}
