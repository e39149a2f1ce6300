import { Module } from '@nestjs/common';
import { ComplianceFiguresModule } from './figures/compliance-figures.module';
import { ComplianceReviewModule } from './review/compliance-review.module';
import { ComplianceRulesModule } from './rules/compliance-rules.module';

/**
 * Sales-risk matching (RULES.md): rule versions and the scan job, the review queue with four eyes and
 * evidence, figures and alerts. Needs the global ConfigModule, DbModule and QueueModule.
 */
@Module({
  imports: [ComplianceRulesModule, ComplianceReviewModule, ComplianceFiguresModule],
  exports: [ComplianceRulesModule, ComplianceReviewModule, ComplianceFiguresModule],
})
export class ComplianceModule {}
