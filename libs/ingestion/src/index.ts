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
export { DEMO_FILES, demoSnapshotDates } from './demo-data.service';
export {
  demoCustomers,
  demoCustomerCells,
  prng,
  DEMO_CUSTOMERS_HEADER,
  type DemoCustomer,
  type DemoCustomerSnapshot,
} from './demo/demo-customers.generator';
export { demoPortfolio, addDays, addMonths, DEMO_PORTFOLIO_DEFAULTS, type DemoPortfolio } from './demo/demo-portfolio.generator';
