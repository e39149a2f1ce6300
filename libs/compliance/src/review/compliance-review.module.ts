import { Module } from '@nestjs/common';
import { AuditModule } from '@banca/audit';
import { AuthModule } from '@banca/auth';
import { ComplianceRulesModule } from '../rules/compliance-rules.module';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';
import { FindingRepository } from './finding.repository';
import { FindingReviewService } from './finding-review.service';

/** The review queue: findings, decisions with four eyes, evidence. */
@Module({
  imports: [ComplianceRulesModule, AuditModule, AuthModule],
  providers: [FindingRepository, EvidenceRepository, FindingReviewService, EvidenceService],
  exports: [FindingReviewService, EvidenceService],
})
export class ComplianceReviewModule {}
