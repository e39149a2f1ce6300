import { Module } from '@nestjs/common';
import { AuditModule } from '@banca/audit';
import { SegmentRepository } from './segment.repository';
import { SegmentService } from './segment.service';
import { TierFiguresRepository } from './tier-figures.repository';
import { TierFiguresService } from './tier-figures.service';
import { TierRuleRepository } from './tier-rule.repository';
import { TierRepository } from './tier.repository';
import { TierService } from './tier.service';

/**
 * Tiers, their figures and saved segments. Needs the global ConfigModule, DbModule and QueueModule;
 * `TierService.retier` is the RetierCustomers job handler.
 */
@Module({
  imports: [AuditModule],
  providers: [TierService, TierRuleRepository, TierRepository, TierFiguresService, TierFiguresRepository, SegmentService, SegmentRepository],
  exports: [TierService, TierFiguresService, SegmentService],
})
export class SegmentationModule {}
