export * from './errors';
export * from './roles';
export * from './tiers';
export * from './actor';
export * from './identifiers';
export * from './value-parsers';
export * from './canonical-values';
export * from './csv-cells';
