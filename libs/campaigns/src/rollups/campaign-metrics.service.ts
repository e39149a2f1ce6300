import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import type {
  ArmOutcomeDto,
  BreakdownResponse,
  BreakdownRowDto,
  CampaignListDto,
  CampaignListItemDto,
  CampaignListQuery,
  CampaignMetricsDto,
  OverviewQuery,
  OverviewResponse,
  RateFigureDto,
  RefreshRollupsRequest,
  RetentionPointDto,
  RetentionResponse,
  TrendResponse,
  TrendRowDto,
  UpliftDto,
} from '@banca/contracts';
import { NotFoundError, type Actor, type CampaignBreakdownDimension, type PeriodGrain } from '@banca/domain';
import { singlePage, tableExport, type ExportColumn, type ExportFormat, type TableExport } from '@banca/exports';
import { JOB_QUEUE_TOKEN, JobName, type JobQueue } from '@banca/queue';
import {
  armTotals,
  breakdownRows,
  campaignHasHoldout,
  campaignListItem,
  campaignMetrics,
  campaignRef,
  overviewOf,
  retentionPoints,
  trendRows,
  type MetricsInput,
} from './campaign-metrics.mapping';
import { CampaignMetricsRepository, type MetricsCampaignRow } from './campaign-metrics.repository';

