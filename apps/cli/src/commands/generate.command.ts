import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { CAMPAIGN_DEMO_DEFAULTS, CampaignDemoService, type CampaignDemoReport } from '@banca/campaigns';
import { SYSTEM_ACTOR, ValidationError } from '@banca/domain';
import type { CliCommand } from '../cli.types';

interface GenerateOptions {
  customers: string;
  seed?: string;
  anchor?: string;
  out?: string;
}

const n = (value: number) => value.toLocaleString('en-US');
const MAX_CUSTOMERS = 5_000_000;

function positiveInteger(value: string, field: string, max: number): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1 || parsed > max) {
    throw new ValidationError(`--${field} takes a whole number from 1 to ${n(max)}`, { field });
  }
  return parsed;
}

function calendarDate(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new ValidationError('--anchor takes a date as YYYY-MM-DD', { field: 'anchor' });
  }
  return value;
}

/** The report as text: what was loaded, then one line per campaign. */
export function generateSummary(report: CampaignDemoReport): string {
  const lines = [
    `Demo generated for ${report.anchor}: ${n(report.customers)} customers.`,
    `Loaded ${report.loaded.length} files (${n(report.loaded.reduce((sum, f) => sum + f.rows, 0))} rows), ${report.spendEntries} spend entries.`,
  ];
  const width = Math.max(...report.campaigns.map((c) => c.code.length));
  for (const c of report.campaigns) {
    lines.push(`  ${c.code.padEnd(width)}  ${c.status.padEnd(9)}  treatment ${n(c.treatment)} · holdout ${n(c.holdout)} · excluded ${n(c.excluded)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `banca generate`: a deterministic bank + insurer dataset (branches, staff, products, customers with
 * snapshots, two years of sales, complaints) and the six PRODUCT.md campaigns with their outcomes, loaded
 * into the configured database through ingestion runs and the campaign service (waiting for every job).
 * Refuses a database that already has customers or campaigns.
 */
export const generateCommand: CliCommand = (program, { io, withApp }) => {
  program
    .command('generate')
    .description('Generate and load the demo: a bank + insurer dataset and six joint campaigns with outcomes (into an empty database)')
    .option('--customers <n>', 'how many customers', String(CAMPAIGN_DEMO_DEFAULTS.customers))
    .option('--seed <n>', 'seed of the generator (the same seed gives the same data)')
    .option('--anchor <date>', "the demo's today, YYYY-MM-DD (default: today, UTC)")
    .option('--out <dir>', 'also write every generated partner file (and the campaign plans and spend as JSON) to this folder')
    .action(async (options: GenerateOptions) => {
      const customers = positiveInteger(options.customers, 'customers', MAX_CUSTOMERS);
      if (customers < 50) throw new ValidationError('--customers: the demo needs at least 50 customers', { field: 'customers' });
      const seed = options.seed === undefined ? undefined : positiveInteger(options.seed, 'seed', 2 ** 31 - 1);
      const anchor = options.anchor === undefined ? new Date().toISOString().slice(0, 10) : calendarDate(options.anchor);
      const out = options.out === undefined ? undefined : resolve(options.out);
      if (out) await mkdir(out, { recursive: true });
      const report = await withApp(async (app) =>
        app.get(CampaignDemoService).generate(
          SYSTEM_ACTOR,
          { anchor, customers, ...(seed === undefined ? {} : { seed }) },
          {
            progress: (message) => io.err(`${message}\n`),
            ...(out
              ? { sink: (fileName: string, content: Iterable<string>) => pipeline(Readable.from(content), createWriteStream(join(out, fileName))) }
              : {}),
          },
        ),
      );
      io.out(generateSummary(report));
      if (out) io.out(`Files written to ${out}\n`);
    });
};
