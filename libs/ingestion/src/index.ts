export * from './ingestion.module';
export { IngestionService, type CreateIngestionRunParams, type UploadParams, type IngestionOutcome } from './ingestion.service';
export { DemoDataService } from './demo-data.service';
export { demoCustomersCsv, DEMO_CUSTOMERS_DEFAULTS, type DemoCustomersOptions } from './demo/demo-customers.generator';
export { CUSTOMERS_ENTITY } from './entities/customers.entity';
export type { EntityDefinition, FieldDefinition, FieldKind } from './entities/entity-definition';
export { pseudonymise } from './pipeline/pseudonymise';