type BeforeAfterRow = OverviewResponse['beforeAfter'][number];
type TrendArm = TrendRowDto['treatment'];
interface RetentionLine extends RetentionPointDto {
  kind: 'persistency' | 'aum';
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Columns of one arm's outcome, named `<arm>_<figure>`. */
function armColumns<R>(arm: string, get: (row: R) => ArmOutcomeDto): ExportColumn<R>[] {
  return [
    { name: `${arm}_customers`, type: 'int', value: (r) => get(r).customers },
    { name: `${arm}_contacted`, type: 'int', value: (r) => get(r).contacted },
    { name: `${arm}_responded`, type: 'int', value: (r) => get(r).responded },
    { name: `${arm}_redeemed`, type: 'int', value: (r) => get(r).redeemed },
    { name: `${arm}_opted_out`, type: 'int', value: (r) => get(r).optedOut },
    { name: `${arm}_converted`, type: 'int', value: (r) => get(r).converted },
    { name: `${arm}_sales`, type: 'int', value: (r) => get(r).sales },
    { name: `${arm}_premium`, type: 'float', value: (r) => get(r).premium },
    { name: `${arm}_fee_income`, type: 'float', value: (r) => get(r).feeIncome },
    { name: `${arm}_cooling_off_cancelled`, type: 'int', value: (r) => get(r).coolingOffCancelled },
    { name: `${arm}_cooling_off_rate`, type: 'float', value: (r) => get(r).coolingOffRate },
    { name: `${arm}_surrendered`, type: 'int', value: (r) => get(r).surrendered },
    { name: `${arm}_surrender_rate`, type: 'float', value: (r) => get(r).surrenderRate },
    { name: `${arm}_persistency_13m_due`, type: 'int', value: (r) => get(r).persistency13m.due },
    { name: `${arm}_persistency_13m_by_count`, type: 'float', value: (r) => get(r).persistency13m.byCount },
    { name: `${arm}_persistency_13m_by_premium`, type: 'float', value: (r) => get(r).persistency13m.byPremium },
    { name: `${arm}_aum_retention`, type: 'float', value: (r) => get(r).aumRetention },
    { name: `${arm}_complaints`, type: 'int', value: (r) => get(r).complaints },
    { name: `${arm}_mis_selling_complaints`, type: 'int', value: (r) => get(r).misSellingComplaints },
    { name: `${arm}_complaints_per_1000_sales`, type: 'float', value: (r) => get(r).complaintsPer1000Sales },
    { name: `${arm}_complaints_per_100m_premium`, type: 'float', value: (r) => get(r).complaintsPer100mPremium },
    { name: `${arm}_penetration_before`, type: 'float', value: (r) => get(r).penetrationBefore },
    { name: `${arm}_penetration_after`, type: 'float', value: (r) => get(r).penetrationAfter },
  ];
}

function rateColumns<R>(arm: string, get: (row: R) => RateFigureDto): ExportColumn<R>[] {
  return [
    { name: `conversion_${arm}`, type: 'float', value: (r) => get(r).rate },
    { name: `conversion_${arm}_low`, type: 'float', value: (r) => get(r).interval?.low ?? null },
    { name: `conversion_${arm}_high`, type: 'float', value: (r) => get(r).interval?.high ?? null },
  ];
}

function upliftColumns<R>(get: (row: R) => UpliftDto | null): ExportColumn<R>[] {
  return [
    { name: 'uplift_points', type: 'float', value: (r) => get(r)?.points ?? null },
    { name: 'uplift_low', type: 'float', value: (r) => get(r)?.low ?? null },
    { name: 'uplift_high', type: 'float', value: (r) => get(r)?.high ?? null },
    { name: 'uplift_relative', type: 'float', value: (r) => get(r)?.relative ?? null },
    { name: 'uplift_p_value', type: 'float', value: (r) => get(r)?.pValue ?? null },
    { name: 'uplift_significant', type: 'bool', value: (r) => get(r)?.significant ?? null },
  ];
}

function trendArmColumns(arm: 'treatment' | 'holdout'): ExportColumn<TrendRowDto>[] {
  const get = (r: TrendRowDto): TrendArm => r[arm];
  return [
    { name: `${arm}_contacted`, type: 'int', value: (r) => get(r).contacted },
    { name: `${arm}_responded`, type: 'int', value: (r) => get(r).responded },
    { name: `${arm}_converted`, type: 'int', value: (r) => get(r).converted },
    { name: `${arm}_cumulative_converted`, type: 'int', value: (r) => get(r).cumulativeConverted },
    { name: `${arm}_cumulative_rate`, type: 'float', value: (r) => get(r).cumulativeRate },
    { name: `${arm}_sales`, type: 'int', value: (r) => get(r).sales },
    { name: `${arm}_premium`, type: 'float', value: (r) => get(r).premium },
    { name: `${arm}_fee_income`, type: 'float', value: (r) => get(r).feeIncome },
    { name: `${arm}_complaints`, type: 'int', value: (r) => get(r).complaints },
    { name: `${arm}_cooling_off_cancelled`, type: 'int', value: (r) => get(r).coolingOffCancelled },
  ];
}

const LIST_COLUMNS: ExportColumn<CampaignListItemDto>[] = [
  { name: 'code', type: 'text', value: (r) => r.code },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'origin', type: 'text', value: (r) => r.origin },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'bank_partner', type: 'text', value: (r) => r.bankPartner },
  { name: 'insurer_partner', type: 'text', value: (r) => r.insurerPartner },
  { name: 'start_date', type: 'text', value: (r) => r.startDate },
  { name: 'end_date', type: 'text', value: (r) => r.endDate },
  { name: 'audience_status', type: 'text', value: (r) => r.audienceStatus },
  { name: 'treatment', type: 'int', value: (r) => r.treatment },
  { name: 'holdout', type: 'int', value: (r) => r.holdout },
  { name: 'conversion_treatment', type: 'float', value: (r) => r.conversionTreatment },
  { name: 'conversion_holdout', type: 'float', value: (r) => r.conversionHoldout },
  { name: 'uplift_points', type: 'float', value: (r) => r.upliftPoints },
  { name: 'uplift_significant', type: 'bool', value: (r) => r.upliftSignificant },
  { name: 'budget', type: 'float', value: (r) => r.budget },
  { name: 'spent', type: 'float', value: (r) => r.spent },
  { name: 'refreshed_at', type: 'text', value: (r) => r.refreshedAt },
];

const BREAKDOWN_COLUMNS: ExportColumn<BreakdownRowDto>[] = [
  { name: 'key', type: 'text', value: (r) => r.key },
  ...rateColumns<BreakdownRowDto>('treatment', (r) => r.conversionTreatment),
  ...rateColumns<BreakdownRowDto>('holdout', (r) => r.conversionHoldout),
  ...upliftColumns<BreakdownRowDto>((r) => r.uplift),
  ...armColumns<BreakdownRowDto>('treatment', (r) => r.treatment),
  ...armColumns<BreakdownRowDto>('holdout', (r) => r.holdout),
];

const TREND_COLUMNS: ExportColumn<TrendRowDto>[] = [
  { name: 'period', type: 'text', value: (r) => r.period },
  ...trendArmColumns('treatment'),
  ...trendArmColumns('holdout'),
  ...upliftColumns<TrendRowDto>((r) => r.uplift),
];

