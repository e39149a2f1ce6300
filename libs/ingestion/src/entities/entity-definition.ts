import type { IngestionEntity } from '@banca/contracts';

/** How a canonical field is read from a cell and stored: each kind has one parser and one SQL type. */
export type FieldKind =
  | 'customer-id'
  | 'text'
  | 'amount'
  | 'date'
  | 'boolean'
  | 'year'
  | 'integer'
  | 'share'
  | 'currency'
  | 'customer-risk-level'
  | 'product-risk-level'
  /** One of the field's `codes`. */
  | 'code'
  /** Several values in one cell, separated by `;` (or `,`); staged as `;`-joined text. */
  | 'list';

/** A parsed cell as staged for COPY: dates are `YYYY-MM-DD` strings, amounts their decimal text. */
export type CellValue = string | number | boolean | null;

/** Marks a field whose missing value is the run's load date; the run says how many rows got it. */
export const LOAD_DATE = Symbol('load date');

export interface FieldDefinition {
  /** Canonical name: the header column a file uses and the database column it fills. */
  name: string;
  kind: FieldKind;
  /** A row without it is rejected (after defaults and `complete`). */
  required?: boolean;
  /** The accepted codes of a `code` field. */
  codes?: readonly string[];
  /** An `amount` that may be below zero (amounts are at least 0 otherwise). */
  signed?: boolean;
  /** The value of a row that has none: a constant, or LOAD_DATE. */
  default?: CellValue | typeof LOAD_DATE;
}

/** The parsed values of one row by field name, as `complete` sees them. */
export interface RowValues {
  get(field: string): CellValue | undefined;
  set(field: string, value: CellValue): void;
}

export interface CompletionContext {
  /** The run's load date (`YYYY-MM-DD`). */
  loadDate: string;
}

/** A problem of a whole row found once every cell is parsed (e.g. an end before its start). */
export interface RowProblem {
  field: string;
  reason: string;
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
  /** Fills derived fields once every cell is parsed and defaults applied; returns the row's problems. */
  complete?(row: RowValues, context: CompletionContext): readonly RowProblem[] | undefined;
}

export function fieldNames(definition: EntityDefinition): string[] {
  return definition.fields.map((f) => f.name);
}
