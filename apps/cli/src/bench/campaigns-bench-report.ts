import { table } from './bench-run';
import type { CampaignsBenchResult } from './campaigns-bench';

/** What the issue aims at (the bench reports them; only figures that differ fail the run). */
export const CAMPAIGNS_BENCH_AIMS = { p95BelowDuckdb: true, figuresIdentical: true } as const;

export interface CampaignsBenchFigures {
  bench: 'campaigns';
  customers: number;
  events: number;
  campaigns: number;
  database: CampaignsBenchResult['database'];
  audienceTargeted: number;
  audienceEligible: number;
  buildSeconds: number;
  baselineRows: number;
  baselineSeconds: number;
  /** Baseline time / build time: the share of the build's time the bare INSERT … SELECT takes. */
  buildRatio: number;
  sameArms: boolean;
  rollupSeconds: number;
  rollupMembers: number;
  requests: number;
  concurrency: number;
  requestErrors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  exportSeconds: number;
  exportMb: number;
  duckdbSeconds: number;
  duckdbThreads: number;
  p95BelowDuckdb: boolean;
  figuresIdentical: boolean;
  differences: number;
  peakRssMb: number;
  /** Peak of the platform's phases only (DuckDB runs in this process too). */
  platformPeakRssMb: number;
  duckdbPeakRssMb: number;
  startRssMb: number;
  generateSeconds: number;
}

const MB = 1024 ** 2;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const n = (value: number) => value.toLocaleString('en-US');
const perSecond = (rows: number, seconds: number) => (seconds > 0 ? Math.round(rows / seconds) : 0);

export function campaignsBenchFigures(result: CampaignsBenchResult): CampaignsBenchFigures {
  const { build, baseline, rollup, latency, memory } = result;
  const phasePeak = (match: (phase: string) => boolean) =>
    Math.max(0, ...memory.phases.filter((p) => match(p.phase)).map((p) => p.peak.rss));
  const p95Seconds = latency.p95 / 1000;
  return {
    bench: 'campaigns',
    customers: result.data.customers,
    events: result.data.events,
    campaigns: result.data.campaigns,
    database: result.database,
    audienceTargeted: build.outcome.targeted,
    audienceEligible: build.outcome.eligible,
    buildSeconds: round(build.seconds, 2),
    baselineRows: baseline.rows,
    baselineSeconds: round(baseline.seconds, 2),
    buildRatio: build.seconds > 0 ? round(baseline.seconds / build.seconds, 2) : 0,
    sameArms: baseline.armMismatches === 0 && baseline.rows === build.outcome.targeted,
    rollupSeconds: round(rollup.seconds, 2),
    rollupMembers: rollup.outcome.members,
    requests: latency.requests,
    concurrency: latency.concurrency,
    requestErrors: latency.errors,
    p50Ms: round(latency.p50, 1),
    p95Ms: round(latency.p95, 1),
    p99Ms: round(latency.p99, 1),
    requestsPerSecond: Math.round(latency.requestsPerSecond),
    exportSeconds: round(result.export.seconds, 2),
    exportMb: round(result.export.bytes / MB, 1),
    duckdbSeconds: round(result.duckdb.seconds, 3),
    duckdbThreads: result.duckdb.threads,
    p95BelowDuckdb: p95Seconds < result.duckdb.seconds,
    figuresIdentical: result.differences.length === 0,
    differences: result.differences.length,
    peakRssMb: round(memory.peakRss / MB, 1),
    platformPeakRssMb: round(phasePeak((p) => p !== 'duckdb') / MB, 1),
    duckdbPeakRssMb: round(phasePeak((p) => p === 'duckdb') / MB, 1),
    startRssMb: round(memory.startRss / MB, 1),
    generateSeconds: round(result.generateSeconds, 2),
  };
}