const RETENTION_COLUMNS: ExportColumn<RetentionLine>[] = [
  { name: 'kind', type: 'text', value: (r) => r.kind },
  { name: 'arm', type: 'text', value: (r) => r.arm },
  { name: 'month', type: 'int', value: (r) => r.month },
  { name: 'base', type: 'int', value: (r) => r.base },
  { name: 'by_count', type: 'float', value: (r) => r.byCount },
  { name: 'by_premium', type: 'float', value: (r) => r.byPremium },
];

const BEFORE_AFTER_COLUMNS: ExportColumn<BeforeAfterRow>[] = [
  { name: 'code', type: 'text', value: (r) => r.code },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'penetration_before', type: 'float', value: (r) => r.penetrationBefore },
  { name: 'penetration_after', type: 'float', value: (r) => r.penetrationAfter },
  { name: 'conversion_treatment', type: 'float', value: (r) => r.conversionTreatment },
  { name: 'conversion_holdout', type: 'float', value: (r) => r.conversionHoldout },
  { name: 'aum_retention', type: 'float', value: (r) => r.aumRetention },
];

/**
 * Campaign figures for the dashboards and analysts (DATA.md "Metric definitions"), read only from the
 * rollup tables the RefreshCampaignRollups job fills — never from sales or events per request. Every
 * response says when its rollup was refreshed; every table also downloads as CSV (formula-safe) or Arrow.
 */
@Injectable()
export class CampaignMetricsService {
  constructor(
    private readonly repository: CampaignMetricsRepository,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    private readonly audit: AuditService,
  ) {}

