import type { IngestionEntity } from '@banca/contracts';

/** How a canonical field is read from a cell and stored: each kind has one parser and one SQL type. */
export type FieldKind = 'customer-id' | 'text' | 'amount' | 'date' | 'boolean' | 'year' | 'customer-risk-level';

/** A parsed cell as staged for COPY: dates are `YYYY-MM-DD` strings, amounts numbers. */
export type CellValue = string | number | boolean | null;

export interface FieldDefinition {
  /** Canonical name: the header column a file uses and the database column it fills. */
  name: string;
  kind: FieldKind;
  /** A row without it is rejected. A field the definition's `complete` fills is not required. */
  required?: boolean;
}

/** The parsed values of one row by field name, as `complete` sees them. */
export interface RowValues {
  get(field: string): CellValue | undefined;
  set(field: string, value: CellValue): void;
}

export interface CompletionContext {
  /** The run's load date (`YYYY-MM-DD`), e.g. the as_of of a customers file that has none. */
  loadDate: string;
}

/**
 * One inbound entity of DATA.md: its canonical fields and how a file row becomes a staged row. Adding an
 * entity is adding a definition and its merger (see EntityMerger), nothing in the pipeline.
 */
export interface EntityDefinition {
  entity: IngestionEntity;
  fields: readonly FieldDefinition[];
  /** Fields identifying a row within one file: of rows with the same key, the last one wins. */
  key: readonly string[];
  /** Fills fields a file may leave out (defaults, derived values) once every cell is parsed. */
  complete(row: RowValues, context: CompletionContext): void;
}

export function fieldNames(definition: EntityDefinition): string[] {
  return definition.fields.map((f) => f.name);
}
