import { Module } from '@nestjs/common';
import { AuditModule } from '@banca/audit';
import { EntityRegistry } from './entities/entity-registry';
import { DemoDataService } from './demo-data.service';
import { IngestionService } from './ingestion.service';
import { BranchRepository } from './repositories/branch.repository';
import { CampaignEventRepository } from './repositories/campaign-event.repository';
import { ComplaintRepository } from './repositories/complaint.repository';
import { CustomerRepository } from './repositories/customer.repository';
import { ImportedCampaignRepository } from './repositories/imported-campaign.repository';
import { ProductRepository } from './repositories/product.repository';
import { SaleRepository } from './repositories/sale.repository';
import { StaffRepository } from './repositories/staff.repository';
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
    ProductRepository,
    SaleRepository,
    CampaignEventRepository,
    ComplaintRepository,
    BranchRepository,
    StaffRepository,
    ImportedCampaignRepository,
  ],
  exports: [IngestionService, DemoDataService],
})
export class IngestionModule {}