/** The human report: one table of the timings, then the data, the comparison and what the figures leave out. */
export function formatCampaignsBench(result: CampaignsBenchResult, databaseLabel: string): string {
  const f = campaignsBenchFigures(result);
  const d = result.data;
  const o = result.build.outcome;
  const l = result.latency;
  const excluded = Object.entries(o.excluded)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${reason} ${n(count)}`)
    .join(', ');
  const lines = [
    `Campaigns benchmark: ${n(f.customers)} customers, ${n(f.events)} events, ${n(f.campaigns)} campaigns on ${databaseLabel}`,
    `Data: ${n(d.snapshots)} snapshots, ${n(d.products)} products, ${n(d.audienceMembers)} audience members, ${n(d.sales)} sales, ` +
      `${n(d.complaints)} complaints, ${n(d.spendLines)} spend lines`,
    '',
    table(
      [
        ['', 'rows', 'seconds', 'rows/s', ''],
        ['audience build', n(o.targeted), f.buildSeconds.toFixed(2), n(perSecond(o.targeted, result.build.seconds)),
          `CampaignAudienceService.build(${result.build.code}): ${n(o.treatment)} treatment, ${n(o.holdout)} holdout, ${n(o.targeted - o.eligible)} excluded`],
        ['baseline', n(f.baselineRows), f.baselineSeconds.toFixed(2), n(perSecond(f.baselineRows, result.baseline.seconds)),
          `bare INSERT … SELECT of the same customers and arms (same hash) into an unlogged table; same arms: ${f.sameArms ? 'yes' : 'no'}`],
        ['ratio', '', '', f.buildRatio.toFixed(2), 'baseline time / build time'],
        ['rollup refresh', n(f.rollupMembers), f.rollupSeconds.toFixed(2), n(perSecond(f.rollupMembers, result.rollup.seconds)),
          `CampaignRollupService.refresh('all'): ${n(result.rollup.outcome.campaigns)} campaigns, ${n(f.events)} events, audience members per second`],
        ['metrics p50', '', (l.p50 / 1000).toFixed(3), '', `GET /campaigns/:code/metrics, ${n(l.requests)} requests, ${l.concurrency} concurrent, ${n(f.requestsPerSecond)} requests/s` +
          (l.errors > 0 ? `, ${n(l.errors)} errors (${l.firstError ?? ''})` : '')],
        ['metrics p95', '', (l.p95 / 1000).toFixed(3), '', `aim: below DuckDB's time: ${f.p95BelowDuckdb ? 'yes' : 'no'}`],
        ['metrics p99', '', (l.p99 / 1000).toFixed(3), '', `max ${(l.max / 1000).toFixed(3)} s`],
        ['CSV export', '', f.exportSeconds.toFixed(2), '', `COPY … TO STDOUT of audience_members, campaign_events, sales, products, campaigns (${f.exportMb.toFixed(1)} MB)`],
        ['DuckDB', '', f.duckdbSeconds.toFixed(3), '', `in memory, ${f.duckdbThreads} threads: reads the CSVs and computes the same figures per campaign and arm`],
        ['peak RSS', '', '', `${f.peakRssMb.toFixed(1)} MB`,
          `this process, whole run: platform phases ${f.platformPeakRssMb.toFixed(1)} MB, DuckDB ${f.duckdbPeakRssMb.toFixed(1)} MB; ${f.startRssMb.toFixed(1)} MB at start`],
      ],
      new Set([1, 2, 3]),
    ),
    '',
    `Audience of ${result.build.code} decided on ${o.decidedOn} (rule version ${o.ruleVersion}): targeted ${n(o.targeted)}, eligible ${n(o.eligible)}` +
      (excluded ? `; excluded: ${excluded}` : ''),
    `Figures identical (arm sizes, contacted, responded, redeemed, opted out, converted, sales, premium and fee income to the fen, conversion rates): ${f.figuresIdentical ? 'yes' : 'no'}`,
  ];
  for (const diff of result.differences.slice(0, 20)) {
    lines.push(`  ${diff.code} ${diff.arm ?? ''} ${diff.figure}: endpoint ${diff.endpoint ?? '-'}, DuckDB ${diff.duckdb ?? '-'}`);
  }
  if (result.differences.length > 20) lines.push(`  … and ${n(result.differences.length - 20)} more`);
  lines.push(
    `Peak memory by phase (RSS / heap): ${result.memory.phases
      .map((p) => `${p.phase} ${(p.peak.rss / MB).toFixed(1)} / ${(p.peak.heapUsed / MB).toFixed(1)} MB`)
      .join(' · ')}`,
    `Not in the figures: generating the data ${f.generateSeconds.toFixed(2)} s; the endpoint's latency includes HTTP on localhost and JSON.`,
  );
  if (f.database === 'pglite') lines.push("PGlite runs inside this process: the database's own memory is part of the RSS.");
  return `${lines.join('\n')}\n`;
}
