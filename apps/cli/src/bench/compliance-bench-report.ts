import { RULE_CODES } from '@banca/domain';
import { table } from './bench-run';
import type { ComplianceBenchResult } from './compliance-bench';

export interface ComplianceBenchFigures {
  bench: 'compliance';
  sales: number;
  database: ComplianceBenchResult['database'];
  queue: ComplianceBenchResult['queue'];
  customers: number;
  snapshots: number;
  baselineSeconds: number;
  baselineSalesPerSecond: number;
  scanSeconds: number;
  scanSalesPerSecond: number;
  /** Baseline time / scan time: the share of the scan's time the bare read-and-write floor would take. */
  ratio: number;
  salesChecked: number;
  findingsCreated: number;
  rescanSeconds: number;
  rescanFindingsCreated: number;
  rescanFindingsUpdated: number;
  rescanFindingsWithdrawn: number;
  alertSeconds: number;
  alertsRaised: number;
  findingsByRule: Record<string, number>;
  peakRssMb: number;
  startRssMb: number;
  peakHeapMb: number;
  memoryScope: 'process' | 'cli-process';
  generateSeconds: number;
}

const MB = 1024 ** 2;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const perSecond = (rows: number, seconds: number) => (seconds > 0 ? Math.round(rows / seconds) : 0);
const n = (value: number) => value.toLocaleString('en-US');

export function complianceBenchFigures(result: ComplianceBenchResult): ComplianceBenchFigures {
  const { scan, rescan, alerts, baseline } = result;
  return {
    bench: 'compliance',
    sales: result.sales,
    database: result.database,
    queue: result.queue,
    customers: result.data.customers,
    snapshots: result.data.snapshots,
    baselineSeconds: round(baseline.seconds, 2),
    baselineSalesPerSecond: perSecond(baseline.rows, baseline.seconds),
    scanSeconds: round(scan.seconds, 2),
    scanSalesPerSecond: perSecond(scan.outcome.salesChecked, scan.seconds),
    ratio: scan.seconds > 0 ? round(baseline.seconds / scan.seconds, 2) : 0,
    salesChecked: scan.outcome.salesChecked,
    findingsCreated: scan.outcome.findingsCreated,
    rescanSeconds: round(rescan.seconds, 2),
    rescanFindingsCreated: rescan.outcome.findingsCreated,
    rescanFindingsUpdated: rescan.outcome.findingsUpdated,
    rescanFindingsWithdrawn: rescan.outcome.findingsWithdrawn,
    alertSeconds: round(alerts.seconds, 2),
    alertsRaised: alerts.outcome.raised,
    findingsByRule: result.findingsByRule,
    peakRssMb: round(result.memory.peakRss / MB, 1),
    startRssMb: round(result.memory.startRss / MB, 1),
    peakHeapMb: round(result.memory.peakHeapUsed / MB, 1),
    memoryScope: result.jobsInThisProcess ? 'process' : 'cli-process',
    generateSeconds: round(result.generateSeconds, 2),
  };
}

/** The human report: the timings, the findings by rule, and what the figures leave out. */
export function formatComplianceBench(result: ComplianceBenchResult, databaseLabel: string): string {
  const f = complianceBenchFigures(result);
  const d = result.data;
  const a = result.alerts.outcome;
  const scope = f.memoryScope === 'process' ? 'this process, whole run' : 'the CLI process only: jobs ran in worker processes';
  const lines = [
    `Compliance scan benchmark: ${n(f.sales)} sales on ${databaseLabel}, queue ${f.queue}`,
    `Data: ${n(d.products)} products (${n(d.ratings)} with a partner rating), ${n(d.staff)} staff, ${n(d.customers)} customers, ` +
      `${n(d.snapshots)} snapshots, ${n(d.sales)} sales, ${n(d.complaints)} complaints, ${n(d.evidence)} evidence rows`,
    '',
    table(
      [
        ['', 'sales', 'seconds', 'sales/s', ''],
        ['baseline', n(result.baseline.rows), f.baselineSeconds.toFixed(2), n(f.baselineSalesPerSecond), 'INSERT … SELECT: each sale, its snapshot in force, its product, into an unlogged table'],
        ['scan', n(f.salesChecked), f.scanSeconds.toFixed(2), n(f.scanSalesPerSecond), `ComplianceScan job (on-demand): ${n(f.findingsCreated)} findings created`],
        ['ratio', '', '', f.ratio.toFixed(2), 'baseline time / scan time'],
        ['re-scan', n(result.rescan.outcome.salesChecked), f.rescanSeconds.toFixed(2), n(perSecond(result.rescan.outcome.salesChecked, result.rescan.seconds)),
          `nothing changed: ${n(f.rescanFindingsCreated)} created, ${n(f.rescanFindingsUpdated)} updated, ${n(f.rescanFindingsWithdrawn)} withdrawn`],
        ['alerts', '', f.alertSeconds.toFixed(2), '', `EvaluateComplianceAlerts job (v${a.ruleVersion}): ${n(a.evaluated)} figures, ${n(a.raised)} raised, ${n(a.resolved)} resolved`],
        ['peak RSS', '', '', `${f.peakRssMb.toFixed(1)} MB`, `${scope}; ${f.startRssMb.toFixed(1)} MB at start, peak heap ${f.peakHeapMb.toFixed(1)} MB`],
      ],
      new Set([1, 2, 3]),
    ),
    '',
    'Findings by rule:',
    table(
      RULE_CODES.map((code) => [`  ${code}`, n(f.findingsByRule[code] ?? 0)]),
      new Set([1]),
    ),
    `Peak memory by phase (RSS / heap): ${result.memory.phases
      .map((p) => `${p.phase} ${(p.peak.rss / MB).toFixed(1)} / ${(p.peak.heapUsed / MB).toFixed(1)} MB`)
      .join(' · ')}`,
    `Not in the figures: generating the data ${f.generateSeconds.toFixed(2)} s.`,
  ];
  if (f.salesChecked !== f.sales) {
    lines.push('The database held other sales too: the scan checked them all. Use a fresh database to measure the bench data alone.');
  }
  if (f.database === 'pglite') lines.push("PGlite runs inside this process: the database's own memory is part of the RSS.");
  return `${lines.join('\n')}\n`;
}
