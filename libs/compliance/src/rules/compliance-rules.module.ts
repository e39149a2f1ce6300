import { Module } from '@nestjs/common';
import { AuditModule } from '@banca/audit';
import { ComplianceRuleSetRepository } from './compliance-rule-set.repository';
import { ComplianceRuleSetService } from './compliance-rule-set.service';
import { ComplianceScanRepository } from './compliance-scan.repository';
import { ComplianceScanService } from './compliance-scan.service';

/**
 * Rule versions (settings) and the scan: RULES.md checked in bulk as set-based SQL.
 * `ComplianceScanService.scan` is the ComplianceScan job handler.
 */
@Module({
  imports: [AuditModule],
  providers: [ComplianceRuleSetService, ComplianceRuleSetRepository, ComplianceScanService, ComplianceScanRepository],
  exports: [ComplianceRuleSetService, ComplianceScanService],
})
export class ComplianceRulesModule {}
