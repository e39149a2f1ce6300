export * from './errors';
export * from './roles';
export * from './tiers';
export * from './actor';
