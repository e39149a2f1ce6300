import { Injectable } from '@nestjs/common';
import type {
  BranchRuleHeatmapResponse,
  ComplianceFiguresQuery,
  DimensionFiguresQuery,
  DimensionFiguresResponse,
  MismatchTrendResponse,
} from '@banca/contracts';
import {
  complaintsPer100mPremium,
  complaintsPer10kPolicies,
  monthStartBefore,
  monthStarts,
  RULE_CODES,
  SEVERITIES,
  shareOf,
  ValidationError,
  type RuleCode,
} from '@banca/domain';
import { singlePage, tableExport, type ExportColumn, type ExportFormat, type TableExport } from '@banca/exports';
import { ComplianceFiguresRepository, type FiguresPeriod } from './compliance-figures.repository';

/** Without a period the figures cover the last 12 months: this month and the 11 before it. */
const DEFAULT_MONTHS = 12;

type TrendMonth = MismatchTrendResponse['months'][number];
type HeatmapBranch = BranchRuleHeatmapResponse['branches'][number];
type DimensionRow = DimensionFiguresResponse['rows'][number];

/** One line of the mismatch trend export: a month's sales with a finding overall (above info), of a severity or of a rule. */
interface TrendLine {
  month: string;
  breakdown: 'all' | 'severity' | 'rule';
  code: string | null;
  sales: number;
  salesWithFinding: number;
  rate: number | null;
}

interface HeatmapLine {
  branch: HeatmapBranch;
  cell: HeatmapBranch['cells'][number];
}

const TREND_COLUMNS: ExportColumn<TrendLine>[] = [
  { name: 'month', type: 'text', value: (r) => r.month },
  { name: 'breakdown', type: 'text', value: (r) => r.breakdown },
  { name: 'code', type: 'text', value: (r) => r.code },
  { name: 'sales', type: 'int', value: (r) => r.sales },
  { name: 'sales_with_finding', type: 'int', value: (r) => r.salesWithFinding },
  { name: 'rate', type: 'float', value: (r) => r.rate },
];

const HEATMAP_COLUMNS: ExportColumn<HeatmapLine>[] = [
  { name: 'branch_code', type: 'text', value: (r) => r.branch.branchCode },
  { name: 'branch_name', type: 'text', value: (r) => r.branch.branchName },
  { name: 'sales', type: 'int', value: (r) => r.branch.sales },
  { name: 'rule_code', type: 'text', value: (r) => r.cell.ruleCode },
  { name: 'findings', type: 'int', value: (r) => r.cell.findings },
  { name: 'rate', type: 'float', value: (r) => r.cell.rate },
];

const DIMENSION_COLUMNS: ExportColumn<DimensionRow>[] = [
  { name: 'key', type: 'text', value: (r) => r.key },
  { name: 'label', type: 'text', value: (r) => r.label },
  { name: 'sales', type: 'int', value: (r) => r.sales },
  { name: 'sales_with_finding', type: 'int', value: (r) => r.salesWithFinding },
  { name: 'mismatch_rate', type: 'float', value: (r) => r.mismatchRate },
  { name: 'high_findings', type: 'int', value: (r) => r.highFindings },
  { name: 'cooling_off_cancellations', type: 'int', value: (r) => r.coolingOffCancellations },
  { name: 'cooling_off_rate', type: 'float', value: (r) => r.coolingOffRate },
  { name: 'mis_selling_complaints', type: 'int', value: (r) => r.misSellingComplaints },
  { name: 'premium', type: 'float', value: (r) => r.premium },
  { name: 'complaints_per_100m_premium', type: 'float', value: (r) => r.complaintsPer100mPremium },
  { name: 'complaints_per_10k_policies', type: 'float', value: (r) => r.complaintsPer10kPolicies },
];

/**
 * Compliance figures (RULES.md "Prevention and monitoring", DATA.md mismatch rate): mismatch rate by
 * severity and rule per month, branch × rule, and per branch, staff member, product or campaign; each
 * also as a CSV or Arrow download.
 */
@Injectable()
export class ComplianceFiguresService {
  constructor(private readonly figures: ComplianceFiguresRepository) {}

  /** Per month of sale: sales with a finding / sales checked, overall (severity above info), by severity and by rule. */
  async mismatchTrend(query: ComplianceFiguresQuery): Promise<MismatchTrendResponse> {
    return (await this.trend(query)).response;
  }

  /** The trend with each month's count of sales with a finding above info (the export shows it; the contract has the rate). */
  private async trend(query: ComplianceFiguresQuery): Promise<{ response: MismatchTrendResponse; mismatched: Map<string, number> }> {
    const period = await this.period(query);
    const [rows, lastScanAt] = await Promise.all([this.figures.mismatchTrend(period), this.figures.lastScanAt()]);
    const count = new Map(rows.map((r) => [`${r.month}|${r.kind}|${r.code ?? ''}`, r.sales]));
    const get = (month: string, kind: string, code = '') => count.get(`${month}|${kind}|${code}`) ?? 0;
    const months = monthStarts(period.from, period.to).map((month): TrendMonth => {
      const sales = get(month, 'sales');
      return {
        month,
        sales,
        bySeverity: SEVERITIES.map((severity) => ({ severity, sales: get(month, 'severity', severity), rate: shareOf(get(month, 'severity', severity), sales) })),
        byRule: RULE_CODES.map((ruleCode) => ({ ruleCode, sales: get(month, 'rule', ruleCode), rate: shareOf(get(month, 'rule', ruleCode), sales) })),
        mismatchRate: shareOf(get(month, 'mismatch'), sales),
      };
    });
    return {
      response: { from: period.from, to: period.to, months, lastScanAt: lastScanAt?.toISOString() ?? null },
      mismatched: new Map(months.map((m) => [m.month, get(m.month, 'mismatch')])),
    };
  }

