export * from './customers.schema';
export * from './reference.schema';
export * from './sales.schema';
export * from './campaigns.schema';
export * from './segmentation.schema';
export * from './compliance.schema';
export * from './ingestion.schema';
export * from './access.schema';