  /** Every campaign (filtered by status, origin, code or name) with its headline figures. */
  async list(query: CampaignListQuery): Promise<CampaignListDto> {
    const selected = await this.repository.campaigns({
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.origin === undefined ? {} : { origin: query.origin }),
      ...(query.q === undefined ? {} : { q: query.q }),
    });
    return { items: (await this.inputs(selected)).map(campaignListItem) };
  }

  async exportList(query: CampaignListQuery, format: ExportFormat): Promise<TableExport> {
    const { items } = await this.list(query);
    return tableExport('campaigns', format, LIST_COLUMNS, singlePage(items));
  }

  /** Funnel, conversion per arm, uplift, sample ratio, money, goal and both arms' outcomes of one campaign. */
  async metrics(code: string): Promise<CampaignMetricsDto> {
    return campaignMetrics(await this.input(code));
  }

  /** The campaign's figures per tier, branch, region (customer dimensions) or channel, staff, product (sale dimensions). */
  async breakdown(code: string, by: CampaignBreakdownDimension): Promise<BreakdownResponse> {
    const [input, rows] = await Promise.all([this.input(code), this.repository.figures([code], by)]);
    const { campaign, totals, refreshedAt } = input;
    return {
      campaign: campaignRef(campaign),
      refreshedAt: refreshedAt?.toISOString() ?? null,
      by,
      rows: breakdownRows(by, rows, totals, campaignHasHoldout(campaign, totals.holdout.customers)),
    };
  }

  async exportBreakdown(code: string, by: CampaignBreakdownDimension, format: ExportFormat): Promise<TableExport> {
    const breakdown = await this.breakdown(code, by);
    return tableExport(`campaign-${code}-by-${by}`, format, BREAKDOWN_COLUMNS, singlePage(breakdown.rows));
  }

  /** Per period: events, conversions (cumulative and their rate), money, complaints, and the cumulative uplift. */
  async trend(code: string, grain: PeriodGrain): Promise<TrendResponse> {
    const [input, rows] = await Promise.all([this.input(code), this.repository.figuresByPeriod([code], grain, ['total'])]);
    const { campaign, totals, refreshedAt } = input;
    const hasHoldout = campaignHasHoldout(campaign, totals.holdout.customers);
    return {
      campaign: campaignRef(campaign),
      refreshedAt: refreshedAt?.toISOString() ?? null,
      grain,
      rows: trendRows(campaign, grain, rows, totals, hasHoldout, refreshedAt),
    };
  }

  async exportTrend(code: string, grain: PeriodGrain, format: ExportFormat): Promise<TableExport> {
    const trend = await this.trend(code, grain);
    return tableExport(`campaign-${code}-trend-${grain}`, format, TREND_COLUMNS, singlePage(trend.rows));
  }

  /** 13-month persistency and AUM retention curves per arm. */
  async retention(code: string): Promise<RetentionResponse> {
    const [campaign, state, rows] = await Promise.all([this.campaign(code), this.repository.refreshedAt([code]), this.repository.retentionCurve(code)]);
    return {
      campaign: campaignRef(campaign),
      refreshedAt: state.get(code)?.toISOString() ?? null,
      persistency: retentionPoints(rows, 'persistency'),
      aum: retentionPoints(rows, 'aum'),
    };
  }

  /** Both curves as one table, a `kind` column telling them apart. */
  async exportRetention(code: string, format: ExportFormat): Promise<TableExport> {
    const retention = await this.retention(code);
    const lines: RetentionLine[] = [
      ...retention.persistency.map((p) => ({ kind: 'persistency' as const, ...p })),
      ...retention.aum.map((p) => ({ kind: 'aum' as const, ...p })),
    ];
    return tableExport(`campaign-${code}-retention`, format, RETENTION_COLUMNS, singlePage(lines));
  }

  /**
   * KPI cards across running campaigns (scope running) or every launched or imported campaign (scope
   * all), before → after per campaign, and trends by tier and channel. The uplift is pooled over the
   * campaigns with a holdout: their converted customers and arm sizes are summed, then compared once.
   */
  async overview(query: OverviewQuery): Promise<OverviewResponse> {
    const selected = await this.repository.campaigns(query.scope === 'running' ? { status: 'running' } : { launchedOrImported: true });
    const codes = selected.map((c) => c.code);
    const [inputs, periods] = await Promise.all([this.inputs(selected), this.repository.figuresByPeriod(codes, query.grain, ['tier', 'channel'])]);
    return overviewOf(inputs, {
      byTier: periods.filter((r) => r.dimension === 'tier'),
      byChannel: periods.filter((r) => r.dimension === 'channel'),
    });
  }

  /** The overview's before → after table. */
  async exportOverviewBeforeAfter(query: OverviewQuery, format: ExportFormat): Promise<TableExport> {
    const overview = await this.overview(query);
    return tableExport(`campaigns-before-after-${query.scope}`, format, BEFORE_AFTER_COLUMNS, singlePage(overview.beforeAfter));
  }

  /** Refresh the rollup of every campaign (or the listed ones) now: enqueued and audited; poll the job. */
  async requestRefresh(request: RefreshRollupsRequest, actor: Actor): Promise<{ jobId: string }> {
    const campaignCodes = request.campaignCodes === undefined ? undefined : [...new Set(request.campaignCodes)];
    const jobId = await this.queue.enqueue(JobName.RefreshCampaignRollups, {
      reason: 'on-demand',
      ...(campaignCodes === undefined ? {} : { campaignCodes }),
    });
    await this.audit.record({
      actor,
      action: 'campaign-rollups.refresh-request',
      entityType: 'campaign-rollups',
      entityId: null,
      after: { jobId, campaignCodes: campaignCodes ?? 'all' },
    });
    return { jobId };
  }

  private async campaign(code: string): Promise<MetricsCampaignRow> {
    const campaign = await this.repository.campaign(code);
    if (!campaign) throw new NotFoundError(`Campaign ${code} not found`, { campaignCode: code });
    return campaign;
  }

  /** One campaign with its arm totals, recorded spend and refresh time, read at once (NotFoundError if unknown). */
  private async input(code: string): Promise<MetricsInput> {
    const [campaign, rollup] = await Promise.all([this.repository.campaign(code), this.rollup([code])]);
    if (!campaign) throw new NotFoundError(`Campaign ${code} not found`, { campaignCode: code });
    return rollup(campaign);
  }

  /** Each campaign with its arm totals, recorded spend and refresh time: three statements whatever the count. */
  private async inputs(selected: readonly MetricsCampaignRow[]): Promise<MetricsInput[]> {
    return selected.map(await this.rollup(selected.map((c) => c.code)));
  }

  /** Reads the rollup of these campaigns, and gives each campaign's share of it. */
  private async rollup(codes: readonly string[]): Promise<(campaign: MetricsCampaignRow) => MetricsInput> {
    const [figures, spend, refreshed] = await Promise.all([
      this.repository.figures(codes, 'total'),
      this.repository.spendByLine(codes),
      this.repository.refreshedAt(codes),
    ]);
    const figuresOf = groupBy(figures, (f) => f.campaignCode);
    const spendOf = groupBy(spend, (s) => s.campaignCode);
    return (campaign) => ({
      campaign,
      totals: armTotals(figuresOf.get(campaign.code) ?? []),
      spend: spendOf.get(campaign.code) ?? [],
      refreshedAt: refreshed.get(campaign.code) ?? null,
    });
  }
}
