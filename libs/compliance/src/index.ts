export * from './compliance.module';
export { FindingReviewService, FINDING_EXPORT_COLUMNS, type FindingExportQuery } from './review/finding-review.service';
export { EvidenceService } from './review/evidence.service';
export { ComplianceFiguresService } from './figures/compliance-figures.service';
export { ComplianceAlertService, ALERT_WINDOW_MONTHS, type AlertEvaluationOutcome } from './figures/compliance-alert.service';
export { ComplianceRuleSetService } from './rules/compliance-rule-set.service';
export { ComplianceScanService, scanScopeOf, type ComplianceScanOutcome } from './rules/compliance-scan.service';
export type { ScanCounts, ScanScope } from './rules/compliance-scan.repository';
export * from './rules/prevention-rules.sql';
