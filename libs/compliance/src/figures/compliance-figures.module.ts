import { Module } from '@nestjs/common';
import { AuditModule } from '@banca/audit';
import { ComplianceRulesModule } from '../rules/compliance-rules.module';
import { ComplianceAlertRepository } from './compliance-alert.repository';
import { ComplianceAlertService } from './compliance-alert.service';
import { ComplianceFiguresRepository } from './compliance-figures.repository';
import { ComplianceFiguresService } from './compliance-figures.service';

/**
 * Compliance figures (trends, heatmap, per dimension) and alerts against thresholds;
 * `ComplianceAlertService.evaluate` is the EvaluateComplianceAlerts job handler.
 */
@Module({
  imports: [ComplianceRulesModule, AuditModule],
  providers: [ComplianceFiguresRepository, ComplianceFiguresService, ComplianceAlertRepository, ComplianceAlertService],
  exports: [ComplianceFiguresService, ComplianceAlertService],
})
export class ComplianceFiguresModule {}
