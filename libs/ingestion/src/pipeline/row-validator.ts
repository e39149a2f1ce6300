import { maskIdentifier, ValidationError } from '@banca/domain';
import type { CellValue, EntityDefinition, RowValues } from '../entities/entity-definition';
import { FIELD_KINDS, type ParseContext } from './field-kinds';

/** One problem of one row; a row may have several (one per field). */
export interface RejectEntry {
  line: number;
  field: string;
  /** The cell as given (shortened), or a masked form for identifiers, or null. */
  value: string | null;
  reason: string;
}

export interface HeaderMapping {
  /** For each field of the definition, the index of the file column holding it, or -1. */
  fieldColumns: number[];
  columnCount: number;
  /** Columns of the file no field uses. */
  ignoredColumns: string[];
}

/** The field name a header cell stands for: `Monthly Income` and `monthly-income` both mean monthly_income. */
export function normaliseColumnName(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

const MAX_SHOWN_VALUE = 100;
const MAX_IGNORED_COLUMNS = 50;

/**
 * Matches the header to the definition's fields. A header without a required field means the file is not
 * of this entity: the run fails as a whole. Unrecognised header cells are not echoed in that message, since
 * a file without a header would put a row of data (raw identifiers) there.
 */
export function mapHeader(definition: EntityDefinition, header: string[], file: string): HeaderMapping {
  const names = header.map(normaliseColumnName);
  const fieldIndex = new Map(definition.fields.map((f, i) => [f.name, i]));
  const fieldColumns = definition.fields.map(() => -1);
  const ignoredColumns: string[] = [];
  names.forEach((name, column) => {
    const index = fieldIndex.get(name);
    if (index === undefined) {
      if (name !== '') ignoredColumns.push(name.slice(0, 64));
      return;
    }
    if (fieldColumns[index] !== -1) {
      throw new ValidationError(`column "${name}" appears more than once in the header`, { file, line: 1, field: name });
    }
    fieldColumns[index] = column;
  });
  const missing = definition.fields.filter((f, i) => f.required && fieldColumns[i] === -1).map((f) => f.name);
  if (missing.length > 0) {
    const recognised = definition.fields.filter((_, i) => fieldColumns[i] !== -1).map((f) => f.name);
    const found = recognised.length > 0
      ? `it has ${recognised.join(', ')}`
      : `none of its ${header.length} columns is a ${definition.entity} field`;
    throw new ValidationError(
      `not a ${definition.entity} file: required column ${missing.map((m) => `"${m}"`).join(', ')} missing from the header (${found})`,
      { file, line: 1, field: missing[0] },
    );
  }
  return { fieldColumns, columnCount: header.length, ignoredColumns: ignoredColumns.slice(0, MAX_IGNORED_COLUMNS) };
}

export type RowResult = { ok: true; values: CellValue[] } | { ok: false; problems: RejectEntry[] };

/** Turns the cells of one file row into staged values (in the definition's field order), or its problems. */
export class RowValidator {
  private readonly fieldIndex: Map<string, number>;
  private values: CellValue[] = [];
  /** Named access to the row being validated, for the definition's `complete`; one object for all rows. */
  private readonly row: RowValues;

  constructor(
    private readonly definition: EntityDefinition,
    private readonly mapping: HeaderMapping,
    private readonly parseContext: ParseContext,
    private readonly loadDate: string,
  ) {
    this.fieldIndex = new Map(definition.fields.map((f, i) => [f.name, i]));
    const indexOf = (field: string) => {
      const index = this.fieldIndex.get(field);
      if (index === undefined) throw new Error(`${definition.entity} has no field "${field}"`);
      return index;
    };
    this.row = {
      get: (field) => this.values[indexOf(field)],
      set: (field, value) => {
        this.values[indexOf(field)] = value;
      },
    };
  }

  validate(line: number, cells: string[]): RowResult {
    if (cells.length !== this.mapping.columnCount) {
      const reason = `has ${cells.length} fields, the header has ${this.mapping.columnCount}`;
      return { ok: false, problems: [{ line, field: 'row', value: null, reason }] };
    }
    const fields = this.definition.fields;
    const values: CellValue[] = new Array<CellValue>(fields.length);
    let problems: RejectEntry[] | null = null;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const kind = FIELD_KINDS[field.kind];
      const text = this.cellOf(cells, i);
      const parsed = kind.parse(text, this.parseContext);
      if (parsed.ok) values[i] = parsed.value;
      else (problems ??= []).push({ line, field: field.name, value: shown(text, kind.identifier), reason: parsed.reason });
    }
    if (problems) return { ok: false, problems };
    this.values = values;
    this.definition.complete(this.row, { loadDate: this.loadDate });
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      if (field.required && values[i] == null) {
        const value = shown(this.cellOf(cells, i), FIELD_KINDS[field.kind].identifier);
        (problems ??= []).push({ line, field: field.name, value, reason: 'required' });
      }
    }
    if (problems) return { ok: false, problems };
    return { ok: true, values };
  }

  private cellOf(cells: string[], fieldIndex: number): string {
    const column = this.mapping.fieldColumns[fieldIndex]!;
    return column === -1 ? '' : (cells[column] ?? '');
  }
}

function shown(text: string, identifier: boolean): string | null {
  if (identifier) return maskIdentifier(text);
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return trimmed.length > MAX_SHOWN_VALUE ? `${trimmed.slice(0, MAX_SHOWN_VALUE)}…` : trimmed;
}
