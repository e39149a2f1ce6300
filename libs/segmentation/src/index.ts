export * from './segmentation.module';
export { TierService, type TierRuleSet, type RetierOutcome } from './tier.service';
export { TierFiguresService } from './tier-figures.service';
export { SegmentService, type SegmentExport, type SegmentExportFormat } from './segment.service';
export { compileSegmentRule, ageSql, DEFAULT_SEGMENT_SCOPE, type SegmentSqlScope } from './segment-rule.compiler';
