export * from './segmentation.module';
export { TierService, type TierRuleSet, type RetierOutcome } from './tier.service';
export { TierFiguresService } from './tier-figures.service';
export { SegmentService, type SegmentExport, type SegmentExportFormat } from './segment.service';