  /** Per branch of sale and rule: findings and the share of the branch's sales with that rule's finding. */
  async branchRuleHeatmap(query: ComplianceFiguresQuery): Promise<BranchRuleHeatmapResponse> {
    const period = await this.period(query);
    const [rows, lastScanAt] = await Promise.all([this.figures.branchRuleHeatmap(period), this.figures.lastScanAt()]);
    const byBranch = new Map<string, { name: string | null; sales: number; findings: Map<RuleCode, number> }>();
    for (const r of rows) {
      const branch = byBranch.get(r.branchCode) ?? { name: r.branchName, sales: r.sales, findings: new Map() };
      if (r.ruleCode !== null) branch.findings.set(r.ruleCode, r.findings);
      byBranch.set(r.branchCode, branch);
    }
    const branches = [...byBranch].map(([branchCode, b]): HeatmapBranch => ({
      branchCode,
      branchName: b.name,
      sales: b.sales,
      cells: RULE_CODES.map((ruleCode) => {
        const findings = b.findings.get(ruleCode) ?? 0;
        return { ruleCode, findings, rate: shareOf(findings, b.sales) };
      }),
    }));
    return { from: period.from, to: period.to, ruleCodes: [...RULE_CODES], branches, lastScanAt: lastScanAt?.toISOString() ?? null };
  }

  /**
   * Per branch, staff member, product or campaign. Mismatch: sales with a finding of any severity but
   * info. Mis-selling complaints: category mis_selling, received in the period. The complaint ratios
   * count every complaint category attributed to the value (the regulator's figures count all
   * complaints) against its insurance sales of the period and their annualised premium.
   */
  async byDimension(query: DimensionFiguresQuery): Promise<DimensionFiguresResponse> {
    const period = await this.period(query);
    const [rows, lastScanAt] = await Promise.all([this.figures.byDimension(query.dimension, period), this.figures.lastScanAt()]);
    return {
      dimension: query.dimension,
      from: period.from,
      to: period.to,
      rows: rows.map((r) => ({
        key: r.key,
        label: r.label,
        sales: r.sales,
        salesWithFinding: r.salesWithFinding,
        mismatchRate: shareOf(r.salesWithFinding, r.sales),
        highFindings: r.highFindings,
        coolingOffCancellations: r.coolingOffCancellations,
        coolingOffRate: shareOf(r.coolingOffCancellations, r.sales),
        misSellingComplaints: r.misSellingComplaints,
        premium: r.premium,
        complaintsPer100mPremium: complaintsPer100mPremium(r.complaints, r.premium),
        complaintsPer10kPolicies: complaintsPer10kPolicies(r.complaints, r.policies),
      })),
      lastScanAt: lastScanAt?.toISOString() ?? null,
    };
  }

  /** The mismatch trend as one line per month and overall / severity / rule. */
  async exportMismatchTrend(query: ComplianceFiguresQuery, format: ExportFormat): Promise<TableExport> {
    const { response: trend, mismatched } = await this.trend(query);
    const lines = trend.months.flatMap((m): TrendLine[] => [
      { month: m.month, breakdown: 'all', code: null, sales: m.sales, salesWithFinding: mismatched.get(m.month) ?? 0, rate: m.mismatchRate },
      ...m.bySeverity.map((s): TrendLine => ({ month: m.month, breakdown: 'severity', code: s.severity, sales: m.sales, salesWithFinding: s.sales, rate: s.rate })),
      ...m.byRule.map((r): TrendLine => ({ month: m.month, breakdown: 'rule', code: r.ruleCode, sales: m.sales, salesWithFinding: r.sales, rate: r.rate })),
    ]);
    return tableExport(`compliance-mismatch-trend-${trend.from}-${trend.to}`, format, TREND_COLUMNS, singlePage(lines));
  }

  /** The heatmap as one line per branch and rule. */
  async exportBranchRuleHeatmap(query: ComplianceFiguresQuery, format: ExportFormat): Promise<TableExport> {
    const heatmap = await this.branchRuleHeatmap(query);
    const lines = heatmap.branches.flatMap((branch) => branch.cells.map((cell) => ({ branch, cell })));
    return tableExport(`compliance-branch-rule-heatmap-${heatmap.from}-${heatmap.to}`, format, HEATMAP_COLUMNS, singlePage(lines));
  }

  async exportByDimension(query: DimensionFiguresQuery, format: ExportFormat): Promise<TableExport> {
    const figures = await this.byDimension(query);
    return tableExport(`compliance-by-${figures.dimension}-${figures.from}-${figures.to}`, format, DIMENSION_COLUMNS, singlePage(figures.rows));
  }

  /** The period asked for; by default this month and the 11 before it, up to today. */
  private async period(query: ComplianceFiguresQuery): Promise<FiguresPeriod> {
    const to = query.to ?? (await this.figures.today());
    const from = query.from ?? monthStartBefore(to, DEFAULT_MONTHS - 1);
    if (from > to) throw new ValidationError('the period must start on or before its end', { field: 'to' });
    return { from, to, ...(query.branchCode === undefined ? {} : { branchCode: query.branchCode }) };
  }
}
