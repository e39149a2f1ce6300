import type { IngestionMapping, MappingDerivation } from '@banca/contracts';
import { ValidationError } from '@banca/domain';
import { LOAD_DATE, type EntityDefinition, type FieldDefinition } from '../entities/entity-definition';
import { FIELD_KINDS } from './field-kinds';

/** The field name a header cell stands for: `Monthly Income` and `monthly-income` both mean monthly_income. */
export function normaliseColumnName(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Text of a derived field, or why the row's cells do not give one. */
export type Derived = { ok: true; text: string } | { ok: false; reason: string };

/** Where a field's text comes from, for each row. */
export type FieldSource =
  | { kind: 'column'; column: number; values: ReadonlyMap<string, string> | null }
  | { kind: 'constant'; text: string }
  | { kind: 'derived'; derive(cells: readonly string[], line: number): Derived }
  | { kind: 'none' };

export interface ColumnPlan {
  /** One source per field of the definition, in its order. */
  sources: FieldSource[];
  columnCount: number;
  /** Columns of the file no field, derivation or filter uses. */
  ignoredColumns: string[];
  /** Rows to load: only those whose cell in `column` is one of `values` (lower-cased). */
  filter: { column: number; values: ReadonlySet<string> } | null;
  /** Fields with a LOAD_DATE default that no column, constant or derivation gives. */
  absentLoadDateFields: string[];
}

const MAX_IGNORED_COLUMNS = 50;
const PLACEHOLDER = /\{([^{}]+)\}/g;

const valueText = (value: string | number | boolean | null): string =>
  value === null ? '' : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);

/**
 * Checks a mapping against an entity before any file is read: every field it names exists, and no
 * customer identifier is written into it (as a constant or a mapped value), since the mapping is stored.
 */
export function checkMapping(definition: EntityDefinition, mapping: IngestionMapping, file?: string): void {
  const location = file ? { file } : {};
  if (mapping.entity && mapping.entity !== definition.entity) {
    throw new ValidationError(`the mapping is for ${mapping.entity}, not ${definition.entity}`, { ...location, field: 'mapping.entity' });
  }
  const fields = new Map(definition.fields.map((f) => [f.name, f]));
  const fieldOf = (name: string, where: string): FieldDefinition => {
    const field = fields.get(name);
    if (!field) {
      throw new ValidationError(
        `the mapping's ${where} names "${name}", which is not a ${definition.entity} field (fields: ${[...fields.keys()].join(', ')})`,
        { ...location, field: `mapping.${where}` },
      );
    }
    return field;
  };
  const targets = new Map<string, string>();
  for (const [column, target] of Object.entries(mapping.columns)) {
    fieldOf(target, 'columns');
    const earlier = targets.get(target);
    if (earlier !== undefined) {
      throw new ValidationError(`the mapping renames both "${earlier}" and "${column}" to "${target}"`, { ...location, field: 'mapping.columns' });
    }
    targets.set(target, column);
  }
  for (const name of Object.keys(mapping.values)) {
    if (FIELD_KINDS[fieldOf(name, 'values').kind].identifier) {
      throw new ValidationError(`the mapping may not map values of "${name}": identifiers are not written into mappings`, { ...location, field: 'mapping.values' });
    }
  }
  for (const name of Object.keys(mapping.constants)) {
    if (FIELD_KINDS[fieldOf(name, 'constants').kind].identifier) {
      throw new ValidationError(`the mapping may not give "${name}" a constant: identifiers are not written into mappings`, { ...location, field: 'mapping.constants' });
    }
    if (mapping.derived[name]) {
      throw new ValidationError(`the mapping gives "${name}" both a constant and a derivation`, { ...location, field: 'mapping.constants' });
    }
  }
  for (const name of Object.keys(mapping.derived)) fieldOf(name, 'derived');

  // Columns holding customer identifiers may feed only identifier fields (which are pseudonymised).
  const identifierColumns = new Set(
    definition.fields.filter((f) => FIELD_KINDS[f.kind].identifier).map((f) => normaliseColumnName(targets.get(f.name) ?? f.name)),
  );
  const holdsIdentifiers = (column: string) => identifierColumns.has(normaliseColumnName(column));
  if (mapping.where && holdsIdentifiers(mapping.where.column)) {
    throw new ValidationError(
      `the mapping may not filter on column "${mapping.where.column}": it holds customer identifiers, which are not written into mappings`,
      { ...location, field: 'mapping.where' },
    );
  }
  for (const [name, derivation] of Object.entries(mapping.derived)) {
    if (FIELD_KINDS[fieldOf(name, 'derived').kind].identifier) continue;
    const sources = derivation.kind === 'template' ? templateColumns(derivation.template) : [derivation.column];
    const leaking = sources.find(holdsIdentifiers);
    if (leaking !== undefined) {
      throw new ValidationError(
        `the mapping may not derive "${name}" from column "${leaking}": it holds customer identifiers, which are stored only pseudonymised`,
        { ...location, field: 'mapping.derived' },
      );
    }
  }
}

/** The columns a template's `{column}` placeholders name (`{$line}` is not a column). */
function templateColumns(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim()).filter((name) => name !== '$line');
}

function valueMapOf(mapping: IngestionMapping | null, field: string): ReadonlyMap<string, string> | null {
  const valueMap = mapping?.values[field];
  return valueMap ? new Map(Object.entries(valueMap).map(([from, to]) => [from.trim().toLowerCase(), valueText(to)])) : null;
}

