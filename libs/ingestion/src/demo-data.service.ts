import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import type { IngestionRunDto } from '@banca/contracts';
import type { Actor } from '@banca/domain';
import { demoCustomersCsv, type DemoCustomersOptions } from './demo/demo-customers.generator';
import { IngestionService } from './ingestion.service';
import { CustomerRepository } from './repositories/customer.repository';
import { IngestionRunRepository } from './repositories/ingestion-run.repository';

/** Demo customers for the embedded runtime, loaded through the same ingestion path as a partner's file. */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    private readonly ingestion: IngestionService,
    private readonly customers: CustomerRepository,
    private readonly runs: IngestionRunRepository,
  ) {}

  /**
   * When there are no customers (and no customers file is loading), spools the generated demo file and
   * enqueues its ingestion job; returns the queued run, or null when nothing was needed.
   */
  async ensureDemoData(actor: Actor, options: DemoCustomersOptions = {}): Promise<IngestionRunDto | null> {
    if ((await this.customers.hasAny()) || (await this.runs.hasPending('customers'))) return null;
    const run = await this.ingestion.upload({
      entity: 'customers',
      fileName: 'demo-customers.csv',
      content: Readable.from(demoCustomersCsv(options)),
      actor,
    });
    this.logger.log({ msg: 'demo customers queued', runId: run.id });
    return run;
  }
}
