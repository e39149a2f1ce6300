export * from './ingestion.module';
export {
  IngestionService,
  type CreateIngestionRunParams,
  type UploadParams,
  type IngestionOutcome,
  type RejectsCsv,
} from './ingestion.service';
export { DemoDataService } from './demo-data.service';
export { demoCustomersCsv, DEMO_CUSTOMERS_DEFAULTS, type DemoCustomersOptions } from './demo/demo-customers.generator';
export { CUSTOMERS_ENTITY } from './entities/customers.entity';
export { ENTITY_DEFINITIONS } from './entities/entity-registry';
export type { EntityDefinition, FieldDefinition, FieldKind } from './entities/entity-definition';
export { pseudonymise } from './pipeline/pseudonymise';
