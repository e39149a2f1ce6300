import { Module } from '@nestjs/common';
import { ComplianceRulesModule } from '../rules/compliance-rules.module';
import { ComplianceAlertService } from './compliance-alert.service';

/** Compliance figures (trends, heatmap, per dimension) and alerts against thresholds. */
@Module({ imports: [ComplianceRulesModule], providers: [ComplianceAlertService], exports: [ComplianceAlertService] })
export class ComplianceFiguresModule {}
