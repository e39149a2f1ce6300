export * from './segmentation.module';
export { TierService, type TierRuleSet, type RetierOutcome } from './tier.service';