function deriver(
  derivation: MappingDerivation,
  columnOf: (name: string, where: string) => number,
): (cells: readonly string[], line: number) => Derived {
  switch (derivation.kind) {
    case 'birth_year_from_age': {
      const column = columnOf(derivation.column, 'derived');
      const referenceYear = Number(derivation.reference_date.slice(0, 4));
      return (cells) => {
        const age = (cells[column] ?? '').trim();
        if (age === '') return { ok: true, text: '' };
        if (!/^\d{1,3}$/.test(age)) return { ok: false, reason: `age "${age.slice(0, 20)}" in column "${derivation.column}" is not a whole number` };
        return { ok: true, text: String(referenceYear - Number(age)) };
      };
    }
    case 'template': {
      // literal text and cell references alternate: [text, column, text, column, …, text]
      const parts: (string | number)[] = [];
      let last = 0;
      for (const match of derivation.template.matchAll(PLACEHOLDER)) {
        parts.push(derivation.template.slice(last, match.index));
        const name = match[1]!.trim();
        parts.push(name === '$line' ? -1 : columnOf(name, 'derived'));
        last = match.index + match[0].length;
      }
      parts.push(derivation.template.slice(last));
      return (cells, line) => {
        let text = '';
        for (const part of parts) {
          if (typeof part === 'string') text += part;
          else if (part === -1) text += String(line);
          else {
            const cell = (cells[part] ?? '').trim();
            if (cell === '') return { ok: true, text: '' };
            text += cell;
          }
        }
        return { ok: true, text };
      };
    }
  }
}

/**
 * Matches a file's columns to the entity's fields, through the mapping if there is one: renamed columns,
 * constants and derivations first, then columns named as a field. Fails before any row is read when the
 * mapping names a column the file lacks or a required field has no source. Header cells are not echoed in
 * messages: a file without a header has a row of data (raw identifiers) there.
 */
export function planColumns(
  definition: EntityDefinition,
  header: readonly string[],
  mapping: IngestionMapping | null,
  file: string,
  /** Adds a column by name (NDJSON: a key later objects may have), for optional fields the header lacks. */
  addColumn?: (name: string) => number,
): ColumnPlan {
  if (mapping) checkMapping(definition, mapping, file);
  const names = header.map(normaliseColumnName);
  const columnIndex = new Map<string, number>();
  names.forEach((name, column) => {
    if (name === '') return;
    if (columnIndex.has(name)) {
      throw new ValidationError(`column "${name}" appears more than once in the header`, { file, line: 1, field: name });
    }
    columnIndex.set(name, column);
  });
  const used = new Set<number>();
  const columnOf = (name: string, where: string): number => {
    const column = columnIndex.get(normaliseColumnName(name));
    if (column === undefined) {
      throw new ValidationError(`the mapping's ${where} names column "${name}", which the file does not have`, { file, field: name });
    }
    used.add(column);
    return column;
  };

  const renamed = new Map<string, number>();
  for (const [column, target] of Object.entries(mapping?.columns ?? {})) renamed.set(target, columnOf(column, 'columns'));
  const renamedColumns = new Set(renamed.values());
  const filter = mapping?.where
    ? { column: columnOf(mapping.where.column, 'where'), values: new Set(mapping.where.in.map((v) => v.trim().toLowerCase())) }
    : null;

  const sources: FieldSource[] = definition.fields.map((field) => {
    const constant = mapping?.constants[field.name];
    if (constant !== undefined) return { kind: 'constant', text: valueText(constant) };
    const derivation = mapping?.derived[field.name];
    if (derivation) return { kind: 'derived', derive: deriver(derivation, columnOf) };
    const sameName = columnIndex.get(field.name);
    const column = renamed.get(field.name) ?? (sameName !== undefined && !renamedColumns.has(sameName) ? sameName : undefined);
    if (column === undefined) return { kind: 'none' };
    used.add(column);
    return { kind: 'column', column, values: valueMapOf(mapping, field.name) };
  });

  const missing = definition.fields.filter((f, i) => f.required && f.default === undefined && sources[i]!.kind === 'none');
  if (missing.length > 0) {
    const recognised = definition.fields.filter((_, i) => sources[i]!.kind !== 'none').map((f) => f.name);
    const found = recognised.length > 0
      ? `it has ${recognised.join(', ')}`
      : `none of its ${header.length} columns is a ${definition.entity} field`;
    throw new ValidationError(
      `not a ${definition.entity} file: required column ${missing.map((m) => `"${m.name}"`).join(', ')} missing from the header (${found})`,
      { file, line: 1, field: missing[0]!.name },
    );
  }

  const ignoredColumns = names.filter((name, column) => name !== '' && !used.has(column)).map((name) => name.slice(0, 64));
  const absentLoadDateFields = definition.fields.filter((f, i) => f.default === LOAD_DATE && sources[i]!.kind === 'none').map((f) => f.name);
  let columnCount = header.length;
  if (addColumn) {
    definition.fields.forEach((field, i) => {
      if (sources[i]!.kind !== 'none') return;
      sources[i] = { kind: 'column', column: addColumn(field.name), values: valueMapOf(mapping, field.name) };
      columnCount++;
    });
  }
  return {
    sources,
    columnCount,
    ignoredColumns: ignoredColumns.slice(0, MAX_IGNORED_COLUMNS),
    filter,
    absentLoadDateFields,
  };
}
