import { Module } from '@nestjs/common';
import { AuditModule } from '@banca/audit';
import { EntityRegistry } from './entities/entity-registry';
import { DemoDataService } from './demo-data.service';
import { IngestionService } from './ingestion.service';
import { CustomerRepository } from './repositories/customer.repository';
import { IngestionRejectRepository } from './repositories/ingestion-reject.repository';
import { IngestionRunRepository } from './repositories/ingestion-run.repository';
import { StagingRepository } from './repositories/staging.repository';
import { SpoolStorage } from './spool.storage';

/**
 * Partner files → ingestion runs → canonical tables. Needs the global ConfigModule, DbModule and
 * QueueModule (JOB_QUEUE_TOKEN); `IngestionService.processRun` is the IngestFile job handler.
 */
@Module({
  imports: [AuditModule],
  providers: [
    IngestionService,
    DemoDataService,
    EntityRegistry,
    SpoolStorage,
    IngestionRunRepository,
    IngestionRejectRepository,
    StagingRepository,
    CustomerRepository,
  ],
  exports: [IngestionService, DemoDataService],
})
export class IngestionModule {}
