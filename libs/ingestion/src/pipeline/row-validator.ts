import type { ParseResult } from '@banca/domain';
import { maskIdentifier } from '@banca/domain';
import { LOAD_DATE, type CellValue, type EntityDefinition, type RowValues } from '../entities/entity-definition';
import type { ColumnPlan, FieldSource } from './column-plan';
import { FIELD_KINDS, type ParseContext } from './field-kinds';
import type { SourceRecord } from './record-source';

/** One problem of one row; a row may have several (one per field). */
export interface RejectEntry {
  line: number;
  field: string;
  /** The cell as given (shortened), or a masked form for identifiers, or null. */
  value: string | null;
  reason: string;
}

export type RowResult =
  | { ok: true; values: CellValue[] }
  | { ok: false; problems: RejectEntry[] }
  /** Left out by the mapping's filter: neither loaded nor rejected. */
  | { ok: 'skipped' };

const MAX_SHOWN_VALUE = 100;

interface FieldReader {
  name: string;
  identifier: boolean;
  required: boolean;
  source: FieldSource;
  parse(text: string): ParseResult<CellValue>;
  defaultValue: CellValue | typeof LOAD_DATE | undefined;
}

/** Turns the cells of one file row into staged values (in the definition's field order), or its problems. */
export class RowValidator {
  private readonly fieldIndex: Map<string, number>;
  private readonly readers: FieldReader[];
  private values: CellValue[] = [];
  /** Named access to the row being validated, for the definition's `complete`; one object for all rows. */
  private readonly row: RowValues;
  /** Per field with a LOAD_DATE default: rows that got the load date. */
  readonly loadDateDefaults = new Map<string, number>();

  constructor(
    private readonly definition: EntityDefinition,
    private readonly plan: ColumnPlan,
    parseContext: ParseContext,
    private readonly loadDate: string,
  ) {
    this.fieldIndex = new Map(definition.fields.map((f, i) => [f.name, i]));
    this.readers = definition.fields.map((field, i) => {
      const kind = FIELD_KINDS[field.kind];
      return {
        name: field.name,
        identifier: kind.identifier,
        required: field.required === true,
        source: plan.sources[i]!,
        parse: (text: string) => kind.parse(text, parseContext, field),
        defaultValue: field.default,
      };
    });
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

  validate(record: SourceRecord): RowResult {
    const { line, cells } = record;
    if (record.problem) return { ok: false, problems: [{ line, field: 'row', value: null, reason: record.problem }] };
    if (cells.length !== this.plan.columnCount) {
      const reason = `has ${cells.length} fields, the header has ${this.plan.columnCount}`;
      return { ok: false, problems: [{ line, field: 'row', value: null, reason }] };
    }
    const filter = this.plan.filter;
    if (filter && !filter.values.has((cells[filter.column] ?? '').trim().toLowerCase())) return { ok: 'skipped' };

    const readers = this.readers;
    const values: CellValue[] = new Array<CellValue>(readers.length);
    let problems: RejectEntry[] | null = null;
    for (let i = 0; i < readers.length; i++) {
      const reader = readers[i]!;
      const text = textOf(reader.source, cells, line);
      if (typeof text !== 'string') {
        (problems ??= []).push({ line, field: reader.name, value: null, reason: text.reason });
        continue;
      }
      const parsed = reader.parse(text);
      if (parsed.ok) values[i] = parsed.value;
      else (problems ??= []).push({ line, field: reader.name, value: shown(text, reader.identifier), reason: parsed.reason });
    }
    if (problems) return { ok: false, problems };

    let loadDated: number[] | null = null;
    for (let i = 0; i < readers.length; i++) {
      const reader = readers[i]!;
      if (values[i] != null || reader.defaultValue === undefined) continue;
      if (reader.defaultValue === LOAD_DATE) {
        values[i] = this.loadDate;
        (loadDated ??= []).push(i);
      } else {
        values[i] = reader.defaultValue;
      }
    }
    this.values = values;
    const rowProblems = this.definition.complete?.(this.row, { loadDate: this.loadDate });
    if (rowProblems && rowProblems.length > 0) {
      return {
        ok: false,
        problems: rowProblems.map((p) => {
          const index = this.fieldIndex.get(p.field);
          const reader = index === undefined ? undefined : readers[index];
          return { line, field: p.field, value: reader ? shownText(reader, cells, line) : null, reason: p.reason };
        }),
      };
    }
    for (let i = 0; i < readers.length; i++) {
      const reader = readers[i]!;
      if (reader.required && values[i] == null) {
        (problems ??= []).push({ line, field: reader.name, value: shownText(reader, cells, line), reason: 'required' });
      }
    }
    if (problems) return { ok: false, problems };
    for (const i of loadDated ?? []) {
      const name = readers[i]!.name;
      this.loadDateDefaults.set(name, (this.loadDateDefaults.get(name) ?? 0) + 1);
    }
    return { ok: true, values };
  }
}

/** The text a field reads from a row (a mapped value, a constant, a derived text), or why there is none. */
function textOf(source: FieldSource, cells: readonly string[], line: number): string | { reason: string } {
  switch (source.kind) {
    case 'column': {
      const text = cells[source.column] ?? '';
      return source.values ? (source.values.get(text.trim().toLowerCase()) ?? text) : text;
    }
    case 'constant':
      return source.text;
    case 'derived': {
      const derived = source.derive(cells, line);
      return derived.ok ? derived.text : { reason: derived.reason };
    }
    case 'none':
      return '';
  }
}

function shownText(reader: FieldReader, cells: readonly string[], line: number): string | null {
  const text = textOf(reader.source, cells, line);
  return shown(typeof text === 'string' ? text : '', reader.identifier);
}

function shown(text: string, identifier: boolean): string | null {
  if (identifier) return maskIdentifier(text);
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return trimmed.length > MAX_SHOWN_VALUE ? `${trimmed.slice(0, MAX_SHOWN_VALUE)}…` : trimmed;
}
