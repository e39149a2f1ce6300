import { Module } from '@nestjs/common';
import { ComplianceScanService } from './compliance-scan.service';

/** Rule versions (settings) and the scan: RULES.md checked in bulk as set-based SQL. */
@Module({ providers: [ComplianceScanService], exports: [ComplianceScanService] })
export class ComplianceRulesModule {}
