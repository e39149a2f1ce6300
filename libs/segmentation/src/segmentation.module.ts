import { Module } from '@nestjs/common';
import { TierRuleRepository } from './tier-rule.repository';
import { TierRepository } from './tier.repository';
import { TierService } from './tier.service';

/**
 * Tiers (and, later, saved segments). Needs the global ConfigModule, DbModule and QueueModule;
 * `TierService.retier` is the RetierCustomers job handler.
 */
@Module({
  providers: [TierService, TierRuleRepository, TierRepository],
  exports: [TierService],
})
export class SegmentationModule {}
