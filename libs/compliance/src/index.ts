export * from './compliance.module';
export { FindingReviewService, FINDING_EXPORT_COLUMNS, type FindingExportQuery } from './review/finding-review.service';
export { EvidenceService } from './review/evidence.service';
