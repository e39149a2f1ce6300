import { Module } from '@nestjs/common';
import { ComplianceRulesModule } from '../rules/compliance-rules.module';

/** The review queue: findings, decisions with four eyes, evidence. */
@Module({ imports: [ComplianceRulesModule] })
export class ComplianceReviewModule {}
