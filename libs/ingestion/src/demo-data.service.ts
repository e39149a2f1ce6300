import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import type { IngestionEntity, IngestionRunDto } from '@banca/contracts';
import type { Actor } from '@banca/domain';
import { DEMO_CUSTOMERS_DEFAULTS, demoCustomersCsv, type DemoCustomersOptions } from './demo/demo-customers.generator';
import { addDays, addMonths, demoPortfolio } from './demo/demo-portfolio.generator';
import { IngestionService } from './ingestion.service';
import { CustomerRepository } from './repositories/customer.repository';
import { IngestionRunRepository } from './repositories/ingestion-run.repository';

export interface DemoDataOptions {
  /** The demo's "today" (YYYY-MM-DD; default: today, UTC): sales fall in the 24 months before it. */
  anchor?: string;
  customers?: number;
  sales?: number;
  seed?: number;
}

/** The entities of the demo, in the order they load (reference data before what points at it). */
export const DEMO_FILES = ['branches', 'staff', 'products', 'customers', 'sales', 'complaints'] as const satisfies readonly IngestionEntity[];
type DemoEntity = (typeof DEMO_FILES)[number];

const lastDayOfPreviousMonth = (date: string) => addDays(`${date.slice(0, 7)}-01`, -1);

/**
 * The customers' snapshot dates: one before the first sale (so every sale has the customer as they were
 * then), the two the tier-history views show, and the month-end before the anchor.
 */
export function demoSnapshotDates(anchor: string): string[] {
  const dates = [lastDayOfPreviousMonth(addMonths(anchor, -24)), ...DEMO_CUSTOMERS_DEFAULTS.snapshots, lastDayOfPreviousMonth(anchor)];
  return [...new Set(dates)].filter((d) => d < anchor).sort();
}

/**
 * Demo data for the embedded runtime, loaded through the same ingestion path as a partner's files: branches,
 * staff, products, customers, sales and complaints (see demo-portfolio.generator.ts), deterministic for
 * a given anchor date and seed.
 */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    private readonly ingestion: IngestionService,
    private readonly customers: CustomerRepository,
    private readonly runs: IngestionRunRepository,
  ) {}

  /**
   * When there are no customers (and no customers file is loading), spools the generated demo files and
   * enqueues their ingestion jobs, in DEMO_FILES order; returns the queued runs (none when nothing was needed).
   */
  async ensureDemoData(actor: Actor, options: DemoDataOptions = {}): Promise<IngestionRunDto[]> {
    if ((await this.customers.hasAny()) || (await this.runs.hasPending('customers'))) return [];
    const anchor = options.anchor ?? new Date().toISOString().slice(0, 10);
    const customers: DemoCustomersOptions = {
      customers: options.customers ?? DEMO_CUSTOMERS_DEFAULTS.customers,
      snapshots: demoSnapshotDates(anchor),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    };
    const portfolio = demoPortfolio({ anchor, customers, ...(options.sales === undefined ? {} : { sales: options.sales }) });
    const files: Record<DemoEntity, Iterable<string>> = {
      branches: [portfolio.branches],
      staff: [portfolio.staff],
      products: [portfolio.products],
      customers: demoCustomersCsv(customers),
      sales: [portfolio.sales],
      complaints: [portfolio.complaints],
    };
    const runs: IngestionRunDto[] = [];
    for (const entity of DEMO_FILES) {
      runs.push(await this.ingestion.upload({ entity, fileName: `demo-${entity}.csv`, content: Readable.from(files[entity]), actor }));
    }
    this.logger.log({ msg: 'demo data queued', anchor, runIds: runs.map((r) => r.id) });
    return runs;
  }
}
